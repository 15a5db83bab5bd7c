/**
 * A full client: a real Yjs document with the stock y-websocket provider, as a phone
 * runs it. Writers edit through it; every full client times the edits and cursor moves
 * it sees.
 *
 * @module full-client
 */

import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'

import { BENCH_MAP, jitteredInterval, newStats, noteText, randomCursor } from './clients.mjs'
import { clockMs } from './metrics.mjs'
import { startTyping } from './typing.mjs'
import { MESSAGE_AWARENESS, MESSAGE_SYNC, MESSAGE_TAVLE, encodeTavleMessage, formatMarker, markerInValue } from './wire.mjs'

/** How long a setup client may take to sync, or to see what another wrote. */
export const SETUP_TIMEOUT_MS = 60_000

/** @typedef {import('./clients.mjs').BoardContext} BoardContext */

/**
 * A `ws` WebSocket class that never offers permessage-deflate, for `--no-deflate`.
 */
class PlainWebSocket extends WebSocket {
  /**
   * @param {string} url
   * @param {string | string[]} [protocols]
   */
  constructor (url, protocols) {
    super(url, protocols, { perMessageDeflate: false })
  }
}

/** A real Yjs document with the stock y-websocket provider. */
export class FullClient {
  /**
   * @param {BoardContext} context
   * @param {string} token
   * @param {string} name
   */
  constructor (context, token, name) {
    this.context = context
    this.token = token
    this.name = name
    this.doc = new Y.Doc()
    this.stats = newStats()
    this.stopping = false
    /** @type {WebsocketProvider | null} */
    this.provider = null
    /** @type {Array<() => void>} */
    this.stoppers = []
    /** @type {Map<number, number>} newest cursor time seen per awareness client id */
    this.lastCursor = new Map()
    /** Notes this client has added with `startWriting`. */
    this.written = 0
    /**
     * Its table group as the server last named it in a `group` message (docs/protocol.md,
     * "Table groups"): undefined until one arrives, null for the plenum's space.
     *
     * @type {string | null | undefined}
     */
    this.group = undefined
    /** @type {string | null | undefined} the table number that message says it typed at join */
    this.table = undefined
    /** @type {Record<string, number>} `notice` messages received, by code (`reverted`, `item_limit`, …) */
    this.notices = {}
    /** @type {any} the facilitator's last `groups` overview */
    this.groupsOverview = null
    this.doc.getMap(BENCH_MAP).observe((event) => this.#onEdits(event))
    const keystrokes = context.keystrokes
    if (keystrokes !== null) {
      this.doc.on('afterTransaction', (/** @type {Y.Transaction} */ transaction) => {
        if (transaction.local) return
        keystrokes.noteArrived(context.boardIndex, transaction.beforeState, transaction.afterState, clockMs())
      })
    }
  }

  /**
   * Connect; resolve once synced, or after `timeoutMs` (then `stats.syncedMs` stays null).
   *
   * @param {number} timeoutMs
   * @returns {Promise<void>}
   */
  connect (timeoutMs) {
    const started = performance.now()
    const provider = new WebsocketProvider(this.context.wsBase, this.context.boardId, this.doc, {
      params: { token: this.token },
      WebSocketPolyfill: /** @type {any} */ (this.context.deflate ? WebSocket : PlainWebSocket),
      disableBc: true
    })
    this.provider = provider
    // Tavle's own messages: the few the bench needs are read, the rest ignored.
    provider.messageHandlers[MESSAGE_TAVLE] = (_encoder, decoder) => this.#onTavle(decoding.readVarString(decoder))
    const stats = this.stats
    const handleSync = provider.messageHandlers[MESSAGE_SYNC]
    provider.messageHandlers[MESSAGE_SYNC] = (...args) => {
      stats.syncIn++
      handleSync(...args)
    }
    const handleAwareness = provider.messageHandlers[MESSAGE_AWARENESS]
    provider.messageHandlers[MESSAGE_AWARENESS] = (...args) => {
      stats.awarenessIn++
      handleAwareness(...args)
    }
    provider.awareness.setLocalStateField('user', { name: this.name })
    provider.awareness.on('change', (/** @type {any} */ change, /** @type {any} */ origin) => {
      if (origin !== 'local') this.#onPresence(change)
    })
    provider.on('status', ({ status }) => {
      if (status === 'connected' && stats.connectMs === null) stats.connectMs = performance.now() - started
    })
    provider.on('connection-close', (event) => {
      if (this.stopping) return
      stats.disconnects++
      stats.closeCodes.push(event?.code ?? 'watchdog')
    })
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs)
      provider.on('sync', (synced) => {
        if (!synced || stats.syncedMs !== null) return
        stats.syncedMs = performance.now() - started
        clearTimeout(timer)
        resolve()
      })
    })
  }

  /**
   * Note a Tavle message the bench looks at: one's group, notices, the facilitator's overview.
   *
   * @param {string} text
   */
  #onTavle (text) {
    /** @type {any} */
    let message
    try {
      message = JSON.parse(text)
    } catch {
      return
    }
    if (message?.type === 'group') {
      this.group = typeof message.group === 'string' ? message.group : null
      this.table = typeof message.table === 'string' ? message.table : null
    } else if (message?.type === 'notice' && typeof message.code === 'string') {
      this.notices[message.code] = (this.notices[message.code] ?? 0) + 1
    } else if (message?.type === 'groups') {
      this.groupsOverview = message
    }
  }

  /**
   * Send a command (a Tavle message, type 20) over the open connection.
   *
   * @param {Record<string, unknown>} command e.g. `{ type: 'groups.split', by: 'table' }`
   */
  sendCommand (command) {
    const socket = this.provider?.ws
    if (socket === null || socket === undefined || socket.readyState !== WebSocket.OPEN) {
      throw new Error(`${this.name} cannot send ${command.type}: not connected`)
    }
    socket.send(encodeTavleMessage(command))
  }

  /** @param {Y.YMapEvent<unknown>} event */
  #onEdits (event) {
    if (event.transaction.local) return
    const now = clockMs()
    const map = this.doc.getMap(BENCH_MAP)
    for (const key of event.keysChanged) {
      const marker = markerInValue(noteText(map.get(key)))
      if (marker !== null) this.context.edits.noteSeen(this.context.boardIndex, marker.stamp, now)
    }
  }

  /** @param {{ added: number[], updated: number[] }} change */
  #onPresence ({ added, updated }) {
    const now = clockMs()
    const awareness = /** @type {WebsocketProvider} */ (this.provider).awareness
    for (const clientId of added.concat(updated)) {
      if (clientId === this.doc.clientID) continue
      const t = awareness.getStates().get(clientId)?.t
      if (typeof t !== 'number' || t <= (this.lastCursor.get(clientId) ?? -Infinity)) continue
      this.lastCursor.set(clientId, t)
      this.context.cursors.noteSeen(this.context.boardIndex, t, now)
    }
  }

  /**
   * Write `ratePerS` edits a second: `addNote` adds a new note to this client's document
   * holding a text that carries the edit's marker (value-map.mjs, `NotePlacer`).
   *
   * @param {string} writerId
   * @param {number} ratePerS
   * @param {(text: string) => void} addNote
   */
  startWriting (writerId, ratePerS, addNote) {
    let seq = 0
    this.stoppers.push(jitteredInterval(() => {
      const stamp = clockMs()
      const s = seq++
      addNote(`Idé ${s} fra ${writerId} ${formatMarker(writerId, s, stamp)}`)
      this.written = seq
      this.context.edits.noteSent(stamp, this.context.receivers)
    }, 1000 / ratePerS))
  }

  /**
   * Move a cursor `ratePerS` times a second; the state carries its send time `t`.
   *
   * @param {number} ratePerS
   */
  startCursor (ratePerS) {
    const awareness = /** @type {WebsocketProvider} */ (this.provider).awareness
    this.stoppers.push(jitteredInterval(() => {
      const t = clockMs()
      awareness.setLocalState({ user: { name: this.name }, cursor: randomCursor(), t })
      this.context.cursors.noteSent(t, this.context.receivers)
    }, 1000 / ratePerS))
  }

  /**
   * Type into a text of this client's document about `ratePerS` keystrokes a second
   * (typing.mjs).
   *
   * @param {Y.XmlText} text
   * @param {number} ratePerS
   */
  startTyping (text, ratePerS) {
    const awareness = /** @type {WebsocketProvider} */ (this.provider).awareness
    this.stoppers.push(startTyping({ doc: this.doc, awareness, name: this.name, context: this.context }, text, ratePerS))
  }

  /** Stop writing and moving. */
  stopActivity () {
    for (const stop of this.stoppers.splice(0)) stop()
  }

  /** Leave for good (not counted as a disconnect). */
  close () {
    this.stopping = true
    this.stopActivity()
    this.provider?.destroy()
    this.doc.destroy()
  }
}

