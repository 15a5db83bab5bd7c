/**
 * Look up the strings the server translated for this page. They come as a script of their
 * own, loaded before the bundle and cached (`/i18n/{locale}/{catalog}.{digest}.js`, see
 * server/i18n/client.py), which leaves them on `globalThis.tavleCatalog`.
 * @module i18n
 */

/**
 * A text, or a plural message's text per plural category (`one`, `other`, ...).
 * @typedef {string | Record<string, string>} Message
 */

/**
 * @typedef {object} Catalog
 * @property {string} locale
 * @property {Record<string, Message>} messages
 */

/** @type {Record<string, Message>} */
let messages = {}
/** @type {Intl.PluralRules} */
let pluralRules = new Intl.PluralRules('da')

/**
 * Use `catalog` for every later `t()` and `plural()` call.
 * @param {Record<string, Message>} catalog
 * @param {string} locale the catalog's language, whose rules pick a plural form
 */
export const setMessages = (catalog, locale) => {
  messages = catalog
  pluralRules = new Intl.PluralRules(locale)
}

/**
 * Use the catalog the page's strings script left on `scope`; without one, keys show themselves.
 * @param {string} locale the page's language, if the catalog does not say
 * @param {object} [scope]
 */
export const loadCatalog = (locale, scope = globalThis) => {
  const catalog = /** @type {{ tavleCatalog?: Partial<Catalog> }} */ (scope).tavleCatalog
  if (catalog === undefined) console.error('tavle: the page has no strings (its /i18n/ script did not run)')
  setMessages(catalog?.messages ?? {}, catalog?.locale ?? locale)
}

/**
 * @param {string} key
 * @returns {Message}
 */
const lookup = (key) => (Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key)

/**
 * @param {string} template
 * @param {Record<string, string | number>} params
 * @returns {string}
 */
const fill = (template, params) =>
  template.replace(/\{(\w+)\}/g, (placeholder, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : placeholder
  )

/**
 * Translate `key`, filling `{name}` placeholders from `params`; an unknown key shows itself.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export const t = (key, params = {}) => {
  const message = lookup(key)
  return fill(typeof message === 'string' ? message : message.other ?? key, params)
}

/**
 * Translate a message with plural forms in the form `count` takes in the page's language
 * (`Intl.PluralRules`), filling `{count}` and the placeholders of `params`.
 * @param {string} key
 * @param {number} count
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export const plural = (key, count, params = {}) => {
  const message = lookup(key)
  const form = typeof message === 'string' ? message : message[pluralRules.select(count)] ?? message.other ?? key
  return fill(form, { ...params, count })
}
