/**
 * A snapshot shown read-only (`/b/{board}?snapshot={id}`): its document, no connection.
 *
 * Nothing here touches the live board: no websocket and no IndexedDB copy, which would merge
 * the live board's offline copy into this old state.
 * @module facilitation/snapshot-view
 */

import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { createOwnership } from '../sync/ownership.js'
import { mountBoardView } from '../views/index.js'
import { formatWhen, snapshotName } from './labels.js'

/**
 * @typedef {object} SnapshotConfig
 * @property {number} id
 * @property {string} label
 * @property {import('../sync/server-messages.js').SnapshotKind} kind
 * @property {string} created
 * @property {string} documentUrl
 */

/**
 * Fetch the snapshot's document and show it with the board's view, read-only.
 * @param {Document} page
 * @param {import('../config.js').PageConfig} config
 * @param {SnapshotConfig} snapshot
 * @param {(text: string) => void} announce
 */
export const startSnapshotPage = async (page, config, snapshot, announce) => {
  const board = config.board
  if (!board) return
  const name = snapshotName({ ...snapshot, counts: {} })
  const strip = page.querySelector('[data-session]')
  if (strip instanceof HTMLElement) {
    strip.replaceChildren(
      h('p', { class: 'tv-session__snapshot', 'data-snapshot-banner': true }, [
        t('snapshot.banner', { label: name, time: formatWhen(snapshot.created, config.lang) })
      ]),
      h('a', { href: `/b/${encodeURIComponent(board.id)}`, class: 'tv-session__panel-toggle' }, [t('snapshot.backToBoard')])
    )
    strip.dataset.snapshot = 'true'
    strip.hidden = false
  }
  // No connection and no one else here: neither the pill nor the presence list applies.
  for (const selector of ['[data-connection-status]', '[data-presence]']) {
    const element = page.querySelector(selector)
    if (element instanceof HTMLElement) element.hidden = true
  }
  const container = page.querySelector('[data-board-view]')
  if (!(container instanceof HTMLElement)) return

  const doc = new Y.Doc()
  try {
    const response = await fetch(snapshot.documentUrl, { credentials: 'same-origin' })
    if (!response.ok) throw new Error(`snapshot document: ${response.status}`)
    Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()))
  } catch (error) {
    console.error('tavle: snapshot not loaded', error)
    container.replaceChildren(h('p', { class: 'fatal', role: 'alert', 'data-snapshot-failed': true }, [t('snapshot.loadFailed')]))
    return
  }
  const view = mountBoardView(container, board.engine || 'notes', {
    doc,
    ownership: createOwnership(),
    announce,
    role: 'facilitator',
    // The projector's layout: the whole board, without editing chrome.
    mode: 'present',
    awareness: new Awareness(doc),
    boardId: board.id,
    send: () => {
      announce(t('snapshot.readOnly'))
      return false
    }
  })
  view.setReadOnly(true)
  container.dataset.snapshotView = String(snapshot.id)
  Object.assign(window, { tavle: { doc } })
}
