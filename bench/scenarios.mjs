/**
 * The scenarios, by name. A name carries its size, so `edits-40` or `boards-4x25` work as
 * well as the suite's own: `edits-N`, `edits-NwW`, `edits-NgG`, `cursors-N`, `boards-BxC`,
 * `charter-TxC`, `join-storm-N` and `cold-load-N` (`10k` = 10,000).
 *
 * @module scenarios
 */

import { runSteady } from './steady.mjs'
import { runColdLoad, runJoinStorm } from './restarts.mjs'

/** The full suite, in the order it runs. */
export const SUITE = [
  'edits-100', 'edits-200', 'edits-300',
  'cursors-50', 'cursors-100',
  'join-storm-300',
  'boards-20x50',
  'charter-50x300',
  'cold-load-10k'
]

/** What `--quick` runs: every kind of scenario, tiny. */
export const QUICK = ['edits-10', 'edits-12g3', 'cursors-10', 'charter-6x20', 'join-storm-20', 'cold-load-500']

const EDIT_RATE_PER_S = 2
const CURSOR_RATE_PER_S = 10
const WRITER_SHARE = 0.2
const MAX_PROBES = 20
const STORM_FULL_CLIENTS = 10
const STORM_NOTES = 200
/** A person typing: about five keystrokes a second (issue 5). */
const KEYSTROKE_RATE_PER_S = 5
/** Full clients that only watch a charter being typed; the typists time keystrokes too. */
const CHARTER_PROBES = 5
/** The most table groups one split makes (`MAX_GROUPS`, server/facilitation/groups.py). */
const MAX_TABLE_GROUPS = 60

/**
 * A steady load on one or more boards: writers editing, or everyone moving a cursor.
 *
 * @typedef {object} SteadyScenario
 * @property {'steady'} kind
 * @property {string} name
 * @property {number} boards
 * @property {number} clientsPerBoard
 * @property {number} writersPerBoard full clients that write `editRatePerS` edits a second
 * @property {number} probesPerBoard full clients that only watch; the rest are light
 * @property {number} editRatePerS edits (keystrokes, when typing) a second per writer
 * @property {number} cursorRatePerS 0, or how often every client moves its cursor
 * @property {boolean} typing the board is a charter and the writers type into its
 *   sections (typing.mjs) instead of adding notes; full clients sit spread over the room
 * @property {number} tables 0, or the room works in that many table groups: client i joins
 *   at table (i mod tables) + 1, the facilitator splits the room by table before the
 *   warm-up, and each writer adds its notes in its own group (groups.mjs)
 * @property {string[] | null} servers the servers it can run on (null: all)
 */

/**
 * Many clients at once on a board that is not in memory yet.
 *
 * @typedef {{ kind: 'join-storm', name: string, clients: number, fullClients: number, notes: number, servers: string[] | null }} JoinStormScenario
 */

/**
 * The first client on a board whose history is long.
 *
 * @typedef {{ kind: 'cold-load', name: string, updates: number, servers: string[] | null }} ColdLoadScenario
 */

/** @typedef {SteadyScenario | JoinStormScenario | ColdLoadScenario} Scenario */

/**
 * Read a size such as `300` or `10k`.
 *
 * @param {string} text
 * @returns {number}
 */
function size (text) {
  return text.endsWith('k') ? Number(text.slice(0, -1)) * 1000 : Number(text)
}

/**
 * Turn a scenario name into its definition.
 *
 * @param {string} name
 * @returns {Scenario}
 */
