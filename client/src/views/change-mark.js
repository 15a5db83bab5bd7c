/**
 * Changes between two points of a board's history, marked on its note cards: `data-change`
 * (an outline in library.css) and a small badge in words ("Ny", "Flyttet"), not colour alone.
 * @module views/change-mark
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'

/**
 * Note ids per kind of change (GET /api/boards/{id}/compare).
 * @typedef {object} NoteChanges
 * @property {string[]} [added]
 * @property {string[]} [moved]
 * @property {string[]} [reclustered]
 * @property {string[]} [edited]
 */

/** The kinds, strongest first: a card's outline shows the first that applies. */
const KINDS = /** @type {const} */ (['added', 'moved', 'reclustered', 'edited'])

/**
 * Mark each card with what changed on its note; clears the marks of an earlier call.
 * @param {Iterable<[string, HTMLElement]>} cards note id → card element
 * @param {NoteChanges | null} changes `null` clears every mark
 */
export const markChanges = (cards, changes) => {
  for (const [id, element] of cards) {
    element.querySelectorAll(':scope [data-change-badge]').forEach((badge) => badge.remove())
    delete element.dataset.change
    if (changes === null) continue
    const kinds = KINDS.filter((kind) => changes[kind]?.includes(id))
    if (kinds.length === 0) continue
    element.dataset.change = kinds[0]
    const badges = kinds.map((kind) => h('span', { class: 'tv-change-badge', 'data-change-badge': kind }, [t(`compare.badge.${kind}`)]))
    const text = element.querySelector('[data-note-text]')
    if (text !== null) text.before(...badges)
    else element.prepend(...badges)
  }
}
