/**
 * A plain-data mirror of the map document that re-reads only the items a transaction touched.
 * @module views/map/store
 */

import * as Y from 'yjs'
import { byOrder, readCluster, readNote, readZone } from './model.js'

/**
 * What changed since the last `take()`: ids of zones, notes and clusters to re-read.
 * @typedef {object} Changes
 * @property {Set<string>} zones
 * @property {Set<string>} notes
 * @property {Set<string>} clusters
 */

/**
 * Collect the ids an event batch touched: keys of the root map itself, or the key of the
 * item map a nested change happened in.
 * @param {Y.Map<unknown>} root
 * @param {Array<Y.YEvent<any>>} events
 * @param {Set<string>} into
 */
const collectIds = (root, events, into) => {
  for (const event of events) {
    if (event.target === root) {
      for (const key of event.changes.keys.keys()) into.add(key)
    } else if (event.path.length > 0) {
      into.add(String(event.path[0]))
    }
  }
}

export class MapStore {
  /** @param {Y.Doc} doc */
  constructor (doc) {
    this.doc = doc
    /** @type {Y.Map<unknown>} */
    this.zonesMap = doc.getMap('zones')
    /** @type {Y.Map<unknown>} */
    this.notesMap = doc.getMap('notes')
    /** @type {Y.Map<unknown>} */
    this.clustersMap = doc.getMap('clusters')
    /** @type {Map<string, import('./model.js').ZoneData>} */
    this.zones = new Map()
    /** @type {Map<string, import('./model.js').NoteData>} */
    this.notes = new Map()
    /** @type {Map<string, import('./model.js').ClusterData>} */
    this.clusters = new Map()
    /** Zones in display order. @type {import('./model.js').ZoneData[]} */
    this.zoneList = []
    /** @type {Changes} */
    this.pending = { zones: new Set(), notes: new Set(), clusters: new Set() }
    /**
     * Whose notes this screen shows (table groups): a group's id, `null` for the plenum's
     * (notes without a group), or `undefined` for every note.
     * @type {string | null | undefined}
     */
    this.space = null
  }

  /**
   * Show the notes of one space only (see `space`), re-reading every note.
   * @param {string | null | undefined} space
   */
  setSpace (space) {
    if (space === this.space) return
    this.space = space
    this.notesMap.forEach((_value, id) => this.pending.notes.add(id))
  }

  /**
   * Every note of the document, in any space (the facilitator's side-by-side view of groups).
   * @returns {import('./model.js').NoteData[]}
   */
  allNotes () {
    /** @type {import('./model.js').NoteData[]} */
    const notes = []
    this.notesMap.forEach((value, id) => {
      if (value instanceof Y.Map) notes.push(readNote(id, value))
    })
    return notes
  }

  /**
   * Track changes to the document; `onChange(local)` runs once after each transaction that
   * made some, when all three maps have been observed (so a note never lands in a cluster
   * this mirror has not read yet).
   * @param {(local: boolean) => void} onChange
   */
  observe (onChange) {
    this.zonesMap.observeDeep((events) => collectIds(this.zonesMap, events, this.pending.zones))
    this.notesMap.observeDeep((events) => collectIds(this.notesMap, events, this.pending.notes))
    this.clustersMap.observeDeep((events) => collectIds(this.clustersMap, events, this.pending.clusters))
    this.doc.on('afterTransaction', (transaction) => {
      if (this.hasPending()) onChange(transaction.local)
    })
  }

  /** Whether changes wait for `take()`. */
  hasPending () {
    const { zones, notes, clusters } = this.pending
    return zones.size > 0 || notes.size > 0 || clusters.size > 0
  }

  /**
   * Mark note `id` as changed, to draw it again.
   * @param {string} id
   */
  touchNote (id) {
    this.pending.notes.add(id)
  }

  /** Mark every note as changed (what is drawn with them changed, e.g. ownership). */
  touchNotes () {
    this.notes.forEach((_note, id) => this.pending.notes.add(id))
  }

  /** Mark every item as changed, for the first render. */
  markAll () {
    this.zonesMap.forEach((_value, id) => this.pending.zones.add(id))
    this.notesMap.forEach((_value, id) => this.pending.notes.add(id))
    this.clustersMap.forEach((_value, id) => this.pending.clusters.add(id))
  }

  /**
   * Re-read the items changed since the last call and hand over their ids.
   * @returns {Changes}
   */
  take () {
    const changes = this.pending
    this.pending = { zones: new Set(), notes: new Set(), clusters: new Set() }
    for (const id of changes.zones) {
      const value = this.zonesMap.get(id)
      if (value instanceof Y.Map) this.zones.set(id, readZone(id, value))
      else this.zones.delete(id)
    }
    if (changes.zones.size > 0) this.zoneList = [...this.zones.values()].sort(byOrder)
    for (const id of changes.notes) {
      const value = this.notesMap.get(id)
      const note = value instanceof Y.Map ? readNote(id, value) : null
      if (note !== null && (this.space === undefined || note.group === this.space)) this.notes.set(id, note)
      else this.notes.delete(id)
    }
    for (const id of changes.clusters) {
      const value = this.clustersMap.get(id)
      if (value instanceof Y.Map) this.clusters.set(id, readCluster(id, value))
      else this.clusters.delete(id)
    }
    return changes
  }

  /**
   * The zone id a note or cluster that names `zoneId` is shown in: that zone, or the first
   * one when it is gone (a zone removed while someone wrote into it), or `null` without zones.
   * @param {string} zoneId
   * @returns {string | null}
   */
  shownZone (zoneId) {
    if (this.zones.has(zoneId)) return zoneId
    return this.zoneList.length > 0 ? this.zoneList[0].id : null
  }

  /**
   * The Y.Map of an item, or `undefined`.
   * @param {'zones' | 'notes' | 'clusters'} root
   * @param {string} id
   * @returns {Y.Map<unknown> | undefined}
   */
  itemMap (root, id) {
    const map = root === 'zones' ? this.zonesMap : root === 'notes' ? this.notesMap : this.clustersMap
    const value = map.get(id)
    return value instanceof Y.Map ? value : undefined
  }
}
