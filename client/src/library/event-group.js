/**
 * One event in the library: its name and date, the retention warning, its boards (the
 * archived ones folded away), and the facilitator's team link and deletion.
 * @module library/event-group
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { renderBoardRow } from './board-row.js'
import { formatDate } from './format.js'

/**
 * @typedef {object} LibraryEvent
 * @property {string | null} id `null` groups the boards made without an event
 * @property {string | null} name
 * @property {string | null} date `YYYY-MM-DD`
 * @property {'facilitator' | 'team'} role
 * @property {string | null} deletes_on `YYYY-MM-DD` when a retention period is set
 * @property {boolean} deletion_soon
 * @property {import('./board-row.js').LibraryBoard[]} boards
 * @property {string | null} [meeting_kind]
 * @property {string | null} [meeting_kind_title]
 * @property {{ id: string, name: string, url: string } | null} [programme]
 */

/**
 * The event's element id.
 * @param {string | null} id
 * @returns {string}
 */
export const eventHeadingId = (id) => 'lib-event-' + (id === null ? 'none' : id.replace(/[^\w-]/g, '_'))

/**
 * Render `event` as a section; `searching` shows the hits without folding archived ones.
 * @param {LibraryEvent} event
 * @param {object} options
 * @param {string} options.lang
 * @param {number | null} options.retentionDays
 * @param {boolean} options.searching
 * @param {Set<string>} options.openArchives events whose archived boards are unfolded
 * @returns {HTMLElement}
 */
export const renderEvent = (event, { lang, retentionDays, searching, openArchives }) => {
  const headingId = eventHeadingId(event.id)
  const name = event.name || t('library.noEvent')
  const head = [
    h('h2', { id: headingId, tabindex: '-1', class: 'tv-lib-event__name' }, [name]),
    ...(event.date ? [h('p', { class: 'tv-lib-event__date' }, [h('time', { datetime: event.date }, [formatDate(event.date, lang)])])] : []),
    ...(event.meeting_kind_title ? [h('p', { class: 'tv-lib-event__date', 'data-meeting-kind': event.meeting_kind ?? '' }, [event.meeting_kind_title])] : []),
    ...(event.programme
      ? [h('p', { class: 'tv-lib-event__programme' }, [
          h('a', { href: event.programme.url, 'data-programme-link': true }, [t('programme.inProgramme', { name: event.programme.name })])
        ])]
      : [])
  ]
  if (event.deletion_soon && event.deletes_on) {
    head.push(h('p', { class: 'tv-lib-event__warning', role: 'note', 'data-retention-warning': true }, [
      t('library.retention', { date: formatDate(event.deletes_on, lang), days: retentionDays ?? '' })
    ]))
  }
  if (event.id !== null && event.role === 'facilitator') {
    head.push(h('div', { class: 'tv-lib-event__actions' }, [
      h('button', { type: 'button', class: 'btn btn-secondary', 'data-team-link': true, 'aria-describedby': headingId }, [t('library.teamLink')]),
      h('button', { type: 'button', class: 'btn btn-danger', 'data-delete-event': true, 'aria-describedby': headingId }, [t('library.deleteEvent')])
    ]), h('div', { class: 'tv-lib-link', 'data-link-output': true, hidden: true }))
  }
  const live = event.boards.filter((board) => searching || !board.archived)
  const archived = searching ? [] : event.boards.filter((board) => board.archived)
  /** @type {HTMLElement[]} */
  const body = []
  if (live.length > 0) {
    body.push(h('ul', { class: 'tv-lib-boards', 'aria-labelledby': headingId }, live.map((board) => renderBoardRow(board, lang, event.id !== null))))
  }
  if (archived.length > 0) {
    const key = event.id ?? ''
    const fold = h('details', { class: 'tv-lib-archived', 'data-archived-boards': true, open: openArchives.has(key) }, [
      h('summary', {}, [t('library.archivedGroup', { count: archived.length })]),
      h('ul', { class: 'tv-lib-boards' }, archived.map((board) => renderBoardRow(board, lang, event.id !== null)))
    ])
    fold.addEventListener('toggle', () => {
      if (fold.open) openArchives.add(key)
      else openArchives.delete(key)
    })
    body.push(fold)
  }
  return h('section', {
    class: 'tv-lib-event',
    'aria-labelledby': headingId,
    'data-library-event': event.id ?? '',
    'data-event-name': name
  }, [h('header', { class: 'tv-lib-event__head' }, head), ...body])
}
