/**
 * Random ids for items in a board's document.
 * @module sync/ids
 */

// 64 symbols, so one random byte masked to 6 bits picks one without bias.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/** 12 symbols of 6 bits: 72 random bits, beyond collision for any board's lifetime. */
export const ITEM_ID_LENGTH = 12

/**
 * A new random item id from `[A-Za-z0-9_-]` (docs/formats.md, "Item ids": at least 8).
 * @returns {string}
 */
export const createItemId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(ITEM_ID_LENGTH)), (byte) => ALPHABET[byte & 63]).join('')
