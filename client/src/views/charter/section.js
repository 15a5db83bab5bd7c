/**
 * One section of the charter: its heading, state and guiding question; the live wording
 * editor; "propose new wording" and history; open and decided proposals; and, under a
 * principle, its everyday examples. Only the chrome is redrawn when the maps change:
 * ProseMirror keeps the wording's DOM itself.
 * @module views/charter/section
 */

import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror'
import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { createWordingEditor } from './editor.js'
import { ExampleList } from './examples.js'
import { PrivateExampleList } from './private-examples.js'
import { HistoryPanel } from './history.js'
import { plainText } from './model.js'
import { ProposalForm } from './proposal-form.js'
import { ProposalList } from './proposals.js'
import { SectionTools } from './section-tools.js'
import { sectionTitle } from './ui.js'

/** How much of the wording a phone's list of sections shows, in characters. */
const PREVIEW_CHARS = 160

/**
 * @typedef {object} SectionDeps
 * @property {string} boardId
 * @property {boolean} facilitator
 * @property {boolean} present
 * @property {import('../../sync/presence.js').Awareness} awareness
 * @property {(id: string) => import('yjs').XmlFragment | null} fragment
 * @property {import('./section-tools.js').SectionToolActions} tools
 * @property {import('./proposals.js').ProposalContext} proposals
 * @property {import('./proposal-form.js').ProposalFormContext} propose
 * @property {import('./examples.js').ExampleContext} examples
 * @property {(id: string | null) => void} open show one section alone (phones), `null` for all
 * @property {import('./private-examples.js').PrivateExampleActions} privateExamples
 * @property {((id: string) => HTMLButtonElement) | null} focusButton the facilitator's "Bring
 *   everyone here"
 */

export class SectionView {
  /**
   * @param {string} id
   * @param {SectionDeps} deps
   */
  constructor (id, deps) {
    this.id = id
    this.deps = deps
    const titleId = domId('tv-section')
    this.kicker = h('p', { class: 'tv-section__kicker', 'data-section-kicker': true })
    this.title = h('h2', { id: titleId, class: 'tv-section__title', tabindex: '-1', 'data-section-title': true })
    this.badge = h('span', { class: 'tv-badge', 'data-section-badge': true })
    this.question = h('p', { class: 'tv-section__question', 'data-section-question': true })
    this.head = h('div', { class: 'tv-section__head' }, [this.kicker, h('div', { class: 'tv-section__title-row' }, [this.title, this.badge]), this.question])
    this.back = h('button', { type: 'button', class: 'btn btn-secondary tv-section__back', 'data-section-back': true }, [
      h('span', { 'aria-hidden': 'true' }, ['‹ ']), t('charter.section.back')
    ])
    this.back.addEventListener('click', () => deps.open(null))
    this.tools = deps.facilitator && !deps.present ? new SectionTools(id, this.head, titleId, deps.tools) : null
    if (this.tools !== null && deps.focusButton !== null) this.tools.element.prepend(deps.focusButton(id))
    const header = h('header', { class: 'tv-section__header' }, [this.back, this.head, ...(this.tools ? [this.tools.element] : [])])

    // A phone's list of sections: a preview and a button over the whole card.
    this.preview = h('p', { class: 'tv-section__preview', 'data-section-preview': true })
    this.summary = h('p', { class: 'tv-section__summary', 'data-section-summary': true })
    this.opener = h('button', { type: 'button', class: 'tv-section__open', 'data-section-open': true })
    this.opener.addEventListener('click', () => deps.open(id))
    this.card = h('div', { class: 'tv-section__card' }, [this.preview, this.summary, this.opener])

    this.editorSlot = h('div', { class: 'tv-section__wording', 'data-section-wording': true })
    this.proposalForm = deps.present ? null : new ProposalForm(id, () => deps.fragment(id), deps.propose)
    this.history = deps.present ? null : new HistoryPanel(deps.boardId, id, () => this.currentText, () => sectionTitle(this.data ?? { title: '' }))
    const actions = h('div', { class: 'tv-section__actions' }, [
      ...(this.proposalForm ? [this.proposalForm.open] : []),
      ...(this.history ? [this.history.button] : [])
    ])
    this.proposalList = new ProposalList(deps.proposals)
    /** @type {ExampleList | null} */
    this.examples = null
    /** @type {PrivateExampleList | null} */
    this.privateExamples = null
    /** @type {import('./examples.js').ExampleLocks} */
    this.exampleLocks = { edit: true, react: true, add: true, privately: false }
    this.body = h('div', { class: 'tv-section__body' }, [
      this.editorSlot,
      actions,
      ...(this.proposalForm ? [this.proposalForm.slot] : []),
      ...(this.history ? [this.history.element] : []),
      this.proposalList.element
    ])
    this.element = h('article', { class: 'tv-section', 'data-section-id': id, 'aria-labelledby': titleId }, [header, this.card, this.body])

    /** @type {import('./model.js').SectionData | null} */
    this.data = null
    /** @type {import('./editor.js').WordingEditor | null} */
    this.editor = null
    /** @type {import('yjs').XmlFragment | null} */
    this.boundTo = null
    this.currentText = ''
    this.readOnly = false
    this.openProposals = 0
  }

