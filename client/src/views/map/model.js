/**
 * The `map` engine's document as plain data: reading its maps, sorting, order keys.
 *
 * Document layout (docs/formats.md): root maps `zones`, `notes`, `clusters`, each id ->
 * Y.Map. Everything here is pure; values written by other clients are checked, never trusted.
 * @module views/map/model
 */

import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing'

/** The colours a note may have, in the order the colour pickers show them. */
export const NOTE_COLORS = /** @type {const} */ (['yellow', 'green', 'blue', 'pink', 'orange', 'purple'])

/** @typedef {typeof NOTE_COLORS[number]} NoteColor */

/** The longest zone title or cluster name the fields accept, in characters. */
export const TITLE_MAX_CHARS = 120

/** The longest guiding question the field accepts, in characters. */
export const QUESTION_MAX_CHARS = 300

/**
 * @typedef {object} ZoneData
 * @property {string} id
 * @property {string} title
 * @property {string} question
 * @property {string} order
 *
 * @typedef {object} NoteData
 * @property {string} id
 * @property {string} text
 * @property {string} zone the zone id as written; it may name a zone that is gone
 * @property {string} order
 * @property {NoteColor} color
 * @property {number} created
 * @property {string | null} cluster
 * @property {string | null} group the table group whose space it is in; `null`: the plenum's
 *
 * @typedef {object} ClusterData
 * @property {string} id
 * @property {string} title
 * @property {string} zone
 * @property {string} order
 */

/**
 * A string field of `map`, or `fallback`.
 * @param {import('yjs').Map<unknown>} map
 * @param {string} key
 * @param {string} [fallback]
 * @returns {string}
 */
const text = (map, key, fallback = '') => {
  const value = map.get(key)
  return typeof value === 'string' ? value : fallback
}

/**
 * Whether `value` is one of NOTE_COLORS.
 * @param {unknown} value
 * @returns {value is NoteColor}
 */
export const isNoteColor = (value) => typeof value === 'string' && NOTE_COLORS.some((color) => color === value)

/**
 * @param {string} id
 * @param {import('yjs').Map<unknown>} map
 * @returns {ZoneData}
 */
export const readZone = (id, map) => ({
  id,
  title: text(map, 'title'),
  question: text(map, 'question'),
  order: text(map, 'order')
})

/**
 * @param {string} id
 * @param {import('yjs').Map<unknown>} map
 * @returns {NoteData}
 */
export const readNote = (id, map) => {
  const color = map.get('color')
  const created = map.get('created')
  const cluster = map.get('cluster')
  const group = map.get('group')
  return {
    id,
    text: text(map, 'text'),
    zone: text(map, 'zone'),
    order: text(map, 'order'),
    color: isNoteColor(color) ? color : 'yellow',
    created: typeof created === 'number' && Number.isFinite(created) ? created : 0,
    cluster: typeof cluster === 'string' && cluster !== '' ? cluster : null,
    group: typeof group === 'string' && group !== '' ? group : null
  }
}

/**
 * @param {string} id
 * @param {import('yjs').Map<unknown>} map
 * @returns {ClusterData}
 */
export const readCluster = (id, map) => ({
  id,
  title: text(map, 'title'),
  zone: text(map, 'zone'),
  order: text(map, 'order')
})

/**
 * Sort by fractional index, then id, so every client shows the same order (code-unit
 * comparison, as fractional-indexing's keys are made for).
 * @param {{ id: string, order: string }} a
 * @param {{ id: string, order: string }} b
 * @returns {number}
 */
export const byOrder = (a, b) =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * A key strictly between `before` and `after` (`null` for an open end), or `null` when there
 * is none: equal or inverted neighbours, or a key fractional-indexing cannot read.
 * @param {string | null} before
 * @param {string | null} after
 * @returns {string | null}
 */
export const keyBetween = (before, after) => {
  if (before !== null && after !== null && before >= after) return null
  try {
    return generateKeyBetween(before, after)
  } catch {
    return null
  }
}

/**
 * A key after `last` (the end of a list), even when `last` is unreadable.
 * @param {string | null} last
 * @returns {string}
 */
export const keyAfter = (last) => keyBetween(last, null) ?? generateKeyBetween(null, null)

/**
 * @typedef {object} OrderWrite
 * @property {string} key the item's key in its container (`n:{id}` or `c:{id}`)
 * @property {string} order
 */

/**
 * Plan the order writes that put an item at `index` in `siblings` (sorted, the item not among
 * them): one write normally; when the neighbours share a key or hold unreadable ones, fresh
 * keys for the whole list, so the result is exact (a facilitator's tidy-up, see actions.js).
 * @param {Array<{ key: string, order: string }>} siblings
 * @param {number} index 0 … siblings.length
 * @param {string} itemKey
 * @returns {OrderWrite[]}
 */
export const planOrder = (siblings, index, itemKey) => {
  const before = index > 0 ? siblings[index - 1].order : null
  const after = index < siblings.length ? siblings[index].order : null
  const order = keyBetween(before, after)
  if (order !== null) return [{ key: itemKey, order }]
  const keys = siblings.map((sibling) => sibling.key)
  keys.splice(index, 0, itemKey)
  const orders = generateNKeysBetween(null, null, keys.length)
  return keys.map((key, position) => ({ key, order: orders[position] }))
}

/**
 * `count` fresh keys in sequence, for items placed together (a new cluster's notes).
 * @param {number} count
 * @returns {string[]}
 */
export const freshKeys = (count) => generateNKeysBetween(null, null, count)
