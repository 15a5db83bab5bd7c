/**
 * Tavle's own messages (websocket message type 20, see docs/protocol.md): read the server's,
 * encode the client's commands.
 * @module server-messages
 */

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** The y-websocket message type that carries a Tavle JSON message. */
export const MESSAGE_TAVLE = 20

/**
 * @typedef {{ type: 'hello', role: string, participant: string | null, board: string }} HelloMessage
 * @typedef {{ type: 'own', items: string[], replace: boolean }} OwnMessage
 * @typedef {{ type: 'notice', code: string, message: string }} NoticeMessage
 * @typedef {'none' | 'open' | 'closed'} VoteStatus
 * @typedef {{ notes: Record<string, number>, clusters: Record<string, number> }} VoteResults
 * @typedef {object} VoteMessage the receiver's view of the board's dot vote
 * @property {'vote'} type
 * @property {VoteStatus} status
 * @property {number | null} id
 * @property {number} budget dots per person
 * @property {number} perNote most dots one person may give one note
 * @property {string | null} zone the zone voted on, `null` for the whole board
 * @property {boolean} showLive
 * @property {Record<string, number>} mine the receiver's own dots per note
 * @property {number} left the receiver's dots still to place
 * @property {number} voters
 * @property {number} dots
 * @property {VoteResults | null} results present only while visible to everyone
 * @typedef {object} ProposalReaction the votes on one amendment of a charter
 * @property {number} for
 * @property {number} against
 * @property {'for' | 'against' | null} mine the receiver's own vote
 * @typedef {object} ExampleReaction the likes of one everyday example
 * @property {number} likes
 * @property {boolean} mine whether the receiver likes it
 * @typedef {object} ReactionsMessage votes and likes on a charter board (docs/protocol.md, Charter)
 * @property {'reactions'} type
 * @property {Record<string, ProposalReaction>} proposals
 * @property {Record<string, ExampleReaction>} examples
 * @typedef {HelloMessage | OwnMessage | NoticeMessage | VoteMessage | ReactionsMessage} ServerMessage
 */

/**
 * Whether `value` is a plain object.
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A non-negative whole number from the wire, or `fallback`.
 * @param {unknown} value
 * @param {number} fallback
 * @returns {number}
 */
const count = (value, fallback = 0) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback

/**
 * Item id -> count, keeping only well-formed entries.
 * @param {unknown} value
 * @returns {Record<string, number>}
 */
const counts = (value) => {
  /** @type {Record<string, number>} */
  const result = Object.create(null)
  if (!isRecord(value)) return result
  for (const [key, amount] of Object.entries(value)) {
    const checked = count(amount)
    if (checked > 0) result[key] = checked
  }
  return result
}

/**
 * Check a `vote` message's fields (docs/protocol.md, Dot voting).
 * @param {Record<string, unknown>} value
 * @returns {VoteMessage}
 */
const parseVote = (value) => {
  const status = value.status === 'open' || value.status === 'closed' ? value.status : 'none'
  const results = isRecord(value.results)
    ? { notes: counts(value.results.notes), clusters: counts(value.results.clusters) }
    : null
  return {
    type: 'vote',
    status,
    id: typeof value.id === 'number' ? value.id : null,
    budget: count(value.budget),
    perNote: count(value.per_note, 1),
    zone: typeof value.zone === 'string' ? value.zone : null,
    showLive: value.show_live === true,
    mine: counts(value.mine),
    left: count(value.left),
    voters: count(value.voters),
    dots: count(value.dots),
    results
  }
}

/**
 * Check a `reactions` message's fields; malformed entries are left out.
 * @param {Record<string, unknown>} value
 * @returns {ReactionsMessage}
 */
const parseReactions = (value) => {
  /** @type {Record<string, ProposalReaction>} */
  const proposals = Object.create(null)
  if (isRecord(value.proposals)) {
    for (const [id, entry] of Object.entries(value.proposals)) {
      if (!isRecord(entry)) continue
      const mine = entry.mine === 'for' || entry.mine === 'against' ? entry.mine : null
      proposals[id] = { for: count(entry.for), against: count(entry.against), mine }
    }
  }
  /** @type {Record<string, ExampleReaction>} */
  const examples = Object.create(null)
  if (isRecord(value.examples)) {
    for (const [id, entry] of Object.entries(value.examples)) {
      if (isRecord(entry)) examples[id] = { likes: count(entry.likes), mine: entry.mine === true }
    }
  }
  return { type: 'reactions', proposals, examples }
}

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
    case 'vote':
      return parseVote(value)
    case 'reactions':
      return parseReactions(value)
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

/**
 * Encode `command` (a JSON object with a `type`) as a type-20 message for the server.
 * @param {Record<string, unknown>} command
 * @returns {Uint8Array}
 */
export const encodeClientMessage = (command) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_TAVLE)
  encoding.writeVarString(encoder, JSON.stringify(command))
  return encoding.toUint8Array(encoder)
}
