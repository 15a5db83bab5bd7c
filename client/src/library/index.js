/**
 * The library page (`/library`): the boards this browser reaches, by event, with search,
 * archiving, exports, links, deletion and import.
 * @module library
 */

import { plural, t } from '../i18n.js'
import { confirmDialog } from '../facilitation/dialog.js'
import { forgetBoard } from '../sync/storage.js'
import { rowId } from './board-row.js'
import { eventHeadingId, renderEvent } from './event-group.js'
import { RequestError, request } from './http.js'
import { setUpImport } from './import.js'
import { showLinkOnce } from './links.js'
import { openCarryDialog } from './carry.js'
import { h } from '../ui/dom.js'
import { saveMadeBoard } from '../sync/storage.js'

/** Typing pauses this long before the search runs. */
const SEARCH_DEBOUNCE_MS = 250

/**
 * @typedef {object} LibraryAnswer
 * @property {import('./event-group.js').LibraryEvent[]} events
 * @property {number | null} retention_days
 */

/**
 * The sentence for a failed request: the server's own message, or a general one.
 * @param {unknown} error
 * @returns {string}
 */
const failure = (error) => (error instanceof RequestError && error.serverMessage) || t('library.failed')

/**
 * Start the library page.
 * @param {Document} page
 * @param {import('../config.js').PageConfig & { libraryUrl?: string }} config
 * @param {(text: string) => void} announce
 */
