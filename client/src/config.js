/**
 * The page configuration the server renders into `<script id="tavle-config">`.
 * @module config
 */

/**
 * @typedef {object} BoardConfig
 * @property {string} id
 * @property {string} title
 * @property {string} [kind]
 * @property {string} [engine]
 * @property {string} [joinCode]
 * @property {string} [joinUrl]
 * @property {string} [facilitatorUrl] only on the `created` page
 * @property {string} [created] ISO 8601, only on the `created` page
 */

/**
 * @typedef {object} WsConfig
 * @property {string} url base URL of the websocket route, without the board id
 * @property {string} token
 */

/**
 * @typedef {object} MeConfig
 * @property {string} role `participant` or `facilitator`
 * @property {string | null} [participantId]
 * @property {string | null} [name]
 */

/**
 * @typedef {object} PageConfig
 * @property {string} page
 * @property {string} lang
 * @property {BoardConfig} [board]
 * @property {WsConfig} [ws]
 * @property {MeConfig} [me]
 * @property {string} [view] on the board page: `present` for the projector's clean view, else `edit`
 * @property {string} [forgetBoard] on the error page of a deleted board: its id, whose copy
 *   on this device is to be dropped
 */

const CONFIG_ELEMENT_ID = 'tavle-config'

/**
 * Read the page configuration; a page without one gets an empty configuration.
 * @param {Document} doc
 * @returns {PageConfig}
 */
export const readConfig = (doc) => {
  const element = doc.getElementById(CONFIG_ELEMENT_ID)
  /** @type {Partial<PageConfig>} */
  let parsed = {}
  if (element !== null && element.textContent) {
    try {
      parsed = JSON.parse(element.textContent)
    } catch (error) {
      // A broken config is a server bug; say so in the console and run with defaults.
      console.error('tavle: unreadable #tavle-config', error)
    }
  }
  return {
    ...parsed,
    page: parsed.page || doc.body.dataset.page || '',
    lang: parsed.lang || doc.documentElement.lang || 'da'
  }
}
