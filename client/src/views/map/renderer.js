/**
 * Keep the map's DOM in step with the document: zone columns, cluster boxes and note cards,
 * each keyed by id and updated only when its item (or where it is shown) changed.
 * @module views/map/renderer
 */

import { ClusterBox } from './clusters.js'
import { NoteCard } from './note-card.js'
import { clusterContainer, splitKey } from './placement.js'
import { arrangeChildren, keepingFocus } from './reconcile.js'
import { cardVote, changedNotes, rankResults } from './voting.js'
import { ZoneColumn } from './zone-column.js'

/**
 * @typedef {object} RendererOptions
 * @property {import('./store.js').MapStore} store
 * @property {import('./placement.js').Placement} placement
 * @property {Map<string, import('./model.js').NoteData>} ghosts notes deleted elsewhere while
 *   open in an editor here, shown until the editor closes
 * @property {import('../../sync/ownership.js').Ownership} ownership
 * @property {HTMLElement} grid the element holding the zone columns
 * @property {{ facilitator: boolean, present: boolean, arranging: boolean }} roles
 * @property {import('./note-card.js').CardActions} cardActions
 * @property {import('./clusters.js').ClusterActions} clusterActions
 * @property {import('./zone-tools.js').ZoneActions} zoneActions
 * @property {{ update: (entries: import('./voting.js').ResultEntry[] | null) => void }} results
 * @property {(zones: import('./model.js').ZoneData[]) => void} onZones the zones changed
 * @property {(id: string) => void} onNoteGone a note's card went away
 * @property {((kind: 'zone' | 'cluster', id: string) => HTMLButtonElement) | null} focusButton
 *   the facilitator's "Bring everyone here"
 * @property {((id: string, textId: string) => HTMLButtonElement[]) | null} moderate the
 *   facilitator's "Hide" and "Delete" of a note
 */

export class MapRenderer {
  /** @param {RendererOptions} options */
  constructor (options) {
    this.options = options
    /** @type {Map<string, ZoneColumn>} */
    this.columns = new Map()
    /** @type {Map<string, NoteCard>} */
    this.cards = new Map()
    /** @type {Map<string, ClusterBox>} */
    this.boxes = new Map()
    /** @type {import('../../sync/server-messages.js').VoteMessage | null} */
    this.vote = null
    /** Cards whose dots to redraw; `null` for all. @type {Set<string> | null} */
    this.voteDirty = new Set()
    this.readOnly = false
    /** @type {import('./note-card.js').CardPolicy} */
    this.policy = { edit: true, react: true }
  }

  /** Apply every pending document change and vote change, keeping focus where it is. */
  flush () {
    const { store } = this.options
    keepingFocus(() => {
      if (store.hasPending()) this.flushChanges()
      this.drawVotes()
    })
  }

  /**
   * Take in the server's latest `vote` message; drawn at the next flush.
   * @param {import('../../sync/server-messages.js').VoteMessage} message
   */
  setVote (message) {
    const changed = changedNotes(this.vote, message)
    if (changed === null) this.voteDirty = null
    else if (this.voteDirty !== null) changed.forEach((id) => this.voteDirty?.add(id))
    this.vote = message
    this.drawResults()
  }

  /** @param {boolean} readOnly */
  setReadOnly (readOnly) {
    this.readOnly = readOnly
    this.columns.forEach((column) => column.setReadOnly(readOnly))
    this.boxes.forEach((box) => box.setReadOnly(readOnly))
    this.cards.forEach((card) => card.setReadOnly(readOnly))
  }

  /**
   * Follow what the session allows on the cards.
   * @param {import('./note-card.js').CardPolicy} policy
   */
  setPolicy (policy) {
    this.policy = policy
    this.cards.forEach((card) => card.setPolicy(policy))
  }

  /** Draw the zones: columns in order, titles, and every card's zone picker. */
  renderZones () {
    const { store, grid, roles, zoneActions } = this.options
    const zones = store.zoneList
    const ids = new Set(zones.map((zone) => zone.id))
    for (const [id, column] of this.columns) {
      if (!ids.has(id)) {
        column.element.remove()
        this.columns.delete(id)
      }
    }
    zones.forEach((zone, index) => {
      let column = this.columns.get(zone.id)
      if (column === undefined) {
        column = new ZoneColumn(zone.id, roles.arranging ? zoneActions : null, this.options.focusButton?.('zone', zone.id) ?? null)
        column.setReadOnly(this.readOnly)
        this.columns.set(zone.id, column)
      }
      column.update(zone, index === 0, index === zones.length - 1)
    })
    arrangeChildren(grid, zones.map((zone) => /** @type {ZoneColumn} */ (this.columns.get(zone.id)).element))
    grid.style.setProperty('--zone-count', String(Math.max(zones.length, 1)))
    this.cards.forEach((card) => card.setZones(zones))
    this.options.onZones(zones)
  }

  /**
   * The element a placed item is drawn as.
   * @param {import('./placement.js').PlacedItem} item
   * @returns {HTMLElement | undefined}
   */
  elementOf (item) {
    return item.kind === 'note' ? this.cards.get(item.id)?.element : this.boxes.get(item.id)?.element
  }

