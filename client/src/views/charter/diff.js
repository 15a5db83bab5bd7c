/**
 * A word-level difference between two wordings' plain text, marked with `<ins>` and `<del>`
 * (underline and strike-through, not colour alone) and a hidden "added"/"removed" for screen
 * readers. All text goes in as text nodes.
 * @module views/charter/diff
 */

import { diffWords } from 'diff'
import { h } from '../../ui/dom.js'
import { t } from '../../i18n.js'

/**
 * @typedef {object} DiffSummary
 * @property {HTMLElement} element
 * @property {number} added words added
 * @property {number} removed words removed
 */

/**
 * Count the words in `text`.
 * @param {string} text
 * @returns {number}
 */
const words = (text) => text.split(/\s+/).filter((word) => word !== '').length

/**
 * Render the change from `before` to `after`.
 * @param {string} before
 * @param {string} after
 * @param {Record<string, string | boolean>} [attributes] on the wrapper
 * @returns {DiffSummary}
 */
export const renderDiff = (before, after, attributes = {}) => {
  let added = 0
  let removed = 0
  /** @type {Node[]} */
  const parts = []
  for (const change of diffWords(before, after)) {
    if (change.added) {
      added += words(change.value)
      parts.push(h('ins', { class: 'tv-diff__ins', 'data-diff': 'added' }, [
        h('span', { class: 'sr-only' }, [t('charter.diff.added') + ' ']), change.value
      ]))
    } else if (change.removed) {
      removed += words(change.value)
      parts.push(h('del', { class: 'tv-diff__del', 'data-diff': 'removed' }, [
        h('span', { class: 'sr-only' }, [t('charter.diff.removed') + ' ']), change.value
      ]))
    } else {
      parts.push(document.createTextNode(change.value))
    }
  }
  const element = h('div', { class: 'tv-diff', ...attributes }, parts)
  if (added === 0 && removed === 0) {
    element.append(h('p', { class: 'tv-diff__same' }, [t('charter.diff.same')]))
  }
  return { element, added, removed }
}
