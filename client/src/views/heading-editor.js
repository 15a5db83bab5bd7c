/**
 * Editing a heading of title and guiding question in place: a map's zone, a charter's section.
 * @module views/heading-editor
 */

import { domId, h } from '../ui/dom.js'
import { t } from '../i18n.js'

/**
 * @typedef {object} HeadingEditorOptions
 * @property {string} name what is edited, for ids and `data-{name}-…` attributes (`zone`, `section`)
 * @property {{ title: string, question: string }} values the heading as it is
 * @property {{ title: string, question: string }} labels the fields' labels
 * @property {{ title: number, question: number }} limits most characters per field
 * @property {{ form: string, label: string, actions: string }} classes
 * @property {(values: { title: string, question: string }) => void} onSave
 * @property {() => void} onClose after saving or cancelling (Escape too)
 */

/**
 * A form with the heading's title and question, saved on submit; put it in place yourself.
 * @param {HeadingEditorOptions} options
 * @returns {{ form: HTMLFormElement, title: HTMLInputElement }}
 */
export const headingEditor = ({ name, values, labels, limits, classes, onSave, onClose }) => {
  const titleId = domId(`tv-${name}-title`)
  const questionId = domId(`tv-${name}-question`)
  const title = /** @type {HTMLInputElement} */ (h('input', {
    id: titleId, class: 'tv-input', maxlength: String(limits.title), [`data-${name}-title-edit`]: true
  }))
  const question = /** @type {HTMLTextAreaElement} */ (h('textarea', {
    id: questionId, class: 'tv-field tv-field--short', rows: '2', maxlength: String(limits.question), [`data-${name}-question-edit`]: true
  }))
  title.value = values.title
  question.value = values.question
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary' }, [t('notes.cancel')])
  const save = h('button', { type: 'submit', class: 'btn btn-primary', [`data-${name}-save`]: true }, [t('notes.save')])
  const form = /** @type {HTMLFormElement} */ (h('form', { class: classes.form, [`data-${name}-editor`]: true }, [
    h('label', { for: titleId, class: classes.label }, [labels.title]),
    title,
    h('label', { for: questionId, class: classes.label }, [labels.question]),
    question,
    h('div', { class: classes.actions }, [save, cancel])
  ]))
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    onSave({ title: title.value.trim(), question: question.value.trim() })
    onClose()
  })
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') onClose()
  })
  cancel.addEventListener('click', onClose)
  return { form, title }
}
