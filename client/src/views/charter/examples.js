/**
 * The everyday examples ("hverdagseksempler") under one principle: the list with likes, and a
 * form to add one (text, from one's own unit or elsewhere, and where). Examples are authored
 * items; the author edits or deletes their own.
 * @module views/charter/examples
 */

import { h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { confirmDialog } from '../dialog.js'
import { editInPlace, exampleForm, exampleMeta, focusEditButton, ownButtons } from './example-item.js'

/**
 * @typedef {import('./example-item.js').ExampleFields} ExampleFields
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
      return editInPlace(item, example, (fields) => this.context.actions.updateExample(example.id, fields), () => {
        this.editing = null
        this.signatures.delete(example.id)
        this.update(this.examples, this.reactions)
        focusEditButton(this.list, example.id)
      })
    }
    const meta = exampleMeta(example)
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
      actions.append(...ownButtons(this.locks.edit, () => {
        this.editing = example.id
        this.update(this.examples, this.reactions)
      }, (remove) => confirmDialog({
        title: t('charter.example.deleteTitle'),
        body: example.text.length > 120 ? example.text.slice(0, 117) + '…' : example.text,
        confirmLabel: t('charter.example.delete'),
        back: remove,
        confirm: () => {
          this.context.actions.deleteExample(example.id)
          this.context.announce(t('charter.example.deleted'))
        }
      })))
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
