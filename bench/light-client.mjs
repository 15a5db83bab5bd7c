/**
 * A light client: speaks the y-websocket wire with `ws` and never decodes Yjs. It answers
 * the sync handshake, finds the edits it receives by the ASCII markers their values
 * carry (see wire.mjs), announces and renews its presence, and re-sends the awareness
 * entries that were news to it, as stock clients do.
 *
 * @module light-client
 */

import { performance } from 'node:perf_hooks'
import { randomInt } from 'node:crypto'
import WebSocket from 'ws'

import { jitteredInterval, newStats, randomCursor } from './clients.mjs'
import { clockMs } from './metrics.mjs'
import {
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP1_EMPTY,
  SYNC_STEP2,
  SYNC_STEP2_EMPTY,
  SYNC_UPDATE,
  decodeAwarenessPayload,
  encodeAwarenessMessage,
  readMessage,
  scanMarkers
} from './wire.mjs'

/** Stock clients renew their presence when it is this old (y-protocols' outdatedTimeout / 2). */
const PRESENCE_RENEW_MS = 15_000
const RECONNECT_MIN_MS = 100
const RECONNECT_MAX_MS = 2_500

/** @typedef {import('./clients.mjs').BoardContext} BoardContext */

/**
 * What a light client remembers of another client's presence, as y-protocols does.
 *
 * @typedef {{ clock: number, present: boolean, t: number }} PeerPresence
 */

/** A client that speaks the wire with `ws` and never decodes Yjs. */
export class LightClient {
  /**
   * @param {BoardContext} context
   * @param {string} token
   * @param {string} name
   */
  constructor (context, token, name) {
    this.context = context
    this.url = `${context.wsBase}/${context.boardId}?token=${encodeURIComponent(token)}`
    this.name = name
    this.stats = newStats()
    this.stopping = false
    /** @type {WebSocket | null} */
    this.socket = null
    this.reconnects = 0
    // A random 32-bit awareness client id, as Yjs picks one. Clock 1, not 0: receivers
    // start an unknown client at 0 and only take entries with a newer clock.
    this.clientId = randomInt(1, 2 ** 32 - 1)
    this.clock = 1
    this.state = JSON.stringify({ user: { name } })
    this.lastPresenceSent = -Infinity
    /** @type {Map<number, PeerPresence>} */
    this.peers = new Map()
    /** @type {Map<string, number>} newest sequence number per writer: a re-sync counts once */
    this.lastSeq = new Map()
    /** @type {Array<() => void>} */
    this.stoppers = []
    /** @type {(() => void) | null} */
    this.onSynced = null
  }

