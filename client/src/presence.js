/**
 * Presence: who is on the board now, from awareness. Shared, never saved.
 * @module presence
 */

import { h, renderOncePerFrame } from './dom.js'
import { t } from './i18n.js'

/** @typedef {import('y-websocket').WebsocketProvider['awareness']} Awareness */

/**
 * @typedef {object} PresenceUser
 * @property {string} name
 * @property {string} color `#rrggbb`
 * @property {string} role
 */

// Each has at least 4.5:1 contrast on white, so a dot (or text) in it stays visible.
const PALETTE = [
  '#b3261e', '#a0470c', '#7a5c00', '#2e7d32', '#00695c', '#0b6496',
  '#3949ab', '#6a1b9a', '#ad1457', '#5d4037', '#455a64', '#00796b'
]
const MAX_NAME_CHARS = 80
const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/

/**
 * Pick a palette colour from `seed`, the same one every time (FNV-1a hash).
 * @param {string} seed
 * @returns {string}
 */
export const colorFor = (seed) => {
  let hash = 0x811c9dc5
  for (let index = 0; index < seed.length; index++) {
    hash = Math.imul(hash ^ seed.charCodeAt(index), 0x01000193)
  }
  return PALETTE[(hash >>> 0) % PALETTE.length]
}

/**
 * Announce this user in presence as `{name, color, role}` (docs/protocol.md, Awareness).
 * @param {Awareness} awareness
 * @param {import('./config.js').MeConfig} me
 */
export const setLocalUser = (awareness, me) => {
  const role = me.role || 'participant'
  const name = me.name || t(role === 'facilitator' ? 'presence.facilitator' : 'presence.guest')
  /** @type {PresenceUser} */
  const user = { name, color: colorFor(me.participantId || name), role }
  awareness.setLocalStateField('user', user)
}

/**
 * The valid user of an awareness state, or `null`; states come from other clients.
 * @param {unknown} state
 * @returns {PresenceUser | null}
 */
export const userOf = (state) => {
  if (typeof state !== 'object' || state === null) return null
  const user = /** @type {{ user?: unknown }} */ (state).user
  if (typeof user !== 'object' || user === null) return null
  const { name, color, role } = /** @type {Record<string, unknown>} */ (user)
  if (typeof name !== 'string') return null
  return {
    name: name.slice(0, MAX_NAME_CHARS),
    color: typeof color === 'string' && COLOR_PATTERN.test(color) ? color : colorFor(name),
    role: typeof role === 'string' ? role : 'participant'
  }
}

/**
 * Render one person as a presence chip.
 * @param {PresenceUser} user
 * @param {boolean} isSelf
 * @returns {HTMLLIElement}
 */
const renderPerson = (user, isSelf) => {
  const dot = h('span', { class: 'tv-person__dot', 'aria-hidden': 'true' })
  dot.style.backgroundColor = user.color
  // On an anonymous board the server sends everyone's presence without a name.
  const name = user.name || t(user.role === 'facilitator' ? 'presence.facilitator' : 'session.anonymousParticipant')
  const item = h('li', { class: 'tv-person', 'data-presence-name': name, 'data-presence-role': user.role }, [
    dot,
    h('span', { class: 'tv-person__name' }, [name])
  ])
  if (!user.name) item.dataset.anonymous = 'true'
  if (isSelf) {
    item.dataset.self = 'true'
    item.append(' ', h('span', { class: 'tv-person__you' }, [t('presence.you')]))
  }
  // A facilitator without a name is announced as "Facilitator": no need to say it twice.
  if (user.role === 'facilitator' && name !== t('presence.facilitator')) {
    item.append(' ', h('span', { class: 'tv-person__role' }, [t('presence.facilitator')]))
  }
  return item
}

/**
 * Keep `[data-presence-count]` and `ul[data-presence-list]` inside `section` current.
 * @param {HTMLElement} section the server's `[data-presence]`
 * @param {Awareness} awareness
 * @param {string} lang for sorting names
 */
export const mountPresence = (section, awareness, lang) => {
  const count = section.querySelector('[data-presence-count]')
  const list = section.querySelector('ul[data-presence-list]')
  const collator = new Intl.Collator(lang, { sensitivity: 'base' })

  const render = () => {
    const selfId = awareness.clientID
    /** @type {Array<{ user: PresenceUser, isSelf: boolean }>} */
    const people = []
    awareness.getStates().forEach((state, clientId) => {
      const user = userOf(state)
      if (user !== null) people.push({ user, isSelf: clientId === selfId })
    })
    // You first, then facilitators, then everyone by name.
    people.sort(
      (a, b) =>
        Number(b.isSelf) - Number(a.isSelf) ||
        Number(b.user.role === 'facilitator') - Number(a.user.role === 'facilitator') ||
        collator.compare(a.user.name, b.user.name)
    )
    if (count instanceof HTMLElement) {
      count.textContent = String(people.length)
      count.dataset.count = String(people.length)
    }
    if (list instanceof HTMLUListElement) {
      list.replaceChildren(...people.map(({ user, isSelf }) => renderPerson(user, isSelf)))
    }
  }

  // A room filling up sends a burst of changes; draw the list once per frame.
  awareness.on('change', renderOncePerFrame(render))
  render()
}
