/**
 * Table groups for the note scenarios (`edits-NgG`, issue 15): the tables clients type at
 * join, the facilitator's split by table, and the check that no writer's note was undone.
 *
 * While a room works in groups, Tavle's guard undoes any note a participant adds whose
 * `group` is not their own group (docs/protocol.md, "Table groups"). Each writer therefore
 * adds its notes with the group id its `group` message named (value-map.mjs, `NotePlacer`),
 * as a phone does (`client/src/views/map/actions.js`, `addNote`). Light clients and probes
 * still receive every note: the filtering by group is on the screen only. A note that was
 * undone still reaches light clients (its bytes pass through, then its deletion), so the
 * run checks at the writers (`reverted` notices) and at the probes (every note still
 * there, in its writer's group) that none was.
 *
 * @module groups
 */

import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import * as Y from 'yjs'

import { BENCH_MAP, noteText } from './clients.mjs'
import { FullClient, SETUP_TIMEOUT_MS } from './full-client.mjs'
import { round } from './metrics.mjs'
import { markerInValue } from './wire.mjs'

/** How long every writer may take to hear its group after the split. */
export const GROUPS_TIMEOUT_MS = 10_000
/** How long the probes may take, after the drain, to hold every note written. */
const NOTES_SETTLE_MS = 10_000
const POLL_MS = 20

/**
 * Return the table number client `index` types at join: `(index mod tables) + 1`.
 *
 * @param {number} tables
 * @returns {import('./servers.mjs').TableOf}
 */
export function tableOf (tables) {
  return (index) => String((index % tables) + 1)
}

/**
 * A writer of a room in groups as its harness process sees it: the table it typed at
 * join, and the group and table its last `group` message named (undefined until one
 * came; the group is null for the plenum's space).
 *
 * @typedef {{ name: string, board: number, table: string, group: string | null | undefined, heardTable: string | null | undefined }} WriterSeat
 */

/**
 * What a writer wrote, and what the server told it: its id (`w3`), its group, how many
 * notes it added, its `notice` messages by code.
 *
 * @typedef {{ id: string, group: string | null, written: number, notices: Record<string, number> }} WriterTally
 */

/**
 * A probe's count of the notes it holds in their writer's group, and outside it.
 *
 * @typedef {{ held: number, wrongGroup: number }} NotesHeld
 */

/**
 * Split the room by table as its facilitator does (`groups.split` by `table`, sent by a
 * facilitator client that connects after everyone else and leaves once the groups are
 * known), and wait until every writer has heard its group. Throws, saying what is
 * missing, when the split is refused, a writer has no group within GROUPS_TIMEOUT_MS, or
 * the groups are not one per table. The writers may live in other harness processes
 * (`--procs`): `seats` asks them, every POLL_MS.
 *
 * @param {import('./clients.mjs').BoardContext} context
 * @param {string | null} facilitatorToken
 * @param {() => Promise<WriterSeat[]>} seats the board's writers as they are now
 * @param {number} tables how many tables the clients typed
 * @returns {Promise<{ groups: number, grouped: number, readyMs: number }>}
 */
export async function splitByTable (context, facilitatorToken, seats, tables) {
  if (facilitatorToken === null) throw new Error('table groups need a facilitator: this server has none')
  const facilitator = new FullClient(context, facilitatorToken, 'facilitator')
  try {
    await facilitator.connect(SETUP_TIMEOUT_MS)
    if (facilitator.stats.syncedMs === null) throw new Error(`the facilitator did not sync within ${SETUP_TIMEOUT_MS} ms`)
    const started = performance.now()
    facilitator.sendCommand({ type: 'groups.split', by: 'table' })
    const deadline = started + GROUPS_TIMEOUT_MS
    /** @type {WriterSeat[]} */
    let writers
    for (;;) {
      writers = await seats()
      const refused = Object.keys(facilitator.notices)
      if (refused.length > 0) throw new Error(`the facilitator's groups.split by table was refused: ${refused.join(', ')}`)
      const waiting = writers.filter(({ group }) => typeof group !== 'string')
      if (waiting.length === 0 && facilitator.groupsOverview?.active === true) break
      if (performance.now() > deadline) {
        throw new Error(
          `table groups: ${waiting.length} of ${writers.length} writers had not heard their group ` +
          `within ${GROUPS_TIMEOUT_MS / 1000} s of groups.split` +
          (waiting.length > 0 ? ` (${waiting.slice(0, 5).map(({ name }) => name).join(', ')}…)` : '') +
          (facilitator.groupsOverview?.active === true ? '' : '; the facilitator saw no active groups')
        )
      }
      await sleep(POLL_MS)
    }
    const readyMs = performance.now() - started
    checkSeating(writers)
    const people = /** @type {Record<string, unknown[]>} */ (facilitator.groupsOverview.people ?? {})
    const groups = Object.keys(people).length
    if (groups !== tables) throw new Error(`table groups: the split made ${groups} groups of the ${tables} tables the clients typed`)
    const grouped = Object.values(people).reduce((sum, members) => sum + members.length, 0)
    return { groups, grouped, readyMs }
  } finally {
    facilitator.close()
  }
}

