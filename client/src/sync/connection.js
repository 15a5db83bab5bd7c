/**
 * The board's connection: y-websocket provider, offline copy in IndexedDB, status, close codes.
 * @module sync/connection
 */

import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import { MESSAGE_TAVLE, encodeClientMessage, readServerMessage } from './server-messages.js'

/**
 * After this many failed attempts in a row the status says "offline" rather than
 * "connecting", so the pill does not flicker while the provider backs off (200 ms … 2.5 s).
 */
const OFFLINE_AFTER_FAILED_ATTEMPTS = 3

/**
 * @typedef {'connected' | 'connecting' | 'offline' | 'closed'} ConnectionState
 *
 * @typedef {object} ConnectionStatus
 * @property {ConnectionState} state
 * @property {number} pendingEdits local edits made since the connection dropped
 * @property {number | null} closeCode the terminal close code once the server gave one
 *
 * @typedef {object} Connection
 * @property {WebsocketProvider} provider
 * @property {IndexeddbPersistence | null} persistence `null` where IndexedDB is unavailable
 * @property {() => void} start connect, once the caller has set up its listeners and presence
 * @property {() => ConnectionStatus} status
 * @property {(listener: (status: ConnectionStatus) => void) => void} onStatus
 * @property {(listener: (code: number) => void) => void} onClosed
 * @property {(command: Record<string, unknown>) => boolean} sendCommand send a Tavle command
 *   (docs/protocol.md, type 20) now; `false`, and nothing sent, when the socket is not open
 */

/**
 * Whether the server's close `code` means that reconnecting cannot help.
 * @param {number} code
 * @returns {boolean}
 */
export const isTerminalClose = (code) => (code >= 4400 && code < 4500) || code === 1008 || code === 1009

/**
 * The IndexedDB database that holds the offline copy of board `boardId`.
 * @param {string} boardId
 * @returns {string}
 */
const persistenceName = (boardId) => 'tavle:' + boardId

/**
 * Keep an offline copy of the board so edits made without a network survive a reload.
 * @param {string} boardId
 * @param {import('yjs').Doc} doc
 * @returns {IndexeddbPersistence | null}
 */
const openPersistence = (boardId, doc) => {
  if (typeof indexedDB === 'undefined') return null
  try {
    return new IndexeddbPersistence(persistenceName(boardId), doc)
  } catch (error) {
    console.warn('tavle: no offline copy of this board', error)
    return null
  }
}

/**
 * Delete the board's offline copy; resolves once IndexedDB has done so (or cannot).
 * @param {string} boardId
 * @param {IndexeddbPersistence | null} persistence the open copy, closed first
 * @returns {Promise<void>}
 */
export const deleteOfflineCopy = async (boardId, persistence) => {
  // y-indexeddb's clearData() does not wait for the deletion; a reload right after it could
  // open the old database again.
  if (persistence !== null) await persistence.destroy()
  if (typeof indexedDB === 'undefined') return
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(persistenceName(boardId))
    request.onsuccess = request.onerror = request.onblocked = () => resolve(undefined)
  })
}

/**
 * Make sure presence comes back at once on the next socket, both ways.
 *
 * Awareness drops an entry whose clock is not newer than the last one it saw. The provider
 * has just removed everyone else's state but keeps their clocks, so their unchanged states
 * sent by the server on reconnect would be ignored until each renews (every 15 s): forget
 * those clocks. The server, in turn, withdrew our state with a null at the next clock when
 * our socket ended (docs/protocol.md): move our clock two past the last one sent. Nothing
 * goes out now; the provider has already dropped the socket.
 * @param {WebsocketProvider['awareness']} awareness
 */
const preparePresenceForReconnect = (awareness) => {
  for (const clientId of [...awareness.meta.keys()]) {
    if (clientId !== awareness.clientID) awareness.meta.delete(clientId)
  }
  const state = awareness.getLocalState()
  if (state !== null) {
    awareness.setLocalState(state)
    awareness.setLocalState(state)
  }
}

