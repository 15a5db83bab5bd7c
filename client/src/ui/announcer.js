/**
 * A polite live region that shows short messages ("Copied", server notices) for a while.
 *
 * The message shows as the last row of the sticky site header, never over the page: a toast
 * at the screen's foot covered "Tilføj note" and "Sæt prik" (issue 12). While it shows, the
 * header is taller and the page below moves down rather than slipping under it.
 * @module ui/announcer
 */

import { findOrCreate, h } from './dom.js'

const VISIBLE_MS = 5000

/**
 * @callback Announce
 * @param {string} text
 * @returns {void}
 */

/**
 * Set up the page's live region now (screen readers ignore regions created with their text).
 *
 * Uses the template's `[data-announcer]` (or `[data-live]`) region when it has one; else the
 * toast goes into the site header (or the body, on a page without one).
 * @param {Document} doc
 * @returns {Announce}
 */
export const createAnnouncer = (doc) => {
  const header = doc.querySelector('.site-header')
  const existing = doc.querySelector('[data-announcer], [data-live]')
  const region = existing instanceof HTMLElement
    ? existing
    : findOrCreate(header instanceof HTMLElement ? header : doc.body, '[data-live]', () =>
      h('div', { class: 'tv-toast', role: 'status', 'aria-live': 'polite', 'data-live': true })
    )
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer
  /** @param {boolean} shown */
  const show = (shown) => {
    if (shown) region.dataset.visible = 'true'
    else delete region.dataset.visible
    // Chrome would keep what is on screen in place and let the taller header cover its top
    // (scroll anchoring); while a toast shows, the page moves down instead (board.css).
    if (shown) doc.body.dataset.toast = 'true'
    else delete doc.body.dataset.toast
  }
  return (text) => {
    clearTimeout(timer)
    region.textContent = text
    show(true)
    timer = setTimeout(() => {
      region.textContent = ''
      show(false)
    }, VISIBLE_MS)
  }
}
