/**
 * Text that two writers move at once stays once (issue 12, item 2: all pressing Enter).
 *
 * Yjs 13 cannot move text. When ProseMirror splits a paragraph (Enter in the middle of a
 * line, a line made a list item), y-prosemirror deletes the moved text from its `Y.XmlText`
 * and inserts a copy into a new one. Two people pressing Enter in one line at once both
 * delete the tail and both insert a copy of it: merged, the tail is there twice. slate-yjs
 * and the other Yjs editor bindings split the same way (BitPhinix/slate-yjs#45).
 *
 * So each writer notes, on every `Y.XmlText` that their own edit filled with moved text,
 * where that text came from: the attribute `moved` holds the ids of the characters copied
 * and of their copies (the server holds it to a short list of numbers, boards/wording.py).
 * After a remote change every editing client looks for characters with more than one
 * copy still standing, keeps the copy that comes last in the document and deletes the
 * others. The same rule on the same document gives the same deletions everywhere, and a
 * deletion made twice is one: the clients converge, and whatever order the new lines took,
 * the text reads once and in its order. The writer whose line break lost keeps an empty line.
 * @module views/charter/moved-text
 */

import * as Y from 'yjs'

export const MOVED = 'moved'
/** The longest `moved` the server takes; a move too scattered to describe is not noted. */
export const MAX_MOVED_LENGTH = 8000
/** Origin of the transactions here: the undo manager does not track them. */
export const movedOrigin = Symbol('moved-text')

/**
 * A run of consecutive characters by one client: [client, clock, length].
 * @typedef {[number, number, number]} Run
 */

/**
 * The characters of the string items in `items`, as runs of ids in the given order.
 * @param {Iterable<Y.Item>} items
 * @returns {{ runs: Run[], text: string }}
 */
const runsOf = (items) => {
  /** @type {Run[]} */
  const runs = []
  let text = ''
  for (const item of items) {
    if (!(item.content instanceof Y.ContentString)) continue
    text += item.content.str
    const last = runs[runs.length - 1]
    if (last && last[0] === item.id.client && last[1] + last[2] === item.id.clock) last[2] += item.length
    else runs.push([item.id.client, item.id.clock, item.length])
  }
  return { runs, text }
}

/** @param {Run[]} runs */
const encodeRuns = (runs) => runs.map((run) => run.join('.')).join(',')

/**
 * @param {string} value
 * @returns {{ from: Run[], to: Run[] } | null}
 */
const decodeMoved = (value) => {
  if (typeof value !== 'string' || value.length > MAX_MOVED_LENGTH) return null
  const [from, to, ...rest] = value.split('>')
  if (to === undefined || rest.length > 0) return null
  /** @param {string} text @returns {Run[] | null} */
  const parse = (text) => {
    /** @type {Run[]} */
    const runs = []
    for (const part of text.split(',')) {
      const numbers = part.split('.').map(Number)
      if (numbers.length !== 3 || !numbers.every(Number.isSafeInteger)) return null
      runs.push(/** @type {Run} */ (numbers))
    }
    return runs
  }
  const parsed = { from: parse(from), to: parse(to) }
  if (parsed.from === null || parsed.to === null) return null
  const length = (/** @type {Run[]} */ runs) => runs.reduce((sum, run) => sum + run[2], 0)
  return length(parsed.from) === length(parsed.to) ? /** @type {{ from: Run[], to: Run[] }} */ (parsed) : null
}

/**
 * Every `Y.XmlText` under `type`, in document order.
 * @param {Y.XmlFragment | Y.XmlElement} type
 * @returns {Y.XmlText[]}
 */
const textsUnder = (type) => {
  /** @type {Y.XmlText[]} */
  const texts = []
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) texts.push(child)
    else if (child instanceof Y.XmlElement) texts.push(...textsUnder(child))
  }
  return texts
}

