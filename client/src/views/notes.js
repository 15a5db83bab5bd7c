/**
 * The `notes` engine: a form to add notes and the list of notes, newest first.
 *
 * Document layout (docs/formats.md): root map `notes`, note id -> Y.Map {text, created}.
 * @module views/notes
 */

import * as Y from 'yjs'
import { h, renderOncePerFrame } from '../ui/dom.js'
import { createItemId } from '../sync/ids.js'
import { t } from '../i18n.js'
import { NoteItem } from './note-item.js'
import { newNoteField, submitOnEnter } from './note-field.js'
import { moderationButtons } from './facilitation/moderation.js'
import { OPEN_POLICY, policyOf, reasonLine } from './facilitation/policy.js'
import { createPrivateNotes } from './facilitation/private-notes.js'
import { markChanges } from './change-mark.js'

/**
 * @typedef {object} NoteEntry
 * @property {string} id
 * @property {string} text
 * @property {number} created
 * @property {boolean} [private] this participant's private note, not in the document
 * @property {boolean} [pending] private, written here and not yet confirmed by the server
 */

/**
 * Read a note from the document; values written by other clients are checked.
 * @param {string} id
 * @param {Y.Map<unknown>} note
 * @returns {NoteEntry}
 */
const readNote = (id, note) => {
  const text = note.get('text')
  const created = note.get('created')
  return {
    id,
    text: typeof text === 'string' ? text : '',
    created: typeof created === 'number' && Number.isFinite(created) ? created : 0
  }
}

/**
 * Newest first; the id breaks ties so every client shows the same order.
 * @param {NoteEntry} a
 * @param {NoteEntry} b
 * @returns {number}
 */
const newestFirst = (a, b) => b.created - a.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Render the notes board into `container` and keep it in step with the document.
 * @param {HTMLElement} container the server's `[data-board-view]`
 * @param {import('./index.js').ViewContext} context
 * @returns {import('./index.js').BoardView}
 */
