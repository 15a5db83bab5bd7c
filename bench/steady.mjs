/**
 * Steady-load runs (`edits-N`, `cursors-N`, `boards-BxC`, `charter-TxC`): connect everyone,
 * run the load through a warm-up, measure a window, let arrivals drain, and report.
 *
 * @module steady
 */

import { setTimeout as sleep } from 'node:timers/promises'

import { CHARTER_KIND, prepareCharter } from './charter.mjs'
import { summariseFleet } from './fleet.mjs'
import { checkNotesKept, splitByTable, tableOf, writerNotices } from './groups.mjs'
import { Deliveries, HarnessMonitor, clockMs, harnessFigures, machineBusyCpuSeconds, round } from './metrics.mjs'
import { RemoteShare, startShares } from './procs.mjs'
import { VALUE_MAP_KIND, prepareValueMap } from './value-map.mjs'

/** How many clients connect at the same time while a steady run sets up. */
const CONNECT_CONCURRENCY = 25
const SYNC_TIMEOUT_MS = 30_000
/** With several harness processes, how far ahead they are told when the window opens. */
const WINDOW_LEAD_MS = 200

/** @typedef {import('./share.mjs').Role} Role */

/**
 * Return `count` indices spread evenly over `0 … among - 1`.
 *
 * @param {number} count
 * @param {number} among
 * @returns {Set<number>}
 */
function evenly (count, among) {
  return new Set(Array.from({ length: count }, (_, k) => Math.floor((k * among) / count)))
}

/**
 * Return the role of each client of a board, in the order they connect.
 *
 * Note scenarios connect their writers and probes first, as they always have: every light
 * client times edits there too. In a typing run only full clients time keystrokes, and a
 * server works through its connections in the order they joined when it sends, so the
 * full clients are spread over the room and the probes over the full clients; otherwise
 * the figures would be those of the first in line.
 *
 * @param {import('./scenarios.mjs').SteadyScenario} scenario
 * @returns {Role[]}
 */
function roles (scenario) {
  const { clientsPerBoard: total, writersPerBoard: writers, probesPerBoard: probes } = scenario
  if (!scenario.typing) {
    return Array.from({ length: total }, (_, i) => (i < writers ? 'writer' : i < writers + probes ? 'probe' : 'light'))
  }
  const fullAt = evenly(writers + probes, total)
  const probeAmongFull = evenly(probes, writers + probes)
  let full = 0
  return Array.from({ length: total }, (_, i) => {
    if (!fullAt.has(i)) return 'light'
    return probeAmongFull.has(full++) ? 'probe' : 'writer'
  })
}

/**
 * Return a summary's fields with a prefix (`latency_p99_ms` -> `cursor_latency_p99_ms`).
 *
 * @param {string} prefix
 * @param {Record<string, unknown>} fields
 * @returns {Record<string, unknown>}
 */
function prefixed (prefix, fields) {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [prefix + key, value]))
}

/**
 * Each process's share of a core over the window (tavle-2p: both Tavle processes and Redis).
 *
 * @param {Record<string, number>} after
 * @param {Record<string, number>} before
 * @param {number} windowS
 * @returns {Record<string, number>}
 */
function cpuShares (after, before, windowS) {
  return Object.fromEntries(Object.entries(after).map(([name, seconds]) => [name, round(((seconds - (before[name] ?? 0)) / windowS) * 100)]))
}

/**
 * Run a steady scenario once against a server (not started yet).
 *
 * This process makes the board and its participants, then hands the clients to the
 * harness's processes (`options.procs`; procs.mjs) and runs the clock: warm-up, window,
 * drain, stop. With one process (the default) the clients live here, as they always did.
 *
 * @param {import('./servers.mjs').TavleServer | import('./servers.mjs').ReferenceServer | import('./servers.mjs').TavleClusterServer} server
 * @param {import('./scenarios.mjs').SteadyScenario} scenario
 * @param {import('./scenarios.mjs').RunOptions} options
 * @returns {Promise<Record<string, unknown>>}
 */
