/**
 * Small pieces the charter's parts share: DOM ids, counts in words, confirmation dialogs.
 * @module views/charter/ui
 */

import { h } from '../../dom.js'
import { t } from '../../i18n.js'
import { domId } from '../heading-editor.js'

// One counter for the page's DOM ids, whichever view makes them.
export { domId }

/**
 * A count in words: `{key}.one` for 1, `{key}.other` otherwise, with `{count}` filled in.
 * @param {string} key
 * @param {number} count
 * @returns {string}
 */
export const plural = (key, count) => t(`${key}.${count === 1 ? 'one' : 'other'}`, { count })

/**
 * A section's title, or a placeholder for one left blank.
 * @param {{ title: string }} section
 * @returns {string}
 */
export const sectionTitle = (section) => section.title.trim() || t('charter.section.untitled')

/**
 * Ask in a modal dialog; `confirm` runs only when the user agrees. Focus returns to `back`.
 * @param {object} options
 * @param {string} options.title
 * @param {string} options.body
 * @param {string} options.confirmLabel
 * @param {HTMLElement} options.back
 * @param {() => void} options.confirm
 * @param {string} [options.marker] a `data-*` attribute name for tests
 */
export const confirmDialog = ({ title, body, confirmLabel, back, confirm, marker = 'data-confirm-dialog' }) => {
  const headingId = domId('tv-dialog')
  const yes = h('button', { type: 'button', class: 'btn btn-danger', 'data-confirm': true }, [confirmLabel])
  const no = h('button', { type: 'button', class: 'btn btn-secondary' }, [t('notes.cancel')])
  const dialog = h('dialog', { class: 'tv-dialog', 'aria-labelledby': headingId, [marker]: true }, [
    h('h2', { id: headingId }, [title]),
    h('p', {}, [body]),
    h('div', { class: 'tv-dialog__actions' }, [yes, no])
  ])
  const close = () => {
    dialog.close()
    dialog.remove()
  }
  yes.addEventListener('click', () => {
    close()
    confirm()
  })
  no.addEventListener('click', () => {
    close()
    back.focus()
  })
  dialog.addEventListener('cancel', () => {
    dialog.remove()
    back.focus()
  })
  document.body.append(dialog)
  dialog.showModal()
  no.focus()
}

/**
 * A short date and time in the page's language, from ISO 8601 or milliseconds.
 * @param {string | number} value
 * @returns {string}
 */
export const formatTime = (value) => {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return date.toLocaleString(document.documentElement.lang || 'da', { dateStyle: 'short', timeStyle: 'short' })
}
