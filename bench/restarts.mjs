/**
 * Runs about a board that is not in memory: a join storm on a freshly restarted server
 * (`join-storm-N`) and the first client on a board with a long history (`cold-load-N`).
 *
 * @module restarts
 */

import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import * as Y from 'yjs'

import { BENCH_MAP, noteText } from './clients.mjs'
import { FullClient, SETUP_TIMEOUT_MS, documentReaches, writeThrough } from './full-client.mjs'
import { LightClient } from './light-client.mjs'
import { Fleet } from './fleet.mjs'
import { Deliveries, HarnessMonitor, round } from './metrics.mjs'
import { NotePlacer, VALUE_MAP_KIND, hasZones, seedZones } from './value-map.mjs'

/** A storm client that has not synced by then counts as hung. */
const HUNG_AFTER_MS = 15_000
/** A restarted server has a board's content at once, or has lost it. */
const CHECK_TIMEOUT_MS = 5_000
/** Longer than Tavle's longest flush interval (1 s), so every update is on disk. */
const FLUSH_WAIT_MS = 1_500
/** The cold load's notes; its later updates rewrite their texts. */
const COLD_LOAD_NOTES = 1000

/**
 * Return a board context for a run that counts no deliveries.
 *
 * @param {import('./servers.mjs').TavleServer | import('./servers.mjs').ReferenceServer} server
 * @param {string} boardId
 * @param {import('./scenarios.mjs').RunOptions} options
 * @returns {import('./clients.mjs').BoardContext}
 */
function quietContext (server, boardId, options) {
  return {
    wsBase: server.wsBase,
    boardId,
    boardIndex: 0,
    receivers: 0,
    edits: new Deliveries(1),
    cursors: new Deliveries(1),
    keystrokes: null,
    awarenessEcho: options.awarenessEcho,
    deflate: options.deflate
  }
}

/**
 * Return the milliseconds a `loaded board` log line reports, if it reports any.
 *
 * @param {string | undefined} line
 * @returns {number | null}
 */
function loadDurationMs (line) {
  const match = line === undefined ? null : / in (\d+(?:\.\d+)?) ?(ms|s)\b/.exec(line)
  if (match === null) return null
  return match[2] === 's' ? Number(match[1]) * 1000 : Number(match[1])
}

/**
 * Write notes into a value map with one client (as a phone writes them, spread over the
 * zones), make the board cold, then connect every client at once. Tavle restarts on its
 * data folder, so the board must be read from the store; the reference keeps documents
 * in memory only, so its board stays warm and the storm measures only the connections.
 *
 * @param {import('./servers.mjs').TavleServer | import('./servers.mjs').ReferenceServer} server
 * @param {import('./scenarios.mjs').JoinStormScenario} scenario
 * @param {import('./scenarios.mjs').RunOptions} options
 * @returns {Promise<Record<string, unknown>>}
 */
export async function runJoinStorm (server, scenario, options) {
  const fleet = new Fleet()
  server.checkItemsPerPerson(scenario.notes, scenario.name)
  await server.start()
  try {
    const board = await server.createBoard(VALUE_MAP_KIND)
    const tokens = await server.tokens(board, scenario.clients + 2)
    const context = quietContext(server, board.id, options)
    const hasNotes = (/** @type {Y.Doc} */ doc) => hasZones(doc) && doc.getMap(BENCH_MAP).size >= scenario.notes
    const written = await writeThrough(context, tokens[scenario.clients], tokens[scenario.clients + 1], (doc) => {
      seedZones(doc) // the reference's empty document; Tavle seeded the zones itself
      const placer = new NotePlacer(doc)
      for (let i = 0; i < scenario.notes; i++) placer.add(`Idé nummer ${i} til borgerne`)
      placer.close()
    }, hasNotes)
    if (!written) throw server.failure(`did not take ${scenario.notes} notes within ${SETUP_TIMEOUT_MS} ms`)
    if (server.persistent) {
      await server.stop()
      await server.start()
    }

    for (let i = 0; i < scenario.clients; i++) {
      fleet.add(i < scenario.fullClients ? 'full' : 'light', context, tokens[i], `c${i}`)
    }
    const monitor = new HarnessMonitor()
    const cpuBefore = server.cpuSeconds()
    const stormStart = performance.now()
    monitor.begin()
    await fleet.connect(Infinity, HUNG_AFTER_MS)
    const settledMs = performance.now() - stormStart
    const harness = monitor.end()
    const serverCpuS = server.cpuSeconds() - cpuBefore
    const clients = fleet.summary()
    const full = /** @type {FullClient[]} */ (fleet.clients.filter((c) => c instanceof FullClient))
    return {
      clients: scenario.clients,
      full_clients: full.length,
      light_clients: fleet.light.length,
      notes: scenario.notes,
      board_was_cold: server.persistent,
      all_synced_ms: clients.unsynced === 0 ? round(settledMs) : null,
      hung: clients.unsynced,
      ...clients,
      content_ok: full.every((client) => hasNotes(client.doc)),
      // Tavle logs each read of a board from its store; the reference has no store.
      board_loads: server.persistent && server.watched.length > 0 ? server.watched.length : null,
      server_cpu_s: round(serverCpuS, 2),
      server_mem_mib: server.peakMemoryMiB(),
      ...harness
    }
  } finally {
    fleet.close()
    await server.stop()
  }
}

