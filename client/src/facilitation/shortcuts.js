/**
 * The facilitator's keyboard shortcuts: Alt+Shift and a letter, never while typing.
 * @module facilitation/shortcuts
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'

/**
 * @typedef {object} Shortcut
 * @property {string} code `KeyboardEvent.code`: the key's place, so Alt+Shift on a Mac (which
 *   changes the character typed) works the same
 * @property {string} key shown to the user
 * @property {string} labelKey
 * @property {() => void} run
 */

/** Input types that take no typing. */
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'])

/**
 * Whether the user is typing: in a field, a select, or an editor (the charter's wording).
 * @param {EventTarget | null} target
 * @returns {boolean}
 */
const isTyping = (target) => {
  if (!(target instanceof HTMLElement)) return false
  // A switch or a button just clicked keeps focus: shortcuts must still work from there.
  if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type)
  return target.isContentEditable || target.closest('textarea, select, [contenteditable="true"], [role="textbox"]') !== null
}

/**
 * Listen for `shortcuts` on `doc`; return the list of them to show in the panel.
 * @param {Document} doc
 * @param {Shortcut[]} shortcuts
 * @returns {HTMLElement}
 */
export const bindShortcuts = (doc, shortcuts) => {
  doc.addEventListener('keydown', (event) => {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.repeat) return
    if (isTyping(event.target) || doc.querySelector('dialog[open]') !== null) return
    const shortcut = shortcuts.find((candidate) => candidate.code === event.code)
    if (shortcut === undefined) return
    event.preventDefault()
    shortcut.run()
  })
  return h('details', { class: 'tv-panel__section tv-panel__more', 'data-panel-shortcuts': true }, [
    h('summary', { class: 'tv-panel__heading' }, [t('facilitation.shortcuts.heading')]),
    h('dl', { class: 'tv-shortcuts' }, shortcuts.flatMap((shortcut) => [
      h('dt', {}, [h('kbd', {}, ['Alt']), '+', h('kbd', {}, ['Shift']), '+', h('kbd', {}, [shortcut.key])]),
      h('dd', {}, [t(shortcut.labelKey)])
    ]))
  ])
}
