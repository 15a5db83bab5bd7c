/**
 * The points of a board's timeline (GET /api/boards/{id}/timeline) and their words.
 * @module history/points
 */

import { t } from '../i18n.js'
import { formatWhen, snapshotCounts, snapshotName } from '../facilitation/labels.js'

/**
 * @typedef {object} SnapshotPoint
 * @property {'snapshot'} type
 * @property {string} point `snapshot:{id}`, for compare
 * @property {number} id
 * @property {string} label
 * @property {import('../sync/server-messages.js').SnapshotKind} kind
 * @property {string} created
 * @property {Record<string, number>} counts
 *
 * @typedef {object} AmendmentPoint
 * @property {'amendment'} type
 * @property {null} point an amendment is not a document state of its own
 * @property {number} id
 * @property {string} section
 * @property {string} section_title
 * @property {string | null} proposer
 * @property {string} reason
 * @property {number} votes_for
 * @property {number} votes_against
 * @property {string} created
 *
 * @typedef {object} LivePoint
 * @property {'live'} type
 * @property {'live'} point
 *
 * @typedef {SnapshotPoint | AmendmentPoint | LivePoint} TimelinePoint
 */

/**
 * A stable key for a point, for `data-point` and the compare selects.
 * @param {TimelinePoint} point
 * @returns {string}
 */
export const pointKey = (point) => point.type === 'amendment' ? `amendment:${point.id}` : point.point

/**
 * The point's name: the snapshot's label ("Fase: Afstemning"), the amended section, or "Nu".
 * @param {TimelinePoint} point
 * @returns {string}
 */
export const pointName = (point) => {
  switch (point.type) {
    case 'snapshot':
      return snapshotName(point)
    case 'amendment':
      return t('history.amendment', { section: point.section_title || point.section })
    default:
      return t('history.now')
  }
}

/**
 * A line under the name: counts of a snapshot, proposer and votes of an amendment.
 * @param {TimelinePoint} point
 * @returns {string}
 */
export const pointDetail = (point) => {
  switch (point.type) {
    case 'snapshot':
      return snapshotCounts(point.counts || {})
    case 'amendment':
      return t('history.amendmentVotes', { name: point.proposer || t('history.someone'), for: point.votes_for, against: point.votes_against })
    default:
      return t('history.nowDetail')
  }
}

/**
 * When the point was, in the page's language; "Nu" has no time.
 * @param {TimelinePoint} point
 * @param {string} lang
 * @returns {string}
 */
export const pointTime = (point, lang) => (point.type === 'live' ? '' : formatWhen(point.created, lang))

/**
 * Whether the point is a state of the document that can be shown and compared.
 * @param {TimelinePoint} point
 * @returns {point is SnapshotPoint | LivePoint}
 */
export const hasDocument = (point) => point.type !== 'amendment'
