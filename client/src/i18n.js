/**
 * Look up the strings the server translated for this page (see server/client_messages.py).
 * @module i18n
 */

/** @type {Record<string, string>} */
let messages = {}

/**
 * Use `catalog` for every later `t()` call.
 * @param {Record<string, string>} catalog
 */
export const setMessages = (catalog) => {
  messages = catalog
}

/**
 * Translate `key`, filling `{name}` placeholders from `params`; an unknown key shows itself.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export const t = (key, params = {}) => {
  const template = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key
  return template.replace(/\{(\w+)\}/g, (placeholder, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : placeholder
  )
}
