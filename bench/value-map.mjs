/**
 * The value map as the note scenarios need it: its zones (read from the kind's own
 * template, `boards/kinds/value-map.json`), a note as a phone writes it, and getting a
 * board ready to be written into.
 *
 * A phone adds a note as `views/map/actions.js` does (`addNote`): a `Y.Map` under a fresh
 * 12-character id in the `notes` root, holding `text`, `zone` (a zone of the board),
 * `order` (a fractional-index key after the last item of that zone, as the phone sees
 * the board), `color` (one of the layout's choices, `boards/layout.py`) and `created`.
 * Tavle's guard holds each to the `map` engine's layout and records its author, so the
 * load is the work a seminar's phones give it.
 *
 * @module value-map
 */

import { randomInt } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'

import { BENCH_MAP } from './clients.mjs'
import { writeThrough } from './full-client.mjs'
import { REPO_DIR } from './servers.mjs'

/** The board kind Tavle seeds with the value map's zones (also its default kind). */
export const VALUE_MAP_KIND = 'value-map'

/** A note's colours: the layout's choices (`boards/layout.py`, `MAP_NOTE`), as the client's `NOTE_COLORS`. */
export const NOTE_COLORS = /** @type {const} */ (['yellow', 'green', 'blue', 'pink', 'orange', 'purple'])

/** The root the zones live in. */
const ZONES_ROOT = 'zones'

// The client's item ids (`client/src/sync/ids.js`): 12 symbols of 64, one random byte each.
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
const ITEM_ID_LENGTH = 12

/** @typedef {{ id: string, title: string, question: string }} ValueMapZone */

/** @type {ValueMapZone[] | null} */
let zones = null

/**
 * Return the template's zones in order (Danish texts, as a board is seeded by default).
 *
 * @returns {ValueMapZone[]}
 */
export function valueMapZones () {
  if (zones === null) {
    const kind = JSON.parse(readFileSync(join(REPO_DIR, 'boards', 'kinds', `${VALUE_MAP_KIND}.json`), 'utf8'))
    zones = kind.zones.map((/** @type {any} */ zone) => ({ id: zone.id, title: zone.title.da, question: zone.question.da }))
  }
  return /** @type {ValueMapZone[]} */ (zones)
}

/**
 * Return a new item id as the client makes one (`createItemId`).
 *
 * @returns {string}
 */
export function createItemId () {
  return Array.from({ length: ITEM_ID_LENGTH }, () => ID_ALPHABET[randomInt(64)]).join('')
}

/**
 * Return the order key after `last`, as the client's `keyAfter` does: a fresh key when
 * there is no last item or its key is unreadable.
 *
 * @param {string | null} last
 * @returns {string}
 */
function keyAfter (last) {
  try {
    return generateKeyBetween(last, null)
  } catch {
    return generateKeyBetween(null, null)
  }
}

/**
 * Where a phone puts its next note: the end of a zone, as its own copy of the board
 * shows it. Keeps the last order key of each zone's notes, from every note that enters
 * the document (its own and everyone else's) in the phone's space: in table groups a
 * phone shows, and adds to, its own group's notes only (`group`; docs/protocol.md,
 * "Table groups"), otherwise the notes without a group.
 */
export class NotePlacer {
  /**
   * @param {Y.Doc} doc
   * @param {string | null} [group] the table group this phone writes in (null: none)
   */
  constructor (doc, group = null) {
    this.doc = doc
    this.group = group
    this.notes = doc.getMap(BENCH_MAP)
    /** @type {Map<string, string>} zone id -> the largest order key of its notes */
    this.lastOrder = new Map()
    for (const value of this.notes.values()) this.#take(value)
    this.handler = (/** @type {Y.YMapEvent<unknown>} */ event) => {
      for (const key of event.keysChanged) this.#take(this.notes.get(key))
    }
    this.notes.observe(this.handler)
  }

  /** @param {unknown} note */
  #take (note) {
    if (!(note instanceof Y.Map)) return
    const zone = note.get('zone')
    const order = note.get('order')
    if (typeof zone !== 'string' || typeof order !== 'string' || note.has('cluster')) return
    if ((note.get('group') ?? null) !== this.group) return
    const last = this.lastOrder.get(zone)
    if (last === undefined || order > last) this.lastOrder.set(zone, order)
  }

  /**
   * Add a note with `text` at the end of a zone (a random one unless given), in a colour
   * from the layout's choices, in the phone's group if it has one; return its id. One
   * transaction, as `addNote` is.
   *
   * @param {string} text
   * @param {string} [zone]
   * @returns {string}
   */
  add (text, zone) {
    const zoneIds = valueMapZones()
    const at = zone ?? zoneIds[randomInt(zoneIds.length)].id
    const id = createItemId()
    /** @type {Array<[string, unknown]>} */
    const fields = [
      ['text', text],
      ['zone', at],
      ['order', keyAfter(this.lastOrder.get(at) ?? null)],
      ['color', NOTE_COLORS[randomInt(NOTE_COLORS.length)]],
      ['created', Date.now()]
    ]
    if (this.group !== null) fields.push(['group', this.group])
    this.notes.set(id, new Y.Map(fields))
    return id
  }

  /** Stop following the document. */
  close () {
    this.notes.unobserve(this.handler)
  }
}

/**
 * Write the value map's zones as Tavle seeds them (`boards/engines.py`, `_seed_zones`), for
 * a server that knows no board kinds: the reference starts every board as an empty
 * document. Does nothing when the document has zones (Tavle seeded them at creation; a
 * participant may not write them).
 *
 * @param {Y.Doc} doc
 */
export function seedZones (doc) {
  const zonesMap = doc.getMap(ZONES_ROOT)
  if (zonesMap.size > 0) return
  doc.transact(() => {
    valueMapZones().forEach((zone, index) => {
      zonesMap.set(zone.id, new Y.Map(/** @type {Array<[string, unknown]>} */ ([
        ['title', zone.title],
        ['question', zone.question],
        // `zone_order_key`: "a" and one base-62 digit, for at most 62 zones.
        ['order', `a${'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[index]}`]
      ])))
    })
  })
}

/**
 * Say whether a document holds every zone of the value map.
 *
 * @param {Y.Doc} doc
 * @returns {boolean}
 */
export function hasZones (doc) {
  const zonesMap = doc.getMap(ZONES_ROOT)
  return valueMapZones().every(({ id }) => zonesMap.has(id))
}

/**
 * Make a value map ready to write into: seed its zones if the server did not (the
 * reference), and wait until a second client sees them.
 *
 * @param {import('./clients.mjs').BoardContext} context
 * @param {string} writerToken
 * @param {string} checkerToken
 */
export async function prepareValueMap (context, writerToken, checkerToken) {
  const done = await writeThrough(context, writerToken, checkerToken, seedZones, hasZones)
  if (!done) throw new Error('the value map did not show its zones in time')
}
