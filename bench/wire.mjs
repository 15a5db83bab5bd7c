/**
 * The few pieces of the y-websocket wire that light clients speak without decoding Yjs
 * (docs/protocol.md), and the edit markers they find inside update bytes.
 *
 * @module wire
 */

import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
/** Tavle's own messages (a varString of JSON); full clients read the few the bench needs. */
export const MESSAGE_TAVLE = 20

export const SYNC_STEP1 = 0
export const SYNC_STEP2 = 1
export const SYNC_UPDATE = 2

/** Sync step 1 with the state vector of an empty document (no clients: `[0x00]`). */
export const SYNC_STEP1_EMPTY = Uint8Array.of(MESSAGE_SYNC, SYNC_STEP1, 1, 0x00)

/** Sync step 2 carrying an empty update (no structs, no deletions: `[0x00, 0x00]`). */
export const SYNC_STEP2_EMPTY = Uint8Array.of(MESSAGE_SYNC, SYNC_STEP2, 2, 0x00, 0x00)

/**
 * One awareness entry as it travels: a client id, its clock and its state as JSON text
 * (`"null"` when the client left).
 *
 * @typedef {{ clientId: number, clock: number, state: string }} AwarenessEntry
 */

/**
 * Encode entries as one awareness message (type 1 + varUint8Array of the update).
 *
 * @param {AwarenessEntry[]} entries
 * @returns {Uint8Array}
 */
export function encodeAwarenessMessage (entries) {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(update, entry.clientId)
    encoding.writeVarUint(update, entry.clock)
    encoding.writeVarString(update, entry.state)
  }
  return wrapAwarenessPayload(encoding.toUint8Array(update))
}

/**
 * Wrap an awareness update as a message (type 1 + varUint8Array).
 *
 * @param {Uint8Array} payload
 * @returns {Uint8Array}
 */
export function wrapAwarenessPayload (payload) {
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(message, payload)
  return encoding.toUint8Array(message)
}

/**
 * Encode a Tavle message (type 20 + varString of JSON): a command such as
 * `{"type": "groups.split", "by": "table"}` (docs/protocol.md, "Tavle messages").
 *
 * @param {Record<string, unknown>} payload
 * @returns {Uint8Array}
 */
export function encodeTavleMessage (payload) {
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, MESSAGE_TAVLE)
  encoding.writeVarString(message, JSON.stringify(payload))
  return encoding.toUint8Array(message)
}

/**
 * Split an awareness update (the payload of a type 1 message) into its entries.
 *
 * @param {Uint8Array} payload
 * @returns {AwarenessEntry[]}
 */
export function decodeAwarenessPayload (payload) {
  const decoder = decoding.createDecoder(payload)
  const count = decoding.readVarUint(decoder)
  const entries = []
  for (let i = 0; i < count; i++) {
    entries.push({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      state: decoding.readVarString(decoder)
    })
  }
  return entries
}

/**
 * Read a message's type and, for sync and awareness messages, what follows it.
 *
 * @param {Uint8Array} message
 * @returns {{ type: number, step?: number, payload?: Uint8Array }}
 */
export function readMessage (message) {
  const decoder = decoding.createDecoder(message)
  const type = decoding.readVarUint(decoder)
  if (type === MESSAGE_SYNC) {
    const step = decoding.readVarUint(decoder)
    return { type, step }
  }
  if (type === MESSAGE_AWARENESS) {
    return { type, payload: decoding.readVarUint8Array(decoder) }
  }
  return { type }
}

// -- edit markers ----------------------------------------------------------------------

// A Yjs string value is written as UTF-8 bytes inside the update, so an ASCII marker in
// an edit's value shows up verbatim in every message that carries the edit: a single
// update, a step 2, or several updates a server merged into one. Long enough a prefix
// that it does not turn up by chance in binary ids and lengths.
const MARKER_OPEN = Buffer.from('[[bench:', 'latin1')
const MARKER_CLOSE = Buffer.from(']]', 'latin1')
const MARKER_MAX_BYTES = 64

/**
 * Format the marker an edit's value carries: writer id, sequence number, send time.
 *
 * @param {string} writer e.g. `w12`
 * @param {number} seq
 * @param {number} stamp when the edit was made: epoch ms (`clockMs()` in metrics.mjs)
 * @returns {string}
 */
export function formatMarker (writer, seq, stamp) {
  return `[[bench:${writer}:${seq}:${stamp.toFixed(3)}]]`
}

/**
 * An edit marker read back.
 *
 * @typedef {{ writer: string, seq: number, stamp: number }} Marker
 */

/**
 * Parse the inside of a marker (`w12:345:1234.567`); return null when it is not one.
 *
 * @param {string} body
 * @returns {Marker | null}
 */
function parseMarkerBody (body) {
  const parts = body.split(':')
  if (parts.length !== 3) return null
  const seq = Number(parts[1])
  const stamp = Number(parts[2])
  if (!Number.isInteger(seq) || !Number.isFinite(stamp)) return null
  return { writer: parts[0], seq, stamp }
}

/**
 * Find the marker in a value a full client read from its document.
 *
 * @param {unknown} value
 * @returns {Marker | null}
 */
export function markerInValue (value) {
  if (typeof value !== 'string') return null
  const start = value.indexOf('[[bench:')
  const end = start < 0 ? -1 : value.indexOf(']]', start)
  return end < 0 ? null : parseMarkerBody(value.slice(start + MARKER_OPEN.length, end))
}

/**
 * Call `found` for every marker in a message, without decoding Yjs.
 *
 * `Buffer.indexOf` searches natively, so a message is not turned into a string first.
 *
 * @param {Buffer} message
 * @param {(marker: Marker) => void} found
 */
export function scanMarkers (message, found) {
  let start = message.indexOf(MARKER_OPEN)
  while (start >= 0) {
    const bodyStart = start + MARKER_OPEN.length
    const end = message.indexOf(MARKER_CLOSE, bodyStart)
    if (end < 0) return
    if (end - bodyStart <= MARKER_MAX_BYTES) {
      const marker = parseMarkerBody(message.toString('latin1', bodyStart, end))
      if (marker !== null) found(marker)
    }
    start = message.indexOf(MARKER_OPEN, end)
  }
}
