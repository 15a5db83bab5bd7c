/**
 * The field a note is written in, in the notes list and on the map's phone: Enter adds the
 * note, Shift+Enter breaks the line.
 * @module views/note-field
 */

import { h } from '../ui/dom.js'

/** The longest note text the fields accept, in characters. */
export const NOTE_MAX_CHARS = 1000

/**
 * Whether `event` is Enter without Shift and outside an input method composition.
 * @param {KeyboardEvent} event
 * @returns {boolean}
 */
export const isSubmitKey = (event) => event.key === 'Enter' && !event.shiftKey && !event.isComposing

/**
 * The empty field a new note is written in; the phone's keyboard shows "send" on Enter.
 * @param {string} id the field's DOM id, for its label
 * @returns {HTMLTextAreaElement}
 */
export const newNoteField = (id) => h('textarea', {
  id,
  class: 'tv-field',
  name: 'text',
  rows: '3',
  maxlength: String(NOTE_MAX_CHARS),
  enterkeyhint: 'send',
  'data-note-input': true
})

/**
 * Run `submit` when `form` is submitted or Enter is pressed in `field` (not Shift+Enter).
 * @param {HTMLFormElement} form
 * @param {HTMLTextAreaElement} field
 * @param {() => void} submit
 */
export const submitOnEnter = (form, field, submit) => {
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    submit()
  })
  field.addEventListener('keydown', (event) => {
    if (isSubmitKey(event)) {
      event.preventDefault()
      submit()
    }
  })
}
