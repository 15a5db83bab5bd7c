/**
 * The everyday examples ("hverdagseksempler") under one principle: the list with likes, and a
 * form to add one (text, from one's own unit or elsewhere, and where). Examples are authored
 * items; the author edits or deletes their own.
 * @module views/charter/examples
 */

import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { EXAMPLE_MAX_CHARS, UNIT_MAX_CHARS } from './model.js'
import { confirmDialog } from '../dialog.js'

/**
 * @typedef {{ text: string, scope: import('./model.js').ExampleScope, unit: string }} ExampleFields
 * @typedef {{ likes: number, mine: boolean }} ExampleReaction
 *
 * @typedef {object} ExampleContext
 * @property {import('./actions.js').CharterActions} actions
 * @property {(command: Record<string, unknown>) => boolean} send
 * @property {(id: string) => boolean} isOwn
 * @property {(text: string) => void} announce
 * @property {boolean} facilitator
 * @property {boolean} present
 * @property {((root: 'examples', id: string) => HTMLButtonElement[]) | null} moderate the
 *   facilitator's "Hide" and "Delete"
 * @property {(section: string, fields: ExampleFields) => void} addPrivately keep a new example
 *   private (the private phase)
 *
 * @typedef {object} ExampleLocks what may be done now (the connection, the session's phase)
 * @property {boolean} edit change and delete one's examples
 * @property {boolean} react like
 * @property {boolean} add the form takes new examples
 * @property {boolean} privately new examples stay private until the reveal
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

export class ExampleList {
  /**
   * @param {string} section
   * @param {ExampleContext} context
   */
  constructor (section, context) {
    this.section = section
    this.context = context
    this.count = h('span', { class: 'tv-count', 'data-example-count': true })
    this.list = h('ul', { class: 'tv-examples', 'data-examples': true, 'aria-live': 'polite' })
    this.empty = h('p', { class: 'tv-empty', 'data-examples-empty': true }, [t('charter.example.empty')])
    /** @type {ExampleLocks} */
    this.locks = { edit: true, react: true, add: true, privately: false }
    /** @type {string | null} */
    this.editing = null
    /** @type {Map<string, string>} */
    this.signatures = new Map()
    this.form = context.present
      ? null
      : exampleForm({ text: '', scope: 'own', unit: '' }, t('charter.example.add'), (fields) => {
        if (!this.locks.add) return false
        if (this.locks.privately) {
          context.addPrivately(section, fields)
          return true
        }
        context.actions.addExample({ section, ...fields })
        context.announce(t('charter.example.added'))
        return true
      }, null)
    /** Where this participant's private examples go (views/charter/private-examples.js). */
    this.privateSlot = h('div', { class: 'tv-examples-private-slot' })
    this.element = h('section', { class: 'tv-examples-block', 'data-examples-block': true }, [
      h('h3', { class: 'tv-subheading' }, [t('charter.example.heading'), ' ', this.count]),
      this.empty,
      this.list,
      this.privateSlot,
      ...(this.form ? [h('details', { class: 'tv-example-add' }, [
        h('summary', { class: 'btn btn-secondary tv-example-add__summary', 'data-example-open': true }, [t('charter.example.new')]),
        this.form.element
      ])] : [])
    ])
    /** @type {import('./model.js').ExampleData[]} */
    this.examples = []
    /** @type {Record<string, ExampleReaction>} */
    this.reactions = {}
  }

  /**
   * @param {import('./model.js').ExampleData[]} examples this section's, oldest first
   * @param {Record<string, ExampleReaction>} reactions
   */
  update (examples, reactions) {
    this.examples = examples
    this.reactions = reactions
    this.count.textContent = `(${examples.length})`
    this.count.dataset.count = String(examples.length)
    this.empty.hidden = examples.length > 0
    const ids = new Set(examples.map((example) => example.id))
    for (const element of [...this.list.children]) {
      const id = /** @type {HTMLElement} */ (element).dataset.exampleId ?? ''
      if (!ids.has(id)) {
        element.remove()
        this.signatures.delete(id)
      }
    }
    let cursor = this.list.firstElementChild
    for (const example of examples) {
      const reaction = reactions[example.id] ?? { likes: 0, mine: false }
      const own = this.context.isOwn(example.id)
      const signature = JSON.stringify([example, reaction, own, this.locks, this.editing === example.id])
      /** @type {Element | null} */
      let element = this.list.querySelector(`[data-example-id="${CSS.escape(example.id)}"]`)
      if (element === null || this.signatures.get(example.id) !== signature) {
        // An open editor is left alone while others change the list.
        if (!(element !== null && this.editing === example.id && element.querySelector('form'))) {
          const fresh = this.renderExample(example, reaction, own)
          if (element !== null) {
            if (element === cursor) cursor = fresh
            element.replaceWith(fresh)
          }
          element = fresh
          this.signatures.set(example.id, signature)
        }
      }
      if (element === cursor) cursor = cursor.nextElementSibling
      else this.list.insertBefore(element, cursor)
    }
  }

  /**
   * @param {import('./model.js').ExampleData} example
   * @param {ExampleReaction} reaction
   * @param {boolean} own
   * @returns {HTMLLIElement}
   */
  renderExample (example, reaction, own) {
    const item = h('li', { class: 'tv-example', 'data-example-id': example.id, 'data-own': String(own), 'data-scope': example.scope })
    if (this.editing === example.id) {
      const close = () => {
        this.editing = null
        this.signatures.delete(example.id)
        this.update(this.examples, this.reactions)
        const back = this.list.querySelector(`[data-example-id="${CSS.escape(example.id)}"] [data-example-edit]`)
        if (back instanceof HTMLElement) back.focus()
      }
      const form = exampleForm(example, t('notes.save'), (fields) => {
        this.context.actions.updateExample(example.id, fields)
        close()
        return true
      }, close)
      item.append(form.element)
      queueMicrotask(() => form.field.focus())
      return item
    }
    const scope = t(`charter.example.scope.${example.scope}`)
    const meta = h('p', { class: 'tv-example__meta' }, [
      h('span', { class: 'tv-scope-badge', 'data-scope': example.scope }, [scope])
    ])
    if (example.unit !== '') meta.append(' ', h('span', { class: 'tv-example__unit' }, [example.unit]))
    if (own) meta.append(' ', h('span', { class: 'tv-own-badge' }, [t('notes.own')]))
    const actions = h('div', { class: 'tv-example__actions' })
    const likeLabel = plural('charter.example.likes', reaction.likes)
    if (!this.context.present && !this.context.facilitator) {
      const like = h('button', {
        type: 'button', class: 'btn tv-like', 'aria-pressed': String(reaction.mine), 'data-example-like': true, disabled: !this.locks.react
      }, [h('span', { 'aria-hidden': 'true' }, [reaction.mine ? '♥' : '♡']), ' ', t('charter.example.like'), h('span', { class: 'tv-like__count', 'data-likes': String(reaction.likes) }, [String(reaction.likes)])])
      like.addEventListener('click', () => this.context.send({ type: 'example.like', example: example.id, like: !reaction.mine }))
      actions.append(like)
    } else {
      actions.append(h('span', { class: 'tv-like-count', 'data-likes': String(reaction.likes) }, [likeLabel]))
    }
    if (own && !this.context.present) {
      const edit = h('button', { type: 'button', class: 'tv-link-btn', 'data-example-edit': true, disabled: !this.locks.edit }, [t('charter.example.edit')])
      const remove = h('button', { type: 'button', class: 'tv-link-btn', 'data-example-delete': true, disabled: !this.locks.edit }, [t('charter.example.delete')])
      edit.addEventListener('click', () => {
        this.editing = example.id
        this.update(this.examples, this.reactions)
      })
      remove.addEventListener('click', () => confirmDialog({
        title: t('charter.example.deleteTitle'),
        body: example.text.length > 120 ? example.text.slice(0, 117) + '…' : example.text,
        confirmLabel: t('charter.example.delete'),
        back: remove,
        confirm: () => {
          this.context.actions.deleteExample(example.id)
          this.context.announce(t('charter.example.deleted'))
        }
      }))
      actions.append(edit, remove)
    }
    if (this.context.moderate !== null && !this.context.present) actions.append(...this.context.moderate('examples', example.id))
    item.append(h('p', { class: 'tv-example__text', 'data-example-text': true }, [example.text]), meta, actions)
    return item
  }

  /** @param {ExampleLocks} locks */
  setLocks (locks) {
    this.locks = locks
    this.form?.setReadOnly(!locks.add)
    this.element.dataset.private = String(locks.privately)
    this.update(this.examples, this.reactions)
  }
}
