/**
 * Every write the charter view makes to the document, each in one transaction. Sections are
 * the facilitator's; comments and examples are authored (the server records who added them,
 * docs/formats.md "Authorship"). Section states, proposals, votes and likes are commands.
 * @module views/charter/actions
 */

import * as Y from 'yjs'
import { generateKeyBetween } from 'fractional-indexing'
import { createItemId } from '../../sync/ids.js'
import { byOrder, readAll, readSection } from './model.js'

/**
 * A key strictly between two neighbours, or `null` when they leave no room.
 * @param {string | null} before
 * @param {string | null} after
 * @returns {string | null}
 */
const keyBetween = (before, after) => {
  if (before !== null && after !== null && before >= after) return null
  try {
    return generateKeyBetween(before, after)
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
 * @param {Y.Doc} doc
 * @param {import('../../sync/ownership.js').Ownership} ownership
 */
export const createActions = (doc, ownership) => {
  /** @type {Y.Map<unknown>} */
  const sections = doc.getMap('sections')
  /** @type {Y.Map<unknown>} */
  const wording = doc.getMap('wording')
  /** @type {Y.Map<unknown>} */
  const comments = doc.getMap('comments')
  /** @type {Y.Map<unknown>} */
  const examples = doc.getMap('examples')

  const sorted = () => readAll(sections, readSection).sort(byOrder)

  /**
   * @param {Y.Map<unknown>} root
   * @param {string} id
   * @returns {Y.Map<unknown> | null}
   */
  const itemMap = (root, id) => {
    const map = root.get(id)
    return map instanceof Y.Map ? map : null
  }

  return {
    /**
     * Add an open principle at the end, with an empty wording; returns its id.
     * @param {string} title
     * @returns {string}
     */
    addSection: (title) => {
      const list = sorted()
      const last = list.length > 0 ? list[list.length - 1].order : null
      const order = keyBetween(last, null) ?? generateKeyBetween(null, null)
      const id = createItemId()
      const fragment = new Y.XmlFragment()
      // One empty paragraph, so that no editor has to invent one (each would add its own).
      fragment.insert(0, [new Y.XmlElement('paragraph')])
      doc.transact(() => {
        sections.set(id, new Y.Map(/** @type {Array<[string, unknown]>} */ ([
          ['title', title], ['question', ''], ['order', order], ['role', 'principle'], ['state', 'open']
        ])))
        wording.set(id, fragment)
      })
      return id
    },

    /**
     * @param {string} id
     * @param {{ title: string, question: string }} fields
     */
    updateSection: (id, { title, question }) => {
      const map = itemMap(sections, id)
      if (map === null) return
      doc.transact(() => {
        put(map, 'title', title)
        put(map, 'question', question)
      })
    },

    /**
     * Move a section one place up (-1) or down (1): a new order key between its new neighbours.
     * @param {string} id
     * @param {-1 | 1} step
     */
    moveSection: (id, step) => {
      const list = sorted()
      const at = list.findIndex((section) => section.id === id)
      const map = itemMap(sections, id)
      if (at < 0 || map === null) return
      const others = list.filter((section) => section.id !== id)
      const index = at + step
      if (index < 0 || index > others.length) return
      const before = index > 0 ? others[index - 1].order : null
      const after = index < others.length ? others[index].order : null
      const order = keyBetween(before, after)
      if (order !== null) {
        put(map, 'order', order)
        return
      }
      // Neighbours with equal or unreadable keys: number the whole list afresh.
      others.splice(index, 0, list[at])
      doc.transact(() => {
        let previous = /** @type {string | null} */ (null)
        for (const section of others) {
          previous = generateKeyBetween(previous, null)
          const sectionMap = itemMap(sections, section.id)
          if (sectionMap !== null) put(sectionMap, 'order', previous)
        }
      })
    },

    /** @param {string} id */
    removeSection: (id) => {
      doc.transact(() => {
        sections.delete(id)
        wording.delete(id)
      })
    },

    /**
     * @param {string} proposal
     * @param {string} text
     * @returns {string}
     */
    addComment: (proposal, text) => {
      const id = createItemId()
      ownership.addLocal(id)
      comments.set(id, new Y.Map(/** @type {Array<[string, unknown]>} */ ([
        ['proposal', proposal], ['text', text], ['created', Date.now()]
      ])))
      return id
    },

    /** @param {string} id */
    deleteComment: (id) => comments.delete(id),

    /**
     * @param {{ section: string, text: string, scope: 'own' | 'across', unit: string }} example
     * @returns {string}
     */
    addExample: ({ section, text, scope, unit }) => {
      const id = createItemId()
      ownership.addLocal(id)
      /** @type {Array<[string, unknown]>} */
      const fields = [['section', section], ['text', text], ['scope', scope], ['created', Date.now()]]
      if (unit !== '') fields.push(['unit', unit])
      examples.set(id, new Y.Map(fields))
      return id
    },

    /**
     * @param {string} id
     * @param {{ text: string, scope: 'own' | 'across', unit: string }} fields
     */
    updateExample: (id, { text, scope, unit }) => {
      const map = itemMap(examples, id)
      if (map === null) return
      doc.transact(() => {
        put(map, 'text', text)
        put(map, 'scope', scope)
        if (unit !== '') put(map, 'unit', unit)
        else if (map.has('unit')) map.delete('unit')
      })
    },

    /** @param {string} id */
    deleteExample: (id) => examples.delete(id)
  }
}

/** @typedef {ReturnType<typeof createActions>} CharterActions */
