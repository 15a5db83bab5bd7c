/**
 * Steady-load runs (`edits-N`, `cursors-N`, `boards-BxC`, `charter-TxC`): connect everyone,
 * run the load through a warm-up, measure a window, let arrivals drain, and report.
 *
 * @module steady
 */

import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'

import { CHARTER_KIND, charterSections, prepareCharter, sectionText } from './charter.mjs'
import { FullClient } from './full-client.mjs'
import { Fleet } from './fleet.mjs'
import { checkNotesKept, splitByTable, tableOf, writerNotices } from './groups.mjs'
import { Deliveries, HarnessMonitor, round } from './metrics.mjs'
import { KeystrokeLog } from './typing.mjs'
import { NotePlacer, VALUE_MAP_KIND, prepareValueMap } from './value-map.mjs'

/** How many clients connect at the same time while a steady run sets up. */
const CONNECT_CONCURRENCY = 25
const SYNC_TIMEOUT_MS = 30_000

/** @typedef {'writer' | 'probe' | 'light'} Role */

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
 * Start a writer's load: notes in a note scenario, each added as a phone adds it (a zone
 * of the value map, the order after that zone's last note, a colour, and in table groups
 * its group; value-map.mjs); keystrokes into a charter section in a typing one (writer i
 * types into section i mod 6, so several share each paragraph).
 *
 * @param {FullClient} writer
 * @param {number} index
 * @param {import('./scenarios.mjs').SteadyScenario} scenario
 */
