/**
 * What the server could not keep goes back to its writer: a dialog with the text to copy.
 *
 * A Yjs update cannot be refused, so the server undoes a forbidden edit and sends its text in
 * the notice (docs/protocol.md, Notices). Nothing may vanish silently.
 * @module facilitation/refused
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { showDialog } from './dialog.js'

/** @type {{ dialog: HTMLDialogElement, list: HTMLElement } | null} */
let open = null

/**
 * One text with its own copy button (ui/copy.js handles `data-copy`).
 * @param {string} text
 * @returns {HTMLElement}
 */
const renderText = (text) =>
  h('li', { class: 'tv-refused__item', 'data-refused-text': true }, [
    h('p', { class: 'tv-refused__text' }, [text]),
    h('button', { type: 'button', class: 'btn btn-secondary', 'data-copy': text }, [t('session.refused.copy')])
  ])

/**
 * Show `notice.texts` in a dialog (adding to one already open) with the server's reason.
 * @param {import('../sync/server-messages.js').NoticeMessage} notice
 */
export const showRefusedTexts = (notice) => {
  if (open !== null && open.dialog.open) {
    open.list.append(...notice.texts.map(renderText))
    return
  }
  const list = h('ul', { class: 'tv-refused' }, notice.texts.map(renderText))
  const close = h('button', { type: 'button', class: 'btn btn-primary' }, [t('session.refused.close')])
  const back = document.activeElement instanceof HTMLElement ? document.activeElement : null
  const { dialog } = showDialog({
    title: t('session.refused.title'),
    content: [h('p', { 'data-refused-reason': true }, [notice.message]), list],
    actions: [close],
    back,
    marker: 'data-refused-dialog'
  })
  open = { dialog, list }
  const first = list.querySelector('button')
  if (first instanceof HTMLElement) first.focus()
}
