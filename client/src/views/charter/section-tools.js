/**
 * The facilitator's tools on a section: open or agree it (the `section.state` command),
 * rename it (title and guiding question), move it up or down, remove it (after a dialog).
 * @module views/charter/section-tools
 */

import { h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { HeadingTools } from '../heading-tools.js'
import { QUESTION_MAX_CHARS, TITLE_MAX_CHARS } from './model.js'
import { sectionTitle } from './ui.js'

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

/** @extends {HeadingTools<import('./model.js').SectionData>} */
export class SectionTools extends HeadingTools {
  /**
   * @param {string} id
   * @param {HTMLElement} head the heading block, hidden while the editor is open
   * @param {string} titleId DOM id of the section's heading, describing the buttons
   * @param {SectionToolActions} actions
   */
  constructor (id, head, titleId, actions) {
    const described = { 'aria-describedby': titleId }
    super({
      id,
      head,
      attributes: { class: 'tv-section__tools', 'data-section-tools': true },
      buttons: {
        edit: toolButton(t('charter.section.edit'), '✎', { 'data-section-edit': true, ...described }),
        back: toolButton(t('charter.section.up'), '↑', { 'data-section-up': true, ...described }),
        forward: toolButton(t('charter.section.down'), '↓', { 'data-section-down': true, ...described }),
        remove: toolButton(t('charter.section.remove'), '✕', { 'data-section-remove': true, ...described })
      },
      editor: {
        name: 'section',
        labels: { title: t('charter.section.title'), question: t('charter.section.question') },
        limits: { title: TITLE_MAX_CHARS, question: QUESTION_MAX_CHARS },
        classes: { form: 'tv-section__editor', label: 'tv-label', actions: 'tv-form-actions' }
      },
      save: actions.update,
      move: actions.move,
      removeQuestion: (section) => ({
        title: t('charter.section.removeTitle', { section: sectionTitle(section) }),
        body: t('charter.section.removeBody'),
        confirmLabel: t('charter.section.remove'),
        marker: 'data-section-remove-dialog'
      }),
      remove: actions.remove
    })
    this.state = h('button', { type: 'button', class: 'btn btn-primary', 'data-section-state-toggle': true, ...described })
    this.state.addEventListener('click', () => {
      if (this.item !== null) actions.setState(id, this.item.state === 'agreed' ? 'open' : 'agreed')
    })
    this.element.prepend(this.state)
  }

  refresh () {
    super.refresh()
    const agreed = this.item?.state === 'agreed'
    this.state.textContent = t(agreed ? 'charter.section.reopen' : 'charter.section.agree')
    this.state.className = `btn ${agreed ? 'btn-secondary' : 'btn-primary'}`
    this.state.disabled = this.readOnly
  }
}