/**
 * Whether `type` lies inside `fragment`.
 * @param {Y.AbstractType<any>} type
 * @param {Y.XmlFragment} fragment
 */
const isWithin = (type, fragment) => {
  /** @type {Y.AbstractType<any> | null} */
  let current = type
  while (current !== null) {
    if (current === fragment) return true
    current = /** @type {Y.AbstractType<any> | null} */ (current._item?.parent ?? null)
  }
  return false
}

/**
 * The items of `text` from its start, deleted ones included.
 * @param {Y.XmlText} text
 * @returns {Generator<Y.Item>}
 */
function * itemsOf (text) {
  for (let item = text._start; item !== null; item = item.right) yield item
}

/**
 * Note where the text that this local transaction moved came from (see the module).
 * @param {Y.Transaction} transaction
 * @param {Y.XmlFragment} fragment
 */
const noteMoves = (transaction, fragment) => {
  const doc = transaction.doc
  // The characters this transaction deleted, by the text they were in.
  /** @type {Map<Y.XmlText, Set<Y.Item>>} */
  const deleted = new Map()
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return
    const parent = struct.parent
    if (!(parent instanceof Y.XmlText) || !isWithin(parent, fragment)) return
    const items = deleted.get(parent) ?? new Set()
    items.add(struct)
    deleted.set(parent, items)
  })
  if (deleted.size === 0) return
  const before = transaction.beforeState.get(doc.clientID) ?? 0
  const sources = [...deleted].map(([text, items]) => runsOf([...itemsOf(text)].filter((item) => items.has(item))))
  /** @type {[Y.XmlText, string][]} */
  const notes = []
  for (const text of textsUnder(fragment)) {
    const item = text._item
    if (item === null || item.id.client !== doc.clientID || item.id.clock < before) continue
    const copy = runsOf([...itemsOf(text)].filter((each) => !each.deleted))
    if (copy.text === '') continue
    const index = sources.findIndex((source) => source.text === copy.text)
    if (index < 0) continue
    const [source] = sources.splice(index, 1)
    const value = `${encodeRuns(source.runs)}>${encodeRuns(copy.runs)}`
    if (value.length <= MAX_MOVED_LENGTH) notes.push([text, value])
  }
  // A transaction of its own, made while this one is cleaned up: sent right after it.
  if (notes.length > 0) doc.transact(() => notes.forEach(([text, value]) => text.setAttribute(MOVED, value)), movedOrigin)
}

/**
 * Delete every copy of a moved character but the last one in the document (see the module).
 * @param {Y.XmlFragment} fragment
 * @returns {number} how many characters were deleted
 */