/**
 * Write `updates` separate small updates through one client, then restart the server
 * twice and time the first client each time. The updates are a phone's: the first 1,000
 * add notes to a value map, every later one rewrites the text of one of them (as saving
 * an edited note does), so the history holds overwritten values as a long-lived board's
 * does. The first client is timed after a crash (SIGKILL: the board comes back from its
 * update log) and after a clean stop (SIGTERM: Tavle saves a compacted state at
 * shutdown). Tavle only: the reference server has no persistence.
 *
 * @param {import('./servers.mjs').TavleServer | import('./servers.mjs').ReferenceServer} server
 * @param {import('./scenarios.mjs').ColdLoadScenario} scenario
 * @param {import('./scenarios.mjs').RunOptions} options
 * @returns {Promise<Record<string, unknown>>}
 */
export async function runColdLoad (server, scenario, options) {
  const distinct = Math.min(scenario.updates, COLD_LOAD_NOTES)
  server.checkItemsPerPerson(distinct, scenario.name)
  await server.start()
  try {
    const board = await server.createBoard(VALUE_MAP_KIND)
    const tokens = await server.tokens(board, 3)
    const context = quietContext(server, board.id, options)
    /** @type {string[]} the notes' ids, in the order they were added */
    const ids = []
    const last = scenario.updates - 1
    const complete = (/** @type {Y.Doc} */ doc) =>
      ids.length === distinct && noteText(doc.getMap(BENCH_MAP).get(ids[last % distinct])) === `v${last}`
    const writeStart = performance.now()
    const written = await writeThrough(context, tokens[0], tokens[1], (doc) => {
      // Each add or set is its own transaction, so its own update and its own message.
      seedZones(doc)
      const placer = new NotePlacer(doc)
      const map = doc.getMap(BENCH_MAP)
      for (let i = 0; i < scenario.updates; i++) {
        if (i < distinct) ids.push(placer.add(`v${i}`))
        else /** @type {Y.Map<unknown>} */ (map.get(ids[i % distinct])).set('text', `v${i}`)
      }
      placer.close()
    }, complete)
    const writeS = (performance.now() - writeStart) / 1000
    if (!written) throw server.failure(`did not take ${scenario.updates} updates within ${SETUP_TIMEOUT_MS} ms`)
    await sleep(FLUSH_WAIT_MS)

    /** @type {Record<string, unknown>} */
    const result = { updates: scenario.updates, write_s: round(writeS, 2) }
    for (const [label, signal] of /** @type {const} */ ([['kill', 'SIGKILL'], ['term', 'SIGTERM']])) {
      await server.stop(signal)
      await server.start()
      const first = new LightClient(context, tokens[2], 'first')
      await first.connect(SETUP_TIMEOUT_MS)
      first.close()
      result[`${label}_connect_ms`] = first.stats.connectMs === null ? null : round(first.stats.connectMs)
      result[`${label}_synced_ms`] = first.stats.syncedMs === null ? null : round(first.stats.syncedMs)
      result[`${label}_content_ok`] = await documentReaches(context, tokens[1], complete, CHECK_TIMEOUT_MS)
      // Read after the check: the log line travels through a pipe and may trail the sync.
      result[`${label}_load_log`] = server.watched[0] ?? null
      result[`${label}_load_ms`] = loadDurationMs(server.watched[0])
    }
    result.server_mem_mib = server.peakMemoryMiB()
    return result
  } finally {
    await server.stop()
  }
}
