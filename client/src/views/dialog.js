/**
 * The views' dialogs: the confirmation before a map's zone, a charter's section, example or
 * proposal is removed, and the modal that holds a form (a pre-jekt's action, a pilot note's
 * amendment). (The facilitation's dialogs are facilitation/dialog.js.)
 * @module views/dialog
 */

import { domId, h } from '../ui/dom.js'
import { t } from '../i18n.js'

/**
 * Ask in a modal dialog; `confirm` runs only when the user agrees, after the dialog is gone.
 * Focus returns to `back` when the user does not.
 * @param {object} options
 * @param {string} options.title
 * @param {string} options.body
 * @param {string} options.confirmLabel
 * @param {HTMLElement} options.back
 * @param {() => void} options.confirm
 * @param {string} [options.marker] a `data-*` attribute name on the dialog, for tests
 * @param {string} [options.confirmMarker] a `data-*` attribute name on its confirm button
 */
export const confirmDialog = ({ title, body, confirmLabel, back, confirm, marker = 'data-confirm-dialog', confirmMarker = 'data-confirm' }) => {
  const headingId = domId('tv-dialog')
  const yes = h('button', { type: 'button', class: 'btn btn-danger', [confirmMarker]: true }, [confirmLabel])
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
 * Show a dialog that holds a form until the form is done: its cancel button and Escape
 * close it too. Closing removes it and gives the focus back to `back`, if that is still on
 * the page. Returns the function that closes it.
 * @param {HTMLDialogElement} dialog
 * @param {HTMLButtonElement} cancel
 * @param {HTMLElement} back
 * @param {HTMLElement} first what gets the focus when it opens
 * @returns {() => void}
 */
export const showFormDialog = (dialog, cancel, back, first) => {
  const close = () => {
    dialog.close()
    dialog.remove()
    if (back.isConnected) back.focus()
  }
  cancel.addEventListener('click', close)
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    close()
  })
  document.body.append(dialog)
  dialog.showModal()
  first.focus()
  return close
}
