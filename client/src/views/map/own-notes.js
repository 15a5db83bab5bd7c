/**
 * "Your notes" under a phone's write form: this participant's newest notes with their zones,
 * the one just posted scrolled into view and marked, and the way to the whole board (issue 12).
 * The form's confirmation is what the writer looks at, not a toast at the screen's foot.
 * @module views/map/own-notes
 */

import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { zoneTitle } from './controls.js'

/** How many notes the list shows; the rest are on the board, one tap away. */
const SHOWN_NOTES = 5
/** Room left below the note just posted, and above the field kept in view. */
const REVEAL_MARGIN_PX = 8

/**
 * @typedef {object} OwnNote
 * @property {string} id
 * @property {string} text
 * @property {string} zone
 * @property {string} color
 * @property {number} created
 * @property {boolean} private
 */

/**
 * @typedef {object} OwnNotes
 * @property {HTMLElement} element
 * @property {() => void} refresh the notes, zones or ownership changed
 * @property {(notes: import('./model.js').NoteData[]) => void} setPrivate this phone's private notes
 * @property {(id: string) => void} posted the note `id` was just posted here
 * @property {() => void} expectPosted a note was just posted with an id not known here (a
 *   private one): the next new one is it
 */

/**
 * Build the list of this participant's own notes.
 * @param {object} options
 * @param {import('./store.js').MapStore} options.store
 * @param {import('../../sync/ownership.js').Ownership} options.ownership
 * @param {(zoneId: string | null) => void} options.showBoard scroll to the board, at the zone
 *   of the newest note
 * @param {() => HTMLElement | null} options.keep what stays in view when the list scrolls
 *   to a new note (the form's field)
 * @returns {OwnNotes}
 */
export const createOwnNotes = ({ store, ownership, showBoard, keep }) => {
  const headingId = domId('tv-own-notes')
  const count = h('span', { class: 'tv-own-notes__count', 'data-own-notes-count': true })
  const board = h('a', { class: 'btn btn-secondary tv-own-notes__board', href: '#tv-map-board', 'data-show-board': true }, [t('map.own.board')])
  board.addEventListener('click', (event) => {
    event.preventDefault()
    showBoard(mine()[0]?.zone ?? null)
  })
  const list = h('ol', { class: 'tv-own-notes__items' })
  const empty = h('p', { class: 'tv-own-notes__empty' }, [t('map.own.empty')])
  const more = h('p', { class: 'tv-own-notes__more', hidden: true })
  const element = h('section', { class: 'tv-own-notes', 'data-own-notes': true, 'aria-labelledby': headingId }, [
    h('div', { class: 'tv-own-notes__head' }, [
      h('h2', { id: headingId, class: 'tv-own-notes__heading' }, [t('map.own.heading'), ' ', count]),
      board
    ]),
    empty,
    list,
    more
  ])
  /** @type {OwnNote[]} */
  let privateNotes = []
  /** @type {string | null} */
  let justPosted = null
  /** Ids known when a private note was posted; the first other one is the new note. @type {Set<string> | null} */
  let before = null
  let drawnKey = ''
  /** @type {Set<string>} */
  let knownIds = new Set()

  /** @returns {OwnNote[]} every own note, newest first */
  const mine = () => {
    /** @type {OwnNote[]} */
    const notes = [...privateNotes]
    store.notes.forEach((note) => {
      if (ownership.has(note.id)) notes.push({ id: note.id, text: note.text, zone: note.zone, color: note.color, created: note.created, private: false })
    })
    return notes.sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1))
  }

  /**
   * A row: the text, then its zone (and whether only this phone sees it).
   * @param {OwnNote} note
   */
  const row = (note) => {
    const zone = store.zones.get(note.zone)
    const fresh = note.id === justPosted
    return h('li', {
      class: 'tv-own-note',
      'data-own-note': note.id,
      'data-color': note.color,
      ...(fresh ? { 'data-just-posted': 'true' } : {}),
      ...(note.private ? { 'data-private': 'true' } : {})
    }, [
      // The zone and marks first: where the screen is short, they are what shows.
      h('p', { class: 'tv-own-note__meta' }, [
        h('span', { class: 'tv-own-note__zone' }, [zone ? zoneTitle(zone) : '']),
        ...(note.private ? [h('span', { class: 'tv-own-note__private' }, [t('map.own.private')])] : []),
        ...(fresh ? [h('span', { class: 'tv-own-note__new' }, [t('map.own.new')])] : [])
      ]),
      h('p', { class: 'tv-own-note__text' }, [note.text])
    ])
  }

  /**
   * Bring the just-posted note into view together with the field being typed in (the next
   * note is written there): scroll as little as needed, and where both do not fit, keep the
   * field just under the sticky header and show the note's top (its zone and mark).
   */
  const reveal = () => {
    const item = justPosted === null ? null : list.querySelector(`[data-own-note="${CSS.escape(justPosted)}"]`)
    if (!(item instanceof HTMLElement) || element.hidden) return
    const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0
    const field = keep()?.getBoundingClientRect().top ?? item.getBoundingClientRect().top
    // Scrolling down by at least `least` shows the note; by at most `most` keeps the field.
    const least = item.getBoundingClientRect().bottom + REVEAL_MARGIN_PX - window.innerHeight
    const most = field - header - REVEAL_MARGIN_PX
    const by = least > most ? most : Math.min(Math.max(0, least), most)
    if (Math.abs(by) < 1) return
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches
    // To a place, not by a distance: called again while a smooth scroll runs, it aims the same.
    window.scrollTo({ top: window.scrollY + by, behavior: smooth ? 'smooth' : 'auto' })
  }

  const draw = () => {
    const notes = mine()
    if (before !== null) {
      const known = before
      const fresh = notes.find((note) => !known.has(note.id))
      if (fresh !== undefined) {
        before = null
        justPosted = fresh.id
      }
    }
    const shown = notes.slice(0, SHOWN_NOTES)
    // Redraw only when what shows changed: this runs on every frame of others' edits.
    const key = JSON.stringify([justPosted, notes.length, shown.map((note) => [note.id, note.text, note.zone, note.color, note.private, store.zones.get(note.zone)?.title])])
    if (key === drawnKey) return
    drawnKey = key
    knownIds = new Set(notes.map((note) => note.id))
    list.replaceChildren(...shown.map(row))
    empty.hidden = notes.length > 0
    count.textContent = notes.length > 0 ? `(${notes.length})` : ''
    more.hidden = notes.length <= SHOWN_NOTES
    more.textContent = notes.length > SHOWN_NOTES ? plural('map.own.more', notes.length - SHOWN_NOTES) : ''
  }

  return {
    element,
    refresh: () => {
      const marked = justPosted
      draw()
      if (marked !== justPosted) reveal()
    },
    setPrivate: (notes) => {
      privateNotes = notes.map((note) => ({ id: note.id, text: note.text, zone: note.zone, color: note.color, created: note.created, private: true }))
      const marked = justPosted
      draw()
      if (marked !== justPosted) reveal()
    },
    posted: (id) => {
      justPosted = id
      before = null
      draw()
      reveal()
    },
    expectPosted: () => {
      before = new Set(knownIds)
    }
  }
}
