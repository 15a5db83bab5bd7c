/**
 * The phone's ways around the map: the "write a note" form, the zone tabs, and which zone
 * is in view in the swipeable row of columns.
 * @module views/map/phone
 */

import { domId, h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { newNoteField, submitOnEnter } from '../note-field.js'
import { colorPicker, fillZoneOptions, zoneTitle } from './controls.js'

/**
 * @typedef {object} Composer
 * @property {HTMLFormElement} element
 * @property {(zones: import('./model.js').ZoneData[]) => void} setZones
 * @property {(zoneId: string) => void} showZone the zone in view changed: it becomes the default
 * @property {(readOnly: boolean) => void} setReadOnly
 * @property {(privately: boolean) => void} setPrivate new notes are private (the private phase)
 */

/**
 * The "write a note" form: a big field, the zone, the colour, "Add note". After adding, the
 * field is empty and keeps focus, so the phone's keyboard stays up for the next note.
 * @param {(note: { text: string, zone: string, color: string }) => boolean} add `false` when
 *   it could not be added (no zones)
 * @returns {Composer}
 */
export const createComposer = (add) => {
  const fieldId = domId('tv-map-new')
  const zoneId = domId('tv-map-new-zone')
  const field = newNoteField(fieldId)
  const zone = h('select', { id: zoneId, class: 'tv-select', name: 'zone', 'data-note-zone': true })
  const colors = colorPicker('yellow')
  const button = h('button', { type: 'submit', class: 'btn btn-primary tv-composer__add', 'data-note-add': true }, [t('notes.add')])
  const privateHint = h('p', { class: 'tv-composer__private', 'data-private-hint': true, hidden: true }, [t('private.hint')])
  const element = h('form', { class: 'tv-composer', 'data-note-form': true }, [
    h('label', { for: fieldId, class: 'tv-composer__label' }, [t('notes.label')]),
    privateHint,
    field,
    h('div', { class: 'tv-composer__options' }, [
      h('div', { class: 'tv-composer__zone' }, [h('label', { for: zoneId, class: 'tv-composer__small-label' }, [t('map.zone')]), zone]),
      colors.element
    ]),
    button
  ])
  let readOnly = false
  // The zone in view is the default until the user picks one; the next swipe resets that.
  let picked = false

  const submit = () => {
    // Focus first: on a phone, tapping "Add note" would otherwise close the keyboard.
    field.focus()
    const text = field.value.trim()
    if (text === '' || readOnly || zone.value === '') return
    if (add({ text, zone: zone.value, color: colors.value() })) field.value = ''
  }
  submitOnEnter(element, field, submit)
  zone.addEventListener('change', () => { picked = true })

  return {
    element,
    setZones: (zones) => {
      fillZoneOptions(zone, zones, zone.value)
      if (zone.value === '' && zones.length > 0) zone.value = zones[0].id
    },
    showZone: (zoneId) => {
      if (picked) {
        picked = false
        return
      }
      zone.value = zoneId
    },
    setReadOnly: (value) => {
      readOnly = value
      field.disabled = value
      button.disabled = value
    },
    setPrivate: (privately) => {
      privateHint.hidden = !privately
      element.dataset.private = String(privately)
    }
  }
}

/**
 * @typedef {object} ZoneTabs
 * @property {HTMLElement} element
 * @property {(zones: import('./model.js').ZoneData[], columns: (id: string) => HTMLElement | undefined) => void} setZones
 * @property {() => string | null} current the zone in view
 * @property {() => void} check look again at which zone is in view (after the columns changed)
 */

/**
 * The tab strip above the swipeable columns: one button per zone, the one in view marked.
 * @param {HTMLElement} strip the scrolling row of zone columns
 * @param {(zoneId: string) => void} onZoneInView
 * @returns {ZoneTabs}
 */
export const createZoneTabs = (strip, onZoneInView) => {
  const element = h('nav', { class: 'tv-tabs', 'aria-label': t('map.zones') })
  /** @type {Array<{ id: string, tab: HTMLButtonElement, column: HTMLElement }>} */
  let entries = []
  /** @type {string | null} */
  let inView = null

  const reduceMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches

  const mark = () => {
    for (const entry of entries) {
      if (entry.id === inView) {
        entry.tab.setAttribute('aria-current', 'true')
        // Keep the marked tab visible in its own scrolling strip.
        const bar = element.getBoundingClientRect()
        const tab = entry.tab.getBoundingClientRect()
        if (tab.left < bar.left || tab.right > bar.right) {
          element.scrollTo({ left: Math.max(element.scrollLeft + tab.left - bar.left - 16, 0), behavior: reduceMotion() ? 'auto' : 'smooth' })
        }
      } else {
        entry.tab.removeAttribute('aria-current')
      }
    }
  }

  const check = () => {
    if (entries.length === 0) return
    const edge = strip.getBoundingClientRect().left + (parseFloat(getComputedStyle(strip).scrollPaddingLeft || '0') || 0)
    let best = entries[0]
    let bestDistance = Infinity
    for (const entry of entries) {
      const distance = Math.abs(entry.column.getBoundingClientRect().left - edge)
      if (distance < bestDistance) {
        best = entry
        bestDistance = distance
      }
    }
    if (best.id !== inView) {
      inView = best.id
      mark()
      onZoneInView(best.id)
    }
  }

  let scheduled = false
  strip.addEventListener('scroll', () => {
    if (scheduled) return
    scheduled = true
    requestAnimationFrame(() => {
      scheduled = false
      check()
    })
  }, { passive: true })

  return {
    element,
    setZones: (zones, columns) => {
      entries = []
      for (const zone of zones) {
        const column = columns(zone.id)
        if (column === undefined) continue
        const tab = h('button', { type: 'button', class: 'tv-tabs__tab', 'data-zone-tab': zone.id, 'aria-controls': column.id }, [zoneTitle(zone)])
        tab.addEventListener('click', () => {
          const offset = column.getBoundingClientRect().left - strip.getBoundingClientRect().left
          const padding = parseFloat(getComputedStyle(strip).scrollPaddingLeft || '0') || 0
          strip.scrollTo({ left: strip.scrollLeft + offset - padding, behavior: reduceMotion() ? 'auto' : 'smooth' })
          column.querySelector('h2')?.focus({ preventScroll: true })
        })
        entries.push({ id: zone.id, tab, column })
      }
      element.replaceChildren(...entries.map((entry) => entry.tab))
      if (!entries.some((entry) => entry.id === inView)) inView = null
      mark()
      check()
    },
    current: () => inView,
    check
  }
}
