/**
 * The facilitator's tools on a heading in a list of them, a map's zone or a charter's
 * section: edit its title and guiding question in place, move it back or forward, and
 * remove it once a dialog has asked.
 * @module views/heading-tools
 */

import { h } from '../ui/dom.js'
import { confirmDialog } from './dialog.js'
import { headingEditor } from './heading-editor.js'

/**
 * @typedef {{ title: string, question: string }} Heading
 *
 * @typedef {object} HeadingButtons each with its own label, icon and `data-*` attribute
 * @property {HTMLButtonElement} edit
 * @property {HTMLButtonElement} back one place back (up, left)
 * @property {HTMLButtonElement} forward one place forward (down, right)
 * @property {HTMLButtonElement} remove
 *
 * @typedef {object} RemoveQuestion what the dialog asks before removing
 * @property {string} title
 * @property {string} body
 * @property {string} confirmLabel
 * @property {string} marker the dialog's `data-*` attribute
 * @property {string} [confirmMarker] its confirm button's
 */

/**
 * @template {Heading} T
 */
export class HeadingTools {
  /**
   * @param {object} options
   * @param {string} options.id the item's id
   * @param {HTMLElement} options.head the heading block, hidden while the editor is open
   * @param {Record<string, string | boolean>} options.attributes the tools' block's
   * @param {HeadingButtons} options.buttons
   * @param {Omit<import('./heading-editor.js').HeadingEditorOptions, 'values' | 'onSave' | 'onClose'>} options.editor
   * @param {(id: string, fields: Heading) => void} options.save
   * @param {(id: string, step: -1 | 1) => void} options.move
   * @param {(item: T) => RemoveQuestion | null} options.removeQuestion `null`: it cannot go
   * @param {(id: string) => void} options.remove
   */
  constructor ({ id, head, attributes, buttons, editor, save, move, removeQuestion, remove }) {
    this.id = id
    this.head = head
    this.editorOptions = editor
    this.save = save
    this.removeQuestion = removeQuestion
    this.removeItem = remove
    this.edit = buttons.edit
    this.back = buttons.back
    this.forward = buttons.forward
    this.remove = buttons.remove
    this.edit.addEventListener('click', () => this.startEditing())
    this.back.addEventListener('click', () => move(id, -1))
    this.forward.addEventListener('click', () => move(id, 1))
    this.remove.addEventListener('click', () => this.confirmRemove())
    this.element = h('div', attributes, [this.edit, this.back, this.forward, this.remove])
    /** @type {T | null} */
    this.item = null
    /** @type {HTMLFormElement | null} */
    this.form = null
    this.first = false
    this.last = false
    this.readOnly = false
  }

  /**
   * @param {T} item
   * @param {boolean} first
   * @param {boolean} last
   */
  update (item, first, last) {
    this.item = item
    this.first = first
    this.last = last
    this.refresh()
  }

  /** @param {boolean} readOnly */
  setReadOnly (readOnly) {
    this.readOnly = readOnly
    this.refresh()
  }

  refresh () {
    this.edit.disabled = this.readOnly
    this.back.disabled = this.readOnly || this.first
    this.forward.disabled = this.readOnly || this.last
    this.remove.disabled = this.readOnly
  }

  /**
   * After a move, keep the keyboard on the pressed button, or on the other one at an end.
   * @param {-1 | 1} step
   */
  keepFocusAfterMove (step) {
    const [pressed, other] = step < 0 ? [this.back, this.forward] : [this.forward, this.back]
    ;(pressed.disabled ? other : pressed).focus()
  }

  /** Put title and question fields in place of the heading. */
  startEditing () {
    if (this.form !== null || this.item === null || this.readOnly) return
    const { form, title } = headingEditor({
      ...this.editorOptions,
      values: { title: this.item.title, question: this.item.question },
      onSave: (values) => {
        if (!this.readOnly) this.save(this.id, values)
      },
      onClose: () => {
        this.form = null
        form.remove()
        this.head.hidden = false
        this.edit.focus()
      }
    })
    this.form = form
    this.head.hidden = true
    this.head.after(form)
    title.focus()
    title.select()
  }

  /** Ask in a dialog before removing the item. */
  confirmRemove () {
    if (this.item === null || this.readOnly) return
    const question = this.removeQuestion(this.item)
    if (question === null) return
    confirmDialog({ ...question, back: this.remove, confirm: () => this.removeItem(this.id) })
  }
}
