/**
 * A polite live region that shows short messages ("Copied", server notices) for a while.
 * @module announcer
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
 * Uses the template's `[data-announcer]` (or `[data-live]`) region when it has one.
 * @param {Document} doc
 * @returns {Announce}
 */
export const createAnnouncer = (doc) => {
  const region = findOrCreate(doc.body, '[data-announcer], [data-live]', () =>
    h('div', { class: 'tv-toast', role: 'status', 'aria-live': 'polite', 'data-live': true })
  )
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer
  return (text) => {
    clearTimeout(timer)
    region.textContent = text
    region.dataset.visible = 'true'
    timer = setTimeout(() => {
      region.textContent = ''
      delete region.dataset.visible
    }, VISIBLE_MS)
  }
}
