/**
 * Form controls the map's pieces share: colour radios, zone options, labelled icon buttons.
 * @module views/map/controls
 */

import { domId, h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { NOTE_COLORS } from './model.js'

/**
 * A fieldset of colour radios ("Yellow", "Green", …), each a 44 px swatch.
 * @param {string} selected
 * @returns {{ element: HTMLFieldSetElement, value: () => string, set: (color: string) => void }}
 */
export const colorPicker = (selected) => {
  const name = domId('tv-color')
  const inputs = NOTE_COLORS.map((color) => {
    const input = h('input', { type: 'radio', name, value: color, class: 'tv-swatch__input' })
    input.checked = color === selected
    return input
  })
  const element = h('fieldset', { class: 'tv-swatches', 'data-color-picker': true }, [
    h('legend', { class: 'tv-swatches__legend' }, [t('map.color')]),
    h('div', { class: 'tv-swatches__row' }, inputs.map((input) =>
      h('label', { class: 'tv-swatch', 'data-color': input.value }, [
        input,
        h('span', { class: 'sr-only' }, [t('map.color.' + input.value)])
      ])
    ))
  ])
  return {
    element,
    value: () => inputs.find((input) => input.checked)?.value ?? NOTE_COLORS[0],
    set: (color) => inputs.forEach((input) => { input.checked = input.value === color })
  }
}

/**
 * Replace the options of `select` with `zones` (value: zone id, label: title), keeping `value`.
 * @param {HTMLSelectElement} select
 * @param {import('./model.js').ZoneData[]} zones
 * @param {string} value
 */
export const fillZoneOptions = (select, zones, value) => {
  select.replaceChildren(...zones.map((zone) => h('option', { value: zone.id }, [zoneTitle(zone)])))
  if (zones.some((zone) => zone.id === value)) select.value = value
}

/**
 * A zone's title, or a placeholder for one left blank.
 * @param {{ title: string }} zone
 * @returns {string}
 */
export const zoneTitle = (zone) => zone.title.trim() || t('map.zone.untitled')

/**
 * A button whose accessible name is `label`; `icon` is decoration, and where the layout is
 * tight the stylesheet may show only the icon (the label stays for screen readers).
 * @param {string} label
 * @param {string} icon
 * @param {Record<string, string | boolean>} [attributes]
 * @returns {HTMLButtonElement}
 */
export const iconButton = (label, icon, attributes = {}) =>
  h('button', { type: 'button', class: 'btn btn-secondary tv-icon-btn', title: label, ...attributes }, [
    h('span', { class: 'tv-icon-btn__icon', 'aria-hidden': 'true' }, [icon]),
    h('span', { class: 'tv-icon-btn__label' }, [label])
  ])
