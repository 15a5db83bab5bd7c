/**
 * One note in the notes list: its text, "Yours" badge, and inline editing.
 * @module views/note-item
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { NOTE_MAX_CHARS, submitOnEnter } from './note-field.js'

/**
 * @typedef {object} NoteItemActions
 * @property {(item: NoteItem, text: string) => void} save write `text` to the note
 * @property {(item: NoteItem) => void} remove delete the note
 * @property {(item: NoteItem) => void} editEnded the editor closed (saved or cancelled)
 */

// DOM ids come from a counter: note ids come from other clients and need not be safe ids.
let domIdSequence = 0

export class NoteItem {
  /**
   * @param {string} id the note's key in the `notes` map
   * @param {NoteItemActions} actions
   * @param {object} [options]
   * @param {((textId: string) => HTMLButtonElement[]) | null} [options.moderate] the
   *   facilitator's "Hide" and "Delete", in place of deleting from the document
   * @param {string | null} [options.privateLabel] a private note, marked with this text
   */
  constructor (id, actions, { moderate = null, privateLabel = null } = {}) {
    domIdSequence += 1
    this.id = id
    this.actions = actions
    /** The text in the document; an open editor keeps its own draft. */
    this.text = ''
    this.created = 0
    this.readOnly = false
    /** @type {{ field: HTMLTextAreaElement, save: HTMLButtonElement, conflict: HTMLElement } | null} */
    this.editor = null

    const textId = `tv-note-text-${domIdSequence}`
    this.editorFieldId = `tv-note-edit-${domIdSequence}`
    this.textElement = h('p', { class: 'tv-note__text', id: textId, 'data-note-text': true })
    this.badge = h('span', { class: 'tv-note__badge', 'data-own-badge': true, hidden: true }, [t('notes.own')])
    this.editButton = h(
      'button',
      { type: 'button', class: 'btn btn-secondary tv-note__action', 'data-note-edit': true, 'aria-describedby': textId },
      [t('notes.edit')]
    )
    this.deleteButton = h(
      'button',
      { type: 'button', class: 'btn btn-secondary tv-note__action', 'data-note-delete': true, 'aria-describedby': textId },
      [t('notes.delete')]
    )
    this.editButton.addEventListener('click', () => this.startEditing())
    this.deleteButton.addEventListener('click', () => this.actions.remove(this))
    // The facilitator's delete goes through moderation: kept for undo, gone from every screen.
    this.moderation = moderate ? moderate(textId) : []
    this.pending = h('span', { class: 'tv-note__badge tv-note__pending', 'data-private-pending': true, hidden: true }, [t('private.pending')])
    this.display = [
      ...(privateLabel ? [h('p', { class: 'tv-private-label', 'data-private-label': true }, [privateLabel])] : []),
      this.textElement,
      h('div', { class: 'tv-note__footer' }, [
        this.badge,
        this.pending,
        h('div', { class: 'tv-note__actions' }, [this.editButton, ...(moderate ? this.moderation : [this.deleteButton])])
      ])
    ]
    this.element = h('li', { class: 'tv-note', 'data-note-id': id, 'data-own': 'false', 'data-private': privateLabel ? 'true' : false }, this.display)
  }

  /** Whether the note is open for editing here. */
  get editing () {
    return this.editor !== null
  }

  /**
   * Show the document's current values; an open editor keeps its draft.
   * @param {string} text
   * @param {number} created
   * @param {boolean} own
   */
  update (text, created, own) {
    this.text = text
    this.created = created
    if (this.textElement.textContent !== text) this.textElement.textContent = text
    this.element.dataset.own = String(own)
    this.badge.hidden = !own
  }

  /**
   * Mark whether someone else deleted the note while it is open here; saving restores it.
   * @param {boolean} removed
   */
  setRemoved (removed) {
    if (removed) this.element.dataset.removed = 'true'
    else delete this.element.dataset.removed
    if (this.editor !== null) this.editor.conflict.hidden = !removed
  }

  /** Whether someone else deleted the note while it was open here. */
  get removed () {
    return this.element.dataset.removed === 'true'
  }

  /**
   * Allow or forbid changes (the connection closed for good).
   * @param {boolean} readOnly
   */
  setReadOnly (readOnly) {
    this.readOnly = readOnly
    this.editButton.disabled = readOnly
    this.deleteButton.disabled = readOnly
    this.moderation.forEach((button) => { button.disabled = readOnly })
    if (this.editor !== null) {
      // An open draft stays selectable (to copy it elsewhere) and can still be closed.
      this.editor.field.readOnly = readOnly
      this.editor.save.disabled = readOnly
    }
  }

  /** Replace the text with an editor holding it, and focus it. */
  startEditing () {
    if (this.editor !== null || this.readOnly) return
    const field = h('textarea', {
      id: this.editorFieldId,
      class: 'tv-field',
      rows: '3',
      maxlength: String(NOTE_MAX_CHARS),
      'data-note-edit-text': true
    })
    field.value = this.text
    const conflict = h('p', { class: 'tv-note__conflict', 'data-note-conflict': true, hidden: !this.removed }, [
      t('notes.deletedWhileEditing')
    ])
    const save = h('button', { type: 'submit', class: 'btn btn-primary', 'data-note-save': true }, [t('notes.save')])
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', 'data-note-cancel': true }, [
      t('notes.cancel')
    ])
    const form = h('form', { class: 'tv-note__editor', 'data-note-editor': true }, [
      h('label', { for: this.editorFieldId, class: 'tv-note__editor-label' }, [t('notes.editLabel')]),
      field,
      conflict,
      h('div', { class: 'tv-note__actions' }, [save, cancel])
    ])
    submitOnEnter(form, field, () => this.saveDraft())
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        this.stopEditing()
      }
    })
    cancel.addEventListener('click', () => this.stopEditing())

    this.editor = { field, save, conflict }
    this.element.dataset.editing = 'true'
    this.element.replaceChildren(form)
    field.focus()
    field.setSelectionRange(field.value.length, field.value.length)
  }

  /** Save the editor's text unless it is blank; a blank note is deleted with its own button. */
  saveDraft () {
    if (this.editor === null || this.readOnly) return
    const text = this.editor.field.value.trim()
    if (text === '') {
      this.editor.field.focus()
      return
    }
    this.actions.save(this, text)
    this.stopEditing()
  }

  /** Close the editor, show the note again and put focus back on its Edit button. */
  stopEditing () {
    if (this.editor === null) return
    this.editor = null
    delete this.element.dataset.editing
    this.element.replaceChildren(...this.display)
    this.editButton.focus()
    this.actions.editEnded(this)
  }
}
