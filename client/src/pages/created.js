/**
 * The "board created" page: remember the new board in this browser.
 * @module pages/created
 */

import { saveBoard } from '../sync/storage.js'

/**
 * Save the just-created board to "my boards".
 * @param {import('../config.js').PageConfig} config
 */
export const startCreatedPage = (config) => {
  const board = config.board
  if (!board || !board.facilitatorUrl) return
  saveBoard({
    id: board.id,
    title: board.title,
    joinCode: board.joinCode || '',
    joinUrl: board.joinUrl || '',
    facilitatorUrl: board.facilitatorUrl,
    created: board.created || new Date().toISOString()
  })
}
