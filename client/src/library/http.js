/**
 * The library's HTTP calls (docs/api.md); the browser's cookies authenticate.
 * @module library/http
 */

/**
 * An answer the server refused, with its own message for the user when it gave one.
 */
export class RequestError extends Error {
  /**
   * @param {number} status
   * @param {string | null} serverMessage `error.message` of the server's JSON, in the page's language
   */
  constructor (status, serverMessage) {
    super(`HTTP ${status}`)
    this.status = status
    this.serverMessage = serverMessage
  }
}

/**
 * Call `path` and return its JSON body (`null` for 204); throws `RequestError` on an error
 * status and `TypeError` when the network fails.
 * @param {string} path
 * @param {object} [options]
 * @param {'GET' | 'POST' | 'DELETE'} [options.method]
 * @param {unknown} [options.json] sent as the JSON body
 * @param {string} [options.text] sent as the body as it is, as JSON
 * @param {AbortSignal} [options.signal]
 * @returns {Promise<any>}
 */
export const request = async (path, { method = 'GET', json, text, signal } = {}) => {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' }
  let body
  if (json !== undefined || text !== undefined) {
    headers['content-type'] = 'application/json'
    body = text !== undefined ? text : JSON.stringify(json)
  }
  const response = await fetch(path, { method, headers, body, signal, credentials: 'same-origin', cache: 'no-store' })
  if (!response.ok) {
    let serverMessage = null
    try {
      const answer = await response.json()
      if (typeof answer?.error?.message === 'string') serverMessage = answer.error.message
    } catch {
      // Not JSON (a proxy's error page): the caller says something general.
    }
    throw new RequestError(response.status, serverMessage)
  }
  return response.status === 204 ? null : response.json()
}
