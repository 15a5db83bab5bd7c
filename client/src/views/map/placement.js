/**
 * Where each note and cluster is shown: which container, and the containers' sorted contents.
 *
 * A container is a zone's top level (`z:{zone id}`, holding notes and clusters) or a cluster
 * (`c:{cluster id}`, holding notes). Items are keyed `n:{note id}` or `c:{cluster id}`. A note
 * sits in its cluster only while that cluster exists and is shown in the same zone; otherwise
 * it is shown at its zone's top level, so a stale `cluster` never hides a note.
 * @module views/map/placement
 */

import { byOrder } from './model.js'

/**
 * @typedef {object} PlacedItem
 * @property {string} key `n:{id}` or `c:{id}`
 * @property {'note' | 'cluster'} kind
 * @property {string} id
 * @property {string} order
 */

/** @param {string} id */
export const noteKey = (id) => 'n:' + id
/** @param {string} id */
export const clusterKey = (id) => 'c:' + id
/** @param {string} id */
export const zoneContainer = (id) => 'z:' + id
/** @param {string} id */
export const clusterContainer = (id) => 'c:' + id

/**
 * Split an item or container key into its kind letter and id.
 * @param {string} key
 * @returns {{ kind: string, id: string }}
 */
export const splitKey = (key) => ({ kind: key.slice(0, 1), id: key.slice(2) })

export class Placement {
  /**
   * @param {import('./store.js').MapStore} store
   * @param {(id: string) => import('./model.js').NoteData | undefined} lookupNote the store's
   *   note, or a deleted one still open in an editor here
   */
  constructor (store, lookupNote) {
    this.store = store
    this.lookupNote = lookupNote
    /** Container key of each placed note. @type {Map<string, string>} */
    this.noteContainer = new Map()
    /** Zone each cluster is shown in. @type {Map<string, string>} */
    this.clusterZone = new Map()
    /** @type {Map<string, Set<string>>} */
    this.members = new Map()
    /** Containers whose contents or order changed since the last `takeDirty()`. @type {Set<string>} */
    this.dirty = new Set()
    /** The order each placed item had, to skip re-sorting after a text edit. @type {Map<string, string>} */
    this.orders = new Map()
  }

  /**
   * @param {string | undefined} container
   * @param {string} itemKey
   */
  remove (container, itemKey) {
    this.orders.delete(itemKey)
    if (container === undefined) return
    this.members.get(container)?.delete(itemKey)
    this.dirty.add(container)
  }

  /**
   * Put an item into a container; the container needs sorting when the item is new there or
   * its order changed.
   * @param {string} container
   * @param {string} itemKey
   * @param {string} order
   */
  add (container, itemKey, order) {
    let set = this.members.get(container)
    if (set === undefined) {
      set = new Set()
      this.members.set(container, set)
    }
    if (!set.has(itemKey) || this.orders.get(itemKey) !== order) this.dirty.add(container)
    set.add(itemKey)
    this.orders.set(itemKey, order)
  }

  /**
   * Place cluster `id` anew; its container is dirty when it moved or may have been reordered.
   * @param {string} id
   * @returns {boolean} whether the zone it is shown in changed
   */
  placeCluster (id) {
    const key = clusterKey(id)
    const cluster = this.store.clusters.get(id)
    const before = this.clusterZone.get(id)
    const zone = cluster !== undefined ? this.store.shownZone(cluster.zone) : null
    if (zone === null || cluster === undefined) {
      if (before !== undefined) {
        this.remove(zoneContainer(before), key)
        this.clusterZone.delete(id)
      }
      this.members.delete(clusterContainer(id))
      return before !== undefined
    }
    if (before !== zone) {
      if (before !== undefined) this.remove(zoneContainer(before), key)
      this.clusterZone.set(id, zone)
    }
    this.add(zoneContainer(zone), key, cluster.order)
    return before !== zone
  }

  /**
   * The container note `note` is shown in, or `null` (no zones at all).
   * @param {import('./model.js').NoteData} note
   * @returns {string | null}
   */
  containerFor (note) {
    const zone = this.store.shownZone(note.zone)
    if (zone === null) return null
    if (note.cluster !== null && this.clusterZone.get(note.cluster) === zone) {
      return clusterContainer(note.cluster)
    }
    return zoneContainer(zone)
  }

  /**
   * Place note `id` anew.
   * @param {string} id
   * @returns {string | null} its container
   */
  placeNote (id) {
    const key = noteKey(id)
    const note = this.lookupNote(id)
    const before = this.noteContainer.get(id)
    const container = note !== undefined ? this.containerFor(note) : null
    if (container === null || note === undefined) {
      this.remove(before, key)
      this.noteContainer.delete(id)
      return null
    }
    if (before !== container) {
      this.remove(before, key)
      this.noteContainer.set(id, container)
    }
    this.add(container, key, note.order)
    return container
  }

  /**
   * The zone a container is shown in.
   * @param {string} container
   * @returns {string | null}
   */
  zoneOf (container) {
    const { kind, id } = splitKey(container)
    return kind === 'z' ? id : this.clusterZone.get(id) ?? null
  }

  /**
   * How many notes are shown in zone `id`, in clusters or not.
   * @param {string} id
   * @returns {number}
   */
  notesInZone (id) {
    let count = 0
    for (const key of this.members.get(zoneContainer(id)) ?? []) {
      count += key.startsWith('n:') ? 1 : this.members.get(clusterContainer(key.slice(2)))?.size ?? 0
    }
    return count
  }

  /**
   * Notes that name cluster `id`, wherever they are shown.
   * @param {string} id
   * @returns {string[]}
   */
  notesNaming (id) {
    /** @type {string[]} */
    const ids = []
    this.store.notes.forEach((note) => {
      if (note.cluster === id) ids.push(note.id)
    })
    return ids
  }

  /**
   * A container's items in display order.
   * @param {string} container
   * @returns {PlacedItem[]}
   */
  sorted (container) {
    /** @type {PlacedItem[]} */
    const items = []
    for (const key of this.members.get(container) ?? []) {
      const { kind, id } = splitKey(key)
      if (kind === 'n') {
        const note = this.lookupNote(id)
        if (note) items.push({ key, kind: 'note', id, order: note.order })
      } else {
        const cluster = this.store.clusters.get(id)
        if (cluster) items.push({ key, kind: 'cluster', id, order: cluster.order })
      }
    }
    return items.sort((a, b) => byOrder(a, b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  }

  /**
   * The containers changed since the last call.
   * @returns {Set<string>}
   */
  takeDirty () {
    const dirty = this.dirty
    this.dirty = new Set()
    return dirty
  }
}
