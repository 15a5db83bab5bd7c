/**
 * What a participant may do in the views during the facilitator's session (docs/protocol.md,
 * "Facilitation"): the server undoes anything else, so the views do not invite it, and say why.
 * @module views/facilitation/policy
 */

import { h } from '../../ui/dom.js'
import { t } from '../../i18n.js'

/**
 * The parts of the `session` message the views follow (the board page hands the whole message).
 * @typedef {object} ViewSession
 * @property {string} phase `write`, `private`, `vote` or `discuss`
 * @property {boolean} locked
 * @property {boolean} anonymous
 * @property {{ kind: string, id: string, seq: number } | null} focus
 *
 * The `private` message: this participant's own notes of the private phase.
 * @typedef {{ root: string, items: Record<string, Record<string, unknown>> }} ViewPrivate
 *
 * @typedef {object} Policy
 * @property {boolean} edit write, change and delete in the document (and comment, propose)
 * @property {boolean} react dot votes, proposal votes, likes
 * @property {boolean} writePrivately new notes go to the server as private notes
 * @property {string | null} reason why editing is off, in words; `null` when it is not
 */

/** @type {Policy} */
export const OPEN_POLICY = { edit: true, react: true, writePrivately: false, reason: null }

/**
 * What the session allows; the facilitator keeps every power.
 * @param {ViewSession | null} session
 * @param {boolean} facilitator
 * @returns {Policy}
 */
export const policyOf = (session, facilitator) => {
  if (facilitator || session === null) return OPEN_POLICY
  if (session.locked) return { edit: false, react: false, writePrivately: false, reason: t('phase.reason.locked') }
  switch (session.phase) {
    case 'private':
      return { edit: false, react: false, writePrivately: true, reason: t('phase.reason.private') }
    case 'vote':
      return { edit: false, react: true, writePrivately: false, reason: t('phase.reason.vote') }
    case 'discuss':
      return { edit: false, react: false, writePrivately: false, reason: t('phase.reason.discuss') }
    default:
      return OPEN_POLICY
  }
}

/**
 * A short line that says why editing is off; hidden while it is on.
 * @returns {{ element: HTMLElement, update: (policy: Policy) => void }}
 */
export const reasonLine = () => {
  const element = h('p', { class: 'tv-phase-reason', 'data-edit-reason': true, hidden: true })
  return {
    element,
    update: (policy) => {
      element.textContent = policy.reason ?? ''
      element.hidden = policy.reason === null
      element.dataset.writePrivately = String(policy.writePrivately)
    }
  }
}
