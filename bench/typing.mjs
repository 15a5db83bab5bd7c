/**
 * People typing into the charter's wording, and timing each keystroke to the screens
 * that show it.
 *
 * A keystroke is a one-character insert into a section's `Y.XmlText` (or, now and then, a
 * backspace), followed by a cursor update in awareness, as y-prosemirror makes them. One
 * character carries no room for an ASCII marker (wire.mjs), so keystrokes are timed by
 * their Yjs ids instead: the inserted character's item id is (the typist's client id,
 * its clock before the insert), the harness notes the send time under that id, and a
 * full client that integrates a remote transaction looks up the send times of every clock
 * it gained. All clients live in one process, so this shared log is the side channel (and
 * a typing run refuses `--procs` above 1).
 * Light clients never decode Yjs, so they do not time keystrokes (they do time cursors).
 *
 * @module typing
 */

import * as Y from 'yjs'

import { clockMs } from './metrics.mjs'

/** Share of keystrokes that are a backspace instead of a character. */
const DELETE_SHARE = 0.1
/** What the typists type, over and over: Danish, so some characters are not ASCII. */
const PHRASE = 'vi sætter borgerens situation før vores egne systemer og leder på tværs. '
const COLORS = ['#30bced', '#6eeb83', '#ffbc42', '#ecd444', '#ee6352', '#9ac2c9', '#8acb88', '#1be7ff']

/** The send times of keystrokes by Yjs id, and their first arrivals at full clients. */
export class KeystrokeLog {
  /**
   * @param {import('./metrics.mjs').Deliveries} deliveries where keystrokes are counted
   * @param {number} receivers how many full clients should see each keystroke
   */
  constructor (deliveries, receivers) {
    this.deliveries = deliveries
    this.receivers = receivers
    /** @type {Map<number, number[]>} per typist client id: send time by clock */
    this.stamps = new Map()
  }

  /**
   * Note a keystroke whose character got the id (`clientId`, `clock`).
   *
   * @param {number} clientId
   * @param {number} clock
   * @param {number} stamp when it was typed (`clockMs()`)
   */
  noteSent (clientId, clock, stamp) {
    let stamps = this.stamps.get(clientId)
    if (stamps === undefined) {
      stamps = []
      this.stamps.set(clientId, stamps)
    }
    stamps[clock] = stamp
    this.deliveries.noteSent(stamp, this.receivers)
  }

  /**
   * Note the keystrokes among the clocks a remote transaction added to a document.
   *
   * Each clock is integrated once per document, so there is nothing to de-duplicate; a
   * keystroke whose update waited for a missing one counts when it became visible.
   *
   * @param {number} board
   * @param {Map<number, number>} before the document's state vector before the transaction
   * @param {Map<number, number>} after and after it
   * @param {number} now
   */
  noteArrived (board, before, after, now) {
    for (const [clientId, to] of after) {
      const stamps = this.stamps.get(clientId)
      if (stamps === undefined) continue
      for (let clock = before.get(clientId) ?? 0; clock < to; clock++) {
        const stamp = stamps[clock]
        if (stamp !== undefined) this.deliveries.noteSeen(board, stamp, now)
      }
    }
  }
}

/**
 * What a typist needs of its full client.
 *
 * @typedef {object} Keyboard
 * @property {Y.Doc} doc
 * @property {import('y-protocols/awareness').Awareness} awareness
 * @property {string} name
 * @property {import('./clients.mjs').BoardContext} context
 */

/**
 * Type into a text (a charter section's paragraph) about `ratePerS` keystrokes a second,
 * from a random place in it, each keystroke next to the previous one (the cursor is a relative
 * position, so it moves with what others type), and move the cursor in awareness as
 * y-prosemirror does. Gaps between keystrokes vary by ±50 %, as a person's do.
 *
 * @param {Keyboard} keyboard
 * @param {Y.XmlText} text a text in the keyboard's document
 * @param {number} ratePerS
 * @returns {() => void} stops typing
 */
export function startTyping ({ doc, awareness, name, context }, text, ratePerS) {
  const keystrokes = context.keystrokes
  if (keystrokes === null) throw new Error('typing needs a board context with a keystroke log')
  const user = { name, color: COLORS[doc.clientID % COLORS.length], role: 'participant' }
  let cursor = Y.createRelativePositionFromTypeIndex(text, Math.floor(Math.random() * (text.length + 1)), -1)
  let typed = 0

  const keystroke = () => {
    const index = Y.createAbsolutePositionFromRelativePosition(cursor, doc)?.index ?? text.length
    const stamp = clockMs()
    if (index > 0 && Math.random() < DELETE_SHARE) {
      text.delete(index - 1, 1)
      cursor = Y.createRelativePositionFromTypeIndex(text, index - 1, -1)
    } else {
      const clock = Y.getState(doc.store, doc.clientID)
      text.insert(index, PHRASE[typed++ % PHRASE.length])
      keystrokes.noteSent(doc.clientID, clock, stamp)
      cursor = Y.createRelativePositionFromTypeIndex(text, index + 1, -1)
    }
    // y-prosemirror's cursor: anchor and head as relative positions in JSON form.
    const position = Y.relativePositionToJSON(cursor)
    awareness.setLocalState({ user, cursor: { anchor: position, head: position }, t: stamp })
    context.cursors.noteSent(stamp, context.receivers)
  }

  const meanGapMs = 1000 / ratePerS
  /** @type {NodeJS.Timeout} */
  let timer = setTimeout(function next () {
    keystroke()
    timer = setTimeout(next, meanGapMs * (0.5 + Math.random()))
  }, Math.random() * meanGapMs)
  return () => clearTimeout(timer)
}
