/**
 * Small pieces the charter's parts share: a section's title, dates and times.
 * @module views/charter/ui
 */

import { t } from '../../i18n.js'

/**
 * A section's title, or a placeholder for one left blank.
 * @param {{ title: string }} section
 * @returns {string}
 */
export const sectionTitle = (section) => section.title.trim() || t('charter.section.untitled')

/**
 * A short date and time in the page's language, from ISO 8601 or milliseconds.
 * @param {string | number} value
 * @returns {string}
 */
export const formatTime = (value) => {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return date.toLocaleString(document.documentElement.lang || 'da', { dateStyle: 'short', timeStyle: 'short' })
}
