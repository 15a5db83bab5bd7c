/**
 * Compare two points of the history: "Fra" and "Til", what changed as a list, and the board
 * at "Til" with the changed notes marked (maps and note lists) or each changed section's
 * wording as a word-level difference (charters).
 * @module history/compare
 */

import { h } from '../ui/dom.js'
import { plural, t } from '../i18n.js'
import { renderDiff } from '../views/charter/diff.js'
import { hasDocument, pointKey, pointName } from './points.js'

/**
 * @typedef {{ id: string, text: string, zone: string }} ComparedNote
 * @typedef {ComparedNote & { from: string | null, to: string | null }} MovedNote
 * @typedef {ComparedNote & { before: string }} EditedNote
 * @typedef {ComparedNote & { before: number, after: number }} VotedNote
 *
 * @typedef {object} MapComparison
 * @property {'map'} kind
 * @property {ComparedNote[]} added
 * @property {ComparedNote[]} removed
 * @property {MovedNote[]} moved
 * @property {MovedNote[]} reclustered
 * @property {EditedNote[]} edited
 * @property {VotedNote[]} votes
 *
 * @typedef {object} CharterComparison
 * @property {'charter'} kind
 * @property {Array<{ id: string, title: string, before: string | null, after: string | null, changed: boolean }>} sections
 * @property {Array<{ id: string, section: string, text: string }>} examples_added
 * @property {Array<{ id: string, section: string, text: string }>} examples_removed
 *
 * @typedef {MapComparison | CharterComparison} Comparison
 */

/**
 * A quoted note text, as text.
 * @param {string} text
 * @returns {HTMLElement}
 */
const quoted = (text) => h('q', { class: 'tv-compare__note' }, [text])

/**
 * A heading and a list, or nothing when `items` is empty.
 * @template T
 * @param {string} change `data-compare-list` value
 * @param {string} heading
 * @param {T[]} items
 * @param {(item: T) => Array<Node | string>} line
 * @returns {HTMLElement[]}
 */
const group = (change, heading, items, line) => items.length === 0
  ? []
  : [h('section', { 'data-compare-list': change }, [
      h('h3', {}, [`${heading} (${items.length})`]),
      h('ul', {}, items.map((item) => h('li', {}, line(item))))
    ])]

/**
 * What changed on a map or note list, as lists.
 * @param {MapComparison} result
 * @returns {HTMLElement[]}
 */
const mapLists = (result) => {
  /** @param {ComparedNote} note */
  const inZone = (note) => note.zone ? [' ', h('span', { class: 'tv-compare__zone' }, [t('compare.inZone', { zone: note.zone })])] : []
  const lists = [
    ...group('added', t('compare.added'), result.added, (note) => [quoted(note.text), ...inZone(note)]),
    ...group('removed', t('compare.removed'), result.removed, (note) => [quoted(note.text), ...inZone(note)]),
    ...group('moved', t('compare.moved'), result.moved, (note) => [
      quoted(note.text), ' ', t('compare.fromTo', { from: note.from || '–', to: note.to || '–' })
    ]),
    ...group('reclustered', t('compare.reclustered'), result.reclustered, (note) => [
      quoted(note.text), ' ', t('compare.fromTo', { from: note.from || t('compare.noCluster'), to: note.to || t('compare.noCluster') })
    ]),
    ...group('edited', t('compare.edited'), result.edited, (note) => [
      quoted(note.before), ' → ', quoted(note.text)
    ]),
    ...group('votes', t('compare.votes'), result.votes, (note) => [
      quoted(note.text), ' ', t('compare.votesChange', { before: note.before, after: note.after })
    ])
  ]
  return lists.length > 0 ? lists : [h('p', { class: 'tv-compare__none', 'data-compare-none': true }, [t('compare.none')])]
}

/**
 * What changed on a charter: each changed section's wording, word by word, and the examples.
 * @param {CharterComparison} result
 * @returns {HTMLElement[]}
 */
