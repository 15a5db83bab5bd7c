/**
 * A harness process of `--procs N`: forked by procs.mjs, it holds one share of a steady
 * run's clients (share.mjs) and does what the main process asks, one message per call:
 * `{ id, method, args }` in, `{ id, value }` or `{ id, error }` out. It leaves when the
 * main process says `close`, or when the main process is gone.
 *
 * @module share-process
 */

import { clockMs } from './metrics.mjs'
import { Share } from './share.mjs'

// Every y-websocket provider listens for the process's exit; hundreds are expected.
process.setMaxListeners(0)

/** @type {Share | null} */
let share = null

/**
 * Do one call of the main process's.
 *
 * @param {string} method
 * @param {any[]} args
 * @returns {Promise<unknown>}
 */
async function perform (method, args) {
  if (method === 'setup') {
    share = new Share(args[0])
    return null
  }
  // The main process compares its clock with this one's (procs.mjs, `clockSkew`).
  if (method === 'clock') return clockMs()
  if (share === null) throw new Error(`${method} before setup`)
  const target = /** @type {any} */ (share)
  if (typeof target[method] !== 'function') throw new Error(`a share has no ${method}`)
  return target[method](...args)
}

process.on('message', (/** @type {{ id: number, method: string, args: any[] }} */ { id, method, args }) => {
  perform(method, args).then(
    (value) => process.send?.({ id, value }, () => { if (method === 'close') process.disconnect() }),
    (error) => process.send?.({ id, error: error instanceof Error ? error.stack ?? error.message : String(error) })
  )
})

// The main process closed the channel (its `close`, or it died): close the clients and go.
process.on('disconnect', () => {
  (share === null ? Promise.resolve() : share.close()).finally(() => process.exit(0))
})