/**
 * Connect a fresh full client and wait until its document satisfies `ready`; return
 * whether it did in time. This is how the harness knows the server has applied a
 * writer's updates: it forwards them to every later client in the order it applied them.
 *
 * @param {import('./clients.mjs').BoardContext} context
 * @param {string} token
 * @param {(doc: Y.Doc) => boolean} ready
 * @param {number} timeoutMs
 * @returns {Promise<boolean>}
 */
export async function documentReaches (context, token, ready, timeoutMs) {
  const checker = new FullClient(context, token, 'checker')
  try {
    await checker.connect(timeoutMs)
    if (ready(checker.doc)) return true
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs)
      checker.doc.on('update', () => {
        if (ready(checker.doc)) {
          clearTimeout(timer)
          resolve(true)
        }
      })
    })
  } finally {
    checker.close()
  }
}

/**
 * Connect a writer, let `write` edit its document, and wait until a second client sees
 * the result (`ready`); return whether it did in time.
 *
 * @param {import('./clients.mjs').BoardContext} context
 * @param {string} writerToken
 * @param {string} checkerToken
 * @param {(doc: Y.Doc) => void} write
 * @param {(doc: Y.Doc) => boolean} ready
 * @returns {Promise<boolean>}
 */
export async function writeThrough (context, writerToken, checkerToken, write, ready) {
  const writer = new FullClient(context, writerToken, 'writer')
  try {
    await writer.connect(SETUP_TIMEOUT_MS)
    write(writer.doc)
    return await documentReaches(context, checkerToken, ready, SETUP_TIMEOUT_MS)
  } finally {
    writer.close()
  }
}
