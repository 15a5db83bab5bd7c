/**
 * This participant's private notes on the map (docs/protocol.md, "Facilitation"): drawn in
 * their zones after the board's notes, marked "only you can see this" (a label and a dashed
 * border), editable and deletable while the private phase lasts.
 * @module views/map/private-cards
 */

import { t } from '../../i18n.js'
import { isNoteColor } from './model.js'
import { NoteCard } from './note-card.js'
import { arrangeChildren } from './reconcile.js'

/** Sent up from the board after each drawing, with the private notes shown (detail: NoteData[]). */
export const PRIVATE_NOTES_EVENT = 'tv-private-notes'

/**
 * A private note's fields as map note data.
 * @param {import('../facilitation/private-notes.js').PrivateNote} note
 * @returns {import('./model.js').NoteData}
 */
const noteData = ({ id, fields }) => ({
  id,
  text: typeof fields.text === 'string' ? fields.text : '',
  zone: typeof fields.zone === 'string' ? fields.zone : '',
  order: typeof fields.order === 'string' ? fields.order : '',
  color: isNoteColor(fields.color) ? fields.color : 'yellow',
  created: typeof fields.created === 'number' ? fields.created : 0,
  cluster: null,
  group: null
})

export class PrivateCards {
  /**
   * @param {object} options
   * @param {import('./store.js').MapStore} options.store
   * @param {import('./renderer.js').MapRenderer} options.renderer
   * @param {import('../facilitation/private-notes.js').PrivateNotes} options.notes
   * @param {(zone: string) => string} options.orderAtEnd an order key after a zone's notes
   * @param {(text: string) => void} options.announce
   */
  constructor ({ store, renderer, notes, orderAtEnd, announce }) {
    this.store = store
    this.renderer = renderer
    this.notes = notes
    /** @type {Map<string, NoteCard>} */
    this.cards = new Map()
    this.editable = false
    this.readOnly = false
    /** @type {import('./note-card.js').CardActions} */
    this.actions = {
      save: (card, edit) => {
        const note = card.note
        if (note === null) return
        const zone = edit.zone !== null && store.zones.has(edit.zone) ? edit.zone : note.zone
        notes.put(card.id, {
          text: edit.text,
          zone,
          color: edit.color,
          order: zone === note.zone ? note.order : orderAtEnd(zone),
          created: note.created || Date.now()
        })
      },
      remove: (card) => {
        notes.remove(card.id)
        announce(t('notes.deleted'))
      },
      editEnded: () => this.render(),
      moveToZone: () => {},
      moveBy: () => {},
      select: () => {},
      vote: () => {},
      zones: () => store.zoneList
    }
  }

  /**
   * Allow editing (the private phase) or not.
   * @param {boolean} editable
   */
  setEditable (editable) {
    this.editable = editable
    this.cards.forEach((card) => card.setPolicy({ edit: editable, react: false }))
  }

  /** @param {boolean} readOnly */
  setReadOnly (readOnly) {
    this.readOnly = readOnly
    this.cards.forEach((card) => card.setReadOnly(readOnly))
  }

  /** Draw the private notes again (they, the zones or the document changed). */
  render () {
    const { store, renderer } = this
    /** @type {Map<string, HTMLElement[]>} */
    const byZone = new Map()
    /** @type {Set<string>} */
    const shown = new Set()
    /** @type {import('./model.js').NoteData[]} */
    const listed = []
    for (const note of this.notes.list()) {
      const data = noteData(note)
      const zone = store.shownZone(data.zone)
      if (zone === null) continue
      listed.push({ ...data, zone })
      let card = this.cards.get(note.id)
      if (card === undefined) {
        card = new NoteCard(note.id, this.actions, { facilitator: false, present: false, privateLabel: t('private.label') })
        card.setReadOnly(this.readOnly)
        card.setPolicy({ edit: this.editable, react: false })
        this.cards.set(note.id, card)
      }
      card.setZones(store.zoneList)
      card.update(data, true, { zone, cluster: null })
      card.setPending(note.pending)
      shown.add(note.id)
      const list = byZone.get(zone)
      if (list) list.push(card.element)
      else byZone.set(zone, [card.element])
    }
    for (const [id, card] of this.cards) {
      // An open editor stays until it closes, even if the note went meanwhile.
      if (shown.has(id) || card.editing) continue
      card.element.remove()
      this.cards.delete(id)
    }
    renderer.columns.forEach((column, zone) => {
      arrangeChildren(column.privateList, byZone.get(zone) ?? [])
      column.showEmpty()
    })
    // A phone also lists them under its write form ("Your notes", own-notes.js).
    renderer.options.grid.dispatchEvent(new CustomEvent(PRIVATE_NOTES_EVENT, { bubbles: true, detail: listed }))
  }
}
