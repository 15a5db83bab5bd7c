/**
 * A board's document at one point of its history, shown read-only with the board's own view.
 *
 * Like the snapshot page (facilitation/snapshot-view.js): a fresh Y.Doc, no websocket and no
 * IndexedDB copy, so nothing here can reach the live board.
 * @module history/board-view
 */

import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { createOwnership } from '../sync/ownership.js'
import { mountBoardView } from '../views/index.js'

/** The awareness of the document shown in a container; it runs a timer until destroyed. */
const shownAwareness = /** @type {WeakMap<HTMLElement, Awareness>} */ (new WeakMap())

/**
 * Fetch a document state (one Yjs update).
 * @param {string} url
 * @returns {Promise<Uint8Array>}
 */
export const fetchDocument = async (url) => {
  const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' })
  if (!response.ok) throw new Error(`document ${url}: ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}

/**
 * Show the document `update` in `container` with the view of `engine`, read-only; replaces
 * what was there. Each showing gets a fresh Y.Doc, so no earlier view keeps observing it.
 * @param {HTMLElement} container
 * @param {Uint8Array} update
 * @param {object} options
 * @param {string} options.engine
 * @param {string} options.boardId
 * @param {(text: string) => void} options.announce
 * @returns {import('../views/index.js').BoardView}
 */
export const showDocument = (container, update, { engine, boardId, announce }) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  shownAwareness.get(container)?.destroy()
  const awareness = new Awareness(doc)
  shownAwareness.set(container, awareness)
  const mount = h('div', { class: 'tv-history-board' })
  container.replaceChildren(mount)
  const view = mountBoardView(mount, engine, {
    doc,
    ownership: createOwnership(),
    announce,
    role: 'facilitator',
    // The projector's layout: the whole board, without editing chrome.
    mode: 'present',
    awareness,
    boardId,
    send: () => {
      announce(t('history.readOnly'))
      return false
    }
  })
  view.setReadOnly(true)
  return view
}
