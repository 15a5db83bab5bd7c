/**
 * "Carry into the next event": a board goes on as a new round in a later event of its
 * programme (POST /api/boards/{id}/carry, docs/programme.md). The dialog asks where it goes
 * on, and for a map whether all notes go or only the top-voted.
 * @module library/carry
 */

import { domId, h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { formatDate } from './format.js'
import { RequestError, request } from './http.js'

/** The kinds of meeting an event can be (server/store/programmes.py, MEETING_KINDS). */
export const MEETING_KINDS = ['seminar-12-12', 'theme-day', 'storledermoede', 'leader-network']
/** How many top-voted notes go on unless the facilitator says otherwise. */
const DEFAULT_TOP = 10
const MAX_TOP = 500

/**
 * @typedef {object} CarriedBoard what the server answers
 * @property {string} id
 * @property {string} title
 * @property {string} event
 * @property {string} programme_url
 * @property {string} facilitator_url
 * @property {string} board_url
 * @property {string} join_code
 * @property {string} join_url
 */

/**
 * A labelled field: the label above the control, both in one wrapper.
 * @param {string} label
 * @param {HTMLElement} control
 * @param {string} [help]
 * @returns {HTMLElement}
 */
const field = (label, control, help) => {
  const id = control.id || domId('tv-carry-field')
  control.id = id
  /** @type {HTMLElement[]} */
  const extra = []
  if (help) {
    const helpId = `${id}-help`
    control.setAttribute('aria-describedby', helpId)
    extra.push(h('p', { class: 'help', id: helpId }, [help]))
  }
  return h('div', { class: 'tv-carry__field' }, [h('label', { for: id }, [label]), control, ...extra])
}

/**
 * A radio button with its label.
 * @param {string} name
 * @param {string} value
 * @param {string} label
 * @param {boolean} checked
 * @returns {{ input: HTMLInputElement, element: HTMLElement }}
 */
const radio = (name, value, label, checked) => {
  const input = h('input', { type: 'radio', name, value, id: domId('tv-carry-radio'), checked })
  return { input, element: h('div', { class: 'tv-carry__choice' }, [input, h('label', { for: input.id }, [label])]) }
}

/**
 * The meeting kind's name in the page's language.
 * @param {string} kind
 * @returns {string}
 */
export const meetingKindName = (kind) => t(`programme.kind.${kind}`)

/**
 * Open the dialog for `board` of `event`; `events` are the ones this browser facilitates.
 * @param {object} options
 * @param {import('./board-row.js').LibraryBoard} options.board
 * @param {import('./event-group.js').LibraryEvent} options.event
 * @param {import('./event-group.js').LibraryEvent[]} options.events
 * @param {string} options.lang
 * @param {HTMLElement} options.back focus returns here when the dialog closes without carrying
 * @param {(made: CarriedBoard) => void} options.onCarried
 */
export const openCarryDialog = ({ board, event, events, lang, back, onCarried }) => {
  const headingId = domId('tv-carry')
  const others = events.filter((other) => other.id !== null && other.id !== event.id && other.role === 'facilitator' &&
    (!other.programme || !event.programme || other.programme.id === event.programme.id))
  const charter = board.engine === 'charter'

  // Where it goes on: an event this browser has, or a new one.
  const existing = radio('target', 'existing', t('programme.carryExisting'), others.length > 0)
  const fresh = radio('target', 'new', t('programme.carryNew'), others.length === 0)
  const eventSelect = h('select', { name: 'event_id' }, others.map((other) =>
    h('option', { value: other.id ?? '' }, [other.date ? `${other.name} (${formatDate(other.date, lang)})` : other.name ?? ''])
  ))
  const name = h('input', { type: 'text', name: 'event_name', maxlength: '120', autocomplete: 'off', required: others.length === 0 })
  const date = h('input', { type: 'date', name: 'event_date' })
  const kind = h('select', { name: 'meeting_kind' }, [
    h('option', { value: '' }, [t('programme.kindNone')]),
    ...MEETING_KINDS.map((value) => h('option', { value }, [meetingKindName(value)]))
  ])
  const existingFields = h('div', { class: 'tv-carry__sub' }, [field(t('programme.carryEvent'), eventSelect)])
  const newFields = h('div', { class: 'tv-carry__sub' }, [
    field(t('programme.eventName'), name),
    field(t('programme.eventDate'), date),
    field(t('programme.meetingKind'), kind)
  ])
  const where = h('fieldset', { class: 'tv-carry__group' }, [
    h('legend', {}, [t('programme.carryWhere')]),
    ...(others.length > 0 ? [existing.element, existingFields, fresh.element] : []),
    newFields
  ])
  const showTarget = () => {
    const isNew = others.length === 0 || fresh.input.checked
    existingFields.hidden = isNew
    newFields.hidden = !isNew
    name.required = isNew
  }
  existing.input.addEventListener('change', showTarget)
  fresh.input.addEventListener('change', showTarget)
  showTarget()

  // Which notes go on (maps with dot votes).
  const allNotes = radio('notes', 'all', t('programme.notesAll'), true)
  const topNotes = radio('notes', 'top', t('programme.notesTop'), false)
  const top = h('input', { type: 'number', name: 'top', min: '1', max: String(MAX_TOP), value: String(DEFAULT_TOP), inputmode: 'numeric' })
  const topField = field(t('programme.notesTopCount'), top)
  const showTop = () => { topField.hidden = !topNotes.input.checked }
  allNotes.input.addEventListener('change', showTop)
  topNotes.input.addEventListener('change', showTop)
  showTop()
  const notes = board.votes
    ? [h('fieldset', { class: 'tv-carry__group' }, [
        h('legend', {}, [t('programme.notesWhich')]), allNotes.element, topNotes.element, topField
      ])]
    : []

  const title = h('input', { type: 'text', name: 'title', maxlength: '120', value: board.title, required: true })
  const programme = h('input', { type: 'text', name: 'programme', maxlength: '120', value: event.name ?? '', required: true })
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-carry-confirm': true }, [t('programme.carryConfirm')])
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary' }, [t('programme.cancel')])
  const form = h('form', { class: 'tv-carry', novalidate: true }, [
    h('p', {}, [t(charter ? 'programme.carryCharter' : 'programme.carryMap', { event: event.name ?? '' })]),
    where,
    ...notes,
    field(t('programme.newTitle'), title),
    ...(!event.programme ? [field(t('programme.programmeName'), programme, t('programme.programmeHelp'))] : []),
    error,
    h('div', { class: 'tv-dialog__actions' }, [submit, cancel])
  ])
  const dialog = h('dialog', { class: 'tv-dialog tv-carry-dialog', 'aria-labelledby': headingId, 'data-carry-dialog': true }, [
    h('h2', { id: headingId }, [t('programme.carryTitle', { title: board.title })]),
    form
  ])
  let carried = false
  const close = () => { if (dialog.open) dialog.close() }
  dialog.addEventListener('close', () => {
    dialog.remove()
    if (!carried && back.isConnected) back.focus()
  })
  cancel.addEventListener('click', close)

  /** @param {string} message @param {HTMLElement} [at] */
  const fail = (message, at) => {
    error.textContent = message
    error.hidden = false
    at?.focus()
  }

  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault()
    error.hidden = true
    const isNew = others.length === 0 || fresh.input.checked
    if (isNew && name.value.trim() === '') return fail(t('programme.eventNameMissing'), name)
    if (title.value.trim() === '') return fail(t('programme.titleMissing'), title)
    const count = Number(top.value)
    if (board.votes && topNotes.input.checked && !(Number.isInteger(count) && count >= 1 && count <= MAX_TOP)) {
      return fail(t('programme.topInvalid', { limit: MAX_TOP }), top)
    }
    /** @type {Record<string, unknown>} */
    const body = { title: title.value.trim() }
    if (isNew) body.event = { name: name.value.trim(), date: date.value || null, meeting_kind: kind.value || null }
    else body.event_id = eventSelect.value
    if (board.votes && topNotes.input.checked) {
      body.notes = 'top'
      body.top = count
    }
    if (!event.programme) body.programme = programme.value.trim()
    submit.disabled = true
    try {
      const made = await request(`/api/boards/${encodeURIComponent(board.id)}/carry`, { method: 'POST', json: body })
      carried = true
      close()
      onCarried(made)
    } catch (failure) {
      fail(failure instanceof RequestError && failure.serverMessage ? failure.serverMessage : t('library.failed'))
    } finally {
      submit.disabled = false
    }
  })
  document.body.append(dialog)
  dialog.showModal()
  ;(others.length > 0 ? existing.input : name).focus()
}
