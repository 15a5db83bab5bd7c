/**
 * The facilitator's zone editing: title and guiding question, move left/right, remove (with a
 * confirmation dialog).
 * @module views/map/zone-tools
 */

import { plural, t } from '../../i18n.js'
import { HeadingTools } from '../heading-tools.js'
import { iconButton, zoneTitle } from './controls.js'
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
 * @extends {HeadingTools<import('./model.js').ZoneData>}
 */
export class ZoneTools extends HeadingTools {
  /**
   * @param {string} id
   * @param {HTMLElement} head the zone's heading block, hidden while the editor is open
   * @param {ZoneActions} actions
   * @param {string} titleId the heading's DOM id, describing the buttons
   */
  constructor (id, head, actions, titleId) {
    const described = { 'aria-describedby': titleId }
    super({
      id,
      head,
      attributes: { class: 'tv-zone__tools' },
      buttons: {
        edit: iconButton(t('map.zone.edit'), '✎', { 'data-zone-edit': true, ...described }),
        back: iconButton(t('map.zone.left'), '←', { 'data-zone-left': true, ...described }),
        forward: iconButton(t('map.zone.right'), '→', { 'data-zone-right': true, ...described }),
        remove: iconButton(t('map.zone.remove'), '✕', { 'data-zone-remove': true, ...described })
      },
      editor: {
        name: 'zone',
        labels: { title: t('map.zone.title'), question: t('map.zone.question') },
        limits: { title: TITLE_MAX_CHARS, question: QUESTION_MAX_CHARS },
        classes: { form: 'tv-zone__editor', label: 'tv-card__editor-label', actions: 'tv-card__editor-actions' }
      },
      save: actions.update,
      move: actions.move,
      // The zone's notes move to the first remaining zone; the last zone stays.
      removeQuestion: (zone) => {
        const { notes, target } = actions.removal(id)
        if (target === null) return null
        return {
          title: t('map.zone.removeTitle', { zone: zoneTitle(zone) }),
          body: notes === 0
            ? t('map.zone.removeEmpty')
            : plural('map.zone.removeBody', notes, { target: zoneTitle(target) }),
          confirmLabel: t('map.zone.remove'),
          marker: 'data-zone-remove-dialog',
          confirmMarker: 'data-zone-remove-confirm'
        }
      },
      remove: actions.remove
    })
  }

  refresh () {
    super.refresh()
    // The only zone stays: its notes would have nowhere to go.
    if (this.first && this.last) this.remove.disabled = true
  }
}
