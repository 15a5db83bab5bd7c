/**
 * Tell screen readers that others added notes, politely and in summary: at a seminar two
 * hundred people write at once, so one message per note would drown everything else. At
 * most one message per interval ("3 new notes"), in a live region of its own that is not
 * shown (the toasts stay for what the reader did).
 * @module views/map/arrivals
 */

import { h } from '../../ui/dom.js'
import { plural } from '../../i18n.js'

/** How often, at most, arrivals are announced. */
export const ARRIVALS_INTERVAL_MS = 8000

/**
 * Count notes added by others and announce them once per interval.
 * @param {import('yjs').Map<unknown>} notes the document's `notes` map
 * @param {HTMLElement} parent where the live region goes
 * @param {number} [intervalMs]
 * @returns {HTMLElement} the live region
 */
export const announceArrivals = (notes, parent, intervalMs = ARRIVALS_INTERVAL_MS) => {
  const region = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'data-arrivals': true })
  parent.append(region)
  let count = 0
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer
  const say = () => {
    timer = undefined
    region.textContent = plural('map.arrivals', count)
    count = 0
  }
  notes.observe((event) => {
    if (event.transaction.local) return
    event.changes.keys.forEach((change) => {
      if (change.action === 'add') count += 1
    })
    if (count > 0 && timer === undefined) timer = setTimeout(say, intervalMs)
  })
  return region
}
