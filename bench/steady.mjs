/**
 * Steady-load runs (`edits-N`, `cursors-N`, `boards-BxC`): connect everyone, run the load
 * through a warm-up, measure a window, let arrivals drain, and report.
 *
 * @module steady
 */

import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'

import { FullClient } from './full-client.mjs'
import { Fleet } from './fleet.mjs'
import { Deliveries, HarnessMonitor, round } from './metrics.mjs'

/** How many clients connect at the same time while a steady run sets up. */
const CONNECT_CONCURRENCY = 25
const SYNC_TIMEOUT_MS = 30_000

/**
 * Run a steady scenario once against a server (not started yet).
 *
 * @param {import('./servers.mjs').TavleServer | import('./servers.mjs').ReferenceServer} server
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
  await server.start()
  try {
    for (let boardIndex = 0; boardIndex < scenario.boards; boardIndex++) {
      const board = await server.createBoard()
      const tokens = await server.tokens(board, scenario.clientsPerBoard)
      /** @type {import('./clients.mjs').BoardContext} */
      const context = {
        wsBase: server.wsBase,
        boardId: board.id,
        boardIndex,
        receivers: scenario.clientsPerBoard - 1,
        edits,
        cursors,
        awarenessEcho: options.awarenessEcho,
        deflate: options.deflate
      }
      tokens.forEach((token, i) => {
        const full = i < scenario.writersPerBoard + scenario.probesPerBoard
        const client = fleet.add(full ? 'full' : 'light', context, token, `c${i}`)
        if (i < scenario.writersPerBoard) writers.push(/** @type {FullClient} */ (client))
      })
    }
    await fleet.connect(CONNECT_CONCURRENCY, SYNC_TIMEOUT_MS)

    writers.forEach((writer, i) => writer.startWriting(`w${i}`, scenario.editRatePerS))
    if (scenario.cursorRatePerS > 0) {
      for (const client of fleet.clients) client.startCursor(scenario.cursorRatePerS)
    }
    await sleep(options.warmupS * 1000)

    const monitor = new HarnessMonitor()
    const windowStart = performance.now()
    edits.open(windowStart, windowStart + options.durationS * 1000)
    cursors.open(windowStart, windowStart + options.durationS * 1000)
    const cpuBefore = server.cpuSeconds()
    const receivedBefore = fleet.received()
    monitor.begin()
    await sleep(options.durationS * 1000)
    const harness = monitor.end()
    const serverCpuS = server.cpuSeconds() - cpuBefore
    const received = fleet.received()
    const windowS = (performance.now() - windowStart) / 1000
    fleet.stopActivity()
    await sleep(options.drainS * 1000)
    edits.close()
    cursors.close()

    // The edits of an edit scenario, the cursor moves of a cursor scenario.
    const measured = scenario.cursorRatePerS > 0 ? cursors : edits
    const delivered = measured.summary()
    const clients = scenario.boards * scenario.clientsPerBoard
    return {
      boards: scenario.boards,
      clients,
      full_clients: scenario.boards * (scenario.writersPerBoard + scenario.probesPerBoard),
      light_clients: fleet.light.length,
      writers: writers.length,
      measured: measured === cursors ? 'cursor moves' : 'edits',
      ...delivered,
      ...fleet.summary(),
      server_cpu_pct: round((serverCpuS / windowS) * 100),
      server_cpu_s: round(serverCpuS, 2),
      server_cpu_s_per_1k: measured.seen === 0 ? null : round(serverCpuS / (measured.seen / 1000), 4),
      server_mem_mib: server.peakMemoryMiB(),
      sync_in_per_client_s: round((received.sync - receivedBefore.sync) / clients / windowS),
      awareness_in_per_client_s: round((received.awareness - receivedBefore.awareness) / clients / windowS),
      ...harness
    }
  } finally {
    fleet.close()
    await server.stop()
  }
}
