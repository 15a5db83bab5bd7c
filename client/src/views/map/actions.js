/**
 * Every write the map view makes to the document, each in one transaction.
 *
 * A move sets `zone`, `order` (and `cluster`) on the one note map, never a delete and insert
 * (docs/formats.md). Notes carry no author: ownership comes from the server's `own` messages.
 * @module views/map/actions
 */

import * as Y from 'yjs'
import { generateNKeysBetween } from 'fractional-indexing'
import { createItemId } from '../../sync/ids.js'
import { t } from '../../i18n.js'
import { freshKeys, keyAfter, planOrder } from './model.js'
import { clusterContainer, clusterKey, noteKey, splitKey, zoneContainer } from './placement.js'

/**
 * `count` keys between two neighbours, or `null` when there are none (equal or unreadable keys).
 * @param {string | null} before
 * @param {string | null} after
 * @param {number} count
 * @returns {string[] | null}
 */
const keysBetween = (before, after, count) => {
  if (before !== null && after !== null && before >= after) return null
  try {
    return generateNKeysBetween(before, after, count)
  } catch {
    return null
  }
}

/**
 * Set `key` on `map` unless it already holds `value`, so no-op writes send nothing.
 * @param {Y.Map<unknown>} map
 * @param {string} key
 * @param {unknown} value
 */
const put = (map, key, value) => {
  if (map.get(key) !== value) map.set(key, value)
}

/**
 * @param {object} options
 * @param {import('./store.js').MapStore} options.store
 * @param {import('./placement.js').Placement} options.placement
 * @param {import('../../sync/ownership.js').Ownership} options.ownership
 */
