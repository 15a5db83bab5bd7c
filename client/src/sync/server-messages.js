/**
 * Tavle's own messages (websocket message type 20, see docs/protocol.md): read the server's,
 * encode the client's commands.
 * @module sync/server-messages
 */

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** The y-websocket message type that carries a Tavle JSON message. */
export const MESSAGE_TAVLE = 20

/**
 * @typedef {{ type: 'hello', role: string, participant: string | null, board: string }} HelloMessage
 * @typedef {{ type: 'own', items: string[], replace: boolean }} OwnMessage
 * @typedef {{ type: 'notice', code: string, message: string, texts: string[] }} NoticeMessage
 *   `texts`: what the user wrote that could not stay, for them to copy (may be empty)
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
 * @property {number} top how many of the best the results chart shows
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
 * @typedef {'write' | 'private' | 'vote' | 'discuss'} Phase
 * @typedef {object} SessionTimer a countdown as the server sent it (docs/protocol.md, Facilitation)
 * @property {number} durationMs
 * @property {number} remainingMs left when the server sent it: count down from receipt
 * @property {boolean} running
 * @property {boolean} ended
 * @property {boolean} lockAtEnd
 * @typedef {{ kind: 'zone' | 'cluster' | 'section', id: string, seq: number }} SessionFocus
 * @typedef {object} SessionMessage the facilitator's live settings, the same for everyone
 * @property {'session'} type
 * @property {Phase} phase
 * @property {boolean} locked
 * @property {boolean} anonymous
 * @property {boolean} joiningOpen
 * @property {SessionTimer | null} timer
 * @property {SessionFocus | null} focus a new `seq` with the same target is a new "come here"
 * @property {boolean} groups whether the room works in table groups now
 * @typedef {{ type: 'private', root: string, items: Record<string, Record<string, unknown>> }} PrivateMessage
 *   the receiver's own notes of the private phase
 * @typedef {{ type: 'private_count', count: number, writers: number }} PrivateCountMessage
 * @typedef {{ root: string, id: string, action: 'hide' | 'delete', text: string, created: string }} ModeratedItem
 * @typedef {{ type: 'moderation', items: ModeratedItem[] }} ModerationMessage
 * @typedef {'manual' | 'phase' | 'before_restore'} SnapshotKind
 * @typedef {{ id: number, label: string, kind: SnapshotKind, created: string, counts: Record<string, number> }} SnapshotEntry
 * @typedef {{ type: 'snapshots', items: SnapshotEntry[] }} SnapshotsMessage
 * @typedef {SessionMessage | PrivateMessage | PrivateCountMessage | ModerationMessage | SnapshotsMessage} FacilitationMessage
 * @typedef {{ type: 'group', group: string | null, table: string | null }} GroupMessage
 *   the receiver's own table group (`null`: the plenum's space) and the table they typed
 * @typedef {{ id: string, name: string | null }} GroupMember
 * @typedef {{ type: 'groups', active: boolean, people: Record<string, GroupMember[]>, tables: number }} GroupsMessage
 *   the facilitator's overview: each group's people, and how many table numbers were typed
 * @typedef {HelloMessage | OwnMessage | NoticeMessage | VoteMessage | ReactionsMessage | FacilitationMessage | GroupMessage | GroupsMessage} ServerMessage
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
    results,
    top: count(value.top, 10) || 10
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

const PHASES = ['write', 'private', 'vote', 'discuss']
const FOCUS_KINDS = ['zone', 'cluster', 'section']
const SNAPSHOT_KINDS = ['manual', 'phase', 'before_restore']

/**
 * A string from the wire, or `fallback`.
 * @param {unknown} value
 * @param {string} [fallback]
 * @returns {string}
 */
const text = (value, fallback = '') => (typeof value === 'string' ? value : fallback)

/**
 * The well-formed entries of a list from the wire.
 * @template T
 * @param {unknown} value
 * @param {(entry: Record<string, unknown>) => T | null} parse
 * @returns {T[]}
 */
const list = (value, parse) => {
  if (!Array.isArray(value)) return []
  /** @type {T[]} */
  const result = []
  for (const entry of value) {
    const parsed = isRecord(entry) ? parse(entry) : null
    if (parsed !== null) result.push(parsed)
  }
  return result
}

