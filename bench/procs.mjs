/**
 * `--procs N`: a steady run's clients in N harness processes. Each child process
 * (share-process.mjs) holds one share (share.mjs); a `RemoteShare` here stands for it in
 * the main process, with the same async methods as a `Share`, each one a message.
 *
 * Why: one Node process holding 300 or 1,000 clients stalls its event loop for its
 * garbage collector's pauses, and every arrival read during a stall is timed late. Child
 * processes have heaps and collectors of their own. Send and arrival times come from
 * `clockMs()` (metrics.mjs), one clock across the processes of one machine.
 *
 * @module procs
 */

import { fork } from 'node:child_process'
import { join } from 'node:path'

import { clockMs } from './metrics.mjs'
import { BENCH_DIR } from './servers.mjs'
import { Share } from './share.mjs'

/** How long a child may take to leave after `close` before it is killed. */
const EXIT_TIMEOUT_MS = 10_000
/** Round trips used to compare a child's clock with the main process's. */
const CLOCK_PINGS = 5

/** A share of the clients in a child process, driven by messages. */
export class RemoteShare {
  /** @param {number} index which harness process (1 …) */
  constructor (index) {
    this.index = index
    // Advanced serialisation: typed arrays (latency samples) and Maps cross as they are.
    // The child gets the main process's Node options (e.g. --max-semi-space-size).
    this.child = fork(join(BENCH_DIR, 'share-process.mjs'), [], { serialization: 'advanced', stdio: 'inherit' })
    this.nextId = 0
    /** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void, method: string }>} */
    this.pending = new Map()
    /** @type {string | null} why the child is gone, once it is */
    this.gone = null
    this.exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.on('message', (/** @type {{ id: number, value?: unknown, error?: string }} */ reply) => {
      const call = this.pending.get(reply.id)
      if (call === undefined) return
      this.pending.delete(reply.id)
      if (reply.error !== undefined) call.reject(new Error(`harness process ${index}, ${call.method}: ${reply.error}`))
      else call.resolve(reply.value)
    })
    this.child.once('exit', (code, signal) => {
      this.gone = `harness process ${index} exited (${signal ?? `code ${code}`})`
      for (const call of this.pending.values()) call.reject(new Error(`${this.gone} during ${call.method}`))
      this.pending.clear()
    })
  }

  /**
   * Ask the child to do something; resolve with its answer.
   *
   * @param {string} method
   * @param {...unknown} args
   * @returns {Promise<any>}
   */
  call (method, ...args) {
    if (this.gone !== null) return Promise.reject(new Error(`${this.gone} before ${method}`))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method })
      this.child.send({ id, method, args })
    })
  }

  /** @param {import('./share.mjs').ShareSetup} setup */
  setup (setup) { return this.call('setup', setup) }

  /**
   * How far the child's clock is from this process's (ms, ± half a round trip), from the
   * quickest of a few round trips.
   *
   * @returns {Promise<number>}
   */
  async clockSkew () {
    let best = { rtt: Infinity, skew: 0 }
    for (let i = 0; i < CLOCK_PINGS; i++) {
      const sent = clockMs()
      const theirs = await this.call('clock')
      const back = clockMs()
      if (back - sent < best.rtt) best = { rtt: back - sent, skew: theirs - (sent + back) / 2 }
    }
    return best.skew
  }

  /** @param {number} concurrency @param {number} timeoutMs */
  connect (concurrency, timeoutMs) { return this.call('connect', concurrency, timeoutMs) }
  /** @returns {Promise<import('./groups.mjs').WriterSeat[]>} */
  seats () { return this.call('seats') }
  startLoad () { return this.call('startLoad') }
  /** @param {number} start @param {number} end */
  open (start, end) { return this.call('open', start, end) }
  /** @returns {Promise<import('./share.mjs').WindowEnd>} */
  endWindow () { return this.call('endWindow') }
  closeWindow () { return this.call('closeWindow') }
  /** @returns {Promise<import('./groups.mjs').WriterTally[]>} */
  tallies () { return this.call('tallies') }
  /**
   * @param {Map<string, { group: string | null, written: number }>} expected
   * @returns {Promise<import('./groups.mjs').NotesHeld[]>}
   */
  countHeld (expected) { return this.call('countHeld', expected) }
  /** @returns {Promise<import('./share.mjs').ShareReport>} */
  report () { return this.call('report') }

  /** Close the child's clients and wait for it to leave (kill it if it does not). */
  async close () {
    if (this.gone === null) {
      try {
        await this.call('close')
      } catch {
        // it went on its own
      }
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_TIMEOUT_MS)
    await this.exited
    clearTimeout(timer)
  }
}

/**
 * Hand out a run's clients over `procs` shares: in this process when `procs` is 1 (as the
 * harness always ran), else one child process each. Each role of each board is cut into
 * `procs` consecutive runs of clients, so every process gets its part of the writers,
 * probes and light clients, and (tavle-2p, where clients go to the servers in turn) of
 * both servers' clients; a board's lone probe goes to a different process per board.
 *
 * @param {import('./share.mjs').ShareSetup} setup every client of the run
 * @param {number} procs
 * @returns {Promise<{ shares: Array<Share | RemoteShare>, clockSkewMs: number | null }>}
 *   the shares, and the largest gap between two child processes' clocks (null with one process)
 */
export async function startShares (setup, procs) {
  if (procs === 1) return { shares: [new Share(setup)], clockSkewMs: null }
  /** @type {import('./share.mjs').ClientSpec[][]} */
  const parts = Array.from({ length: procs }, () => [])
  for (const board of setup.boards) {
    for (const role of /** @type {const} */ (['writer', 'probe', 'light'])) {
      const members = setup.clients.filter((spec) => spec.boardIndex === board.boardIndex && spec.role === role)
      members.forEach((spec, k) => parts[(Math.floor((k * procs) / members.length) + board.boardIndex) % procs].push(spec))
    }
  }
  // Each process connects its clients in the run's connection order.
  const order = new Map(setup.clients.map((spec, i) => [spec, i]))
  for (const part of parts) part.sort((a, b) => /** @type {number} */ (order.get(a)) - /** @type {number} */ (order.get(b)))
  const shares = parts.map((_, i) => new RemoteShare(i + 1))
  try {
    await Promise.all(shares.map((share, i) => share.setup({ ...setup, clients: parts[i] })))
    const skews = []
    for (const share of shares) skews.push(await share.clockSkew())
    return { shares, clockSkewMs: Math.max(...skews) - Math.min(...skews) }
  } catch (error) {
    await Promise.all(shares.map((share) => share.close()))
    throw error
  }
}
