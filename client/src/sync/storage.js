/**
 * What this browser keeps in localStorage: the boards it created ("my boards"), and private
 * notes not yet confirmed by the server.
 * @module sync/storage
 */

const STORAGE_KEY = 'tavle:boards'
const MAX_BOARDS = 50

/**
 * @typedef {object} SavedBoard
 * @property {string} id
 * @property {string} title
 * @property {string} joinCode
 * @property {string} joinUrl
 * @property {string} facilitatorUrl
 * @property {string} created ISO 8601
 */

/**
 * Whether `value` looks like a board saved by `saveBoard`.
 * @param {unknown} value
 * @returns {value is SavedBoard}
 */
const isSavedBoard = (value) => {
  if (typeof value !== 'object' || value === null) return false
  const record = /** @type {Record<string, unknown>} */ (value)
  return typeof record.id === 'string' && typeof record.facilitatorUrl === 'string'
}

/**
 * The saved boards, newest first; empty when storage is unavailable or holds junk.
 * @returns {SavedBoard[]}
 */
export const loadBoards = () => {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]')
    return Array.isArray(parsed) ? parsed.filter(isSavedBoard) : []
  } catch {
    return []
  }
}

/**
 * Store `boards`; a browser that refuses storage (private mode, quota) just forgets.
 * @param {SavedBoard[]} boards
 */
const storeBoards = (boards) => {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(boards.slice(0, MAX_BOARDS)))
  } catch (error) {
    console.warn('tavle: could not save my boards', error)
  }
}

/**
 * Put `board` first in the list, replacing an older entry with the same id.
 * @param {SavedBoard} board
 */
export const saveBoard = (board) => {
  storeBoards([board, ...loadBoards().filter((saved) => saved.id !== board.id)])
}

/**
 * Keep a board the server just made for this browser (an import, a new round): its answer
 * carries the facilitator link, which this browser then holds, as for a board made on the
 * home page.
 * @param {{ id: string, title: string, join_code: string, join_url: string, facilitator_url: string }} made
 */
export const saveMadeBoard = (made) => {
  saveBoard({
    id: made.id,
    title: made.title,
    joinCode: made.join_code,
    joinUrl: made.join_url,
    facilitatorUrl: made.facilitator_url,
    created: new Date().toISOString()
  })
}

/**
 * Forget board `boardId` in this browser: its entry in the list and its private notes still
 * waiting to be sent (the board is gone, or its user let it go).
 * @param {string} boardId
 */
export const forgetBoard = (boardId) => {
  const boards = loadBoards()
  const kept = boards.filter((saved) => saved.id !== boardId)
  if (kept.length !== boards.length) storeBoards(kept)
  try {
    localStorage.removeItem(privateKey(boardId))
  } catch {
    // Storage refused (private mode): there is nothing kept to remove.
  }
}

/**
 * Private notes written here that the server has not confirmed yet (docs/protocol.md,
 * "Facilitation"): what to send again when the connection opens, per board.
 * @typedef {object} PrivateQueue
 * @property {Record<string, Record<string, unknown>>} puts item id -> fields
 * @property {string[]} deletes item ids whose deletion waits
 */

/**
 * The localStorage key of board `boardId`'s private queue.
 * @param {string} boardId
 * @returns {string}
 */
const privateKey = (boardId) => 'tavle:private:' + boardId

/**
 * The private notes of board `boardId` waiting to be sent; empty when there are none or
 * storage holds junk.
 * @param {string} boardId
 * @returns {PrivateQueue}
 */
export const loadPrivateQueue = (boardId) => {
  try {
    const parsed = JSON.parse(localStorage.getItem(privateKey(boardId)) || '{}')
    /** @type {PrivateQueue} */
    const queue = { puts: {}, deletes: [] }
    if (typeof parsed !== 'object' || parsed === null) return queue
    if (typeof parsed.puts === 'object' && parsed.puts !== null && !Array.isArray(parsed.puts)) {
      for (const [id, fields] of Object.entries(parsed.puts)) {
        if (typeof fields === 'object' && fields !== null && !Array.isArray(fields)) queue.puts[id] = fields
      }
    }
    if (Array.isArray(parsed.deletes)) queue.deletes = parsed.deletes.filter((/** @type {unknown} */ id) => typeof id === 'string')
    return queue
  } catch {
    return { puts: {}, deletes: [] }
  }
}

/**
 * Keep board `boardId`'s private queue; an empty queue leaves nothing behind.
 * @param {string} boardId
 * @param {PrivateQueue} queue
 */
export const savePrivateQueue = (boardId, queue) => {
  try {
    if (Object.keys(queue.puts).length === 0 && queue.deletes.length === 0) {
      localStorage.removeItem(privateKey(boardId))
    } else {
      localStorage.setItem(privateKey(boardId), JSON.stringify(queue))
    }
  } catch (error) {
    // Private mode or a full quota: the notes still go out while this page is open.
    console.warn('tavle: could not keep private notes on this device', error)
  }
}
