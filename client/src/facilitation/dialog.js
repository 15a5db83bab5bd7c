/**
 * Modal dialogs of the facilitation: a question with a confirm button, and a message with content.
 * @module facilitation/dialog
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'

let sequence = 0

/**
 * Show a modal `<dialog>`; it removes itself when closed and gives focus back to `back`.
 * @param {object} options
 * @param {string} options.title
 * @param {Array<Node | string>} options.content
 * @param {HTMLButtonElement[]} options.actions buttons that close the dialog when clicked
 * @param {HTMLElement | null} [options.back] where focus goes afterwards
 * @param {string} [options.marker] a `data-*` attribute for tests
 * @returns {{ dialog: HTMLDialogElement, close: () => void }}
 */
export const showDialog = ({ title, content, actions, back = null, marker = 'data-facilitation-dialog' }) => {
  sequence += 1
  const headingId = `tv-fac-dialog-${sequence}`
  const dialog = h('dialog', { class: 'tv-dialog tv-fac-dialog', 'aria-labelledby': headingId, [marker]: true }, [
    h('h2', { id: headingId }, [title]),
    ...content,
    h('div', { class: 'tv-dialog__actions' }, actions)
  ])
  const close = () => {
    if (dialog.open) dialog.close()
  }
  dialog.addEventListener('close', () => {
    dialog.remove()
    if (back?.isConnected) back.focus()
  })
  for (const action of actions) action.addEventListener('click', close)
  document.body.append(dialog)
  dialog.showModal()
  return { dialog, close }
}

/**
 * Ask before something that cannot be taken back; `confirm` runs only when the user agrees.
 * @param {object} options
 * @param {string} options.title
 * @param {string} options.body
 * @param {string} options.confirmLabel
 * @param {HTMLElement} options.back
 * @param {() => void} options.confirm
 * @param {boolean} [options.danger] a red confirm button
 */
export const confirmDialog = ({ title, body, confirmLabel, back, confirm, danger = false }) => {
  const yes = h('button', { type: 'button', class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, 'data-confirm': true }, [
    confirmLabel
  ])
  const no = h('button', { type: 'button', class: 'btn btn-secondary' }, [t('facilitation.cancel')])
  yes.addEventListener('click', confirm)
  showDialog({ title, content: [h('p', {}, [body])], actions: [yes, no], back, marker: 'data-confirm-dialog' })
  no.focus()
}