/**
 * Prepare to connect `doc` to the board's room, calling `onMessage` for each Tavle server message.
 * @param {object} options
 * @param {import('yjs').Doc} options.doc
 * @param {string} options.url websocket base URL; the provider appends `/{boardId}`
 * @param {string} options.boardId
 * @param {string} options.token
 * @param {(message: import('./server-messages.js').ServerMessage) => void} options.onMessage
 * @returns {Connection}
 */
export const openConnection = ({ doc, url, boardId, token, onMessage }) => {
  const persistence = openPersistence(boardId, doc)
  const provider = new WebsocketProvider(url, boardId, doc, {
    params: { token },
    disableBc: true,
    connect: false,
    shouldReconnect: (event) => !isTerminalClose(event.code)
  })
  provider.messageHandlers[MESSAGE_TAVLE] = (_encoder, decoder) => {
    const message = readServerMessage(decoder)
    if (message !== null) onMessage(message)
  }

  let pendingEdits = 0
  /** @type {number | null} */
  let closeCode = null
  /** @type {Array<(status: ConnectionStatus) => void>} */
  const statusListeners = []
  /** @type {Array<(code: number) => void>} */
  const closedListeners = []

  /** @returns {ConnectionState} */
  const currentState = () => {
    if (closeCode !== null) return 'closed'
    if (!navigator.onLine) return 'offline'
    if (provider.wsconnected) return 'connected'
    if (provider.shouldConnect && provider.wsUnsuccessfulReconnects < OFFLINE_AFTER_FAILED_ATTEMPTS) {
      return 'connecting'
    }
    return 'offline'
  }
  /** @returns {ConnectionStatus} */
  const status = () => ({ state: currentState(), pendingEdits, closeCode })
  const notify = () => {
    const current = status()
    statusListeners.forEach((listener) => listener(current))
  }

  // A local transaction made while the socket is down (or the device says it is offline,
  // when the socket may be dead without knowing it) waits for the next sync. Remote updates,
  // from the provider or the IndexedDB copy, are applied with `local === false`.
  doc.on('update', (_update, _origin, _doc, transaction) => {
    if (transaction.local && (!provider.wsconnected || !navigator.onLine)) {
      pendingEdits += 1
      notify()
    }
  })
  provider.on('sync', (synced) => {
    if (synced) pendingEdits = 0
    notify()
  })
  provider.on('status', ({ status }) => {
    if (status === 'disconnected') preparePresenceForReconnect(provider.awareness)
    notify()
  })
  provider.on('connection-close', notify)
  provider.on('closed', ({ code }) => {
    // y-websocket has already stopped retrying; disconnect() makes that final and says so.
    provider.disconnect()
    closeCode = code
    notify()
    closedListeners.forEach((listener) => listener(code))
  })

  window.addEventListener('offline', notify)
  window.addEventListener('online', () => {
    // The network is back, maybe another one (Wi-Fi to mobile data): an old socket may be
    // dead without knowing it. Start a fresh one now rather than after the backoff or the
    // provider's 30-second silence check; its sync sends whatever waited.
    if (closeCode === null) {
      provider.disconnect()
      provider.connect()
    }
    notify()
  })

  /** @param {Record<string, unknown>} command */
  const sendCommand = (command) => {
    const ws = provider.ws
    // Commands are not queued: a vote placed minutes later, on another budget, would surprise.
    // Offline by the device's word too, as the status pill says: the socket may be dead unawares.
    if (!provider.wsconnected || !navigator.onLine || ws === null || ws.readyState !== WebSocket.OPEN) return false
    ws.send(encodeClientMessage(command))
    return true
  }

  return {
    provider,
    sendCommand,
    start: () => provider.connect(),
    persistence,
    status,
    onStatus: (listener) => {
      statusListeners.push(listener)
    },
    onClosed: (listener) => {
      closedListeners.push(listener)
    }
  }
}
