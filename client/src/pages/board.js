/**
 * The board page: connect the shared document and mount status, presence and the board view.
 * @module pages/board
 */

import * as Y from 'yjs'
import { t } from '../i18n.js'
import { deleteOfflineCopy, openConnection } from '../sync/connection.js'
import { createOwnership } from '../sync/ownership.js'
import { setLocalUser } from '../sync/presence.js'
import { forgetBoard } from '../sync/storage.js'
import { fatalReason, showFatal } from '../ui/fatal.js'
import { mountPresence } from '../ui/presence-list.js'
import { mountStatus } from '../ui/status.js'
import { mountSession } from '../facilitation/index.js'
import { startSnapshotPage } from '../facilitation/snapshot-view.js'
import { mountBoardView } from '../views/index.js'

/**
 * Find the server-rendered element `selector`, or `null` (the page then does without it).
 * @param {Document} page
 * @param {string} selector
 * @returns {HTMLElement | null}
 */
const slot = (page, selector) => {
  const element = page.querySelector(selector)
  return element instanceof HTMLElement ? element : null
}

/**
 * Start the board page.
 * @param {Document} page
 * @param {import('../config.js').PageConfig} config
 * @param {(text: string) => void} announce
 */
export const startBoardPage = (page, config, announce) => {
  const { board, ws } = config
  if (!board || !ws) {
    console.error('tavle: the board page needs `board` and `ws` in #tavle-config')
    return
  }
  const snapshot = /** @type {{ snapshot?: import('../facilitation/snapshot-view.js').SnapshotConfig | null }} */ (config).snapshot
  if (snapshot) {
    // A snapshot is shown read-only, without connecting to the live board.
    startSnapshotPage(page, config, snapshot, announce)
    return
  }
  /** @type {import('../config.js').MeConfig} */
  let me = config.me || { role: 'participant' }
  const mode = config.view === 'present' ? 'present' : 'edit'
  // The projector is a screen, not a person: it never announces itself in presence, so
  // "Here now" counts the people in the room (issue 12 §6). Presence is per connection,
  // and a connection without a `user` state is listed by no one.
  const presenting = mode === 'present'
  const doc = new Y.Doc()
  const ownership = createOwnership()

  const connection = openConnection({
    doc,
    url: ws.url,
    boardId: board.id,
    token: ws.token,
    onMessage: (message) => {
      switch (message.type) {
        case 'hello':
          // The server has the last word on the role; presence follows it.
          if (message.role !== me.role) {
            me = { ...me, role: message.role }
            if (!presenting) setLocalUser(awareness, me)
          }
          break
        case 'own':
          ownership.apply(message.items, message.replace)
          break
        case 'vote':
          view?.onVote?.(message)
          break
        case 'reactions':
          view?.onReactions?.(message)
          break
        case 'group':
          view?.onGroup?.(message)
          break
        case 'groups':
          view?.onGroups?.(message)
          break
        default:
          // Session, private notes, the facilitator's lists and notices.
          session.onMessage(message)
      }
    }
  })
  const { provider, persistence } = connection
  const awareness = provider.awareness
  if (!presenting) setLocalUser(awareness, me)

  const status = slot(page, '[data-connection-status]')
  if (status) mountStatus(status, connection)
  const presence = slot(page, '[data-presence]')
  if (presence) mountPresence(presence, awareness, config.lang)
  /** @param {Record<string, unknown>} command */
  const send = (command) => {
    const sent = connection.sendCommand(command)
    if (!sent) announce(t('command.offline'))
    return sent
  }
  const viewContainer = slot(page, '[data-board-view]')
  /** @type {import('../views/index.js').BoardView | null} */
  const view = viewContainer
    ? mountBoardView(viewContainer, board.engine || 'notes', {
      doc,
      ownership,
      announce,
      role: me.role,
      mode,
      awareness,
      boardId: board.id,
      send
    })
    : null
  const session = mountSession({
    page,
    doc,
    boardId: board.id,
    lang: config.lang,
    role: () => me.role,
    mode,
    view: () => view,
    send,
    announce
  })

  connection.onClosed((code) => {
    session.setClosed(true)
    if (fatalReason(code).dropLocalCopy) {
      // The board is gone for this user: keep no copy of its content on the device.
      deleteOfflineCopy(board.id, persistence)
      forgetBoard(board.id)
    }
    const fatal = slot(page, '[data-fatal]')
    if (fatal) {
      showFatal(fatal, code, {
        joinUrl: board.joinUrl,
        onReset: async () => {
          await deleteOfflineCopy(board.id, persistence)
          location.reload()
        }
      })
    }
  })

  connection.start()
  // For tests and debugging in the browser console.
  Object.assign(window, { tavle: { doc, provider, awareness } })
}
