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

/**
 * A fleet's numbers as plain data: connect and synced times (ms), clients never synced,
 * disconnects, close codes, whether deflate was negotiated, how many light clients.
 *
 * @typedef {{ connect: number[], synced: number[], unsynced: number, disconnects: number, closeCodes: Record<string, number>, deflate: boolean | null, light: number }} FleetData
 */

/**
 * Add up the numbers of one or more fleets (one per harness process): connect and sync
 * times over all their clients, unsynced clients, disconnects and their close codes.
 *
 * @param {FleetData[]} fleets
 * @returns {Record<string, unknown>}
 */
export function summariseFleet (fleets) {
  /** @type {Record<string, number>} */
  const closeCodes = {}
  for (const fleet of fleets) {
    for (const [code, count] of Object.entries(fleet.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + count
  }
  return {
    ...timings('connect', fleets.flatMap((fleet) => fleet.connect)),
    ...timings('synced', fleets.flatMap((fleet) => fleet.synced)),
    unsynced: fleets.reduce((sum, fleet) => sum + fleet.unsynced, 0),
    disconnects: fleets.reduce((sum, fleet) => sum + fleet.disconnects, 0),
    close_codes: closeCodes,
    deflate_negotiated: fleets.find((fleet) => fleet.deflate !== null)?.deflate ?? null
  }
}

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
   * Its clients' connect and sync times, unsynced clients, disconnects and close codes,
   * as plain data (a harness process hands them to the main one: `summariseFleet`).
   *
   * @returns {FleetData}
   */
  data () {
    /** @type {FleetData} */
    const data = { connect: [], synced: [], unsynced: 0, disconnects: 0, closeCodes: {}, deflate: null, light: 0 }
    for (const { stats } of this.clients) {
      if (stats.connectMs !== null) data.connect.push(stats.connectMs)
      if (stats.syncedMs !== null) data.synced.push(stats.syncedMs)
      else data.unsynced++
      data.disconnects += stats.disconnects
      for (const code of stats.closeCodes) data.closeCodes[code] = (data.closeCodes[code] ?? 0) + 1
    }
    const light = this.light
    data.light = light.length
    const socket = light.find((client) => client.socket !== null)?.socket ?? null
    data.deflate = socket === null ? null : socket.extensions.includes('permessage-deflate')
    return data
  }

  /**
   * Add up connect and sync times, unsynced clients, disconnects and their close codes.
   *
   * @returns {Record<string, unknown>}
   */
  summary () {
    return summariseFleet([this.data()])
  }

  /** Close every client. */
  close () {
    clearInterval(this.renewTimer)
    for (const client of this.clients) client.close()
  }
}
