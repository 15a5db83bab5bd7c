/**
 * Words for the library: dates, "for 3 dage siden", kind names, and search snippets as text.
 * @module library/format
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'

const MINUTE_MS = 60 * 1000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
/** Older than this, a date says more than "for 40 dage siden". */
const RELATIVE_UP_TO_DAYS = 30

/**
 * A calendar date in the page's language ("14. marts 2027"), or the text unchanged when it
 * does not parse. A bare `YYYY-MM-DD` is read as that day, not as UTC midnight.
 * @param {string} iso
 * @param {string} lang
 * @returns {string}
 */
export const formatDate = (iso, lang) => {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(iso + 'T12:00:00') : new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' }).format(date)
}

/**
 * How long ago `iso` was, in words ("for 3 dage siden", "i går"), or its date when it is
 * more than a month ago.
 * @param {string} iso
 * @param {string} lang
 * @param {number} [now] milliseconds since the epoch
 * @returns {string}
 */
export const formatAgo = (iso, lang, now = Date.now()) => {
  const when = new Date(iso).getTime()
  if (Number.isNaN(when)) return iso
  const ago = Math.max(0, now - when)
  const words = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })
  if (ago < MINUTE_MS) return words.format(0, 'second')
  if (ago < HOUR_MS) return words.format(-Math.floor(ago / MINUTE_MS), 'minute')
  if (ago < DAY_MS) return words.format(-Math.floor(ago / HOUR_MS), 'hour')
  const days = Math.floor(ago / DAY_MS)
  return days <= RELATIVE_UP_TO_DAYS ? words.format(-days, 'day') : formatDate(iso, lang)
}

/**
 * The kind's name ("Værdi for borgerne"), as boards/kinds/*.json titles it; the slug for a
 * kind this client has no name for.
 * @param {string} kind
 * @returns {string}
 */
export const kindName = (kind) => {
  const key = `library.kind.${kind}`
  const name = t(key)
  return name === key ? kind : name
}

/**
 * The search snippet with its matches, which the server brackets as `[word]`, in `<mark>`.
 * The text goes in as text nodes only: it is what participants wrote.
 * @param {string} snippet
 * @returns {Node[]}
 */
export const snippetNodes = (snippet) => {
  /** @type {Node[]} */
  const nodes = []
  let rest = snippet
  while (rest !== '') {
    const open = rest.indexOf('[')
    const close = open === -1 ? -1 : rest.indexOf(']', open + 1)
    if (open === -1 || close === -1) {
      nodes.push(document.createTextNode(rest))
      break
    }
    if (open > 0) nodes.push(document.createTextNode(rest.slice(0, open)))
    nodes.push(h('mark', {}, [rest.slice(open + 1, close)]))
    rest = rest.slice(close + 1)
  }
  return nodes
}
