/**
 * What both kinds of benchmark client share. Send and arrival times come from one clock,
 * `clockMs()` (metrics.mjs): epoch milliseconds that are the same in every process of the
 * machine, so a steady run's clients may live in several harness processes (`--procs`).
 *
 * - A *full* client (full-client.mjs) is a real Yjs document with the stock y-websocket
 *   provider. Writers and probes are full clients: they decode every update, so what they
 *   time is what a phone would see.
 * - A *light* client (light-client.mjs) speaks the same wire with `ws` but never decodes
 *   Yjs. Decoding costs a full client ~60 µs per update, so a harness of only full
 *   clients saturates two cores long before the server does.
 *
 * @module clients
 */

import { randomInt } from 'node:crypto'
import * as Y from 'yjs'

/**
 * The root the writers add their notes to: the value map's `notes`, whose items are maps
 * of `text`, `zone`, `order`, `color` and `created` (value-map.mjs writes them as a phone
 * does). Tavle refuses a root outside a board's layout (docs/security.md) and holds each
 * note to the layout, so the load is made of notes as phones write them.
 */
export const BENCH_MAP = 'notes'

/**
 * Return the text of a note (or of a plain string value).
 *
 * @param {unknown} value
 * @returns {unknown}
 */
export function noteText (value) {
  return value instanceof Y.Map ? value.get('text') : value
}

/**
 * What every client of one board shares: where to connect, what to count, how to behave.
 *
 * @typedef {object} BoardContext
 * @property {string} wsBase the server's websocket base (`ws://127.0.0.1:P/ws`)
 * @property {string} boardId
 * @property {number} boardIndex index of the board within the run (for per-board latency)
 * @property {number} receivers how many clients of the board receive each edit or move
 * @property {import('./metrics.mjs').Deliveries} edits
 * @property {import('./metrics.mjs').Deliveries} cursors
 * @property {import('./typing.mjs').KeystrokeLog | null} keystrokes typing scenarios: keystrokes by Yjs id
 * @property {boolean} awarenessEcho light clients re-send awareness entries they had not seen
 * @property {boolean} deflate offer permessage-deflate, as browsers do
 */

/**
 * A client's own numbers.
 *
 * @typedef {object} ClientStats
 * @property {number | null} connectMs from starting to connect until the socket opened
 * @property {number | null} syncedMs from starting to connect until sync step 2 arrived
 * @property {number} disconnects closes the client did not ask for
 * @property {Array<number | string>} closeCodes their close codes
 * @property {number} syncIn sync messages received (updates, step 1 and 2)
 * @property {number} awarenessIn awareness messages received
 */

/** @returns {ClientStats} */
export function newStats () {
  return { connectMs: null, syncedMs: null, disconnects: 0, closeCodes: [], syncIn: 0, awarenessIn: 0 }
}

/**
 * Call `fn` every `intervalMs`, starting at a random point of the first interval so that
 * many clients do not fire in lockstep.
 *
 * @param {() => void} fn
 * @param {number} intervalMs
 * @returns {() => void} stops it
 */
export function jitteredInterval (fn, intervalMs) {
  /** @type {NodeJS.Timeout | undefined} */
  let interval
  const start = setTimeout(() => {
    fn()
    interval = setInterval(fn, intervalMs)
  }, Math.random() * intervalMs)
  return () => {
    clearTimeout(start)
    clearInterval(interval)
  }
}

/** @returns {{ x: number, y: number }} */
export function randomCursor () {
  return { x: randomInt(0, 1600), y: randomInt(0, 1000) }
}