export const startLibraryPage = (page, config, announce) => {
  const list = page.querySelector('[data-library]')
  const status = page.querySelector('[data-library-status]')
  const form = page.querySelector('form[data-library-search]')
  if (!(list instanceof HTMLElement) || !(status instanceof HTMLElement) || !(form instanceof HTMLFormElement)) return
  const field = form.elements.namedItem('q')
  if (!(field instanceof HTMLInputElement)) return
  const libraryUrl = config.libraryUrl || '/api/library'
  /** Events whose archived boards the user unfolded; kept across re-renders. @type {Set<string>} */
  const openArchives = new Set()
  /** @type {LibraryAnswer | null} */
  let shown = null
  /** @type {AbortController | null} */
  let inFlight = null
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let debounce

  /** @param {LibraryAnswer} answer @param {string} query */
  const render = (answer, query) => {
    shown = answer
    const boards = answer.events.reduce((sum, event) => sum + event.boards.length, 0)
    list.replaceChildren(...answer.events.map((event) =>
      renderEvent(event, { lang: config.lang, retentionDays: answer.retention_days, searching: query !== '', openArchives })
    ))
    list.dataset.query = query
    if (query !== '') {
      status.textContent = boards === 0 ? t('library.noHits', { query }) : plural('library.hits', boards, { query })
    } else {
      status.textContent = boards === 0 ? t('library.empty') : ''
    }
    status.hidden = status.textContent === ''
  }

  /**
   * Fetch the library (or the hits of the search box) and draw it.
   * @returns {Promise<boolean>} whether it was drawn
   */
  const load = async () => {
    inFlight?.abort()
    const controller = new AbortController()
    inFlight = controller
    const query = field.value.trim()
    list.setAttribute('aria-busy', 'true')
    try {
      const url = query === '' ? libraryUrl : `${libraryUrl}?q=${encodeURIComponent(query)}`
      render(await request(url, { signal: controller.signal }), query)
      return true
    } catch (error) {
      if (controller.signal.aborted) return false
      console.error('tavle: library not loaded', error)
      status.textContent = failure(error)
      status.hidden = false
      return false
    } finally {
      if (inFlight === controller) {
        inFlight = null
        list.removeAttribute('aria-busy')
      }
    }
  }

  field.addEventListener('input', () => {
    clearTimeout(debounce)
    debounce = setTimeout(load, SEARCH_DEBOUNCE_MS)
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    clearTimeout(debounce)
    load()
  })

  /**
   * Focus `selector` when it is on the page, else the first event's heading.
   * @param {string} selector
   */
  const focusAfter = (selector) => {
    const target = list.querySelector(selector) || list.querySelector('h2')
    if (target instanceof HTMLElement) target.focus()
  }

  /**
   * @param {string} boardId
   * @returns {import('./board-row.js').LibraryBoard | undefined}
   */
  const boardOf = (boardId) => shown?.events.flatMap((event) => event.boards).find((board) => board.id === boardId)
  /**
   * @param {string} eventId
   * @returns {import('./event-group.js').LibraryEvent | undefined}
   */
  const eventOf = (eventId) => shown?.events.find((event) => event.id === eventId)

  /** @type {Record<string, (button: HTMLElement, boardId: string) => Promise<void>>} */
  const boardActions = {
    'data-archive': async (button, boardId) => {
      const archived = button.getAttribute('data-archive') === 'true'
      const board = boardOf(boardId)
      await request(`/api/boards/${encodeURIComponent(boardId)}/archive`, { method: 'POST', json: { archived } })
      await load()
      announce(t(archived ? 'library.archived' : 'library.unarchived', { title: board?.title ?? '' }))
      // Archived: the board folded away, the fold's summary says how many are there now.
      const event = list.querySelector(`[data-library-board="${CSS.escape(boardId)}"]`)?.closest('[data-library-event]')
      focusAfter(archived && event ? `[data-library-event="${CSS.escape(event.getAttribute('data-library-event') || '')}"] [data-archived-boards] summary` : `#${CSS.escape(rowId(boardId))}`)
    },
    'data-read-only-link': async (button, boardId) => {
      const made = await request(`/api/boards/${encodeURIComponent(boardId)}/read-only-link`, { method: 'POST' })
      const output = button.closest('[data-library-board]')?.querySelector('[data-link-output]')
      if (output instanceof HTMLElement) showLinkOnce(output, made.read_only_url, t('library.readOnlyHelp'), 'data-read-only-url')
    },
    'data-carry': async (button, boardId) => {
      const board = boardOf(boardId)
      const event = shown?.events.find((candidate) => candidate.boards.some((row) => row.id === boardId))
      if (!board || !event) return
      openCarryDialog({
        board,
        event,
        events: shown?.events ?? [],
        lang: config.lang,
        back: button,
        onCarried: async (made) => {
          // Like a board made on the home page: this browser holds the new round's link.
          saveMadeBoard(made)
          await load()
          const output = list.querySelector(`[data-library-board="${CSS.escape(boardId)}"] [data-link-output]`)
          if (output instanceof HTMLElement) {
            showLinkOnce(output, made.facilitator_url, t('programme.carriedHelp', { event: made.event }), 'data-carried-facilitator-url')
            output.append(h('p', { class: 'tv-lib-link__next' }, [
              h('a', { href: made.board_url, class: 'btn btn-primary', 'data-carried-open': true }, [t('programme.openRound')]),
              ' ',
              h('a', { href: made.programme_url, class: 'btn btn-secondary', 'data-carried-programme': true }, [t('programme.openProgramme')])
            ]))
          }
          announce(t('programme.carried', { title: made.title, event: made.event }))
        }
      })
    },
    'data-delete-board': async (button, boardId) => {
      const board = boardOf(boardId)
      const title = board?.title ?? boardId
      const eventId = button.closest('[data-library-event]')?.getAttribute('data-library-event') ?? ''
      confirmDialog({
        title: t('library.deleteTitle', { title }),
        body: t('library.deleteBody'),
        confirmLabel: t('library.deleteConfirm'),
        back: button,
        danger: true,
        confirm: () => run(button, async () => {
          await request(`/api/boards/${encodeURIComponent(boardId)}`, { method: 'DELETE' })
          forgetBoard(boardId)
          await load()
          announce(t('library.deleted', { title }))
          focusAfter(`#${CSS.escape(eventHeadingId(eventId || null))}`)
        })
      })
    }
  }

  /** @type {Record<string, (button: HTMLElement, eventId: string) => Promise<void>>} */
  const eventActions = {
    'data-team-link': async (button, eventId) => {
      const made = await request(`/api/events/${encodeURIComponent(eventId)}/team-link`, { method: 'POST' })
      const output = button.closest('header')?.querySelector('[data-link-output]')
      if (output instanceof HTMLElement) showLinkOnce(output, made.team_url, t('library.teamHelp'), 'data-team-url')
    },
    'data-delete-event': async (button, eventId) => {
      const event = eventOf(eventId)
      const name = event?.name ?? ''
      const count = event?.boards.length ?? 0
      confirmDialog({
        title: t('library.deleteEventTitle', { name, count }),
        body: t('library.deleteEventBody'),
        confirmLabel: t('library.deleteEventConfirm'),
        back: button,
        danger: true,
        confirm: () => run(button, async () => {
          await request(`/api/events/${encodeURIComponent(eventId)}`, { method: 'DELETE' })
          event?.boards.forEach((board) => forgetBoard(board.id))
          await load()
          announce(t('library.eventDeleted', { name }))
          focusAfter('h2')
        })
      })
    }
  }

  /**
   * Run `action` with `button` disabled; say so when it fails.
   * @param {HTMLElement} button
   * @param {() => Promise<void>} action
   */
  const run = async (button, action) => {
    if (button instanceof HTMLButtonElement) button.disabled = true
    try {
      await action()
    } catch (error) {
      console.error('tavle: library action failed', error)
      announce(failure(error))
      status.textContent = failure(error)
      status.hidden = false
    } finally {
      if (button instanceof HTMLButtonElement && button.isConnected) button.disabled = false
    }
  }

  list.addEventListener('click', (event) => {
    const target = /** @type {Element | null} */ (event.target)
    const button = target?.closest('button')
    if (!(button instanceof HTMLButtonElement) || button.hasAttribute('data-copy')) return
    const row = button.closest('[data-library-board]')
    const boardId = row?.getAttribute('data-library-board')
    if (boardId) {
      const name = Object.keys(boardActions).find((attribute) => button.hasAttribute(attribute))
      // Deleting and carrying ask first; the dialog's button runs the request.
      if (name === 'data-delete-board' || name === 'data-carry') boardActions[name](button, boardId)
      else if (name) run(button, () => boardActions[name](button, boardId))
      return
    }
    const eventId = button.closest('[data-library-event]')?.getAttribute('data-library-event')
    if (!eventId) return
    const name = Object.keys(eventActions).find((attribute) => button.hasAttribute(attribute))
    if (name === 'data-delete-event') eventActions[name](button, eventId)
    else if (name) run(button, () => eventActions[name](button, eventId))
  })

  setUpImport(page, announce, () => { load() })
  status.textContent = t('library.loading')
  status.hidden = false
  load()
}

