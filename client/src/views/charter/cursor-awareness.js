/**
 * One editor's view of awareness for y-prosemirror's cursor plugin: it passes on a change only
 * when it moves a caret that is, or was, in this editor's fragment. Every editor shares the one
 * awareness `cursor` field, and the plugin redraws its carets on any change, testing every
 * person's caret against its fragment; a laptop with a dozen sections would do that a dozen
 * times for each keystroke of anyone in the room.
 * @module views/charter/cursor-awareness
 */

import * as Y from 'yjs'

/**
 * Whether an awareness state's caret sits in `fragment`. A caret in text this client has not
 * received yet may be here: the plugin draws it once the text arrives, so it counts as here.
 * @param {unknown} state
 * @param {Y.XmlFragment} fragment
 * @returns {boolean}
 */
const caretIn = (state, fragment) => {
  const cursor = /** @type {{ cursor?: { anchor?: unknown } } | null} */ (state)?.cursor
  if (!cursor?.anchor || fragment.doc === null) return false
  try {
    const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.anchor), fragment.doc)
    if (position === null) return true
    return position.type === fragment || (position.type._item !== null && Y.isParentOf(fragment, position.type._item))
  } catch {
    // A position written by a client this one cannot read: no caret here.
    return false
  }
}

/**
 * @typedef {{ added: number[], updated: number[], removed: number[] }} AwarenessChange
 * @typedef {(change: AwarenessChange, origin: unknown) => void} AwarenessListener
 */

/**
 * Wrap `awareness` for the cursor plugin of the editor bound to `fragment`.
 * @param {import('../../sync/presence.js').Awareness} awareness
 * @param {Y.XmlFragment} fragment
 */
export const awarenessFor = (awareness, fragment) => {
  /** People whose caret was in this fragment at the last change. @type {Set<number>} */
  const here = new Set()
  /** @type {Map<AwarenessListener, AwarenessListener>} */
  const wrapped = new Map()
  return {
    get clientID () {
      return awareness.clientID
    },
    getStates: () => awareness.getStates(),
    getLocalState: () => awareness.getLocalState(),
    /**
     * @param {string} field
     * @param {unknown} value
     */
    setLocalStateField: (field, value) => awareness.setLocalStateField(field, value),
    /**
     * @param {'change'} name
     * @param {AwarenessListener} listener
     */
    on: (name, listener) => {
      /** @type {AwarenessListener} */
      const filter = (change, origin) => {
        const states = awareness.getStates()
        let relevant = false
        for (const id of [...change.added, ...change.updated, ...change.removed]) {
          if (id === awareness.clientID) continue
          const inside = caretIn(states.get(id), fragment)
          if (inside || here.has(id)) relevant = true
          if (inside) here.add(id)
          else here.delete(id)
        }
        if (relevant) listener(change, origin)
      }
      wrapped.set(listener, filter)
      awareness.on(name, filter)
    },
    /**
     * @param {'change'} name
     * @param {AwarenessListener} listener
     */
    off: (name, listener) => {
      const filter = wrapped.get(listener)
      if (filter !== undefined) awareness.off(name, filter)
      wrapped.delete(listener)
    }
  }
}
