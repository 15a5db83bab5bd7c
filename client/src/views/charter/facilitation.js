/**
 * The charter under the facilitator's session: what participants may do in each phase (with
 * the reason on screen), their private everyday examples, and "bring everyone here" to a
 * section (a phone opens it, a laptop scrolls to it).
 * @module views/charter/facilitation
 */

import { createItemId } from '../../sync/ids.js'
import { t } from '../../i18n.js'
import { focusFollower, focusToast, highlight } from '../facilitation/focus.js'
import { OPEN_POLICY, policyOf, reasonLine } from '../facilitation/policy.js'
import { createPrivateNotes } from '../facilitation/private-notes.js'

/**
 * @typedef {object} CharterFacilitation
 * @property {HTMLElement} reason the line that says why editing is off
 * @property {() => import('../facilitation/policy.js').Policy} policy
 * @property {(section: string, fields: import('./example-item.js').ExampleFields) => void} addPrivately
 * @property {import('./private-examples.js').PrivateExampleActions} privateActions
 * @property {(session: import('../facilitation/policy.js').ViewSession) => void} onSession
 * @property {(message: import('../facilitation/policy.js').ViewPrivate) => void} onPrivate
 * @property {() => void} drawn the sections were drawn again
 */

/**
 * @param {object} options
 * @param {HTMLElement} options.root the charter's element (the note about focus lives in it)
 * @param {string} options.boardId
 * @param {boolean} options.facilitator
 * @param {boolean} options.present
 * @param {import('yjs').Map<unknown>} options.examples the document's examples
 * @param {Map<string, import('./section.js').SectionView>} options.views
 * @param {() => boolean} options.phone whether a phone shows one section at a time
 * @param {(id: string) => void} options.open show one section alone on a phone
 * @param {(command: Record<string, unknown>) => boolean} options.send
 * @param {(text: string) => void} options.announce
 * @param {() => void} options.apply the policy changed: redraw what follows it
 * @returns {CharterFacilitation}
 */
export const createCharterFacilitation = ({ root, boardId, facilitator, present, examples, views, phone, open, send, announce, apply }) => {
  const participant = !facilitator && !present
  let policy = OPEN_POLICY
  const reason = reasonLine()
  const notes = createPrivateNotes({ boardId, send, announce, inDocument: (id) => examples.has(id) })
  const follow = focusFollower()
  const toast = participant ? focusToast(root) : null
  /** A section not drawn yet (the first sync is still on its way). @type {string | null} */
  let waiting = null

  const drawPrivate = () => {
    if (!participant) return
    /** @type {Map<string, import('../facilitation/private-notes.js').PrivateNote[]>} */
    const bySection = new Map()
    for (const note of notes.list()) {
      const section = typeof note.fields.section === 'string' ? note.fields.section : ''
      const list = bySection.get(section)
      if (list) list.push(note)
      else bySection.set(section, [note])
    }
    views.forEach((view, id) => view.setPrivateExamples(bySection.get(id) ?? [], policy.writePrivately))
  }
  notes.subscribe(drawPrivate)

  /**
   * Bring this screen to section `id`: a phone opens it, a laptop scrolls to it; it is
   * highlighted for a moment and a note says who asked.
   * @param {string} kind
   * @param {string} id
   */
  const go = (kind, id) => {
    if (kind !== 'section') return
    const view = views.get(id)
    waiting = view === undefined ? id : null
    if (view === undefined) return
    if (phone()) {
      open(id)
    } else {
      const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches
      view.element.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' })
    }
    highlight(view.element)
    toast?.show()
  }

  return {
    reason: reason.element,
    policy: () => policy,
    addPrivately: (section, fields) => {
      announce(t('private.saved'))
      notes.put(createItemId(), { section, ...fields, created: Date.now() })
    },
    privateActions: {
      put: (id, fields) => notes.put(id, fields),
      remove: (id) => {
        notes.remove(id)
        announce(t('charter.example.deleted'))
      }
    },
    onSession: (session) => {
      if (!participant) return
      policy = policyOf(session, false)
      reason.update(policy)
      apply()
      drawPrivate()
      // The session comes first on every new connection: send what waited meanwhile.
      notes.resend()
      follow(session.focus, go)
    },
    onPrivate: (message) => {
      if (message.root === 'examples') notes.receive(message.items)
    },
    drawn: () => {
      drawPrivate()
      if (waiting !== null) go('section', waiting)
    }
  }
}
