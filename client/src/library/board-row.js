/**
 * One board in the library: title, kind, dates, counts, and what can be done with it.
 * @module library/board-row
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { snapshotCounts } from '../facilitation/labels.js'
import { formatAgo, formatDate, kindName, snippetNodes } from './format.js'

/**
 * @typedef {object} LibraryBoard
 * @property {string} id
 * @property {string} title
 * @property {string} kind
 * @property {string} created ISO 8601
 * @property {string} last_activity ISO 8601
 * @property {boolean} archived
 * @property {Record<string, number>} counts items per document root
 * @property {'facilitator' | 'team'} role
 * @property {string | null} snippet the search hit, matches in `[` `]`
 * @property {string} [kind_title] the kind's name in the page's language
 * @property {string[]} [formats] what this reader may export, as the server says
 * @property {string | null} [previous_board_id] the round it continues (docs/programme.md)
 * @property {string | null} [engine] its kind's engine: `map`, `charter` or `notes`
 * @property {boolean} [votes] whether its kind has dot votes
 * @property {boolean} [actions] whether its kind has an action list (a pre-jekt)
 */

/**
 * Kinds on the charter engine, which exports no PNG. The library's rows name the kind, not
 * its engine; keep this in step with boards/kinds/*.json (server/web/exports.py, FORMATS).
 */
const CHARTER_KINDS = new Set(['charter'])

/**
 * The export formats offered for `board`, in menu order; the complete JSON is the facilitator's.
 * @param {LibraryBoard} board
 * @returns {string[]}
 */
const exportFormats = (board) => board.formats || [
  'md',
  'docx',
  'csv',
  ...(CHARTER_KINDS.has(board.kind) ? [] : ['png']),
  ...(board.role === 'facilitator' ? ['json'] : [])
]

/**
 * The board's id in element ids: ids are short URL-safe strings, but be safe.
 * @param {string} id
 * @returns {string}
 */
export const rowId = (id) => 'lib-board-' + id.replace(/[^\w-]/g, '_')

/** A pre-jekt's action list as files (GET /b/{id}/export.actions.{csv,docx}), with their labels. */
const ACTION_EXPORTS = [['actions.csv', 'programme.actionsExport.csv'], ['actions.docx', 'programme.actionsExport.docx']]

/**
 * The exports as a disclosure menu of download links; a kind with actions adds its action list.
 * @param {LibraryBoard} board
 * @param {string} titleId
 * @returns {HTMLDetailsElement}
 */
const renderExports = (board, titleId) => {
  const base = `/b/${encodeURIComponent(board.id)}/export.`
  /** @param {string} format @param {string} label */
  const link = (format, label) => h('li', {}, [h('a', { href: base + format, download: true, 'data-export': format }, [label])])
  return h('details', { class: 'tv-lib-menu', 'data-export-menu': true }, [
    h('summary', { class: 'btn btn-secondary', 'aria-describedby': titleId }, [t('library.exports')]),
    h('ul', { class: 'tv-lib-menu__list' }, [
      ...exportFormats(board).map((format) => link(format, t(`library.export.${format}`))),
      ...(board.actions ? ACTION_EXPORTS.map(([format, label]) => link(format, t(label))) : [])
    ])
  ])
}

/**
 * A button that names its board to assistive technology through `aria-describedby`.
 * @param {string} label
 * @param {string} titleId
 * @param {Record<string, string | boolean>} attributes
 * @param {string} [variant]
 * @returns {HTMLButtonElement}
 */
export const rowButton = (label, titleId, attributes, variant = 'btn-secondary') =>
  h('button', { type: 'button', class: `btn ${variant}`, 'aria-describedby': titleId, ...attributes }, [label])

/**
 * Render one board as a list item. Its buttons carry `data-*` names that the library's one
 * click handler acts on, with the board's id on the item.
 * @param {LibraryBoard} board
 * @param {string} lang
 * @param {boolean} [carries] whether it can go on into a next event (it has an event)
 * @returns {HTMLLIElement}
 */
export const renderBoardRow = (board, lang, carries = false) => {
  const titleId = rowId(board.id)
  const counts = snapshotCounts(board.counts || {})
  const facts = [
    h('span', { 'data-kind': board.kind }, [board.kind_title || kindName(board.kind)]),
    h('span', {}, [t('library.created', { date: formatDate(board.created, lang) })]),
    ...(counts ? [h('span', { 'data-counts': true }, [counts])] : []),
    ...(board.previous_board_id ? [h('span', { 'data-later-round': true }, [t('programme.laterRound')])] : []),
    h('span', { 'data-last-activity': true }, [
      t('library.activity') + ' ',
      h('time', { datetime: board.last_activity, title: formatDate(board.last_activity, lang) }, [formatAgo(board.last_activity, lang)])
    ])
  ]
  const actions = [
    h('a', { href: `/b/${encodeURIComponent(board.id)}`, class: 'btn btn-primary', 'aria-describedby': titleId, 'data-open-board': true }, [t('library.open')]),
    h('a', { href: `/b/${encodeURIComponent(board.id)}/history`, class: 'btn btn-secondary', 'aria-describedby': titleId, 'data-history-link': true }, [t('library.history')]),
    renderExports(board, titleId),
    rowButton(t(board.archived ? 'library.unarchive' : 'library.archive'), titleId, { 'data-archive': String(!board.archived) })
  ]
  if (board.role === 'facilitator') {
    if (carries) actions.push(rowButton(t('programme.carry'), titleId, { 'data-carry': true }))
    actions.push(
      rowButton(t('library.readOnlyLink'), titleId, { 'data-read-only-link': true }),
      rowButton(t('library.delete'), titleId, { 'data-delete-board': true }, 'btn-danger')
    )
  }
  return h('li', { class: 'tv-lib-board', 'data-library-board': board.id, 'data-archived': String(board.archived) }, [
    h('h3', { class: 'tv-lib-board__title' }, [
      h('a', { href: `/b/${encodeURIComponent(board.id)}`, id: titleId }, [board.title || board.id])
    ]),
    h('p', { class: 'tv-lib-board__facts' }, facts),
    ...(board.snippet ? [h('p', { class: 'tv-lib-board__snippet', 'data-snippet': true }, snippetNodes(board.snippet))] : []),
    h('div', { class: 'tv-lib-board__actions' }, actions),
    h('div', { class: 'tv-lib-link', 'data-link-output': true, hidden: true })
  ])
}
