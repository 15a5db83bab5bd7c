/**
 * This participant's private everyday examples under one principle (docs/protocol.md,
 * "Facilitation"): marked "only you can see this" (a label and a dashed border), editable and
 * deletable while the private phase lasts; they join the list when the facilitator reveals them.
 * @module views/charter/private-examples
 */

import { h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { editInPlace, exampleMeta, focusEditButton, ownButtons } from './example-item.js'

/**
 * @typedef {import('../facilitation/private-notes.js').PrivateNote} PrivateNote
 *
 * @typedef {object} PrivateExampleActions
 * @property {(id: string, fields: Record<string, unknown>) => void} put
 * @property {(id: string) => void} remove
 */

/**
 * A private note's fields as example fields.
 * @param {Record<string, unknown>} fields
 * @returns {import('./example-item.js').ExampleFields}
 */
const exampleFields = (fields) => ({
  text: typeof fields.text === 'string' ? fields.text : '',
  scope: fields.scope === 'across' ? 'across' : 'own',
  unit: typeof fields.unit === 'string' ? fields.unit : ''
})

export class PrivateExampleList {
  /**
   * @param {string} section
   * @param {PrivateExampleActions} actions
   */
  constructor (section, actions) {
    this.section = section
    this.actions = actions
    this.element = h('ul', { class: 'tv-examples tv-examples--private', 'data-private-examples': true, hidden: true })
    this.editable = false
    /** @type {string | null} */
    this.editing = null
    /** @type {PrivateNote[]} */
    this.notes = []
    this.signature = ''
  }

  /**
   * @param {PrivateNote[]} notes this section's, oldest first
   * @param {boolean} editable the private phase lasts
   */
  update (notes, editable) {
    this.notes = notes
    this.editable = editable
    const signature = JSON.stringify([notes, editable, this.editing])
    if (signature === this.signature) return
    // An open editor is kept while others change (it would lose what is typed); closing it redraws.
    if (this.editing !== null && this.element.querySelector('form') !== null && notes.some((note) => note.id === this.editing)) return
    this.signature = signature
    this.element.replaceChildren(...notes.map((note) => this.render(note)))
    this.element.hidden = notes.length === 0
  }

  /**
   * @param {PrivateNote} note
   * @returns {HTMLLIElement}
   */
  render (note) {
    const fields = exampleFields(note.fields)
    const item = h('li', { class: 'tv-example', 'data-example-id': note.id, 'data-private': 'true', 'data-scope': fields.scope })
    if (this.editing === note.id) {
      return editInPlace(item, fields, (edited) => this.actions.put(note.id, { ...note.fields, ...edited, section: this.section }), () => {
        this.editing = null
        this.signature = ''
        this.update(this.notes, this.editable)
        focusEditButton(this.element, note.id)
      })
    }
    const meta = exampleMeta(fields)
    if (note.pending) meta.append(' ', h('span', { class: 'tv-pending-badge', 'data-private-pending': true }, [t('private.pending')]))
    const buttons = ownButtons(this.editable, () => {
      this.editing = note.id
      this.signature = ''
      this.update(this.notes, this.editable)
    }, () => this.actions.remove(note.id))
    item.append(
      h('p', { class: 'tv-private-label', 'data-private-label': true }, [t('private.label')]),
      h('p', { class: 'tv-example__text', 'data-example-text': true }, [fields.text]),
      meta,
      h('div', { class: 'tv-example__actions' }, buttons)
    )
    return item
  }
}
