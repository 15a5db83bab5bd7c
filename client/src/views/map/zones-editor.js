/**
 * The facilitator's zone editing: title and guiding question, move left/right, remove (with a
 * confirmation dialog), add.
 * @module views/map/zones-editor
 */

import { h } from '../../dom.js'
import { t } from '../../i18n.js'
import { headingEditor } from '../heading-editor.js'
import { domId, iconButton, zoneTitle } from './controls.js'
import { QUESTION_MAX_CHARS, TITLE_MAX_CHARS } from './model.js'

/**
 * @typedef {object} ZoneActions
 * @property {(id: string, fields: { title: string, question: string }) => void} update
 * @property {(id: string, step: -1 | 1) => void} move
 * @property {(id: string) => void} remove
 * @property {(id: string) => { notes: number, target: import('./model.js').ZoneData | null }} removal
 *   what removing the zone would do
 */

/**
 * The tools under a zone's heading, and its inline editor.
 */
export class ZoneTools {
  /**
   * @param {string} id
   * @param {HTMLElement} head the zone's heading block, hidden while the editor is open
   * @param {ZoneActions} actions
   * @param {string} titleId the heading's DOM id, describing the buttons
   */
  constructor (id, head, actions, titleId) {
    this.id = id
    this.head = head
    this.actions = actions
    /** @type {import('./model.js').ZoneData | null} */
    this.zone = null
    /** @type {HTMLFormElement | null} */
    this.form = null
    const described = { 'aria-describedby': titleId }
    this.edit = iconButton(t('map.zone.edit'), '✎', { 'data-zone-edit': true, ...described })
    this.left = iconButton(t('map.zone.left'), '←', { 'data-zone-left': true, ...described })
    this.right = iconButton(t('map.zone.right'), '→', { 'data-zone-right': true, ...described })
    this.remove = iconButton(t('map.zone.remove'), '✕', { 'data-zone-remove': true, ...described })
    this.edit.addEventListener('click', () => this.startEditing())
    this.left.addEventListener('click', () => actions.move(id, -1))
    this.right.addEventListener('click', () => actions.move(id, 1))
    this.remove.addEventListener('click', () => this.confirmRemove())
    this.element = h('div', { class: 'tv-zone__tools' }, [this.edit, this.left, this.right, this.remove])
    this.readOnly = false
    this.first = false
    this.last = false
  }

  /**
   * @param {import('./model.js').ZoneData} zone
   * @param {boolean} first
   * @param {boolean} last
   */
  update (zone, first, last) {
    this.zone = zone
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
    this.edit.disabled = this.readOnly
    this.left.disabled = this.readOnly || this.first
    this.right.disabled = this.readOnly || this.last
    this.remove.disabled = this.readOnly || (this.first && this.last)
  }

  /** Put title and question fields in place of the heading. */
  startEditing () {
    if (this.form !== null || this.zone === null || this.readOnly) return
    const { form, title } = headingEditor({
      name: 'zone',
      values: { title: this.zone.title, question: this.zone.question },
      labels: { title: t('map.zone.title'), question: t('map.zone.question') },
      limits: { title: TITLE_MAX_CHARS, question: QUESTION_MAX_CHARS },
      classes: { form: 'tv-zone__editor', label: 'tv-card__editor-label', actions: 'tv-card__editor-actions' },
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


  /** Ask in a dialog before removing the zone; its notes move to the first remaining zone. */
  confirmRemove () {
    if (this.zone === null || this.readOnly) return
    const { notes, target } = this.actions.removal(this.id)
    if (target === null) return
    const headingId = domId('tv-dialog')
    const confirm = h('button', { type: 'button', class: 'btn btn-danger', 'data-zone-remove-confirm': true }, [t('map.zone.remove')])
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary' }, [t('notes.cancel')])
    const dialog = h('dialog', { class: 'tv-dialog', 'aria-labelledby': headingId, 'data-zone-remove-dialog': true }, [
      h('h2', { id: headingId }, [t('map.zone.removeTitle', { zone: zoneTitle(this.zone) })]),
      h('p', {}, [notes === 0
        ? t('map.zone.removeEmpty')
        : t(`map.zone.removeBody.${notes === 1 ? 'one' : 'other'}`, { count: notes, target: zoneTitle(target) })]),
      h('div', { class: 'tv-dialog__actions' }, [confirm, cancel])
    ])
    const close = () => {
      dialog.close()
      dialog.remove()
    }
    confirm.addEventListener('click', () => {
      close()
      this.actions.remove(this.id)
    })
    cancel.addEventListener('click', () => {
      close()
      this.remove.focus()
    })
    dialog.addEventListener('cancel', () => {
      dialog.remove()
      this.remove.focus()
    })
    document.body.append(dialog)
    dialog.showModal()
    cancel.focus()
  }
}
