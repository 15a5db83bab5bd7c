/**
 * Presence: who is on the board now, from awareness. Shared, never saved. The list on the
 * page is ui/presence-list.js.
 * @module sync/presence
 */

import { t } from '../i18n.js'

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
 * @param {import('../config.js').MeConfig} me
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
