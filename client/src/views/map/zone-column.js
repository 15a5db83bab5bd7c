/**
 * One zone on the map: its title and guiding question, then its notes and clusters.
 * @module views/map/zone-column
 */

import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { zoneTitle } from './controls.js'
import { zoneContainer } from './placement.js'
import { ZoneTools } from './zone-tools.js'

export class ZoneColumn {
  /**
   * @param {string} id
   * @param {import('./zone-tools.js').ZoneActions | null} actions `null` where zones cannot be edited
   * @param {HTMLButtonElement | null} [focus] the facilitator's "Bring everyone here"
   */
  constructor (id, actions, focus = null) {
    this.id = id
    const titleId = domId('tv-zone')
    this.domId = domId('tv-zone-column')
    this.title = h('h2', { class: 'tv-zone__title', id: titleId, tabindex: '-1', 'data-zone-title': true })
    this.question = h('p', { class: 'tv-zone__question', 'data-zone-question': true })
    this.count = h('span', { class: 'tv-zone__count', 'data-zone-count': true })
    this.head = h('div', { class: 'tv-zone__head' }, [this.title, this.question, this.count])
    this.tools = actions !== null ? new ZoneTools(id, this.head, actions, titleId) : null
    if (this.tools !== null) this.head.append(this.tools.element)
    if (focus !== null) this.tools?.element.prepend(focus)
    this.focus = focus
    this.list = h('ul', { class: 'tv-zone__items', 'data-drop-list': true, 'data-container': zoneContainer(id) })
    // This participant's private notes in the zone, after the board's (views/map/private-cards.js).
    this.privateList = h('ul', { class: 'tv-zone__items tv-zone__private', 'data-private-notes': true, hidden: true })
    this.empty = h('p', { class: 'tv-zone__empty', 'data-zone-empty': true }, [t('map.zone.empty')])
    this.element = h('section', {
      class: 'tv-zone',
      id: this.domId,
      'data-zone-id': id,
      'aria-labelledby': titleId
    }, [h('header', { class: 'tv-zone__header' }, [this.head]), this.list, this.privateList, this.empty])
  }

  /**
   * @param {import('./model.js').ZoneData} zone
   * @param {boolean} first
   * @param {boolean} last
   */
  update (zone, first, last) {
    const title = zoneTitle(zone)
    if (this.title.textContent !== title) this.title.textContent = title
    if (this.question.textContent !== zone.question) this.question.textContent = zone.question
    this.question.hidden = zone.question === ''
    this.tools?.update(zone, first, last)
  }

  /** @param {number} notes notes shown in the zone, clustered or not */
  setCount (notes) {
    this.count.textContent = plural('map.noteCount', notes)
    this.count.dataset.count = String(notes)
    this.showEmpty()
  }

  /** Say "no notes yet" only when there are none, private ones included. */
  showEmpty () {
    this.privateList.hidden = this.privateList.childElementCount === 0
    this.empty.hidden = this.list.childElementCount > 0 || !this.privateList.hidden
  }

  /** @param {boolean} readOnly */
  setReadOnly (readOnly) {
    this.tools?.setReadOnly(readOnly)
    if (this.focus !== null) this.focus.disabled = readOnly
  }
}
