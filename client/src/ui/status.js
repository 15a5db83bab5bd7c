/**
 * The connection pill: `[data-connection-status]` with its state and waiting edits.
 * @module ui/status
 */

import { findOrCreate, h } from './dom.js'
import { plural, t } from '../i18n.js'

/**
 * Show `connection`'s state in `element` and keep it current.
 * @param {HTMLElement} element the server's `[data-connection-status]` (role="status")
 * @param {import('../sync/connection.js').Connection} connection
 */
export const mountStatus = (element, connection) => {
  // The template renders both children; create them only for a page that does not.
  const label = findOrCreate(element, '[data-connection-text]', () => h('span', { 'data-connection-text': true }))
  const pending = findOrCreate(element, '[data-pending-edits]', () =>
    h('span', { 'data-pending-edits': true, hidden: true })
  )

  /** @param {import('../sync/connection.js').ConnectionStatus} status */
  const render = ({ state, pendingEdits }) => {
    element.dataset.state = state
    label.textContent = t(`status.${state}`)
    const showPending = state !== 'connected' && pendingEdits > 0
    pending.hidden = !showPending
    pending.textContent = showPending
      ? plural('status.pending', pendingEdits)
      : ''
  }
  connection.onStatus(render)
  render(connection.status())
}
