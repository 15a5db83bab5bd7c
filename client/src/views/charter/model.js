/**
 * The `charter` engine's document as plain data: sections, proposals, comments, examples,
 * and the wording's plain text. Pure; values written by other clients are checked, never
 * trusted (docs/formats.md, "Document layout").
 * @module views/charter/model
 */

import * as Y from 'yjs'

/** The longest section title and guiding question the fields accept, in characters. */
export const TITLE_MAX_CHARS = 120
export const QUESTION_MAX_CHARS = 300
/** A proposal's reason: one line (docs/protocol.md, `proposal.create`). */
export const REASON_MAX_CHARS = 280
export const COMMENT_MAX_CHARS = 500
export const EXAMPLE_MAX_CHARS = 600
export const UNIT_MAX_CHARS = 80

/**
 * @typedef {'open' | 'agreed'} SectionState
 * @typedef {object} SectionData
 * @property {string} id
 * @property {string} title
 * @property {string} question
 * @property {string} order
 * @property {'preamble' | 'principle'} role
 * @property {SectionState} state
 *
 * @typedef {'open' | 'accepted' | 'rejected' | 'withdrawn'} ProposalStatus
 * @typedef {object} ProposalData
 * @property {string} id
 * @property {string} section
 * @property {string} reason
 * @property {PmNode | null} wording the proposed document, `null` when unreadable
 * @property {string} base plain text of the wording it was written against
 * @property {ProposalStatus} status
 * @property {string} created ISO 8601
 * @property {string} decided ISO 8601 or ''
 * @property {number | null} votesFor the tally once decided
 * @property {number | null} votesAgainst
 *
 * @typedef {object} CommentData
 * @property {string} id
 * @property {string} proposal
 * @property {string} text
 * @property {number} created
 *
 * @typedef {'own' | 'across'} ExampleScope
 * @typedef {object} ExampleData
 * @property {string} id
 * @property {string} section
 * @property {string} text
 * @property {ExampleScope} scope
 * @property {string} unit
 * @property {number} created
 * @property {string} event the event it was written at, when carried from an earlier round
 *
 * @typedef {{ type: string, text?: string, content?: PmNode[], marks?: Array<{ type: string }>, attrs?: Record<string, unknown> }} PmNode
 */

/**
 * A string field of `map`, or ''.
 * @param {Y.Map<unknown>} map
 * @param {string} key
 * @returns {string}
 */
const text = (map, key) => {
  const value = map.get(key)
  return typeof value === 'string' ? value : ''
}

/**
 * @param {Y.Map<unknown>} map
 * @param {string} key
 * @returns {number}
 */
const time = (map, key) => {
  const value = map.get(key)
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/**
 * @param {Y.Map<unknown>} map
 * @param {string} key
 * @returns {number | null}
 */
const tally = (map, key) => {
  const value = map.get(key)
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : null
}

/**
 * @param {string} id
 * @param {Y.Map<unknown>} map
 * @returns {SectionData}
 */
export const readSection = (id, map) => ({
  id,
  title: text(map, 'title'),
  question: text(map, 'question'),
  order: text(map, 'order'),
  role: text(map, 'role') === 'preamble' ? 'preamble' : 'principle',
  state: text(map, 'state') === 'agreed' ? 'agreed' : 'open'
})

/**
 * A ProseMirror document from its JSON text, or `null`.
 * @param {string} json
 * @returns {PmNode | null}
 */
export const parseWording = (json) => {
  try {
    const value = JSON.parse(json)
    return typeof value === 'object' && value !== null && value.type === 'doc' ? value : null
  } catch {
    return null
  }
}

const STATUSES = ['open', 'accepted', 'rejected', 'withdrawn']

/**
 * @param {string} id
 * @param {Y.Map<unknown>} map
 * @returns {ProposalData}
 */
export const readProposal = (id, map) => {
  const status = text(map, 'status')
  return {
    id,
    section: text(map, 'section'),
    reason: text(map, 'reason'),
    wording: parseWording(text(map, 'wording')),
    base: text(map, 'base'),
    status: /** @type {ProposalStatus} */ (STATUSES.includes(status) ? status : 'open'),
    created: text(map, 'created'),
    decided: text(map, 'decided'),
    votesFor: tally(map, 'votes_for'),
    votesAgainst: tally(map, 'votes_against')
  }
}

/**
 * @param {string} id
 * @param {Y.Map<unknown>} map
 * @returns {CommentData}
 */
export const readComment = (id, map) => ({
  id,
  proposal: text(map, 'proposal'),
  text: text(map, 'text'),
  created: time(map, 'created')
})

/**
 * @param {string} id
 * @param {Y.Map<unknown>} map
 * @returns {ExampleData}
 */
export const readExample = (id, map) => ({
  id,
  section: text(map, 'section'),
  text: text(map, 'text'),
  scope: text(map, 'scope') === 'across' ? 'across' : 'own',
  unit: text(map, 'unit'),
  created: time(map, 'created'),
  event: text(map, 'event')
})

/**
 * Read every entry of a root map of Y.Maps with `read`.
 * @template T
 * @param {Y.Map<unknown>} root
 * @param {(id: string, map: Y.Map<unknown>) => T} read
 * @returns {T[]}
 */
export const readAll = (root, read) => {
  /** @type {T[]} */
  const entries = []
  root.forEach((value, id) => {
    if (value instanceof Y.Map) entries.push(read(id, value))
  })
  return entries
}

/**
 * Sort by fractional index, then id, so every client shows the same order.
 * @param {{ id: string, order: string }} a
 * @param {{ id: string, order: string }} b
 * @returns {number}
 */
export const byOrder = (a, b) =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * Oldest first (client clocks, the id breaks ties).
 * @param {{ id: string, created: number | string }} a
 * @param {{ id: string, created: number | string }} b
 * @returns {number}
 */
export const byCreated = (a, b) =>
  a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

// --- Plain text, the same as the server's `plain_text` (boards/wording.py) ------------------

/**
 * A paragraph's content as text, a hard break as a newline.
 * @param {PmNode[]} inline
 * @returns {string}
 */
const inlineText = (inline) =>
  inline.map((node) => (node.type === 'text' ? node.text ?? '' : '\n')).join('')

/**
 * @param {PmNode} node
 * @param {string[]} lines
 * @param {string} prefix
 */
const plainBlock = (node, lines, prefix) => {
  if (node.type === 'paragraph') {
    lines.push(prefix + inlineText(node.content ?? []))
    return
  }
  ;(node.content ?? []).forEach((item, index) => {
    const bullet = node.type === 'ordered_list' ? `${index + 1}. ` : '- '
    const pad = ' '.repeat(bullet.length)
    ;(item.content ?? []).forEach((block, position) => {
      if (position === 0 && block.type === 'paragraph') {
        lines.push(prefix + bullet + inlineText(block.content ?? []))
      } else {
        plainBlock(block, lines, prefix + pad)
      }
    })
  })
}

/**
 * The wording as plain text: a line per paragraph, list items marked `- ` or `1. `.
 * @param {PmNode | null} document
 * @returns {string}
 */
export const plainText = (document) => {
  /** @type {string[]} */
  const lines = []
  for (const block of document?.content ?? []) plainBlock(block, lines, '')
  return lines.join('\n').replace(/^\n+|\n+$/g, '')
}
