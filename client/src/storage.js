/**
 * The boards this browser created ("my boards"), kept in localStorage.
 * @module storage
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
 * Remove the board with id `boardId` from this browser's list.
 * @param {string} boardId
 */
export const forgetBoard = (boardId) => {
  const boards = loadBoards()
  const kept = boards.filter((saved) => saved.id !== boardId)
  if (kept.length !== boards.length) storeBoards(kept)
}