  /**
   * @param {import('./model.js').SectionData} section
   * @param {{ first: boolean, last: boolean, number: number }} place `number` counts principles
   */
  update (section, { first, last, number }) {
    this.data = section
    const title = sectionTitle(section)
    if (this.title.textContent !== title) this.title.textContent = title
    this.question.textContent = section.question
    this.question.hidden = section.question === ''
    this.kicker.textContent = section.role === 'preamble' ? t('charter.section.preamble') : t('charter.section.principle', { number })
    this.badge.textContent = t(section.state === 'agreed' ? 'charter.state.agreed' : 'charter.state.open')
    this.badge.dataset.state = section.state
    this.element.dataset.sectionState = section.state
    this.element.dataset.sectionRole = section.role
    this.opener.setAttribute('aria-label', t('charter.section.openLabel', { section: title }))
    this.tools?.update(section, first, last)
    this.editor?.setLabel(t('charter.section.wordingLabel', { section: title }), t('charter.format.toolbarFor', { section: title }))
    if (section.role === 'principle' && this.examples === null) {
      this.examples = new ExampleList(this.id, this.deps.examples)
      this.examples.setLocks(this.exampleLocks)
      this.privateExamples = new PrivateExampleList(this.id, this.deps.privateExamples)
      this.examples.privateSlot.append(this.privateExamples.element)
      this.body.append(this.examples.element)
    } else if (section.role !== 'principle' && this.examples !== null) {
      this.examples.element.remove()
      this.examples = null
      this.privateExamples = null
    }
    this.applyEditable()
  }

  /**
   * Bind an editor to the section's fragment (or re-bind, when the fragment was replaced).
   * @param {boolean} wanted `false` drops the editor (a phone shows one section at a time)
   */
  mountEditor (wanted) {
    const fragment = wanted ? this.deps.fragment(this.id) : null
    if (this.editor !== null && this.boundTo === fragment) return
    this.editor?.destroy()
    this.editor = null
    this.boundTo = fragment
    if (fragment === null) {
      this.editorSlot.replaceChildren()
      return
    }
    const title = sectionTitle(this.data ?? { title: '' })
    const editor = createWordingEditor({
      fragment,
      awareness: this.deps.awareness,
      label: t('charter.section.wordingLabel', { section: title }),
      toolbarLabel: t('charter.format.toolbarFor', { section: title }),
      editable: this.editable(),
      toolbar: !this.deps.present
    })
    this.editor = editor
    this.editorSlot.replaceChildren(editor.element)
  }

  /** @returns {boolean} */
  editable () {
    return !this.readOnly && !this.deps.present && this.data?.state === 'open'
  }

  applyEditable () {
    this.editor?.setEditable(this.editable())
    this.editorSlot.dataset.editable = String(this.editable())
  }

  /** Read the wording's plain text again (after it changed): preview and proposals follow. */
  refreshWording () {
    const fragment = this.deps.fragment(this.id)
    this.currentText = fragment === null ? '' : plainText(/** @type {import('./model.js').PmNode} */ (yXmlFragmentToProsemirrorJSON(fragment)))
    const flat = this.currentText.replace(/\s+/g, ' ').trim()
    this.preview.textContent = flat.length > PREVIEW_CHARS ? flat.slice(0, PREVIEW_CHARS - 1) + '…' : flat
    this.preview.hidden = flat === ''
    // A phone's list shows the guiding question where there is no wording yet.
    this.element.dataset.emptyWording = String(flat === '')
  }

  /**
   * @param {import('./model.js').ProposalData[]} proposals
   * @param {(proposal: import('./model.js').ProposalData) => import('./proposals.js').ProposalState} stateOf
   */
  setProposals (proposals, stateOf) {
    this.proposalList.update(proposals, stateOf)
    this.openProposals = proposals.filter((proposal) => proposal.status === 'open').length
    this.element.dataset.openProposals = String(this.openProposals)
    this.drawSummary()
  }

  /**
   * @param {import('./model.js').ExampleData[]} examples
   * @param {Record<string, import('./examples.js').ExampleReaction>} reactions
   */
  setExamples (examples, reactions) {
    this.examples?.update(examples, reactions)
    this.drawSummary()
  }

  drawSummary () {
    const parts = []
    if (this.openProposals > 0) parts.push(plural('charter.section.proposals', this.openProposals))
    const examples = this.examples?.examples.length ?? 0
    if (this.examples !== null) parts.push(plural('charter.section.examples', examples))
    this.summary.textContent = parts.join(' · ')
  }

  /**
   * Allow or forbid changes to the wording and new proposals (the connection, the session).
   * @param {boolean} readOnly
   */
  setReadOnly (readOnly) {
    this.readOnly = readOnly
    this.tools?.setReadOnly(readOnly)
    this.proposalForm?.setReadOnly(readOnly)
    this.applyEditable()
  }

  /** @param {import('./examples.js').ExampleLocks} locks */
  setExampleLocks (locks) {
    this.exampleLocks = locks
    this.examples?.setLocks(locks)
  }

  /**
   * @param {import('../facilitation/private-notes.js').PrivateNote[]} notes this participant's
   *   private examples under this principle
   * @param {boolean} editable
   */
  setPrivateExamples (notes, editable) {
    this.privateExamples?.update(notes, editable)
  }

  destroy () {
    this.editor?.destroy()
    this.element.remove()
  }
}