  /**
   * Put a container's items in order and tell its notes where they may move.
   * @param {string} key
   * @param {Set<string>} zonesTouched collects the zones whose counts to redraw
   */
  arrangeContainer (key, zonesTouched) {
    const { placement, roles } = this.options
    const { kind, id } = splitKey(key)
    const list = kind === 'z' ? this.columns.get(id)?.list : this.boxes.get(id)?.list
    if (list === undefined) return
    const items = placement.sorted(key)
    arrangeChildren(list, /** @type {HTMLElement[]} */ (items.map((item) => this.elementOf(item)).filter((element) => element !== undefined)))
    if (roles.arranging) {
      items.forEach((item, index) => {
        // In a cluster a note can always move: at its ends it steps out.
        if (item.kind === 'note') {
          this.cards.get(item.id)?.setMoves(kind === 'c' || index > 0, kind === 'c' || index < items.length - 1)
        }
      })
    }
    if (kind === 'c') this.boxes.get(id)?.setSize(items.length)
    const zone = placement.zoneOf(key)
    if (zone !== null) zonesTouched.add(zone)
  }

  /**
   * Draw note `id` after its values (or where it is shown) changed.
   * @param {string} id
   */
  drawNote (id) {
    const { store, placement, ghosts, ownership, roles, cardActions } = this.options
    const note = store.notes.get(id)
    let card = this.cards.get(id)
    if (note === undefined) {
      if (card !== undefined && card.editing && card.note !== null) {
        // Deleted elsewhere while open here: keep the draft, say so, let Save restore it.
        ghosts.set(id, card.note)
        card.setRemoved(true)
        placement.placeNote(id)
        return
      }
      ghosts.delete(id)
      placement.placeNote(id)
      card?.element.remove()
      this.cards.delete(id)
      this.options.onNoteGone(id)
      return
    }
    ghosts.delete(id)
    const container = placement.placeNote(id)
    if (card === undefined) {
      card = new NoteCard(id, cardActions, { facilitator: roles.facilitator, present: roles.present, moderate: this.options.moderate })
      card.setZones(store.zoneList)
      card.setReadOnly(this.readOnly)
      card.setPolicy(this.policy)
      this.cards.set(id, card)
      this.voteDirty?.add(id)
    }
    card.setRemoved(false)
    // Moved into or out of a voted zone: whether it takes dots may have changed.
    if (this.vote !== null && this.vote.status !== 'none') this.voteDirty?.add(id)
    if (container === null) {
      card.element.remove()
      return
    }
    const cluster = container.startsWith('c:') ? container.slice(2) : null
    card.update(note, ownership.has(id), { zone: placement.zoneOf(container) ?? note.zone, cluster })
  }

  /**
   * Draw cluster `id` after it changed; adds the notes to redraw to `noteIds`.
   * @param {string} id
   * @param {Set<string>} noteIds
   */
  drawCluster (id, noteIds) {
    const { store, placement, roles, clusterActions } = this.options
    const moved = placement.placeCluster(id)
    const cluster = store.clusters.get(id)
    const zone = placement.clusterZone.get(id)
    let box = this.boxes.get(id)
    if (cluster === undefined || zone === undefined) {
      // Its notes fall back to their zone's top level.
      for (const key of placement.members.get(clusterContainer(id)) ?? []) noteIds.add(splitKey(key).id)
      placement.notesNaming(id).forEach((noteId) => noteIds.add(noteId))
      box?.element.remove()
      this.boxes.delete(id)
      return
    }
    if (box === undefined) {
      box = new ClusterBox(id, clusterActions, { editable: roles.arranging, focus: this.options.focusButton?.('cluster', id) ?? null })
      box.setReadOnly(this.readOnly)
      this.boxes.set(id, box)
    }
    box.update(cluster, zone)
    if (moved) placement.notesNaming(id).forEach((noteId) => noteIds.add(noteId))
  }

  /** Apply what changed in the document since the last flush. */
  flushChanges () {
    const { store, placement } = this.options
    const changes = store.take()
    const zonesChanged = changes.zones.size > 0
    if (zonesChanged) this.renderZones()
    // A zone change may move anything (a removed zone's notes show in the first one).
    const clusterIds = zonesChanged ? new Set([...store.clusters.keys(), ...this.boxes.keys()]) : changes.clusters
    const noteIds = zonesChanged ? new Set([...store.notes.keys(), ...this.cards.keys()]) : changes.notes
    for (const id of clusterIds) this.drawCluster(id, noteIds)
    for (const id of noteIds) this.drawNote(id)
    /** @type {Set<string>} */
    const zonesTouched = new Set()
    for (const key of placement.takeDirty()) this.arrangeContainer(key, zonesTouched)
    for (const zone of zonesTouched) this.columns.get(zone)?.setCount(placement.notesInZone(zone))
    if (changes.clusters.size > 0 || changes.notes.size > 0) this.drawResults()
  }

  /** Redraw the ranked results and the clusters' dots. */
  drawResults () {
    const { vote } = this
    if (vote === null || vote.results === null) {
      this.options.results.update(null)
      this.boxes.forEach((box) => box.setDots(null))
      return
    }
    this.options.results.update(rankResults(vote, this.options.store))
    const clusters = vote.results.clusters
    this.boxes.forEach((box, id) => box.setDots(clusters[id] ?? 0))
  }

  /** Redraw the dots of the cards the last vote messages changed. */
  drawVotes () {
    const { placement, roles } = this.options
    const dirty = this.voteDirty
    this.voteDirty = new Set()
    /** @param {string} id */
    const draw = (id) => {
      const card = this.cards.get(id)
      const container = placement.noteContainer.get(id)
      if (card === undefined) return
      card.setVote(cardVote(this.vote, id, container === undefined ? null : placement.zoneOf(container), !roles.facilitator))
    }
    if (dirty === null) this.cards.forEach((_card, id) => draw(id))
    else dirty.forEach(draw)
  }
}
