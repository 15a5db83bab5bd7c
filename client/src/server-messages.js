/**
 * Tavle's own server messages (websocket message type 20, see docs/protocol.md).
 * @module server-messages
 */

import * as decoding from 'lib0/decoding'

/** The y-websocket message type that carries a Tavle JSON message. */
export const MESSAGE_TAVLE = 20

/**
 * @typedef {{ type: 'hello', role: string, participant: string | null, board: string }} HelloMessage
 * @typedef {{ type: 'own', items: string[], replace: boolean }} OwnMessage
 * @typedef {{ type: 'notice', code: string, message: string }} NoticeMessage
 * @typedef {HelloMessage | OwnMessage | NoticeMessage} ServerMessage
 */

/**
 * Whether `value` is a plain object.
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Check the fields of a parsed message; unknown types and malformed fields give `null`.
 * @param {unknown} value
 * @returns {ServerMessage | null}
 */
export const parseServerMessage = (value) => {
  if (!isRecord(value)) return null
  switch (value.type) {
    case 'hello':
      return typeof value.role === 'string'
        ? {
            type: 'hello',
            role: value.role,
            participant: typeof value.participant === 'string' ? value.participant : null,
            board: String(value.board)
          }
        : null
    case 'own':
      return Array.isArray(value.items)
        ? {
            type: 'own',
            items: value.items.filter((item) => typeof item === 'string'),
            replace: value.replace === true
          }
        : null
    case 'notice':
      return typeof value.message === 'string'
        ? { type: 'notice', code: String(value.code), message: value.message }
        : null
    default:
      // Newer servers may send types this client does not know yet: ignore them.
      return null
  }
}

/**
 * Read the JSON payload of a type-20 message from `decoder`.
 * @param {decoding.Decoder} decoder positioned after the message type
 * @returns {ServerMessage | null}
 */
export const readServerMessage = (decoder) => {
  try {
    return parseServerMessage(JSON.parse(decoding.readVarString(decoder)))
  } catch (error) {
    console.warn('tavle: unreadable server message', error)
    return null
  }
}