export async function runSteady (server, scenario, options) {
  /** @type {import('./share.mjs').ClientSpec[]} */
  const clients = []
  /** @type {import('./share.mjs').ShareBoard[]} */
  const boards = []
  /**
   * Table groups (`edits-NgG`): per board, what the facilitator's split needs.
   *
   * @type {Array<{ context: import('./clients.mjs').BoardContext, facilitatorToken: string | null }>}
   */
  const rooms = []
  const seatOf = scenario.tables > 0 ? tableOf(scenario.tables) : undefined
  /** @type {Record<string, unknown>} */
  let grouping = {}
  if (!scenario.typing && scenario.writersPerBoard > 0) {
    // A writer's notes: one when it starts, then one per interval until the window ends.
    server.checkItemsPerPerson(Math.ceil(scenario.editRatePerS * (options.warmupS + options.durationS)) + 1, scenario.name)
  }
  /** @type {Array<import('./share.mjs').Share | import('./procs.mjs').RemoteShare>} */
  let shares = []
  await server.start()
  try {
    let writerCount = 0
    for (let boardIndex = 0; boardIndex < scenario.boards; boardIndex++) {
      const board = await server.createBoard(scenario.typing ? CHARTER_KIND : VALUE_MAP_KIND)
      // In table groups client i joins at table (i mod G) + 1, as phones type theirs at join.
      const tokens = await server.tokens(board, scenario.clientsPerBoard, seatOf)
      const fullClients = scenario.writersPerBoard + scenario.probesPerBoard
      /**
       * This process's clients of the board (setting it up, the facilitator) count
       * nothing: the shares' clients do.
       *
       * @type {import('./clients.mjs').BoardContext}
       */
      const context = {
        wsBase: server.wsBase,
        boardId: board.id,
        boardIndex,
        receivers: scenario.clientsPerBoard - 1,
        edits: new Deliveries(scenario.boards),
        cursors: new Deliveries(scenario.boards),
        keystrokes: null,
        awarenessEcho: options.awarenessEcho,
        deflate: options.deflate
      }
      // Two of the board's tokens serve for setting it up before their clients connect.
      if (scenario.typing) await prepareCharter(context, tokens[0], tokens[1])
      else await prepareValueMap(context, tokens[0], tokens[1])
      boards.push({ boardIndex, boardId: board.id, receivers: scenario.clientsPerBoard - 1, fullClients })
      // Several processes (tavle-2p): the clients go to each in turn, as a balancer sends them.
      const bases = 'wsBases' in server ? server.wsBases : [server.wsBase]
      roles(scenario).forEach((role, i) => {
        const name = `c${i}`
        const table = seatOf === undefined ? null : seatOf(i)
        clients.push({ role, name, token: tokens[i], boardIndex, wsBase: bases[i % bases.length], writer: role === 'writer' ? writerCount++ : null, table })
      })
      rooms.push({ context, facilitatorToken: board.facilitatorToken })
    }
    const started = await startShares({ scenario, options, boards, clients }, options.procs)
    shares = started.shares
    // The shares connect at once, CONNECT_CONCURRENCY clients at a time between them.
    const concurrency = Math.max(1, Math.round(CONNECT_CONCURRENCY / shares.length))
    await Promise.all(shares.map((share) => share.connect(concurrency, SYNC_TIMEOUT_MS)))

    if (scenario.tables > 0) {
      // Everyone is here: the facilitator splits the room by table before the load starts.
      const seats = async () => (await Promise.all(shares.map((share) => share.seats()))).flat()
      const splits = []
      for (const room of rooms) {
        const ofRoom = async () => (await seats()).filter((seat) => seat.board === room.context.boardIndex)
        splits.push(await splitByTable(room.context, room.facilitatorToken, ofRoom, scenario.tables))
      }
      grouping = {
        tables: scenario.tables,
        groups: splits.reduce((sum, split) => sum + split.groups, 0),
        grouped_participants: splits.reduce((sum, split) => sum + split.grouped, 0),
        groups_ready_ms: round(Math.max(...splits.map((split) => split.readyMs)))
      }
    }

    await Promise.all(shares.map((share) => share.startLoad()))
    await sleep(options.warmupS * 1000)

    // Child processes are told when the window opens a little ahead, so that all of them
    // count from the same instant; the one share in this process opens it at once.
    const remote = shares.some((share) => share instanceof RemoteShare)
    const windowStart = clockMs() + (remote ? WINDOW_LEAD_MS : 0)
    const windowEnd = windowStart + options.durationS * 1000
    await Promise.all(shares.map((share) => share.open(windowStart, windowEnd)))
    if (remote) await sleep(Math.max(0, windowStart - clockMs()))
    // This process's own load, when the clients are elsewhere (the monitor of the share
    // here measures this process otherwise).
    const own = remote ? new HarnessMonitor() : null
    own?.begin()
    const machineBefore = machineBusyCpuSeconds()
    const cpuBefore = server.cpuSeconds()
    const byProcessBefore = 'cpuByProcess' in server ? server.cpuByProcess() : null
    await sleep(Math.max(0, windowEnd - clockMs()))
    const serverCpuS = server.cpuSeconds() - cpuBefore
    const byProcess = 'cpuByProcess' in server && byProcessBefore !== null
      ? cpuShares(server.cpuByProcess(), byProcessBefore, options.durationS)
      : null
    const machineCpuS = machineBusyCpuSeconds() - machineBefore
    const ends = await Promise.all(shares.map((share) => share.endWindow()))
    const loads = ends.map((end) => end.load)
    if (own !== null) loads.push(own.stop())
    const windowMs = clockMs() - windowStart
    const harness = harnessFigures(loads, windowMs, machineCpuS - serverCpuS)
    const windowS = windowMs / 1000
    await sleep(options.drainS * 1000)
    await Promise.all(shares.map((share) => share.closeWindow()))
    const tallies = (await Promise.all(shares.map((share) => share.tallies()))).flat()
    // In groups, a note the guard undid must not pass for one delivered (groups.mjs).
    const kept = scenario.tables > 0
      ? await checkNotesKept(tallies, async (expected) => (await Promise.all(shares.map((share) => share.countHeld(expected)))).flat())
      : {}

    const reports = await Promise.all(shares.map((share) => share.report()))
    const edits = new Deliveries(scenario.boards)
    const cursors = new Deliveries(scenario.boards)
    for (const report of reports) {
      edits.absorb(report.edits)
      cursors.absorb(report.cursors)
    }
    const fleets = reports.map((report) => report.fleet)
    const received = ends.reduce((sum, end) => ({ sync: sum.sync + end.received.sync, awareness: sum.awareness + end.received.awareness }), { sync: 0, awareness: 0 })
    // The edits of an edit scenario (keystrokes when typing), the moves of a cursor one.
    const measured = scenario.cursorRatePerS > 0 ? cursors : edits
    const delivered = measured.summary()
    const label = measured === cursors ? 'cursor moves' : scenario.typing ? 'keystrokes' : 'edits'
    const clientCount = scenario.boards * scenario.clientsPerBoard
    return {
      boards: scenario.boards,
      clients: clientCount,
      full_clients: scenario.boards * (scenario.writersPerBoard + scenario.probesPerBoard),
      light_clients: fleets.reduce((sum, fleet) => sum + fleet.light, 0),
      writers: tallies.length,
      ...grouping,
      measured: label,
      ...delivered,
      // Typists move their cursor with every keystroke; every client times those moves.
      ...(scenario.typing ? prefixed('cursor_', cursors.summary()) : {}),
      ...summariseFleet(fleets),
      server_cpu_pct: round((serverCpuS / windowS) * 100),
      server_cpu_s: round(serverCpuS, 2),
      server_cpu_s_per_1k: measured.seen === 0 ? null : round(serverCpuS / (measured.seen / 1000), 4),
      server_mem_mib: server.peakMemoryMiB(),
      ...(byProcess === null ? {} : { server_cpu_pct_by_process: byProcess }),
      sync_in_per_client_s: round(received.sync / clientCount / windowS),
      awareness_in_per_client_s: round(received.awareness / clientCount / windowS),
      ...harness,
      harness_procs: shares.length,
      // Several harness processes: each one's load (the last is this one), and how far
      // apart the children's clocks were (a check on the one clock; ± a round trip).
      ...(remote
        ? {
            harness_by_process: loads.map((load) => ({
              cpu_pct: round((load.cpu_s * 1000 / load.elapsed_ms) * 100),
              loop_lag_p99_ms: load.loop_lag_p99_ms,
              loop_lag_max_ms: load.loop_lag_max_ms
            })),
            harness_clock_skew_ms: started.clockSkewMs === null ? null : round(started.clockSkewMs, 3)
          }
        : {}),
      // What the server told the writers (`reverted`, `item_limit`, …): none in a good run.
      ...(scenario.typing || tallies.length === 0 ? {} : { writer_notices: writerNotices(tallies) }),
      ...kept
    }
  } finally {
    await Promise.all(shares.map((share) => share.close()))
    await server.stop()
  }
}
