/**
 * "Propose new wording": a draft editor (not shared, not bound to Yjs) that starts from the
 * live wording, a one-line reason, and `proposal.create` on submit.
 * @module views/charter/proposal-form
 */

import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror'
import { domId, h } from '../../ui/dom.js'
import { createItemId } from '../../sync/ids.js'
import { t } from '../../i18n.js'
import { createDraftEditor } from './editor.js'
import { REASON_MAX_CHARS, plainText } from './model.js'

/**
 * @typedef {object} ProposalFormContext
 * @property {(command: Record<string, unknown>) => boolean} send
 * @property {import('../../sync/ownership.js').Ownership} ownership
 * @property {(text: string) => void} announce
 */

export class ProposalForm {
  /**
   * @param {string} section
   * @param {() => import('yjs').XmlFragment | null} fragment the section's live wording
   * @param {ProposalFormContext} context
   */
  constructor (section, fragment, context) {
    this.section = section
    this.fragment = fragment
    this.context = context
    this.open = h('button', { type: 'button', class: 'btn btn-secondary', 'aria-expanded': 'false', 'data-propose': true }, [
      h('span', { 'aria-hidden': 'true' }, ['✎ ']), t('charter.proposal.new')
    ])
    this.slot = h('div', { class: 'tv-propose-slot' })
    this.open.addEventListener('click', () => (this.form === null ? this.show() : this.close()))
    /** @type {HTMLFormElement | null} */
    this.form = null
    /** @type {import('./editor.js').DraftEditor | null} */
    this.draft = null
    this.readOnly = false
  }

  show () {
    const fragment = this.fragment()
    if (this.form !== null || fragment === null || this.readOnly) return
    const current = /** @type {import('./model.js').PmNode} */ (yXmlFragmentToProsemirrorJSON(fragment))
    const draft = createDraftEditor(current, t('charter.proposal.wordingLabel'), t('charter.format.toolbar'))
    const reasonId = domId('tv-reason')
    const countId = domId('tv-reason-count')
    const headingId = domId('tv-propose')
    const reason = h('input', {
      id: reasonId, class: 'tv-input', maxlength: String(REASON_MAX_CHARS), required: true,
      autocomplete: 'off', enterkeyhint: 'send', 'aria-describedby': countId, 'data-proposal-reason-input': true
    })
    const count = h('span', { id: countId, class: 'tv-help' }, [t('charter.proposal.reasonCount', { count: 0, max: REASON_MAX_CHARS })])
    reason.addEventListener('input', () => {
      count.textContent = t('charter.proposal.reasonCount', { count: reason.value.length, max: REASON_MAX_CHARS })
    })
    const error = h('p', { class: 'tv-form-error', role: 'alert', hidden: true })
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary' }, [t('notes.cancel')])
    const form = h('form', { class: 'tv-propose', 'aria-labelledby': headingId, 'data-proposal-form': true }, [
      h('h3', { id: headingId, class: 'tv-subheading' }, [t('charter.proposal.new')]),
      h('p', { class: 'tv-help' }, [t('charter.proposal.help')]),
      draft.element,
      h('label', { for: reasonId, class: 'tv-label' }, [t('charter.proposal.reasonLabel')]),
      reason,
      count,
      error,
      h('div', { class: 'tv-form-actions' }, [
        h('button', { type: 'submit', class: 'btn btn-primary', 'data-proposal-submit': true }, [t('charter.proposal.submit')]),
        cancel
      ])
    ])
    const fail = (/** @type {string} */ message) => {
      error.textContent = message
      error.hidden = false
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      if (this.readOnly) return
      const text = reason.value.replace(/\s+/g, ' ').trim()
      const wording = draft.json()
      const live = this.fragment()
      if (live !== null && plainText(wording) === plainText(/** @type {import('./model.js').PmNode} */ (yXmlFragmentToProsemirrorJSON(live)))) {
        fail(t('charter.proposal.unchanged'))
        draft.focus()
        return
      }
      if (text === '') {
        fail(t('charter.proposal.needReason'))
        reason.focus()
        return
      }
      const id = createItemId()
      this.context.ownership.addLocal(id)
      if (this.context.send({ type: 'proposal.create', id, section: this.section, reason: text.slice(0, REASON_MAX_CHARS), wording })) {
        this.context.announce(t('charter.proposal.sent'))
        this.close()
      }
    })
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !(event.target instanceof HTMLElement && event.target.closest('[data-draft-editor]'))) this.close()
    })
    cancel.addEventListener('click', () => this.close())
    this.form = form
    this.draft = draft
    this.slot.replaceChildren(form)
    this.open.setAttribute('aria-expanded', 'true')
    draft.focus()
  }

  close () {
    if (this.form === null) return
    this.draft?.destroy()
    this.form.remove()
    this.form = null
    this.draft = null
    this.open.setAttribute('aria-expanded', 'false')
    this.open.focus()
  }

  /** @param {boolean} readOnly */
  setReadOnly (readOnly) {
    this.readOnly = readOnly
    this.open.disabled = readOnly
    if (readOnly) this.close()
  }
}
