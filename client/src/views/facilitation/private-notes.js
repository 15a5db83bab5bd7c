/**
 * This participant's private notes (docs/protocol.md, "Facilitation"): those the server keeps
 * for them (`private` messages), and those written here that it has not confirmed yet, kept
 * on the device and sent again whenever the connection opens, so a phone offline at the
 * reveal loses nothing.
 * @module views/facilitation/private-notes
 */

import { t } from '../../i18n.js'
import { loadPrivateQueue, savePrivateQueue } from '../../sync/storage.js'

/**
 * @typedef {Record<string, unknown>} PrivateFields the fields of the root's items
 *
 * @typedef {object} PrivateNote
 * @property {string} id
 * @property {PrivateFields} fields
 * @property {boolean} pending written here, not yet confirmed by the server
 *
 * @typedef {object} PrivateNotes
 * @property {(id: string, fields: PrivateFields) => void} put keep or change one's note
 * @property {(id: string) => void} remove
 * @property {(items: Record<string, PrivateFields>) => void} receive take in a `private` message
 * @property {() => void} resend send what waits (the connection has opened)
 * @property {() => PrivateNote[]} list oldest first, without those now in the document
 * @property {(listener: () => void) => void} subscribe
 */

/**
 * Whether the server holds `fields` as written here (it stores them cleaned: compare what was typed).
 * @param {PrivateFields | undefined} held
 * @param {PrivateFields} written
 * @returns {boolean}
 */
const sameFields = (held, written) => {
  if (held === undefined) return false
  return Object.entries(written).every(([key, value]) => typeof value !== 'string' || held[key] === value)
}

/**
 * @param {PrivateFields} fields
 * @returns {number}
 */
const createdOf = (fields) => (typeof fields.created === 'number' ? fields.created : 0)

/**
 * Keep this participant's private notes on board `boardId` (a kind has one private root).
 * @param {object} options
 * @param {string} options.boardId
 * @param {(command: Record<string, unknown>) => boolean} options.send
 * @param {(text: string) => void} options.announce
 * @param {(id: string) => boolean} options.inDocument revealed notes are in the document
 * @returns {PrivateNotes}
 */
export const createPrivateNotes = ({ boardId, send, announce, inDocument }) => {
  /** @type {Record<string, PrivateFields>} */
  let held = {}
  const queue = loadPrivateQueue(boardId)
  /** @type {Array<() => void>} */
  const listeners = []
  const notify = () => listeners.forEach((listener) => listener())
  const save = () => savePrivateQueue(boardId, queue)

  /** Forget what the server holds or what reached the document. */
  const prune = () => {
    for (const [id, fields] of Object.entries(queue.puts)) {
      if (inDocument(id) || sameFields(held[id], fields)) delete queue.puts[id]
    }
    queue.deletes = queue.deletes.filter((id) => id in held && !inDocument(id))
    save()
  }

  return {
    put: (id, fields) => {
      queue.puts[id] = fields
      queue.deletes = queue.deletes.filter((other) => other !== id)
      save()
      notify()
      if (!send({ type: 'private.put', id, fields })) announce(t('private.queued'))
    },
    remove: (id) => {
      delete queue.puts[id]
      if (id in held && !queue.deletes.includes(id)) queue.deletes.push(id)
      save()
      notify()
      if (id in held) send({ type: 'private.delete', id })
    },
    receive: (items) => {
      held = items
      prune()
      notify()
    },
    resend: () => {
      prune()
      for (const [id, fields] of Object.entries(queue.puts)) send({ type: 'private.put', id, fields })
      for (const id of queue.deletes) send({ type: 'private.delete', id })
    },
    list: () => {
      /** @type {Map<string, PrivateNote>} */
      const notes = new Map()
      for (const [id, fields] of Object.entries(held)) notes.set(id, { id, fields, pending: false })
      for (const [id, fields] of Object.entries(queue.puts)) notes.set(id, { id, fields, pending: true })
      for (const id of queue.deletes) notes.delete(id)
      return [...notes.values()]
        .filter((note) => !inDocument(note.id))
        .sort((a, b) => createdOf(a.fields) - createdOf(b.fields) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    },
    subscribe: (listener) => {
      listeners.push(listener)
    }
  }
}

