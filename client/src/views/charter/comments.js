/**
 * The comments on one proposal: a fold-out list and a one-line form. Comments are authored
 * items in the `comments` map; the author may delete their own.
 * @module views/charter/comments
 */

import { domId, h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { COMMENT_MAX_CHARS } from './model.js'

/**
 * @typedef {object} CommentActions
 * @property {(proposal: string, text: string) => void} add
 * @property {(id: string) => void} remove
 * @property {(id: string) => boolean} isOwn
 * @property {((root: 'comments', id: string) => HTMLButtonElement[]) | null} moderate the
 *   facilitator's "Hide" and "Delete"
 */

export class CommentThread {
  /**
   * @param {string} proposal
   * @param {CommentActions} actions
   * @param {boolean} canWrite false on the projector
   */
  constructor (proposal, actions, canWrite) {
    this.proposal = proposal
    this.actions = actions
    this.summary = h('summary', { class: 'tv-comments__summary', 'data-comments-toggle': true })
    this.list = h('ul', { class: 'tv-comments__list', 'data-comments': true })
    const fieldId = domId('tv-comment')
    this.field = h('input', {
      id: fieldId, class: 'tv-input', maxlength: String(COMMENT_MAX_CHARS), autocomplete: 'off', enterkeyhint: 'send', 'data-comment-input': true
    })
    this.button = h('button', { type: 'submit', class: 'btn btn-secondary', 'data-comment-add': true }, [t('charter.comment.add')])
    this.form = h('form', { class: 'tv-comments__form' }, [
      h('label', { for: fieldId, class: 'tv-label' }, [t('charter.comment.label')]),
      h('div', { class: 'tv-inline-form' }, [this.field, this.button])
    ])
    this.form.hidden = !canWrite
    this.form.addEventListener('submit', (event) => {
      event.preventDefault()
      const text = this.field.value.trim()
      this.field.focus()
      if (text === '' || this.field.disabled) return
      actions.add(proposal, text)
      this.field.value = ''
    })
    this.element = h('details', { class: 'tv-comments' }, [this.summary, this.list, this.form])
    /** @type {string} */
    this.signature = ''
    this.readOnly = false
  }

  /**
   * @param {import('./model.js').CommentData[]} comments oldest first
   */
  update (comments) {
    const signature = JSON.stringify(comments.map((comment) => [comment.id, comment.text, this.actions.isOwn(comment.id)]))
    this.summary.textContent = t('charter.comment.summary', { count: comments.length })
    this.summary.dataset.count = String(comments.length)
    if (signature === this.signature) return
    this.signature = signature
    const focused = this.list.contains(document.activeElement)
    this.list.replaceChildren(...comments.map((comment) => this.renderComment(comment)))
    if (focused) this.field.focus()
  }

  /**
   * @param {import('./model.js').CommentData} comment
   * @returns {HTMLLIElement}
   */
  renderComment (comment) {
    const own = this.actions.isOwn(comment.id)
    const item = h('li', { class: 'tv-comment', 'data-comment-id': comment.id, 'data-own': String(own) }, [
      h('p', { class: 'tv-comment__text' }, [comment.text])
    ])
    if (own) {
      const remove = h('button', { type: 'button', class: 'tv-link-btn', 'data-comment-delete': true, disabled: this.readOnly }, [t('charter.comment.delete')])
      remove.addEventListener('click', () => this.actions.remove(comment.id))
      item.append(h('p', { class: 'tv-comment__meta' }, [h('span', { class: 'tv-own-badge' }, [t('notes.own')]), ' ', remove]))
    }
    if (this.actions.moderate !== null) item.append(h('p', { class: 'tv-comment__meta' }, this.actions.moderate('comments', comment.id)))
    return item
  }

  /** @param {boolean} readOnly */
  setReadOnly (readOnly) {
    this.readOnly = readOnly
    this.field.disabled = readOnly
    this.button.disabled = readOnly
    this.signature = ''
  }
}
