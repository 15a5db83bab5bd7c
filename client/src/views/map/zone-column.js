/**
 * One zone on the map: its title and guiding question, then its notes and clusters.
 * @module views/map/zone-column
 */

import { h } from '../../dom.js'
import { t } from '../../i18n.js'
import { domId, plural, zoneTitle } from './controls.js'
import { zoneContainer } from './placement.js'
import { ZoneTools } from './zones-editor.js'

export class ZoneColumn {
  /**
   * @param {string} id
   * @param {import('./zones-editor.js').ZoneActions | null} actions `null` where zones cannot be edited
   */
  constructor (id, actions) {
    this.id = id
    const titleId = domId('tv-zone')
    this.domId = domId('tv-zone-column')
    this.title = h('h2', { class: 'tv-zone__title', id: titleId, tabindex: '-1', 'data-zone-title': true })
    this.question = h('p', { class: 'tv-zone__question', 'data-zone-question': true })
    this.count = h('span', { class: 'tv-zone__count', 'data-zone-count': true })
    this.head = h('div', { class: 'tv-zone__head' }, [this.title, this.question, this.count])
    this.tools = actions !== null ? new ZoneTools(id, this.head, actions, titleId) : null
    if (this.tools !== null) this.head.append(this.tools.element)
    this.list = h('ul', { class: 'tv-zone__items', 'data-drop-list': true, 'data-container': zoneContainer(id) })
    this.empty = h('p', { class: 'tv-zone__empty', 'data-zone-empty': true }, [t('map.zone.empty')])
    this.element = h('section', {
      class: 'tv-zone',
      id: this.domId,
      'data-zone-id': id,
      'aria-labelledby': titleId
    }, [h('header', { class: 'tv-zone__header' }, [this.head]), this.list, this.empty])
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
    this.empty.hidden = this.list.childElementCount > 0
  }

  /** @param {boolean} readOnly */
  setReadOnly (readOnly) {
    this.tools?.setReadOnly(readOnly)
  }
}
