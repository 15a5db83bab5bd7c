/**
 * The facilitator's tools on a section: open or agree it (the `section.state` command),
 * rename it (title and guiding question), move it up or down, remove it (after a dialog).
 * @module views/charter/section-tools
 */

import { h } from '../../dom.js'
import { t } from '../../i18n.js'
import { headingEditor } from '../heading-editor.js'
import { QUESTION_MAX_CHARS, TITLE_MAX_CHARS } from './model.js'
import { confirmDialog, sectionTitle } from './ui.js'

/**
 * @typedef {object} SectionToolActions
 * @property {(id: string, state: import('./model.js').SectionState) => void} setState
 * @property {(id: string, fields: { title: string, question: string }) => void} update
 * @property {(id: string, step: -1 | 1) => void} move
 * @property {(id: string) => void} remove
 */

/**
 * A labelled button with a decorative icon.
 * @param {string} label
 * @param {string} icon
 * @param {Record<string, string | boolean>} attributes
 * @returns {HTMLButtonElement}
 */
const toolButton = (label, icon, attributes) =>
  h('button', { type: 'button', class: 'btn btn-secondary tv-tool', ...attributes }, [
    h('span', { 'aria-hidden': 'true', class: 'tv-tool__icon' }, [icon]),
    h('span', { class: 'tv-tool__label' }, [label])
  ])

export class SectionTools {
  /**
   * @param {string} id
   * @param {HTMLElement} head the heading block, hidden while the editor is open
   * @param {string} titleId DOM id of the section's heading, describing the buttons
   * @param {SectionToolActions} actions
   */
  constructor (id, head, titleId, actions) {
    this.id = id
    this.head = head
    this.actions = actions
    const described = { 'aria-describedby': titleId }
    this.state = h('button', { type: 'button', class: 'btn btn-primary', 'data-section-state-toggle': true, ...described })
    this.edit = toolButton(t('charter.section.edit'), '✎', { 'data-section-edit': true, ...described })
    this.up = toolButton(t('charter.section.up'), '↑', { 'data-section-up': true, ...described })
    this.down = toolButton(t('charter.section.down'), '↓', { 'data-section-down': true, ...described })
    this.remove = toolButton(t('charter.section.remove'), '✕', { 'data-section-remove': true, ...described })
    this.state.addEventListener('click', () => {
      if (this.section !== null) actions.setState(id, this.section.state === 'agreed' ? 'open' : 'agreed')
    })
    this.edit.addEventListener('click', () => this.startEditing())
    this.up.addEventListener('click', () => actions.move(id, -1))
    this.down.addEventListener('click', () => actions.move(id, 1))
    this.remove.addEventListener('click', () => this.confirmRemove())
    this.element = h('div', { class: 'tv-section__tools', 'data-section-tools': true }, [this.state, this.edit, this.up, this.down, this.remove])
    /** @type {import('./model.js').SectionData | null} */
    this.section = null
    /** @type {HTMLFormElement | null} */
    this.form = null
    this.first = false
    this.last = false
    this.readOnly = false
  }

  /**
   * @param {import('./model.js').SectionData} section
   * @param {boolean} first
   * @param {boolean} last
   */
  update (section, first, last) {
    this.section = section
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
    const agreed = this.section?.state === 'agreed'
    this.state.textContent = t(agreed ? 'charter.section.reopen' : 'charter.section.agree')
    this.state.className = `btn ${agreed ? 'btn-secondary' : 'btn-primary'}`
    this.state.disabled = this.readOnly
    this.edit.disabled = this.readOnly
    this.up.disabled = this.readOnly || this.first
    this.down.disabled = this.readOnly || this.last
    this.remove.disabled = this.readOnly
  }

  /** Put title and question fields in place of the heading. */
  startEditing () {
    if (this.form !== null || this.section === null || this.readOnly) return
    const { form, title } = headingEditor({
      name: 'section',
      values: { title: this.section.title, question: this.section.question },
      labels: { title: t('charter.section.title'), question: t('charter.section.question') },
      limits: { title: TITLE_MAX_CHARS, question: QUESTION_MAX_CHARS },
      classes: { form: 'tv-section__editor', label: 'tv-label', actions: 'tv-form-actions' },
      onSave: (values) => {
        if (!this.readOnly) this.actions.update(this.id, values)
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


  confirmRemove () {
    if (this.section === null || this.readOnly) return
    confirmDialog({
      title: t('charter.section.removeTitle', { section: sectionTitle(this.section) }),
      body: t('charter.section.removeBody'),
      confirmLabel: t('charter.section.remove'),
      back: this.remove,
      confirm: () => this.actions.remove(this.id),
      marker: 'data-section-remove-dialog'
    })
  }
}