export const keepOneCopy = (fragment) => {
  const doc = /** @type {Y.Doc} */ (fragment.doc)
  const texts = textsUnder(fragment)
  /** @type {Map<string, string[]>} character id "client.clock" -> ids of its copies */
  const copies = new Map()
  for (const text of texts) {
    const moved = decodeMoved(/** @type {string} */ (text.getAttribute(MOVED)))
    if (moved === null) continue
    const to = moved.to.flatMap(([client, clock, length]) => Array.from({ length }, (_, offset) => `${client}.${clock + offset}`))
    let index = 0
    for (const [client, clock, length] of moved.from) {
      for (let offset = 0; offset < length; offset++) {
        const key = `${client}.${clock + offset}`
        const known = copies.get(key)
        if (known) known.push(to[index++])
        else copies.set(key, [to[index++]])
      }
    }
  }
  if (copies.size === 0) return 0
  /**
   * Whether the character `key` is still standing; a character this client has not seen
   * yet is not. (Collected characters may be `GC` structs, not items.)
   * @param {string} key
   */
  const isStanding = (key) => {
    const [client, clock] = key.split('.').map(Number)
    if (clock >= Y.getState(doc.store, client)) return false
    const struct = Y.getItem(doc.store, Y.createID(client, clock))
    return struct instanceof Y.Item && !struct.deleted
  }
  /**
   * The copies of `key` still standing, following copies of copies.
   * @param {string} key
   * @param {Set<string>} seen
   * @returns {string[]}
   */
  const standing = (key, seen) => {
    if (seen.has(key)) return []
    seen.add(key)
    const own = isStanding(key) ? [key] : []
    return [...own, ...(copies.get(key) ?? []).flatMap((copy) => standing(copy, seen))]
  }
  const isCopy = new Set([...copies.values()].flat())
  /** @type {string[][]} */
  const duplicated = []
  for (const key of copies.keys()) {
    if (isCopy.has(key)) continue
    const alive = standing(key, new Set())
    if (alive.length > 1) duplicated.push(alive)
  }
  if (duplicated.length === 0) return 0
  // Each standing character's place: its text's place in the document, then its index there.
  /** @type {Map<string, { text: Y.XmlText, order: number, index: number }>} */
  const places = new Map()
  texts.forEach((text, order) => {
    let index = 0
    for (const item of itemsOf(text)) {
      if (item.deleted || !item.countable) continue
      for (let offset = 0; offset < item.length; offset++) {
        places.set(`${item.id.client}.${item.id.clock + offset}`, { text, order, index: index + offset })
      }
      index += item.length
    }
  })
  /** @type {Map<Y.XmlText, number[]>} */
  const doomed = new Map()
  for (const keys of duplicated) {
    const found = keys.map((key) => places.get(key)).filter((place) => place !== undefined)
    found.sort((a, b) => a.order - b.order || a.index - b.index)
    for (const place of found.slice(0, -1)) {
      const indices = doomed.get(place.text)
      if (indices) indices.push(place.index)
      else doomed.set(place.text, [place.index])
    }
  }
  let count = 0
  doc.transact(() => {
    for (const [text, indices] of doomed) {
      // From the end, so the indices still to come stay where they are.
      for (const index of [...new Set(indices)].sort((a, b) => b - a)) {
        text.delete(index, 1)
        count += 1
      }
    }
  }, movedOrigin)
  return count
}

/**
 * Watch a section's wording: note this writer's moves, and after others' changes keep
 * one copy of what two moved at once. Returns the function that stops watching.
 * @param {Y.XmlFragment} fragment
 * @param {unknown} editorOrigin the origin of the editor's transactions (y-prosemirror's
 *   `ySyncPluginKey`): only they move text; undo's do not
 * @param {() => boolean} canEdit whether this person may change the wording now
 * @returns {() => void}
 */
export const watchMovedText = (fragment, editorOrigin, canEdit) => {
  const doc = /** @type {Y.Doc} */ (fragment.doc)
  let scheduled = false
  /** @param {Y.Transaction} transaction */
  const afterTransaction = (transaction) => {
    if (!transaction.changedParentTypes.has(/** @type {any} */ (fragment)) || transaction.origin === movedOrigin) return
    if (transaction.local) {
      if (transaction.origin === editorOrigin) noteMoves(transaction, fragment)
      return
    }
    // A second copy stands only once its note has come: look when a note comes.
    if (canEdit() && newNotes()) repairSoon()
  }
  /** @type {WeakMap<Y.XmlText, string>} the notes seen so far */
  const seen = new WeakMap()
  const newNotes = () => {
    let found = false
    for (const text of textsUnder(fragment)) {
      const note = text.getAttribute(MOVED)
      if (typeof note !== 'string' || seen.get(text) === note) continue
      seen.set(text, note)
      found = true
    }
    return found
  }
  const repairSoon = () => {
    if (scheduled || !canEdit()) return
    scheduled = true
    queueMicrotask(() => {
      scheduled = false
      if (canEdit()) keepOneCopy(fragment)
    })
  }
  // What came before this editor opened (writers who merged offline, say).
  if (canEdit() && newNotes()) repairSoon()
  doc.on('afterTransaction', afterTransaction)
  return () => doc.off('afterTransaction', afterTransaction)
}
