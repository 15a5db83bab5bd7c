/**
 * The parts of one everyday example that the section's list (examples.js) and this
 * participant's private ones (private-examples.js) share: the form that adds or edits one,
 * the line saying where it is from, and the author's "Edit" and "Delete".
 * @module views/charter/example-item
 */

import { domId, h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { EXAMPLE_MAX_CHARS, UNIT_MAX_CHARS } from './model.js'

/**
 * @typedef {{ text: string, scope: import('./model.js').ExampleScope, unit: string, event?: string }} ExampleFields
 * `event`: the event an example carried from an earlier round was written at (read only).
 */

/**
 * The fields of an example, for adding or editing.
 * @param {ExampleFields} initial
 * @param {string} submitLabel
 * @param {(fields: ExampleFields) => boolean} submit `true` when taken
 * @param {(() => void) | null} cancel
 * @returns {{ element: HTMLFormElement, field: HTMLTextAreaElement, setReadOnly: (value: boolean) => void }}
 */
export const exampleForm = (initial, submitLabel, submit, cancel) => {
  const textId = domId('tv-example')
  const unitId = domId('tv-example-unit')
  const name = domId('tv-scope')
  const field = h('textarea', {
    id: textId, class: 'tv-field', rows: '3', maxlength: String(EXAMPLE_MAX_CHARS), 'data-example-input': true
  })
  field.value = initial.text
  const scopes = /** @type {const} */ (['own', 'across']).map((scope) => {
    const input = h('input', { type: 'radio', name, value: scope, class: 'tv-radio', 'data-example-scope': scope })
    input.checked = initial.scope === scope
    return { scope, input, label: h('label', { class: 'tv-choice' }, [input, t(`charter.example.scope.${scope}`)]) }
  })
  const unit = h('input', { id: unitId, class: 'tv-input', maxlength: String(UNIT_MAX_CHARS), autocomplete: 'organization-title', 'data-example-unit': true })
  unit.value = initial.unit
  const button = h('button', { type: 'submit', class: 'btn btn-primary tv-example-form__submit', 'data-example-submit': true }, [submitLabel])
  const actions = h('div', { class: 'tv-form-actions' }, [button])
  if (cancel !== null) {
    const cancelButton = h('button', { type: 'button', class: 'btn btn-secondary' }, [t('notes.cancel')])
    cancelButton.addEventListener('click', cancel)
    actions.append(cancelButton)
  }
  const element = h('form', { class: 'tv-example-form', 'data-example-form': true }, [
    h('label', { for: textId, class: 'tv-label' }, [t('charter.example.label')]),
    field,
    h('fieldset', { class: 'tv-choices' }, [h('legend', { class: 'tv-label' }, [t('charter.example.scope')]), ...scopes.map((s) => s.label)]),
    h('label', { for: unitId, class: 'tv-label' }, [t('charter.example.unit')]),
    unit,
    actions
  ])
  element.addEventListener('submit', (event) => {
    event.preventDefault()
    const text = field.value.trim()
    if (text === '' || button.disabled) {
      field.focus()
      return
    }
    const scope = scopes.find((s) => s.input.checked)?.scope ?? 'own'
    if (submit({ text, scope, unit: unit.value.trim() })) {
      field.value = ''
      unit.value = ''
    }
  })
  if (cancel !== null) element.addEventListener('keydown', (event) => { if (event.key === 'Escape') cancel() })
  return {
    element,
    field,
    setReadOnly: (value) => {
      for (const control of [field, unit, button, ...scopes.map((s) => s.input)]) control.disabled = value
    }
  }
}

/**
 * Fill `item` with the form that edits an example in place; saving or cancelling calls `close`.
 * @param {HTMLLIElement} item
 * @param {ExampleFields} fields
 * @param {(fields: ExampleFields) => void} save
 * @param {() => void} close draw the item again, without its form
 * @returns {HTMLLIElement}
 */
export const editInPlace = (item, fields, save, close) => {
  const form = exampleForm(fields, t('notes.save'), (edited) => {
    save(edited)
    close()
    return true
  }, close)
  item.append(form.element)
  queueMicrotask(() => form.field.focus())
  return item
}

/**
 * Give the keyboard back to the "Edit" button of example `id` in `list`, once its form closed.
 * @param {HTMLElement} list
 * @param {string} id
 */
export const focusEditButton = (list, id) => {
  const back = list.querySelector(`[data-example-id="${CSS.escape(id)}"] [data-example-edit]`)
  if (back instanceof HTMLElement) back.focus()
}

/**
 * The line under an example: its scope ("own unit", "elsewhere"), its unit, if named, and
 * the event it came from when it was carried from an earlier round (docs/programme.md).
 * @param {ExampleFields} fields
 * @returns {HTMLParagraphElement}
 */
export const exampleMeta = (fields) => {
  const meta = h('p', { class: 'tv-example__meta' }, [
    h('span', { class: 'tv-scope-badge', 'data-scope': fields.scope }, [t(`charter.example.scope.${fields.scope}`)])
  ])
  if (fields.unit !== '') meta.append(' ', h('span', { class: 'tv-example__unit' }, [fields.unit]))
  if (fields.event) {
    meta.append(' ', h('span', { 'aria-hidden': 'true' }, ['·']), ' ', h('span', { class: 'tv-example__event', 'data-example-event': fields.event }, [
      t('charter.example.event', { event: fields.event })
    ]))
  }
  return meta
}

/**
 * The author's "Edit" and "Delete" buttons on an example.
 * @param {boolean} enabled
 * @param {() => void} edit
 * @param {(button: HTMLButtonElement) => void} remove given its button, to return focus to
 * @returns {HTMLButtonElement[]}
 */
export const ownButtons = (enabled, edit, remove) => {
  const editButton = h('button', { type: 'button', class: 'tv-link-btn', 'data-example-edit': true, disabled: !enabled }, [t('charter.example.edit')])
  const removeButton = h('button', { type: 'button', class: 'tv-link-btn', 'data-example-delete': true, disabled: !enabled }, [t('charter.example.delete')])
  editButton.addEventListener('click', edit)
  removeButton.addEventListener('click', () => remove(removeButton))
  return [editButton, removeButton]
}
