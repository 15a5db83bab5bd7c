/**
 * Words for the session: phase names, counts, times, what the focus points at, snapshot labels.
 * @module facilitation/labels
 */

import * as Y from 'yjs'
import { plural, t } from '../i18n.js'

/** @typedef {import('../sync/server-messages.js').Phase} Phase */

/** The phases in the order the facilitator steps through them. */
export const PHASES = /** @type {const} */ (['write', 'private', 'vote', 'discuss'])

/**
 * The phase's name in the page's language ("Skriv hver for sig").
 * @param {string} phase
 * @returns {string}
 */
export const phaseName = (phase) => t(`session.phase.${phase}`)

/**
 * Milliseconds as `mm:ss`, rounded up (a countdown shows 00:01 until the very end); hours as `h:mm:ss`.
 * @param {number} ms
 * @returns {string}
 */
export const formatCountdown = (ms) => {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${String(minutes).padStart(2, '0')}:${seconds}`
}

/**
 * A time of day in the page's language, with the date when it is not today.
 * @param {string} iso ISO 8601 from the server
 * @param {string} lang
 * @returns {string}
 */
export const formatWhen = (iso, lang) => {
  const when = new Date(iso)
  if (Number.isNaN(when.getTime())) return ''
  const sameDay = when.toDateString() === new Date().toDateString()
  return new Intl.DateTimeFormat(lang, sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(when)
}

/** Where each focus kind's items live in the document (docs/formats.md, Document layout). */
const FOCUS_ROOTS = { zone: 'zones', cluster: 'clusters', section: 'sections' }

/**
 * What the focus points at, by its title in the document, or a general word for its kind.
 * @param {Y.Doc} doc
 * @param {import('../sync/server-messages.js').SessionFocus} focus
 * @returns {string}
 */
export const focusTarget = (doc, focus) => {
  const item = doc.getMap(FOCUS_ROOTS[focus.kind]).get(focus.id)
  const title = item instanceof Y.Map ? item.get('title') : undefined
  return typeof title === 'string' && title.trim() ? title.trim() : t(`session.focus.${focus.kind}`)
}

/**
 * A snapshot's name: its label, or what took it ("Fase: Afstemning", "Før gendannelse af #3").
 * @param {import('../sync/server-messages.js').SnapshotEntry} snapshot
 * @returns {string}
 */
export const snapshotName = (snapshot) => {
  switch (snapshot.kind) {
    case 'phase':
      return t('snapshot.phase', { phase: phaseName(snapshot.label) })
    case 'before_restore':
      return t('snapshot.beforeRestore', { id: snapshot.label })
    default:
      return snapshot.label || t('snapshot.untitled', { id: snapshot.id })
  }
}

/** The roots whose counts a snapshot lists, in this order (zones are the template's). */
const COUNTED_ROOTS = ['notes', 'clusters', 'sections', 'proposals', 'comments', 'examples']

/**
 * A snapshot's counts in words: "12 noter · 2 grupper".
 * @param {Record<string, number>} counts
 * @returns {string}
 */
export const snapshotCounts = (counts) =>
  COUNTED_ROOTS.filter((root) => root in counts && (counts[root] > 0 || root === 'notes' || root === 'sections'))
    .map((root) => plural(`snapshot.count.${root}`, counts[root]))
    .join(' · ')