function startWriter (writer, index, scenario) {
  if (!scenario.typing) {
    const placer = new NotePlacer(writer.doc, scenario.tables > 0 ? writer.group ?? null : null)
    writer.startWriting(`w${index}`, scenario.editRatePerS, (text) => placer.add(text))
    return
  }
  const sections = charterSections()
  const sectionId = sections[index % sections.length].id
  const text = sectionText(writer.doc, sectionId)
  if (text === null) throw new Error(`${writer.name} has no text in section "${sectionId}" to type into`)
  writer.startTyping(text, scenario.editRatePerS)
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
 * @param {import('./servers.mjs').TavleServer | import('./servers.mjs').ReferenceServer | import('./servers.mjs').TavleClusterServer} server
 * @param {import('./scenarios.mjs').SteadyScenario} scenario
 * @param {import('./scenarios.mjs').RunOptions} options
 * @returns {Promise<Record<string, unknown>>}
 */
export async function runSteady (server, scenario, options) {
  const edits = new Deliveries(scenario.boards)
  const cursors = new Deliveries(scenario.boards)
  const fleet = new Fleet()
  /** @type {FullClient[]} */
  const writers = []
  /** @type {FullClient[]} */
  const probes = []
  /**
   * Table groups (`edits-NgG`): per board, what the facilitator's split needs.
   *
   * @type {Array<{ context: import('./clients.mjs').BoardContext, facilitatorToken: string | null, writers: import('./groups.mjs').SeatedWriter[] }>}
   */
  const rooms = []
  const seatOf = scenario.tables > 0 ? tableOf(scenario.tables) : undefined
  /** @type {Record<string, unknown>} */
  let grouping = {}
  if (!scenario.typing && scenario.writersPerBoard > 0) {
    // A writer's notes: one when it starts, then one per interval until the window ends.
    server.checkItemsPerPerson(Math.ceil(scenario.editRatePerS * (options.warmupS + options.durationS)) + 1, scenario.name)
  }
  await server.start()
  try {
    for (let boardIndex = 0; boardIndex < scenario.boards; boardIndex++) {
      const board = await server.createBoard(scenario.typing ? CHARTER_KIND : VALUE_MAP_KIND)
      // In table groups client i joins at table (i mod G) + 1, as phones type theirs at join.
      const tokens = await server.tokens(board, scenario.clientsPerBoard, seatOf)
      const fullClients = scenario.writersPerBoard + scenario.probesPerBoard
      /** @type {import('./clients.mjs').BoardContext} */
      const context = {
        wsBase: server.wsBase,
        boardId: board.id,
        boardIndex,
        receivers: scenario.clientsPerBoard - 1,
        edits,
        cursors,
        // Keystrokes are timed by the full clients only: all but the typist should see each.
        keystrokes: scenario.typing ? new KeystrokeLog(edits, fullClients - 1) : null,
        awarenessEcho: options.awarenessEcho,
        deflate: options.deflate
      }
      // Two of the board's tokens serve for setting it up before their clients connect.
      if (scenario.typing) await prepareCharter(context, tokens[0], tokens[1])
      else await prepareValueMap(context, tokens[0], tokens[1])
      // Several processes (tavle-2p): the clients go to each in turn, as a balancer sends them.
      const bases = 'wsBases' in server ? server.wsBases : [server.wsBase]
      const contexts = bases.map((wsBase) => ({ ...context, wsBase }))
      /** @type {import('./groups.mjs').SeatedWriter[]} */
      const seated = []
      roles(scenario).forEach((role, i) => {
        const client = fleet.add(role === 'light' ? 'light' : 'full', contexts[i % contexts.length], tokens[i], `c${i}`)
        if (role === 'writer') writers.push(/** @type {FullClient} */ (client))
        if (role === 'probe') probes.push(/** @type {FullClient} */ (client))
        if (role === 'writer' && seatOf !== undefined) seated.push({ client: /** @type {FullClient} */ (client), table: /** @type {string} */ (seatOf(i)) })
      })
      rooms.push({ context, facilitatorToken: board.facilitatorToken, writers: seated })
    }
    await fleet.connect(CONNECT_CONCURRENCY, SYNC_TIMEOUT_MS)

    if (scenario.tables > 0) {
      // Everyone is here: the facilitator splits the room by table before the load starts.
      const splits = []
      for (const room of rooms) splits.push(await splitByTable(room.context, room.facilitatorToken, room.writers, scenario.tables))
      grouping = {
        tables: scenario.tables,
        groups: splits.reduce((sum, split) => sum + split.groups, 0),
        grouped_participants: splits.reduce((sum, split) => sum + split.grouped, 0),
        groups_ready_ms: round(Math.max(...splits.map((split) => split.readyMs)))
      }
    }

    writers.forEach((writer, i) => startWriter(writer, i, scenario))
    if (scenario.cursorRatePerS > 0) {
      for (const client of fleet.clients) client.startCursor(scenario.cursorRatePerS)
    }
    await sleep(options.warmupS * 1000)

    const monitor = new HarnessMonitor()
    const windowStart = performance.now()
    edits.open(windowStart, windowStart + options.durationS * 1000)
    cursors.open(windowStart, windowStart + options.durationS * 1000)
    const cpuBefore = server.cpuSeconds()
    const byProcessBefore = 'cpuByProcess' in server ? server.cpuByProcess() : null
    const receivedBefore = fleet.received()
    monitor.begin()
    await sleep(options.durationS * 1000)
    const serverCpuS = server.cpuSeconds() - cpuBefore
    const byProcess = 'cpuByProcess' in server && byProcessBefore !== null
      ? cpuShares(server.cpuByProcess(), byProcessBefore, options.durationS)
      : null
    const harness = monitor.end(serverCpuS)
    const received = fleet.received()
    const windowS = (performance.now() - windowStart) / 1000
    fleet.stopActivity()
    await sleep(options.drainS * 1000)
    edits.close()
    cursors.close()
    // In groups, a note the guard undid must not pass for one delivered (groups.mjs).
    const kept = scenario.tables > 0 ? await checkNotesKept(writers, probes) : {}

    // The edits of an edit scenario (keystrokes when typing), the moves of a cursor one.
    const measured = scenario.cursorRatePerS > 0 ? cursors : edits
    const delivered = measured.summary()
    const label = measured === cursors ? 'cursor moves' : scenario.typing ? 'keystrokes' : 'edits'
    const clients = scenario.boards * scenario.clientsPerBoard
    return {
      boards: scenario.boards,
      clients,
      full_clients: scenario.boards * (scenario.writersPerBoard + scenario.probesPerBoard),
      light_clients: fleet.light.length,
      writers: writers.length,
      ...grouping,
      measured: label,
      ...delivered,
      // Typists move their cursor with every keystroke; every client times those moves.
      ...(scenario.typing ? prefixed('cursor_', cursors.summary()) : {}),
      ...fleet.summary(),
      server_cpu_pct: round((serverCpuS / windowS) * 100),
      server_cpu_s: round(serverCpuS, 2),
      server_cpu_s_per_1k: measured.seen === 0 ? null : round(serverCpuS / (measured.seen / 1000), 4),
      server_mem_mib: server.peakMemoryMiB(),
      ...(byProcess === null ? {} : { server_cpu_pct_by_process: byProcess }),
      sync_in_per_client_s: round((received.sync - receivedBefore.sync) / clients / windowS),
      awareness_in_per_client_s: round((received.awareness - receivedBefore.awareness) / clients / windowS),
      ...harness,
      // What the server told the writers (`reverted`, `item_limit`, …): none in a good run.
      ...(scenario.typing || writers.length === 0 ? {} : { writer_notices: writerNotices(writers) }),
      ...kept
    }
  } finally {
    fleet.close()
    await server.stop()
  }
}