/**
 * Item id -> fields, keeping only entries that are objects.
 * @param {Record<string, unknown>} value
 * @returns {Record<string, Record<string, unknown>>}
 */
const records = (value) => {
  /** @type {Record<string, Record<string, unknown>>} */
  const result = Object.create(null)
  for (const [id, fields] of Object.entries(value)) {
    if (isRecord(fields)) result[id] = fields
  }
  return result
}

/**
 * Check a `session` message; unknown values fall back to an open board in the write phase.
 * @param {Record<string, unknown>} value
 * @returns {SessionMessage}
 */
const parseSession = (value) => {
  const timer = isRecord(value.timer)
    ? {
        durationMs: count(value.timer.duration_ms),
        remainingMs: count(value.timer.remaining_ms),
        running: value.timer.running === true,
        ended: value.timer.ended === true,
        lockAtEnd: value.timer.lock_at_end === true
      }
    : null
  const focus = value.focus
  return {
    type: 'session',
    phase: /** @type {Phase} */ (PHASES.includes(text(value.phase)) ? value.phase : 'write'),
    locked: value.locked === true,
    anonymous: value.anonymous === true,
    joiningOpen: value.joining_open !== false,
    timer,
    focus: isRecord(focus) && FOCUS_KINDS.includes(text(focus.kind)) && typeof focus.id === 'string'
      ? { kind: /** @type {SessionFocus['kind']} */ (focus.kind), id: focus.id, seq: count(focus.seq) }
      : null,
    groups: value.groups === true
  }
}

/**
 * Check one person of a `groups` message.
 * @param {unknown} value
 * @returns {GroupMember | null}
 */
const parseMember = (value) =>
  isRecord(value) && typeof value.id === 'string'
    ? { id: value.id, name: typeof value.name === 'string' ? value.name : null }
    : null

/**
 * Check a `groups` message's people: group id -> members.
 * @param {unknown} value
 * @returns {Record<string, GroupMember[]>}
 */
const parsePeople = (value) => {
  /** @type {Record<string, GroupMember[]>} */
  const people = {}
  if (isRecord(value)) {
    for (const [group, members] of Object.entries(value)) people[group] = list(members, parseMember)
  }
  return people
}

/**
 * Check one entry of a `moderation` message.
 * @param {Record<string, unknown>} entry
 * @returns {ModeratedItem | null}
 */
const parseModerated = (entry) =>
  typeof entry.root === 'string' && typeof entry.id === 'string'
    ? {
        root: entry.root,
        id: entry.id,
        action: entry.action === 'delete' ? 'delete' : 'hide',
        text: text(entry.text),
        created: text(entry.created)
      }
    : null

/**
 * Check one entry of a `snapshots` message.
 * @param {Record<string, unknown>} entry
 * @returns {SnapshotEntry | null}
 */
const parseSnapshot = (entry) =>
  typeof entry.id === 'number' && Number.isInteger(entry.id)
    ? {
        id: entry.id,
        label: text(entry.label),
        kind: /** @type {SnapshotKind} */ (SNAPSHOT_KINDS.includes(text(entry.kind)) ? entry.kind : 'manual'),
        created: text(entry.created),
        counts: counts(entry.counts)
      }
    : null

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
        ? {
            type: 'notice',
            code: String(value.code),
            message: value.message,
            texts: Array.isArray(value.texts) ? value.texts.filter((text) => typeof text === 'string' && text !== '') : []
          }
        : null
    case 'vote':
      return parseVote(value)
    case 'reactions':
      return parseReactions(value)
    case 'session':
      return parseSession(value)
    case 'private':
      return typeof value.root === 'string' && isRecord(value.items)
        ? { type: 'private', root: value.root, items: records(value.items) }
        : null
    case 'private_count':
      return { type: 'private_count', count: count(value.count), writers: count(value.writers) }
    case 'moderation':
      return { type: 'moderation', items: list(value.items, parseModerated) }
    case 'snapshots':
      return { type: 'snapshots', items: list(value.items, parseSnapshot) }
    case 'group':
      return {
        type: 'group',
        group: typeof value.group === 'string' && value.group !== '' ? value.group : null,
        table: typeof value.table === 'string' && value.table !== '' ? value.table : null
      }
    case 'groups':
      return { type: 'groups', active: value.active === true, people: parsePeople(value.people), tables: count(value.tables) }
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