export const createActions = ({ store, placement, ownership }) => {
  const { doc } = store

  /** @param {string} container */
  const zoneOfContainer = (container) => placement.zoneOf(container)

  /**
   * Write the orders `planOrder` chose (for notes or clusters).
   * @param {import('./model.js').OrderWrite[]} writes
   */
  const writeOrders = (writes) => {
    for (const { key, order } of writes) {
      const { kind, id } = splitKey(key)
      const map = store.itemMap(kind === 'n' ? 'notes' : 'clusters', id)
      if (map) put(map, 'order', order)
    }
  }

  /**
   * Put note `id` at `index` of `container` (index among the container's other items).
   * Appending writes only the note: a participant may not reorder anyone else's.
   * @param {string} id
   * @param {string} container
   * @param {number} index
   */
  const placeNote = (id, container, index) => {
    const map = store.itemMap('notes', id)
    const zone = zoneOfContainer(container)
    if (!map || zone === null) return
    const siblings = placement.sorted(container).filter((item) => item.key !== noteKey(id))
    const writes = index >= siblings.length
      ? [{ key: noteKey(id), order: keyAfter(siblings.length > 0 ? siblings[siblings.length - 1].order : null) }]
      : planOrder(siblings, index, noteKey(id))
    doc.transact(() => {
      put(map, 'zone', zone)
      const { kind, id: clusterId } = splitKey(container)
      if (kind === 'c') put(map, 'cluster', clusterId)
      else if (map.has('cluster')) map.delete('cluster')
      writeOrders(writes)
    })
  }

  /**
   * Put notes `ids` into cluster `cluster` of `zone`, the nth at `orders[n]` (inside a transaction).
   * @param {string[]} ids
   * @param {string} zone
   * @param {string} cluster
   * @param {string[]} orders
   */
  const putInCluster = (ids, zone, cluster, orders) => {
    ids.forEach((noteId, position) => {
      const map = store.itemMap('notes', noteId)
      if (!map) return
      put(map, 'zone', zone)
      put(map, 'cluster', cluster)
      put(map, 'order', orders[position])
    })
  }

  /**
   * The order after the last item at `zone`'s top level.
   * @param {string} zone
   * @returns {string}
   */
  const endOfZone = (zone) => {
    const items = placement.sorted(zoneContainer(zone))
    return keyAfter(items.length > 0 ? items[items.length - 1].order : null)
  }

  return {
    endOfZone,

    /**
     * Add a note at the end of `zone`; returns its id.
     * @param {{ text: string, zone: string, color: string }} note
     * @returns {string}
     */
    addNote: ({ text, zone, color }) => {
      const id = createItemId()
      ownership.addLocal(id)
      /** @type {Array<[string, unknown]>} */
      const fields = [['text', text], ['zone', zone], ['order', endOfZone(zone)], ['color', color], ['created', Date.now()]]
      // In table groups a note goes into the space this screen shows (server/rules/guard.py).
      if (typeof store.space === 'string') fields.push(['group', store.space])
      store.notesMap.set(id, new Y.Map(fields))
      return id
    },

    /**
     * Save an edited note; a note someone deleted meanwhile comes back under its id.
     * @param {import('./model.js').NoteData} note the note as the editor opened it
     * @param {import('./note-card.js').NoteEdit} edit
     */
    saveNote: (note, edit) => {
      const map = store.itemMap('notes', note.id)
      if (!map) {
        const zone = store.shownZone(edit.zone ?? note.zone)
        if (zone === null) return
        store.notesMap.set(note.id, new Y.Map(/** @type {Array<[string, unknown]>} */ ([
          ['text', edit.text], ['zone', zone], ['order', endOfZone(zone)], ['color', edit.color], ['created', note.created || Date.now()]
        ])))
        return
      }
      doc.transact(() => {
        put(map, 'text', edit.text)
        put(map, 'color', edit.color)
        if (edit.zone !== null && store.zones.has(edit.zone)) {
          const siblings = placement.sorted(zoneContainer(edit.zone))
          placeNote(note.id, zoneContainer(edit.zone), siblings.length)
        }
      })
    },

    /** @param {string} id */
    deleteNote: (id) => {
      store.notesMap.delete(id)
    },

    /**
     * Drop note `id` into `container` before item `beforeKey` (`null`: at the end).
     * @param {string} id
     * @param {string} container
     * @param {string | null} beforeKey
     */
    dropNote: (id, container, beforeKey) => {
      const siblings = placement.sorted(container).filter((item) => item.key !== noteKey(id))
      const index = beforeKey === null ? siblings.length : siblings.findIndex((item) => item.key === beforeKey)
      placeNote(id, container, index < 0 ? siblings.length : index)
    },

    /**
     * Move note `id` to the end of `zone`, out of any cluster.
     * @param {string} id
     * @param {string} zone
     */
    moveNoteToZone: (id, zone) => {
      if (!store.zones.has(zone)) return
      placeNote(id, zoneContainer(zone), Number.MAX_SAFE_INTEGER)
    },

    /**
     * Move note `id` one place up or down; at a cluster's ends it steps out of the cluster.
     * @param {string} id
     * @param {-1 | 1} step
     * @returns {boolean} whether it moved
     */
    moveNoteBy: (id, step) => {
      const container = placement.noteContainer.get(id)
      if (container === undefined) return false
      const items = placement.sorted(container)
      const index = items.findIndex((item) => item.key === noteKey(id))
      const target = index + step
      if (target >= 0 && target < items.length) {
        placeNote(id, container, target)
        return true
      }
      const { kind, id: clusterId } = splitKey(container)
      const zone = zoneOfContainer(container)
      if (kind !== 'c' || zone === null) return false
      const zoneItems = placement.sorted(zoneContainer(zone))
      const at = zoneItems.findIndex((item) => item.key === clusterKey(clusterId))
      placeNote(id, zoneContainer(zone), step < 0 ? at : at + 1)
      return true
    },

    /**
     * Make a cluster named `title` of `ids` (in display order), where the first of them is.
     * @param {string[]} ids
     * @param {string} title
     * @returns {string | null} the cluster's id
     */
    group: (ids, title) => {
      const notes = ids.filter((id) => store.notes.has(id) && placement.noteContainer.has(id))
      if (notes.length === 0) return null
      const firstContainer = /** @type {string} */ (placement.noteContainer.get(notes[0]))
      const zone = zoneOfContainer(firstContainer)
      if (zone === null) return null
      const anchor = firstContainer.startsWith('c:') ? firstContainer : noteKey(notes[0])
      const moving = new Set(notes.map(noteKey))
      const zoneItems = placement.sorted(zoneContainer(zone))
      const siblings = zoneItems.filter((item) => !moving.has(item.key))
      const anchorAt = zoneItems.findIndex((item) => item.key === anchor)
      const index = zoneItems.slice(0, Math.max(anchorAt, 0)).filter((item) => !moving.has(item.key)).length
      const id = createItemId()
      const writes = planOrder(siblings, index, clusterKey(id))
      const orders = freshKeys(notes.length)
      doc.transact(() => {
        const own = writes.find((write) => write.key === clusterKey(id))
        store.clustersMap.set(id, new Y.Map(/** @type {Array<[string, unknown]>} */ ([
          ['title', title], ['zone', zone], ['order', own ? own.order : keyAfter(null)]
        ])))
        writeOrders(writes.filter((write) => write.key !== clusterKey(id)))
        putInCluster(notes, zone, id, orders)
      })
      return id
    },

    /**
     * Append `ids` (in display order) to cluster `id`.
     * @param {string} id
     * @param {string[]} ids
     */
    addToCluster: (id, ids) => {
      const zone = placement.clusterZone.get(id)
      if (zone === undefined || ids.length === 0) return
      const moving = new Set(ids.map(noteKey))
      const members = placement.sorted(clusterContainer(id)).filter((item) => !moving.has(item.key))
      const last = members.length > 0 ? members[members.length - 1].order : null
      const orders = keysBetween(last, null, ids.length) ?? freshKeys(members.length + ids.length).slice(members.length)
      doc.transact(() => {
        if (keysBetween(last, null, 1) === null) {
          // Unreadable keys in the cluster: number it afresh, members first.
          const fresh = freshKeys(members.length + ids.length)
          writeOrders(members.map((item, position) => ({ key: item.key, order: fresh[position] })))
        }
        putInCluster(ids, zone, id, orders)
      })
    },

    /**
     * @param {string} id
     * @param {string} title
     */
    renameCluster: (id, title) => {
      const map = store.itemMap('clusters', id)
      if (map) put(map, 'title', title)
    },

    /**
     * Remove cluster `id`; its notes stay where it stood, in its order.
     * @param {string} id
     */
    dissolveCluster: (id) => {
      const zone = placement.clusterZone.get(id)
      const members = placement.sorted(clusterContainer(id))
      doc.transact(() => {
        if (zone !== undefined) {
          const zoneItems = placement.sorted(zoneContainer(zone))
          const at = zoneItems.findIndex((item) => item.key === clusterKey(id))
          const before = at > 0 ? zoneItems[at - 1].order : null
          const after = at >= 0 && at + 1 < zoneItems.length ? zoneItems[at + 1].order : null
          const orders = keysBetween(before, after, members.length)
          if (orders !== null) {
            writeOrders(members.map((item, position) => ({ key: item.key, order: orders[position] })))
          } else {
            const sequence = [...zoneItems.slice(0, Math.max(at, 0)), ...members, ...zoneItems.slice(at + 1)]
            const fresh = freshKeys(sequence.length)
            writeOrders(sequence.map((item, position) => ({ key: item.key, order: fresh[position] })))
          }
        }
        // Every note that names it, also those shown elsewhere: the name would dangle.
        for (const noteId of placement.notesNaming(id)) store.itemMap('notes', noteId)?.delete('cluster')
        store.clustersMap.delete(id)
      })
    },

    /**
     * Add a zone at the end; returns its id.
     * @returns {string}
     */
    addZone: () => {
      const id = createItemId()
      const zones = store.zoneList
      store.zonesMap.set(id, new Y.Map(/** @type {Array<[string, unknown]>} */ ([
        ['title', t('map.zone.newTitle')], ['question', ''], ['order', keyAfter(zones.length > 0 ? zones[zones.length - 1].order : null)]
      ])))
      return id
    },

    /**
     * @param {string} id
     * @param {{ title: string, question: string }} fields
     */
    updateZone: (id, { title, question }) => {
      const map = store.itemMap('zones', id)
      if (!map) return
      doc.transact(() => {
        put(map, 'title', title)
        put(map, 'question', question)
      })
    },

    /**
     * Move zone `id` one place left or right.
     * @param {string} id
     * @param {-1 | 1} step
     */
    moveZone: (id, step) => {
      const zones = store.zoneList.map((zone) => ({ key: 'z:' + zone.id, order: zone.order }))
      const index = zones.findIndex((zone) => zone.key === 'z:' + id)
      const target = index + step
      if (index < 0 || target < 0 || target >= zones.length) return
      const siblings = zones.filter((zone) => zone.key !== 'z:' + id)
      const writes = planOrder(siblings, target, 'z:' + id)
      doc.transact(() => {
        for (const write of writes) {
          const map = store.itemMap('zones', write.key.slice(2))
          if (map) put(map, 'order', write.order)
        }
      })
    },

    /**
     * What removing zone `id` would do: how many notes move, and where to.
     * @param {string} id
     * @returns {{ notes: number, target: import('./model.js').ZoneData | null }}
     */
    removal: (id) => {
      let notes = 0
      placement.noteContainer.forEach((container) => {
        if (zoneOfContainer(container) === id) notes += 1
      })
      return { notes, target: store.zoneList.find((zone) => zone.id !== id) ?? null }
    },

    /**
     * Remove zone `id`; its notes and clusters move, in their order, to the end of the first
     * remaining zone.
     * @param {string} id
     */
    removeZone: (id) => {
      const target = store.zoneList.find((zone) => zone.id !== id)
      if (target === undefined) return
      const moving = placement.sorted(zoneContainer(id))
      const targetItems = placement.sorted(zoneContainer(target.id))
      const last = targetItems.length > 0 ? targetItems[targetItems.length - 1].order : null
      const orders = keysBetween(last, null, moving.length) ?? generateNKeysBetween(null, null, moving.length)
      doc.transact(() => {
        moving.forEach((item, position) => {
          const map = store.itemMap(item.kind === 'note' ? 'notes' : 'clusters', item.id)
          if (!map) return
          put(map, 'zone', target.id)
          put(map, 'order', orders[position])
          if (item.kind === 'cluster') {
            for (const member of placement.sorted(clusterContainer(item.id))) {
              const note = store.itemMap('notes', member.id)
              if (note) put(note, 'zone', target.id)
            }
          }
        })
        // Notes that still name the zone (none are shown elsewhere while it exists).
        store.notes.forEach((note) => {
          const map = store.itemMap('notes', note.id)
          if (note.zone === id && map) put(map, 'zone', target.id)
        })
        store.zonesMap.delete(id)
      })
    }
  }
}

/** @typedef {ReturnType<typeof createActions>} MapActions */