const charterLists = (result) => {
  const changed = result.sections.filter((section) => section.changed)
  /** @type {HTMLElement[]} */
  const parts = changed.map((section) => h('section', { class: 'tv-compare__section', 'data-compare-section': section.id }, [
    h('h3', {}, [section.title || section.id]),
    section.before === null
      ? h('p', {}, [t('compare.sectionNew')])
      : section.after === null
        ? h('p', {}, [t('compare.sectionGone')])
        : renderDiff(section.before, section.after).element,
    ...(section.before === null && section.after ? [h('p', {}, [section.after])] : [])
  ]))
  const unchanged = result.sections.length - changed.length
  if (unchanged > 0) parts.push(h('p', { class: 'tv-compare__none' }, [plural('compare.unchanged', unchanged)]))
  /** @param {{ section: string, text: string }} example */
  const line = (example) => [quoted(example.text), ' ', h('span', { class: 'tv-compare__zone' }, [t('compare.inSection', { section: example.section })])]
  parts.push(
    ...group('examples-added', t('compare.examplesAdded'), result.examples_added, line),
    ...group('examples-removed', t('compare.examplesRemoved'), result.examples_removed, line)
  )
  return changed.length > 0 || result.examples_added.length > 0 || result.examples_removed.length > 0
    ? parts
    : [h('p', { class: 'tv-compare__none', 'data-compare-none': true }, [t('compare.none')]), ...parts]
}

/**
 * @typedef {object} CompareForm
 * @property {HTMLElement} element
 * @property {(index: number) => void} follow set "Til" to point `index` (or the nearest
 *   document point before it) and "Fra" to the document point before that
 */

/**
 * Render the compare form; `onCompare` runs with the two point keys and draws into the result.
 * @param {import('./points.js').TimelinePoint[]} points
 * @param {(from: import('./points.js').TimelinePoint, to: import('./points.js').TimelinePoint, result: HTMLElement) => Promise<void>} onCompare
 * @returns {CompareForm}
 */
export const renderCompare = (points, onCompare) => {
  const comparable = points.filter(hasDocument)
  /** @param {string} id @param {string} label */
  const select = (id, label) => {
    const field = h('select', { id, name: id }, comparable.map((point) => h('option', { value: pointKey(point) }, [pointName(point)])))
    return { field, wrapper: h('div', { class: 'tv-compare__field' }, [h('label', { for: id }, [label]), field]) }
  }
  const from = select('compare-from', t('compare.from'))
  const to = select('compare-to', t('compare.to'))
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-compare-submit': true }, [t('compare.submit')])
  const result = h('div', { class: 'tv-compare__result', 'data-compare-result': true, 'aria-live': 'polite' })
  const form = h('form', { class: 'tv-compare__form', 'data-compare': true }, [from.wrapper, to.wrapper, submit])
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const before = comparable.find((point) => pointKey(point) === from.field.value)
    const after = comparable.find((point) => pointKey(point) === to.field.value)
    if (!before || !after) return
    if (before === after) {
      result.replaceChildren(h('p', { role: 'alert' }, [t('compare.same')]))
      return
    }
    submit.disabled = true
    try {
      await onCompare(before, after, result)
    } finally {
      submit.disabled = false
    }
  })
  const element = h('section', { class: 'tv-compare', 'aria-labelledby': 'tv-compare-heading' }, [
    h('h2', { id: 'tv-compare-heading' }, [t('compare.heading')]),
    ...(comparable.length < 2 ? [h('p', { class: 'tv-compare__none' }, [t('compare.needTwo')])] : [form]),
    result
  ])
  return {
    element,
    follow: (index) => {
      const upTo = points.slice(0, index + 1).filter(hasDocument)
      const target = upTo[upTo.length - 1] ?? comparable[comparable.length - 1]
      if (!target) return
      const before = comparable[comparable.indexOf(target) - 1] ?? comparable[0]
      to.field.value = pointKey(target)
      from.field.value = pointKey(before)
    }
  }
}

/**
 * Draw `comparison` as lists into `result`.
 * @param {HTMLElement} result
 * @param {Comparison} comparison
 * @param {string} heading what is compared with what
 */
export const showComparison = (result, comparison, heading) => {
  result.replaceChildren(
    h('p', { class: 'tv-compare__showing', 'data-compare-heading': true }, [heading]),
    ...(comparison.kind === 'charter' ? charterLists(comparison) : mapLists(comparison))
  )
}
