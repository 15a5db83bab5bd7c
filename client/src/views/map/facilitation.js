/**
 * The map under the facilitator's session: what participants may do in each phase (with the
 * reason on screen), their private notes, and "bring everyone here" to a zone or cluster.
 * @module views/map/facilitation
 */

import { createItemId } from '../../sync/ids.js'
import { t } from '../../i18n.js'
import { focusFollower, focusToast, highlight } from '../facilitation/focus.js'
import { OPEN_POLICY, policyOf, reasonLine } from '../facilitation/policy.js'
import { createPrivateNotes } from '../facilitation/private-notes.js'
import { PrivateCards } from './private-cards.js'

/**
 * @typedef {object} MapFacilitation
 * @property {HTMLElement} reason the line that says why editing is off
 * @property {() => import('../facilitation/policy.js').Policy} policy
 * @property {(note: { text: string, zone: string, color: string }) => void} addPrivate
 * @property {(session: import('../facilitation/policy.js').ViewSession) => void} onSession
 * @property {(message: import('../facilitation/policy.js').ViewPrivate) => void} onPrivate
 * @property {() => void} drawn the document was drawn again
 * @property {(readOnly: boolean) => void} setReadOnly
 */

/**
 * @param {object} options
 * @param {HTMLElement} options.root the map's element (the note about focus lives in it)
 * @param {string} options.boardId
 * @param {boolean} options.facilitator
 * @param {boolean} options.present the projector follows nothing and writes nothing
 * @param {import('./store.js').MapStore} options.store
 * @param {import('./renderer.js').MapRenderer} options.renderer
 * @param {(zone: string) => string} options.orderAtEnd
 * @param {(command: Record<string, unknown>) => boolean} options.send
 * @param {(text: string) => void} options.announce
 * @param {(policy: import('../facilitation/policy.js').Policy) => void} options.apply let the
 *   map's own controls follow the policy
 * @returns {MapFacilitation}
 */
export const createMapFacilitation = ({ root, boardId, facilitator, present, store, renderer, orderAtEnd, send, announce, apply }) => {
  const participant = !facilitator && !present
  let policy = OPEN_POLICY
  const reason = reasonLine()
  const notes = createPrivateNotes({ boardId, send, announce, inDocument: (id) => store.notesMap.has(id) })
  const cards = participant ? new PrivateCards({ store, renderer, notes, orderAtEnd, announce }) : null
  notes.subscribe(() => cards?.render())
  const follow = focusFollower()
  const toast = participant ? focusToast(root) : null
  /** A target not drawn yet (the first sync is still on its way). @type {{ kind: string, id: string } | null} */
  let waiting = null

  /**
   * Bring this screen to a zone or cluster: scroll its column into view (a phone swipes to it),
   * highlight it, and say who asked.
   * @param {string} kind
   * @param {string} id
   */
  const go = (kind, id) => {
    const target = kind === 'zone'
      ? renderer.columns.get(id)?.element
      : kind === 'cluster' ? renderer.boxes.get(id)?.element : undefined
    waiting = target === undefined ? { kind, id } : null
    if (target === undefined) return
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches
    target.scrollIntoView({ block: 'start', inline: 'start', behavior: smooth ? 'smooth' : 'auto' })
    highlight(target)
    toast?.show()
  }

  return {
    reason: reason.element,
    policy: () => policy,
    addPrivate: ({ text, zone, color }) => {
      announce(t('private.saved'))
      notes.put(createItemId(), { text, zone, color, order: orderAtEnd(zone), created: Date.now() })
    },
    onSession: (session) => {
      if (participant) {
        policy = policyOf(session, false)
        reason.update(policy)
        renderer.setPolicy(policy)
        cards?.setEditable(policy.writePrivately)
        apply(policy)
        // The session comes first on every new connection: send what waited meanwhile.
        notes.resend()
        follow(session.focus, go)
      }
    },
    onPrivate: (message) => {
      if (message.root === 'notes') notes.receive(message.items)
    },
    drawn: () => {
      cards?.render()
      if (waiting !== null) go(waiting.kind, waiting.id)
    },
    setReadOnly: (readOnly) => cards?.setReadOnly(readOnly)
  }
}