  /**
   * Connect; resolve once synced, or after `timeoutMs` (then `stats.syncedMs` stays null).
   *
   * @param {number} timeoutMs
   * @returns {Promise<void>}
   */
  connect (timeoutMs) {
    const started = performance.now()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs)
      this.onSynced = () => {
        if (this.stats.syncedMs !== null) return
        this.stats.syncedMs = performance.now() - started
        clearTimeout(timer)
        resolve()
      }
      this.#open(started)
    })
  }

  /** @param {number} started */
  #open (started) {
    const socket = new WebSocket(this.url, { perMessageDeflate: this.context.deflate })
    this.socket = socket
    socket.on('open', () => {
      if (this.stats.connectMs === null) this.stats.connectMs = performance.now() - started
      this.reconnects = 0
      socket.send(SYNC_STEP1_EMPTY)
      this.#sendPresence()
    })
    socket.on('message', (/** @type {Buffer} */ data) => this.#onMessage(data))
    socket.on('error', () => {}) // a close event follows and is what counts
    socket.on('close', (code) => {
      if (this.stopping) return
      this.stats.disconnects++
      this.stats.closeCodes.push(code)
      // Stock clients come back after an exponential backoff and sync again.
      const delay = Math.min(RECONNECT_MIN_MS * 2 ** this.reconnects++, RECONNECT_MAX_MS)
      setTimeout(() => { if (!this.stopping) this.#open(started) }, delay)
    })
  }

  /** @param {Buffer} data */
  #onMessage (data) {
    const now = clockMs()
    const message = readMessage(data)
    if (message.type === MESSAGE_SYNC) {
      this.stats.syncIn++
      if (message.step === SYNC_STEP1) {
        this.socket?.send(SYNC_STEP2_EMPTY)
        return
      }
      if (message.step === SYNC_STEP2) this.onSynced?.()
      if (message.step === SYNC_STEP2 || message.step === SYNC_UPDATE) this.#onEdits(data, now)
    } else if (message.type === MESSAGE_AWARENESS) {
      this.stats.awarenessIn++
      this.#onPresence(data, /** @type {Uint8Array} */ (message.payload), now)
    }
  }

  /**
   * @param {Buffer} data
   * @param {number} now
   */
  #onEdits (data, now) {
    scanMarkers(data, (marker) => {
      if (marker.seq <= (this.lastSeq.get(marker.writer) ?? -1)) return
      this.lastSeq.set(marker.writer, marker.seq)
      this.context.edits.noteSeen(this.context.boardIndex, marker.stamp, now)
    })
  }

  /**
   * Apply an awareness update the way y-protocols does, time cursor moves, and re-send
   * the entries that were news, as y-websocket does for every change it applies.
   *
   * @param {Buffer} data the whole message
   * @param {Uint8Array} payload
   * @param {number} now
   */
  #onPresence (data, payload, now) {
    const entries = decodeAwarenessPayload(payload)
    /** @type {import('./wire.mjs').AwarenessEntry[]} */
    const news = []
    let verbatim = true
    for (const entry of entries) {
      const removed = entry.state === 'null'
      if (entry.clientId === this.clientId) {
        if (removed && entry.clock >= this.clock) {
          // Someone removed our state: stock clients say they are still here, one clock on.
          this.clock = entry.clock + 1
          news.push({ clientId: this.clientId, clock: this.clock, state: this.state })
          verbatim = false
        } else if (!removed && entry.clock > this.clock) {
          this.clock = entry.clock // a client adopts a newer clock for its own state
          news.push(entry)
        } else {
          verbatim = false
        }
        continue
      }
      const known = this.peers.get(entry.clientId)
      const clock = known?.clock ?? 0
      if (!(clock < entry.clock || (clock === entry.clock && removed && known?.present))) {
        verbatim = false
        continue
      }
      this.peers.set(entry.clientId, { clock: entry.clock, present: !removed, t: known?.t ?? -Infinity })
      if (known === undefined && removed) {
        verbatim = false // y-protocols records it but reports no change
        continue
      }
      news.push(entry)
      if (!removed) this.#noteCursor(entry, now)
    }
    if (this.context.awarenessEcho && news.length > 0) {
      this.socket?.send(verbatim ? data : encodeAwarenessMessage(news))
    }
  }

  /**
   * @param {import('./wire.mjs').AwarenessEntry} entry
   * @param {number} now
   */
  #noteCursor (entry, now) {
    const at = entry.state.indexOf('"t":')
    if (at < 0) return
    const t = Number.parseFloat(entry.state.slice(at + 4))
    const peer = /** @type {PeerPresence} */ (this.peers.get(entry.clientId))
    if (!(t > peer.t)) return
    peer.t = t
    this.context.cursors.noteSeen(this.context.boardIndex, t, now)
  }

  #sendPresence () {
    this.lastPresenceSent = performance.now()
    this.socket?.send(encodeAwarenessMessage([{ clientId: this.clientId, clock: this.clock, state: this.state }]))
  }

  /**
   * Renew presence when it is 15 s old, as stock clients do (called on a shared tick).
   *
   * @param {number} now
   */
  renewPresence (now) {
    if (now - this.lastPresenceSent < PRESENCE_RENEW_MS || this.socket?.readyState !== WebSocket.OPEN) return
    this.clock++
    this.#sendPresence()
  }

  /**
   * Move a cursor `ratePerS` times a second; the state carries its send time `t`.
   *
   * @param {number} ratePerS
   */
  startCursor (ratePerS) {
    this.stoppers.push(jitteredInterval(() => {
      if (this.socket?.readyState !== WebSocket.OPEN) return
      const t = clockMs()
      this.clock++
      this.state = JSON.stringify({ user: { name: this.name }, cursor: randomCursor(), t })
      this.#sendPresence()
      this.context.cursors.noteSent(t, this.context.receivers)
    }, 1000 / ratePerS))
  }

  /** Stop moving. */
  stopActivity () {
    for (const stop of this.stoppers.splice(0)) stop()
  }

  /** Leave for good (not counted as a disconnect). */
  close () {
    this.stopping = true
    this.stopActivity()
    this.socket?.close()
  }
}
