/**
 * A run's clients as one group: connecting them, renewing light clients' presence,
 * adding up their numbers, closing them.
 *
 * @module fleet
 */

import { performance } from 'node:perf_hooks'

import { FullClient } from './full-client.mjs'
import { LightClient } from './light-client.mjs'
import { timings } from './metrics.mjs'

const RENEW_TICK_MS = 1_000

/** The clients of one run. */
export class Fleet {
  constructor () {
    /** @type {Array<FullClient | LightClient>} */
    this.clients = []
    /** @type {NodeJS.Timeout | undefined} */
    this.renewTimer = undefined
  }

  /**
   * Add a client of a kind.
   *
   * @param {'full' | 'light'} kind
   * @param {import('./clients.mjs').BoardContext} context
   * @param {string} token
   * @param {string} name
   * @returns {FullClient | LightClient}
   */
  add (kind, context, token, name) {
    const client = kind === 'full' ? new FullClient(context, token, name) : new LightClient(context, token, name)
    this.clients.push(client)
    return client
  }

  /** @returns {LightClient[]} */
  get light () {
    return /** @type {LightClient[]} */ (this.clients.filter((client) => client instanceof LightClient))
  }

  /**
   * Connect every client, `concurrency` at a time (Infinity: all at once).
   *
   * @param {number} concurrency
   * @param {number} timeoutMs how long each client may take to sync
   */
  async connect (concurrency, timeoutMs) {
    let next = 0
    const worker = async () => {
      while (next < this.clients.length) await this.clients[next++].connect(timeoutMs)
    }
    const workers = Math.min(concurrency, this.clients.length)
    await Promise.all(Array.from({ length: workers }, worker))
    // Light clients renew their presence as stock clients do; full ones do it themselves.
    const light = this.light
    this.renewTimer = setInterval(() => {
      const now = performance.now()
      for (const client of light) client.renewPresence(now)
    }, RENEW_TICK_MS)
  }

  /** Stop every client's writing and cursor moves. */
  stopActivity () {
    for (const client of this.clients) client.stopActivity()
  }

  /** @returns {{ sync: number, awareness: number }} messages received so far, all clients */
  received () {
    let sync = 0
    let awareness = 0
    for (const { stats } of this.clients) {
      sync += stats.syncIn
      awareness += stats.awarenessIn
    }
    return { sync, awareness }
  }

  /**
   * Add up connect and sync times, unsynced clients, disconnects and their close codes.
   *
   * @returns {Record<string, unknown>}
   */
  summary () {
    const connect = []
    const synced = []
    let unsynced = 0
    let disconnects = 0
    /** @type {Record<string, number>} */
    const closeCodes = {}
    for (const { stats } of this.clients) {
      if (stats.connectMs !== null) connect.push(stats.connectMs)
      if (stats.syncedMs !== null) synced.push(stats.syncedMs)
      else unsynced++
      disconnects += stats.disconnects
      for (const code of stats.closeCodes) closeCodes[code] = (closeCodes[code] ?? 0) + 1
    }
    const socket = this.light.find((client) => client.socket !== null)?.socket ?? null
    return {
      ...timings('connect', connect),
      ...timings('synced', synced),
      unsynced,
      disconnects,
      close_codes: closeCodes,
      deflate_negotiated: socket === null ? null : socket.extensions.includes('permessage-deflate')
    }
  }

  /** Close every client. */
  close () {
    clearInterval(this.renewTimer)
    for (const client of this.clients) client.close()
  }
}
