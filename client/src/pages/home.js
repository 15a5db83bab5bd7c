/**
 * The home page: list the boards this browser created ("my boards").
 * @module pages/home
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { forgetBoard, loadBoards } from '../sync/storage.js'

/**
 * Format an ISO date for `lang`, or return it unchanged when it does not parse.
 * @param {string} iso
 * @param {string} lang
 * @returns {string}
 */
const formatDate = (iso, lang) => {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  try {
    return date.toLocaleDateString(lang, { day: 'numeric', month: 'long', year: 'numeric' })
  } catch {
    return date.toLocaleDateString()
  }
}

/**
 * Render one saved board as a list item with a "Forget" button.
 * @param {import('../sync/storage.js').SavedBoard} board
 * @param {string} lang
 * @returns {HTMLLIElement}
 */
const renderBoard = (board, lang) => {
  const titleId = `my-board-${board.id}`
  const link = h('a', { href: board.facilitatorUrl, id: titleId, class: 'tv-my-board__title' }, [
    board.title || board.id
  ])
  const details = h('p', { class: 'tv-my-board__details' }, [
    h('span', { 'data-my-board-code': true }, [t('home.joinCode', { code: board.joinCode })]),
    ' · ',
    h('time', { datetime: board.created }, [t('home.created', { date: formatDate(board.created, lang) })])
  ])
  const forget = h(
    'button',
    { type: 'button', class: 'btn btn-secondary', 'data-forget': board.id, 'aria-describedby': titleId },
    [t('home.forget')]
  )
  return h('li', { class: 'tv-my-board', 'data-board-id': board.id }, [link, details, forget])
}

/**
 * Fill `[data-my-boards-list]` and show `[data-my-boards]` when this browser has boards.
 * @param {Document} doc
 * @param {import('../config.js').PageConfig} config
 * @param {(text: string) => void} announce
 */
export const startHomePage = (doc, config, announce) => {
  const section = doc.querySelector('[data-my-boards]')
  const list = doc.querySelector('ul[data-my-boards-list]')
  if (!(section instanceof HTMLElement) || !(list instanceof HTMLUListElement)) return

  const render = () => {
    const boards = loadBoards()
    list.replaceChildren(...boards.map((board) => renderBoard(board, config.lang)))
    section.hidden = boards.length === 0
  }

  list.addEventListener('click', (event) => {
    const target = /** @type {Element | null} */ (event.target)
    const button = target && target.closest('[data-forget]')
    if (!(button instanceof HTMLElement)) return
    const item = button.closest('li')
    // Keep keyboard users in the list: focus the next entry's button, else the previous one's.
    const neighbour = item && (item.nextElementSibling || item.previousElementSibling)
    const neighbourId = neighbour instanceof HTMLElement ? neighbour.dataset.boardId : undefined
    forgetBoard(button.dataset.forget || '')
    render()
    if (neighbourId) {
      const next = list.querySelector(`li[data-board-id="${CSS.escape(neighbourId)}"] [data-forget]`)
      if (next instanceof HTMLElement) next.focus()
    }
    announce(t('home.forgotten'))
  })

  render()
}
