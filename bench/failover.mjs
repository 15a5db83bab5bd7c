/**
 * Failover over two processes (issue 14): the time from `kill -9` of a board's owner to
 * every client of the surviving process seeing a new edit.
 *
 * Usage: node bench/failover.mjs [--clients N] [--reps R] [--out FILE.json]
 *
 * Two Tavle processes and a Redis (`tavle-2p`, servers.mjs). The first process creates a
 * value map and its client connects first, so it owns the board; the clients are spread
 * over both processes. Every client is a stock y-websocket client. One client of the
 * surviving process adds a note every 100 ms throughout. At the kill, the clock starts;
 * each surviving client stops it when it first sees a note created after the kill. The
 * dead process's clients are left to retry: a balancer would send them to the survivor.
 *
 * @module failover
 */

import { writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'

import { BENCH_MAP } from './clients.mjs'
import { NotePlacer, prepareValueMap, VALUE_MAP_KIND } from './value-map.mjs'
import { MESSAGE_TAVLE } from './wire.mjs'
import { Deliveries } from './metrics.mjs'
import { makeServer } from './servers.mjs'

const WRITE_INTERVAL_MS = 100
const GIVE_UP_MS = 15_000

// Every y-websocket provider listens for the process's exit; one per watcher is expected.
process.setMaxListeners(0)

/**
 * A stock client that notes when it first sees a note written after a moment.
 */
class Watcher {
  /**
   * @param {string} wsBase
   * @param {string} boardId
   * @param {string} token
   */
  constructor (wsBase, boardId, token) {
    this.doc = new Y.Doc()
    this.provider = new WebsocketProvider(wsBase, boardId, this.doc, {
      params: { token },
      WebSocketPolyfill: /** @type {any} */ (WebSocket),
      disableBc: true
    })
    this.provider.messageHandlers[MESSAGE_TAVLE] = () => {}
    /** @type {number | null} the kill, in Date.now() time */
    this.after = null
    /** @type {number | null} performance.now() when the first note after it arrived */
    this.sawAt = null
    this.disconnects = 0
    this.provider.on('connection-close', () => { this.disconnects++ })
    this.doc.getMap(BENCH_MAP).observe((event) => {
      if (this.after === null || this.sawAt !== null) return
      for (const key of event.keysChanged) {
        const note = this.doc.getMap(BENCH_MAP).get(key)
        if (note instanceof Y.Map && Number(note.get('created')) > this.after) {
          this.sawAt = performance.now()
          return
        }
      }
    })
  }

  synced () {
    return new Promise((resolve) => {
      if (this.provider.synced) resolve(undefined)
      this.provider.on('sync', (/** @type {boolean} */ synced) => { if (synced) resolve(undefined) })
    })
  }

  close () {
    this.provider.destroy()
    this.doc.destroy()
  }
}

/**
 * @param {number} clients
 * @returns {Promise<Record<string, unknown>>}
 */
async function runOnce (clients) {
  const server = /** @type {import('./servers.mjs').TavleClusterServer} */ (await makeServer('tavle-2p'))
  await server.start()
  /** @type {Watcher[]} */
  const watchers = []
  try {
    const board = await server.createBoard(VALUE_MAP_KIND)
    const tokens = await server.tokens(board, clients + 2)
    const [owner, survivor] = server.wsBases
    /** @type {import('./clients.mjs').BoardContext} */
    const context = {
      wsBase: owner,
      boardId: board.id,
      boardIndex: 0,
      receivers: 0,
      edits: new Deliveries(1),
      cursors: new Deliveries(1),
      keystrokes: null,
      awarenessEcho: false,
      deflate: false
    }
    await prepareValueMap(context, tokens[0], tokens[1])
    for (let i = 0; i < clients; i++) {
      const watcher = new Watcher(i % 2 === 0 ? owner : survivor, board.id, tokens[i + 2])
      watchers.push(watcher)
      await watcher.synced()
    }
    // The writer sees its own notes at once: it is not one of those measured.
    const [writer, ...surviving] = watchers.filter((_, i) => i % 2 === 1)
    const placer = new NotePlacer(writer.doc)
    let written = 0
    const writing = setInterval(() => { placer.add(`note ${written++}`) }, WRITE_INTERVAL_MS)
    await sleep(2000)

    const killedAt = performance.now()
    const killedWall = Date.now()
    for (const watcher of surviving) watcher.after = killedWall
    await server.processes[0].stop('SIGKILL')
    const deadline = killedAt + GIVE_UP_MS
    while (surviving.some((watcher) => watcher.sawAt === null) && performance.now() < deadline) {
      await sleep(20)
    }
    clearInterval(writing)
    const times = surviving.map((watcher) => watcher.sawAt === null ? null : watcher.sawAt - killedAt)
    const seen = /** @type {number[]} */ (times.filter((time) => time !== null)).sort((x, y) => x - y)
    return {
      clients,
      surviving_clients: surviving.length,
      saw_new_edit: seen.length,
      failover_first_ms: seen.length ? Math.round(seen[0]) : null,
      failover_median_ms: seen.length ? Math.round(seen[Math.floor(seen.length / 2)]) : null,
      failover_all_ms: seen.length === surviving.length ? Math.round(seen[seen.length - 1]) : null,
      surviving_disconnects: surviving.reduce((sum, watcher) => sum + watcher.disconnects, 0)
    }
  } finally {
    for (const watcher of watchers) watcher.close()
    await server.stop()
    server.dispose()
  }
}

async function main () {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '50' },
      reps: { type: 'string', default: '3' },
      out: { type: 'string' }
    }
  })
  const runs = []
  for (let rep = 1; rep <= Number(values.reps); rep++) {
    const run = { rep, ...(await runOnce(Number(values.clients))) }
    console.log(JSON.stringify(run))
    runs.push(run)
  }
  if (values.out) writeFileSync(values.out, JSON.stringify({ date: new Date().toISOString(), runs }, null, 2))
}

await main()
