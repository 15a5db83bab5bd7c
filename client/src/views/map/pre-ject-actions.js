/**
 * A pre-jekt's actions: a note made an action (what, who, by when, status, one line of
 * learning), its badge on the card, the dialog that writes it, and the board's action list.
 *
 * Document: root `actions`, keyed by the note's id (docs/formats.md, engine `map`); only the
 * facilitator and a team link write it (the server undoes anyone else's edit).
 * @module views/map/pre-ject-actions
 */

import * as Y from 'yjs'
import { domId, h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { showFormDialog } from '../dialog.js'

/** The statuses an action moves through, in order. */
export const ACTION_STATUSES = /** @type {const} */ (['idea', 'running', 'tried', 'scaled', 'stopped'])
/** The longest texts the fields take (boards/limits.py). */
const WHAT_MAX_CHARS = 300
const WHO_MAX_CHARS = 120
const LEARNING_MAX_CHARS = 280

/**
 * @typedef {object} ActionData
 * @property {string} note the note's id
 * @property {string} what
 * @property {string} who
 * @property {string} due YYYY-MM-DD, or ''
 * @property {string} status one of ACTION_STATUSES
 * @property {string} learning
 */

/**
 * @param {unknown} value
 * @returns {string}
 */
const text = (value) => typeof value === 'string' ? value : ''

/**
 * Read one action from the document; values from other clients are checked, never trusted.
 * @param {string} note
 * @param {Y.Map<unknown>} map
 * @returns {ActionData}
 */
export const readAction = (note, map) => {
  const status = text(map.get('status'))
  const due = text(map.get('due'))
  return {
    note,
    what: text(map.get('what')),
    who: text(map.get('who')),
    due: /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : '',
    status: ACTION_STATUSES.some((s) => s === status) ? status : 'idea',
    learning: text(map.get('learning'))
  }
}

/**
 * The status as the reader's language names it.
 * @param {string} status
 * @returns {string}
 */
export const statusName = (status) => t(`actions.status.${status}`)

/**
 * @param {object} options
 * @param {Y.Doc} options.doc
 * @param {boolean} options.editable the facilitator or a team link: they write actions
 * @param {string} options.boardId
 * @param {(text: string) => void} options.announce
 * @param {(noteId: string) => string} options.noteText
 */
export const createPreJectActions = ({ doc, editable, boardId, announce, noteText }) => {
  /** @type {Y.Map<unknown>} */
  const actionsMap = doc.getMap('actions')

  /**
   * @param {string} noteId
   * @returns {ActionData | null}
   */
  const actionOf = (noteId) => {
    const value = actionsMap.get(noteId)
    return value instanceof Y.Map ? readAction(noteId, value) : null
  }

  /**
   * Write an action (a new one, or changed fields of one).
   * @param {string} noteId
   * @param {Omit<ActionData, 'note'>} fields
   */
  const save = (noteId, fields) => {
    doc.transact(() => {
      let map = actionsMap.get(noteId)
      if (!(map instanceof Y.Map)) {
        map = new Y.Map()
        actionsMap.set(noteId, map)
      }
      const target = /** @type {Y.Map<unknown>} */ (map)
      for (const [key, value] of Object.entries(fields)) {
        if (value === '' && (key === 'due' || key === 'learning')) {
          if (target.has(key)) target.delete(key)
        } else if (target.get(key) !== value) {
          target.set(key, value)
        }
      }
      target.set('updated', Date.now())
    })
  }

  /**
   * Open the dialog that makes a note an action, or changes its action.
   * @param {string} noteId
   * @param {HTMLElement} back where focus returns
   */
  const openDialog = (noteId, back) => {
    const current = actionOf(noteId)
    const headingId = domId('tv-action')
    const field = (/** @type {string} */ label, /** @type {HTMLElement} */ input, /** @type {string} */ id, /** @type {string} */ hint = '') =>
      h('div', { class: 'tv-action-form__row' }, [
        h('label', { for: id }, [label]),
        ...(hint ? [h('p', { class: 'tv-action-form__hint', id: id + '-hint' }, [hint])] : []),
        input
      ])
    const ids = { what: domId('tv-action-what'), who: domId('tv-action-who'), due: domId('tv-action-due'), status: domId('tv-action-status'), learning: domId('tv-action-learning') }
    const what = h('textarea', { id: ids.what, class: 'tv-field', rows: '3', maxlength: String(WHAT_MAX_CHARS), required: true, 'data-action-what': true })
    what.value = current?.what || noteText(noteId).slice(0, WHAT_MAX_CHARS)
    const who = h('input', { id: ids.who, class: 'tv-field', type: 'text', maxlength: String(WHO_MAX_CHARS), 'aria-describedby': ids.who + '-hint', 'data-action-who': true })
    who.value = current?.who ?? ''
    const due = h('input', { id: ids.due, class: 'tv-field', type: 'date', 'data-action-due': true })
    due.value = current?.due ?? ''
    const status = h('select', { id: ids.status, class: 'tv-select', 'data-action-status': true }, ACTION_STATUSES.map((value) =>
      h('option', { value }, [statusName(value)])))
    status.value = current?.status ?? 'idea'
    const learning = h('input', { id: ids.learning, class: 'tv-field', type: 'text', maxlength: String(LEARNING_MAX_CHARS), 'data-action-learning': true })
    learning.value = current?.learning ?? ''
    const saveButton = h('button', { type: 'submit', class: 'btn btn-primary', 'data-action-save': true }, [t('actions.save')])
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary' }, [t('notes.cancel')])
    const form = h('form', { class: 'tv-action-form', method: 'dialog' }, [
      h('h2', { id: headingId }, [t(current ? 'actions.edit' : 'actions.make')]),
      field(t('actions.what'), what, ids.what),
      field(t('actions.who'), who, ids.who, t('actions.whoHint')),
      h('div', { class: 'tv-action-form__pair' }, [
        field(t('actions.due'), due, ids.due),
        field(t('actions.status'), status, ids.status)
      ]),
      field(t('actions.learning'), learning, ids.learning),
      h('div', { class: 'tv-dialog__actions' }, [saveButton, cancel])
    ])
    const dialog = h('dialog', { class: 'tv-dialog tv-action-dialog', 'aria-labelledby': headingId, 'data-action-dialog': true }, [form])
    const close = showFormDialog(dialog, cancel, back, what)
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const whatText = what.value.trim()
      if (whatText === '') {
        what.focus()
        return
      }
      save(noteId, { what: whatText, who: who.value.trim(), due: due.value, status: status.value, learning: learning.value.trim() })
      announce(t('actions.saved'))
      close()
    })
  }

  // --- The action list ------------------------------------------------------------------------

  const headingId = domId('tv-actions')
  const list = h('ul', { class: 'tv-actions__list', 'data-actions-list': true })
  const empty = h('p', { class: 'tv-actions__empty', 'data-actions-empty': true }, [t('actions.empty')])
  const exportLink = (/** @type {'csv' | 'docx'} */ format) => h('a', {
    class: 'btn btn-secondary',
    href: `/b/${encodeURIComponent(boardId)}/export.actions.${format}`,
    download: true,
    'data-actions-export': format
  }, [t(`actions.export.${format}`)])
  const panel = h('section', { class: 'tv-actions', 'aria-labelledby': headingId, 'data-actions-panel': true }, [
    h('div', { class: 'tv-actions__head' }, [
      h('h2', { id: headingId }, [t('actions.heading')]),
      h('div', { class: 'tv-actions__exports' }, [exportLink('csv'), exportLink('docx')])
    ]),
    empty,
    list
  ])

  const drawList = () => {
    /** @type {ActionData[]} */
    const actions = []
    actionsMap.forEach((value, key) => {
      if (value instanceof Y.Map) actions.push(readAction(key, value))
    })
    actions.sort((a, b) => (a.due === '' ? 1 : 0) - (b.due === '' ? 1 : 0) || a.due.localeCompare(b.due) || a.what.localeCompare(b.what))
    empty.hidden = actions.length > 0
    list.replaceChildren(...actions.map((action) => {
      const itemId = domId('tv-action-item')
      const details = [action.who, action.due ? t('actions.dueOn', { date: action.due }) : ''].filter(Boolean).join(' · ')
      /** @type {HTMLElement[]} */
      const tools = []
      if (editable) {
        const edit = h('button', { type: 'button', class: 'btn btn-secondary', 'aria-describedby': itemId, 'data-action-edit': action.note }, [t('actions.edit')])
        edit.addEventListener('click', () => openDialog(action.note, edit))
        tools.push(edit)
      }
      return h('li', { class: 'tv-actions__item', 'data-action': action.note, 'data-status': action.status }, [
        h('p', { class: 'tv-actions__what', id: itemId }, [action.what]),
        h('p', { class: 'tv-actions__meta' }, [
          h('span', { class: 'tv-action-badge', 'data-status': action.status, 'data-action-status-badge': true }, [statusName(action.status)]),
          ...(details ? [' ', h('span', {}, [details])] : [])
        ]),
        ...(action.learning ? [h('p', { class: 'tv-actions__learning' }, [t('actions.learned', { text: action.learning })])] : []),
        ...tools
      ])
    }))
  }

  return { actionsMap, actionOf, openDialog, panel, drawList }
}
