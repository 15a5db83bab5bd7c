/**
 * The phone's voting step: while a vote is open, the notes it is about as one list with dot
 * buttons, and the dots left always in view. It takes the place of the write form (no one
 * writes while voting) and of swiping through the zone tabs to find the notes (issue 12).
 * @module views/map/vote-list
 */

import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { zoneTitle } from './controls.js'

/**
 * @typedef {object} VoteList
 * @property {HTMLElement} element
 * @property {(vote: import('../../sync/server-messages.js').VoteMessage | null) => void} setVote
 * @property {() => void} refresh the notes changed: draw the list again if it shows
 * @property {() => boolean} showing whether the list is up (a vote is open)
 */

/**
 * Build the voting list of a participant's phone.
 * @param {import('./store.js').MapStore} store
 * @param {(noteId: string, delta: number) => void} vote
 * @returns {VoteList}
 */
export const createVoteList = (store, vote) => {
  const headingId = domId('tv-vote-list')
  const left = h('p', { class: 'tv-vote-list__left', 'data-vote-list-left': true, role: 'status' })
  const list = h('ol', { class: 'tv-vote-list__items' })
  const element = h('section', { class: 'tv-vote-list', 'data-vote-list': true, 'aria-labelledby': headingId, hidden: true }, [
    h('div', { class: 'tv-vote-list__head' }, [
      h('h2', { id: headingId, class: 'tv-vote-list__heading' }, [t('map.voteList.heading')]),
      left
    ]),
    list
  ])
  /** @type {import('../../sync/server-messages.js').VoteMessage | null} */
  let current = null
  /** @type {Map<string, { row: HTMLElement, add: HTMLButtonElement, remove: HTMLButtonElement, mine: HTMLElement, key: string }>} */
  const rows = new Map()

  /** @returns {Array<{ id: string, text: string, zone: string }>} the notes in scope, by zone and place */
  const inScope = () => {
    if (current === null) return []
    const zones = current.zone === null ? store.zoneList : store.zoneList.filter((zone) => zone.id === current?.zone)
    const notes = [...store.notes.values()]
    return zones.flatMap((zone) =>
      notes
        .filter((note) => note.zone === zone.id)
        .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1))
        .map((note) => ({ id: note.id, text: note.text, zone: zoneTitle(zone) }))
    )
  }

  /**
   * A row: the note, its zone, the receiver's dots on it, and the two buttons.
   * @param {{ id: string, text: string, zone: string }} note
   */
  const makeRow = (note) => {
    const textId = domId('tv-vote-item')
    const mine = h('span', { class: 'tv-vote-list__mine', 'data-vote-item-mine': true })
    const add = h('button', { type: 'button', class: 'btn btn-primary tv-vote-list__btn', 'data-vote-item-add': true, 'aria-describedby': textId }, [t('map.vote.add')])
    const remove = h('button', { type: 'button', class: 'btn btn-secondary tv-vote-list__btn', 'data-vote-item-remove': true, 'aria-describedby': textId }, [t('map.vote.remove')])
    add.addEventListener('click', () => vote(note.id, 1))
    remove.addEventListener('click', () => vote(note.id, -1))
    const row = h('li', { class: 'tv-vote-list__item', 'data-vote-item': note.id }, [
      h('p', { id: textId, class: 'tv-vote-list__text' }, [note.text]),
      h('p', { class: 'tv-vote-list__zone' }, [note.zone]),
      h('div', { class: 'tv-vote-list__actions' }, [mine, remove, add])
    ])
    return { row, add, remove, mine, key: `${note.text}\u0000${note.zone}` }
  }

  const draw = () => {
    const open = current !== null && current.status === 'open'
    element.hidden = !open
    if (!open || current === null) return
    left.textContent = plural('map.vote.left', current.left)
    left.dataset.count = String(current.left)
    const notes = inScope()
    const ids = new Set(notes.map((note) => note.id))
    for (const id of [...rows.keys()]) {
      if (!ids.has(id)) {
        rows.get(id)?.row.remove()
        rows.delete(id)
      }
    }
    /** @type {HTMLElement[]} */
    const ordered = []
    for (const note of notes) {
      let entry = rows.get(note.id)
      if (entry === undefined || entry.key !== `${note.text}\u0000${note.zone}`) {
        entry?.row.remove()
        entry = makeRow(note)
        rows.set(note.id, entry)
      }
      const dots = current.mine[note.id] ?? 0
      entry.mine.textContent = dots > 0 ? t('map.vote.mine', { count: dots }) : ''
      entry.add.disabled = current.left <= 0 || dots >= current.perNote
      entry.remove.hidden = dots === 0
      ordered.push(entry.row)
    }
    // Move rows only where the order changed, so focus stays on the button just pressed.
    ordered.forEach((row, index) => {
      if (list.children[index] !== row) list.insertBefore(row, list.children[index] ?? null)
    })
  }

  return {
    element,
    setVote: (message) => {
      current = message
      draw()
    },
    refresh: () => {
      if (!element.hidden) draw()
    },
    showing: () => !element.hidden
  }
}
