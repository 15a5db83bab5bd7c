/**
 * The projector's join screen: keeps the count of who has joined up to date.
 * @module pages/join-screen
 */

import { plural, t } from '../i18n.js'

const POLL_INTERVAL_MS = 2000

/**
 * @typedef {object} People
 * @property {number} joined
 * @property {number} online
 * @property {boolean} joining_open
 */

/**
 * Poll the people address and show the count and whether joining is open.
 * @param {Document} document
 * @param {{ people_url?: unknown }} config
 */
export const startJoinScreen = (document, config) => {
  const url = typeof config.people_url === 'string' ? config.people_url : null
  const count = document.querySelector('[data-people-count]')
  const closed = document.querySelector('[data-joining-closed]')
  if (url === null || !(count instanceof HTMLElement) || !(closed instanceof HTMLElement)) return

  const refresh = async () => {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' })
      if (!response.ok) return
      /** @type {People} */
      const people = await response.json()
      const joined = plural('join_screen.joined', people.joined)
      count.textContent = `${joined} · ${t('join_screen.online', { count: people.online })}`
      count.dataset.joined = String(people.joined)
      closed.hidden = people.joining_open
    } catch {
      // The next poll tries again; a projector should not show a network error.
    }
  }
  refresh()
  window.setInterval(refresh, POLL_INTERVAL_MS)
}