export const mountNotesView = (container, { doc, ownership, announce, role, mode, send, boardId }) => {
  const facilitator = role === 'facilitator'
  /** @type {Y.Map<unknown>} */
  const notes = doc.getMap('notes')
  /** @type {Map<string, NoteItem>} */
  const items = new Map()
  /** This participant's private notes (docs/protocol.md, "Facilitation"). @type {Map<string, NoteItem>} */
  const privateItems = new Map()
  let readOnly = false
  let policy = OPEN_POLICY
  const reason = reasonLine()
  const privateNotes = createPrivateNotes({ boardId, send, announce, inDocument: (id) => notes.has(id) })

  const field = newNoteField('tv-new-note')
  const addButton = h('button', { type: 'submit', class: 'btn btn-primary', 'data-note-add': true }, [t('notes.add')])
  const form = h('form', { class: 'tv-note-form', 'data-note-form': true }, [
    h('label', { for: field.id, class: 'tv-note-form__label' }, [t('notes.label')]),
    field,
    addButton
  ])
  const empty = h('p', { class: 'tv-notes-empty', 'data-notes-empty': true }, [t('notes.empty')])
  const list = h('ul', { class: 'tv-notes', 'data-notes': true, 'aria-live': 'polite', 'aria-label': t('notes.listLabel') })
  container.replaceChildren(reason.element, form, empty, list)
  /** Document edits are off: the connection closed, or the session forbids them. */
  const editOff = () => readOnly || !policy.edit

  const addNote = () => {
    const text = field.value.trim()
    // Focus first: on a phone, tapping "Add note" would otherwise close the keyboard.
    field.focus()
    if (text === '' || readOnly) return
    const id = createItemId()
    if (policy.writePrivately) {
      announce(t('private.saved'))
      privateNotes.put(id, { text, created: Date.now() })
      field.value = ''
      return
    }
    if (!policy.edit) return
    ownership.addLocal(id)
    notes.set(id, new Y.Map([['text', text], ['created', Date.now()]]))
    field.value = ''
  }
  submitOnEnter(form, field, addNote)

  /** @type {import('./note-item.js').NoteItemActions} */
  const actions = {
    save: (item, text) => {
      const note = notes.get(item.id)
      if (note instanceof Y.Map) {
        if (note.get('text') !== text) note.set('text', text)
      } else {
        // Someone deleted it while it was open here: saving brings it back under its old id.
        notes.set(item.id, new Y.Map([['text', text], ['created', item.created || Date.now()]]))
      }
    },
    remove: (item) => {
      notes.delete(item.id)
      announce(t('notes.deleted'))
    },
    editEnded: () => render()
  }
  /** @type {import('./note-item.js').NoteItemActions} */
  const privateActions = {
    save: (item, text) => privateNotes.put(item.id, { text, created: item.created || Date.now() }),
    remove: (item) => {
      privateNotes.remove(item.id)
      announce(t('notes.deleted'))
    },
    editEnded: () => render()
  }
  const moderate = facilitator && mode === 'edit'
    ? (/** @type {string} */ id) => (/** @type {string} */ textId) => moderationButtons({
        send, announce, root: 'notes', id, make: (label, _icon, attributes) => h('button', { type: 'button', class: 'btn btn-secondary tv-note__action', ...attributes }, [label]), attributes: { 'aria-describedby': textId }
      })
    : null

  const render = () => {
    /** @type {NoteEntry[]} */
    const entries = []
    notes.forEach((value, id) => {
      if (value instanceof Y.Map) entries.push(readNote(id, value))
    })
    const present = new Set(entries.map((entry) => entry.id))
    /** @type {NoteEntry[]} */
    const mine = []
    for (const note of privateNotes.list()) {
      const text = note.fields.text
      const created = note.fields.created
      mine.push({
        id: note.id,
        text: typeof text === 'string' ? text : '',
        created: typeof created === 'number' ? created : 0,
        private: true,
        pending: note.pending
      })
    }
    const shownPrivately = new Set(mine.map((entry) => entry.id))
    for (const [id, item] of privateItems) {
      if (shownPrivately.has(id) || item.editing) continue
      item.element.remove()
      privateItems.delete(id)
    }
    entries.push(...mine)
    const focused = document.activeElement
    let rescueFocusAt = -1
    for (const [id, item] of items) {
      if (present.has(id)) continue
      if (item.editing) {
        // Deleted elsewhere while open here: keep the draft, say so, let Save restore it.
        item.setRemoved(true)
        entries.push({ id, text: item.text, created: item.created })
        continue
      }
      if (focused !== null && item.element.contains(focused)) {
        rescueFocusAt = Array.prototype.indexOf.call(list.children, item.element)
      }
      item.element.remove()
      items.delete(id)
    }
    entries.sort(newestFirst)

    // Move only what is out of place, so an open editor is never detached (and never blurred).
    let cursor = list.firstElementChild
    for (const entry of entries) {
      const keyed = entry.private ? privateItems : items
      let item = keyed.get(entry.id)
      if (item === undefined) {
        item = entry.private
          ? new NoteItem(entry.id, privateActions, { privateLabel: t('private.label') })
          : new NoteItem(entry.id, actions, { moderate: moderate?.(entry.id) ?? null })
        item.setReadOnly(entry.private ? readOnly || !policy.writePrivately : editOff())
        keyed.set(entry.id, item)
      }
      if (present.has(entry.id)) item.setRemoved(false)
      item.pending.hidden = !entry.pending
      item.update(entry.text, entry.created, entry.private === true || ownership.has(entry.id))
      if (item.element === cursor) cursor = cursor.nextElementSibling
      else list.insertBefore(item.element, cursor)
    }
    empty.hidden = entries.length > 0

    if (rescueFocusAt >= 0) {
      const neighbour = list.children[Math.min(rescueFocusAt, list.children.length - 1)]
      const target = neighbour && neighbour.querySelector('[data-note-edit]')
      if (target instanceof HTMLElement && !editOff()) target.focus()
      else field.focus()
    }
  }

  const scheduleRender = renderOncePerFrame(render)
  notes.observeDeep((_events, transaction) => {
    // Draw this tab's own edits at once; coalesce bursts of remote ones per frame.
    if (transaction.local) render()
    else scheduleRender()
  })
  ownership.subscribe(scheduleRender)
  privateNotes.subscribe(scheduleRender)
  render()

  const applyLocks = () => {
    const canAdd = !readOnly && (policy.edit || policy.writePrivately)
    field.disabled = !canAdd
    addButton.disabled = !canAdd
    form.dataset.private = String(policy.writePrivately)
    items.forEach((item) => item.setReadOnly(editOff()))
    privateItems.forEach((item) => item.setReadOnly(readOnly || !policy.writePrivately))
  }

  return {
    setReadOnly: (value) => {
      readOnly = value
      container.dataset.readonly = String(value)
      applyLocks()
    },
    onSession: (session) => {
      if (facilitator || mode !== 'edit') return
      policy = policyOf(session, false)
      reason.update(policy)
      applyLocks()
      // The session comes first on every new connection: send what waited meanwhile.
      privateNotes.resend()
    },
    onPrivate: (message) => {
      if (message.root === 'notes') privateNotes.receive(message.items)
    },
    highlight: (changes) => markChanges([...items].map(([id, item]) => [id, item.element]), changes)
  }
}