export function parseScenario (name) {
  let match = /^edits-(\d+k?)g(\d+)$/.exec(name)
  if (match !== null) {
    // As edits-N, with the room in G table groups (issue 15: 200 phones in 40 groups).
    const clients = size(match[1])
    const tables = size(match[2])
    if (tables < 1 || tables > MAX_TABLE_GROUPS || tables > clients) {
      throw new Error(`${name}: the groups must be between 1 and ${Math.min(MAX_TABLE_GROUPS, clients)} (one split makes at most ${MAX_TABLE_GROUPS}, each of one client or more)`)
    }
    const writers = Math.max(1, Math.round(clients * WRITER_SHARE))
    const scenario = steady(name, 1, clients, writers, Math.min(MAX_PROBES, Math.floor((clients - writers) / 2)), EDIT_RATE_PER_S, 0)
    // Table groups are Tavle's: the reference has no facilitator, no groups, no guard.
    return { ...scenario, tables, servers: ['tavle', 'tavle-2p'] }
  }
  match = /^edits-(\d+k?)w(\d+)$/.exec(name)
  if (match !== null) {
    // N clients of which W write (issue 14: 1,000 clients, 20 writers at 2 edits a second).
    const clients = size(match[1])
    const writers = size(match[2])
    return steady(name, 1, clients, writers, Math.min(MAX_PROBES, Math.floor((clients - writers) / 2)), EDIT_RATE_PER_S, 0)
  }
  match = /^edits-(\d+k?)$/.exec(name)
  if (match !== null) {
    const clients = size(match[1])
    const writers = Math.max(1, Math.round(clients * WRITER_SHARE))
    return steady(name, 1, clients, writers, Math.min(MAX_PROBES, Math.floor((clients - writers) / 2)), EDIT_RATE_PER_S, 0)
  }
  match = /^cursors-(\d+k?)$/.exec(name)
  if (match !== null) {
    const clients = size(match[1])
    return steady(name, 1, clients, 0, Math.min(MAX_PROBES, Math.floor(clients / 2)), 0, CURSOR_RATE_PER_S)
  }
  match = /^boards-(\d+)x(\d+)$/.exec(name)
  if (match !== null) {
    const clients = size(match[2])
    return steady(name, size(match[1]), clients, Math.max(1, Math.round(clients * WRITER_SHARE)), 1, EDIT_RATE_PER_S, 0)
  }
  match = /^charter-(\d+)x(\d+k?)$/.exec(name)
  if (match !== null) {
    const typists = size(match[1])
    const clients = size(match[2])
    if (typists >= clients) throw new Error(`${name}: a charter run needs more clients than typists`)
    const probes = Math.min(CHARTER_PROBES, clients - typists)
    return { ...steady(name, 1, clients, typists, probes, KEYSTROKE_RATE_PER_S, 0), typing: true }
  }
  match = /^join-storm-(\d+k?)$/.exec(name)
  if (match !== null) {
    const clients = size(match[1])
    return {
      kind: 'join-storm',
      name,
      clients,
      fullClients: Math.min(STORM_FULL_CLIENTS, clients),
      notes: STORM_NOTES,
      servers: null
    }
  }
  match = /^cold-load-(\d+k?)$/.exec(name)
  if (match !== null) {
    // The reference keeps documents in memory only: it has no cold load to time.
    return { kind: 'cold-load', name, updates: size(match[1]), servers: ['tavle'] }
  }
  throw new Error(
    `unknown scenario "${name}": use edits-N, edits-NwW, edits-NgG, cursors-N, boards-BxC, charter-TxC, join-storm-N or cold-load-N (e.g. ${SUITE.join(', ')})`
  )
}

/**
 * @param {string} name
 * @param {number} boards
 * @param {number} clientsPerBoard
 * @param {number} writersPerBoard
 * @param {number} probesPerBoard
 * @param {number} editRatePerS
 * @param {number} cursorRatePerS
 * @returns {SteadyScenario}
 */
function steady (name, boards, clientsPerBoard, writersPerBoard, probesPerBoard, editRatePerS, cursorRatePerS) {
  return { kind: 'steady', name, boards, clientsPerBoard, writersPerBoard, probesPerBoard, editRatePerS, cursorRatePerS, typing: false, tables: 0, servers: null }
}

/**
 * Say why a scenario does not run on a server it leaves out.
 *
 * @param {Scenario} scenario
 * @returns {string}
 */
export function notRunBecause (scenario) {
  if (scenario.kind === 'cold-load') return 'the reference server keeps documents in memory only, so it has no cold load'
  if (scenario.kind === 'steady' && scenario.tables > 0) {
    return 'the reference server has no table groups (no facilitator, no guard): compare with edits-N on Tavle'
  }
  return 'not made for this server'
}

/**
 * Say why a scenario cannot run its clients in several harness processes (`--procs` > 1),
 * or return null when it can: the steady note and cursor scenarios can. A typing run
 * times keystrokes through a log of send times by Yjs id that every full client reads
 * (typing.mjs), which lives in one process; a join storm and a cold load time the
 * connections of one moment, where one process's collector is not what limits them.
 *
 * @param {Scenario} scenario
 * @returns {string | null}
 */
export function notInProcsBecause (scenario) {
  if (scenario.kind === 'steady' && !scenario.typing) return null
  if (scenario.kind === 'steady') return 'a typing run times keystrokes through one log of send times by Yjs id, shared by the full clients of one process'
  return `a ${scenario.kind} run times the connections of one moment, and its clients are not spread over processes`
}

/**
 * How long each phase of a run lasts, and how clients behave.
 *
 * @typedef {object} RunOptions
 * @property {number} warmupS load runs this long before the measured window
 * @property {number} durationS the measured window
 * @property {number} drainS how long arrivals are still counted after the window
 * @property {boolean} awarenessEcho light clients re-send awareness they had not seen
 * @property {boolean} deflate clients offer permessage-deflate
 * @property {number} procs harness processes the clients of a steady run are spread over
 *   (`--procs`; 1: all in the main process)
 */

/**
 * Run one scenario once against a server (not started yet); return its metrics.
 *
 * @param {import('./servers.mjs').TavleServer | import('./servers.mjs').ReferenceServer | import('./servers.mjs').TavleClusterServer} server
 * @param {Scenario} scenario
 * @param {RunOptions} options
 * @returns {Promise<Record<string, unknown>>}
 */
export function runScenario (server, scenario, options) {
  if (scenario.kind === 'steady') return runSteady(server, scenario, options)
  if (scenario.kind === 'join-storm') return runJoinStorm(server, scenario, options)
  return runColdLoad(server, scenario, options)
}
