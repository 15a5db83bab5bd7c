/**
 * The facilitator's HTTP routes (docs/api.md); the page's cookie authenticates.
 * @module facilitation/http
 */

/**
 * Call `path` and return its JSON body (`null` for 204); throws on a network error or an error status.
 * @param {string} path
 * @param {'GET' | 'POST' | 'DELETE'} [method]
 * @returns {Promise<any>}
 */
export const requestJson = async (path, method = 'GET') => {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { accept: 'application/json' }
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`)
  return response.status === 204 ? null : response.json()
}
