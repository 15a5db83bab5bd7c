/**
 * Which items are this user's own: the server's `own` messages plus what this tab created.
 * @module sync/ownership
 */

/**
 * @typedef {object} Ownership
 * @property {(itemId: string) => boolean} has
 * @property {(itemId: string) => void} addLocal mark an item this tab just created
 * @property {(items: string[], replace: boolean) => void} apply take in an `own` message
 * @property {(listener: () => void) => void} subscribe
 */

/**
 * Create an empty ownership record.
 * @returns {Ownership}
 */
export const createOwnership = () => {
  /** @type {Set<string>} */
  let fromServer = new Set()
  // Kept apart so that a `replace` from the server cannot drop an item this tab created
  // offline, which the server has not seen yet.
  /** @type {Set<string>} */
  const createdHere = new Set()
  /** @type {Array<() => void>} */
  const listeners = []
  const notify = () => listeners.forEach((listener) => listener())

  return {
    has: (itemId) => fromServer.has(itemId) || createdHere.has(itemId),
    addLocal: (itemId) => {
      createdHere.add(itemId)
      notify()
    },
    apply: (items, replace) => {
      if (replace) fromServer = new Set(items)
      else items.forEach((item) => fromServer.add(item))
      notify()
    },
    subscribe: (listener) => {
      listeners.push(listener)
    }
  }
}