/**
 * Check that every writer heard the table it typed, and that writers share a group exactly
 * when they share a table.
 *
 * @param {WriterSeat[]} writers
 */
function checkSeating (writers) {
  /** @type {Map<string, string>} table -> group */
  const groupOfTable = new Map()
  /** @type {Map<string, string>} group -> table */
  const tableOfGroup = new Map()
  for (const { name, table, group: heard, heardTable } of writers) {
    const group = /** @type {string} */ (heard)
    if (heardTable !== table) throw new Error(`table groups: ${name} joined at table ${table}, its group message says ${heardTable}`)
    if ((groupOfTable.get(table) ?? group) !== group || (tableOfGroup.get(group) ?? table) !== table) {
      throw new Error(`table groups: ${name} at table ${table} is in group ${group}, not the one group of its table`)
    }
    groupOfTable.set(table, group)
    tableOfGroup.set(group, table)
  }
}

/**
 * Count, in one probe's document, the notes of `expected` writers it holds in the right
 * group, and those it holds in another group.
 *
 * @param {Y.Doc} doc
 * @param {Map<string, { group: string | null, written: number }>} expected by writer id (`w3`)
 * @returns {NotesHeld}
 */
export function notesHeld (doc, expected) {
  let held = 0
  let wrongGroup = 0
  for (const note of doc.getMap(BENCH_MAP).values()) {
    const marker = markerInValue(noteText(note))
    const writer = marker === null ? undefined : expected.get(marker.writer)
    if (marker === null || writer === undefined || marker.seq >= writer.written) continue
    const group = note instanceof Y.Map ? note.get('group') ?? null : null
    if (group === writer.group) held++
    else wrongGroup++
  }
  return { held, wrongGroup }
}

/**
 * Add up the `notice` messages the writers received, by code.
 *
 * @param {Array<{ notices: Record<string, number> }>} writers full clients, or their tallies
 * @returns {Record<string, number>}
 */
export function writerNotices (writers) {
  /** @type {Record<string, number>} */
  const total = {}
  for (const writer of writers) {
    for (const [code, count] of Object.entries(writer.notices)) total[code] = (total[code] ?? 0) + count
  }
  return total
}

/**
 * After a run in groups (its load stopped and drained): the writers' notices, and whether
 * every probe holds every note the writers added, each in its writer's group (waiting up
 * to NOTES_SETTLE_MS for late arrivals). Returns the fields the run reports, with an
 * `error` when a note was undone or is missing, so such a run never counts as a success.
 * Writers and probes may live in other harness processes (`--procs`): the writers' tallies
 * are gathered first, and `countHeld` has each process count at its own probes.
 *
 * @param {WriterTally[]} writers every writer's tally
 * @param {(expected: Map<string, { group: string | null, written: number }>) => Promise<NotesHeld[]>} countHeld
 *   every probe's count of the notes it holds (`notesHeld`), given what each writer wrote
 * @returns {Promise<Record<string, unknown>>}
 */
export async function checkNotesKept (writers, countHeld) {
  /** @type {Map<string, { group: string | null, written: number }>} */
  const expected = new Map(writers.map((writer) => [writer.id, { group: writer.group, written: writer.written }]))
  const written = writers.reduce((sum, writer) => sum + writer.written, 0)
  const started = performance.now()
  let counts = await countHeld(expected)
  while (counts.some(({ held }) => held < written) && performance.now() - started < NOTES_SETTLE_MS) {
    await sleep(200)
    counts = await countHeld(expected)
  }
  const missing = Math.max(0, ...counts.map(({ held }) => written - held))
  const wrongGroup = Math.max(0, ...counts.map(({ wrongGroup }) => wrongGroup))
  const notices = writerNotices(writers)
  const reverted = notices.reverted ?? 0
  const problems = []
  if (reverted > 0) problems.push(`the writers got ${reverted} \`reverted\` notices`)
  if ((notices.item_limit ?? 0) > 0) problems.push(`the writers got ${notices.item_limit} \`item_limit\` notices`)
  if (missing > 0) problems.push(`a probe lacks ${missing} of the ${written} notes written`)
  if (wrongGroup > 0) problems.push(`a probe holds ${wrongGroup} notes outside their writer's group`)
  return {
    reverted_notices: reverted,
    notes_written: written,
    notes_missing_at_probes: missing,
    notes_wrong_group: wrongGroup,
    notes_settle_ms: round(performance.now() - started),
    ...(problems.length > 0 ? { error: `table groups: ${problems.join('; ')}: a run in groups must keep every note` } : {})
  }
}
