/**
 * The session on the board page: the strip on every screen, read-only while locked, refused
 * texts handed back, and the facilitator's panel (docs/protocol.md, Facilitation).
 * @module facilitation
 */

import { createPanel } from './panel.js'
import { mountBanner } from './banner.js'
import { showRefusedTexts } from './refused.js'

/** @typedef {import('../sync/server-messages.js').ServerMessage} ServerMessage */

/**
 * @typedef {object} SessionHooks
 * @property {(message: ServerMessage) => boolean} onMessage handle a facilitation message or a
 *   notice; `false` for messages that are not its own
 * @property {(closed: boolean) => void} setClosed the connection ended for good (already read-only)
 */

/**
 * Mount the session strip (and, for a facilitator's laptop, the panel) on the board page.
 * @param {object} options
 * @param {Document} options.page
 * @param {import('yjs').Doc} options.doc
 * @param {string} options.boardId
 * @param {string} options.lang
 * @param {() => string} options.role the role the server confirmed
 * @param {'edit' | 'present'} options.mode
 * @param {() => import('../views/index.js').BoardView | null} options.view
 * @param {(command: Record<string, unknown>) => boolean} options.send
 * @param {(text: string) => void} options.announce
 * @returns {SessionHooks}
 */
export const mountSession = ({ page, doc, boardId, lang, role, mode, view, send, announce }) => {
  const strip = page.querySelector('[data-session]')
  const facilitator = role() === 'facilitator'
  const banner = strip instanceof HTMLElement ? mountBanner(strip, { doc, facilitator, announce }) : null
  const panel = facilitator && mode === 'edit' ? createPanel({ page, doc, boardId, lang, send, announce }) : null
  if (panel !== null) banner?.tools.append(panel.toggle)
  if (strip instanceof HTMLElement && mode === 'present') strip.dataset.mode = 'present'

  let locked = false
  let closed = false
  const applyReadOnly = () => view()?.setReadOnly(closed || (locked && role() !== 'facilitator'))

  return {
    setClosed: (value) => {
      closed = value
      applyReadOnly()
    },
    onMessage: (message) => {
      switch (message.type) {
        case 'session': {
          banner?.update(message)
          panel?.onSession(message)
          // Only on a change of lock: the view keeps its own read-only state for the phase.
          if (message.locked !== locked) {
            locked = message.locked
            applyReadOnly()
          }
          view()?.onSession?.(message)
          return true
        }
        case 'private':
          view()?.onPrivate?.(message)
          return true
        case 'private_count':
          panel?.onPrivateCount(message)
          return true
        case 'moderation':
          panel?.onModeration(message)
          return true
        case 'snapshots':
          panel?.onSnapshots(message)
          return true
        case 'notice':
          panel?.onNotice(message)
          if (message.texts.length > 0) showRefusedTexts(message)
          else announce(message.message)
          return true
        default:
          return false
      }
    }
  }
}
