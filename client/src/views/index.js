/**
 * The board views, one per engine (see `boards/`): the engine slug picks the view.
 * @module views
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { mountCharterView } from './charter/index.js'
import { mountMapView } from './map/index.js'
import { mountNotesView } from './notes.js'

/**
 * What every view gets from the board page.
 * @typedef {object} ViewContext
 * @property {import('yjs').Doc} doc
 * @property {import('../sync/ownership.js').Ownership} ownership
 * @property {(text: string) => void} announce
 * @property {string} role `participant` or `facilitator`, as the page was rendered
 * @property {'edit' | 'present'} mode `present` is the projector's view without editing chrome
 * @property {import('../sync/presence.js').Awareness} awareness
 * @property {(command: Record<string, unknown>) => boolean} send send a Tavle command to the
 *   server; without a connection it tells the user and gives `false`
 * @property {string} boardId for the board's HTTP routes (exports, versions)
 */

/**
 * @typedef {object} BoardView
 * @property {(readOnly: boolean) => void} setReadOnly
 * @property {(vote: import('../sync/server-messages.js').VoteMessage) => void} [onVote]
 * @property {(reactions: import('../sync/server-messages.js').ReactionsMessage) => void} [onReactions]
 * @property {(session: import('./facilitation/policy.js').ViewSession) => void} [onSession]
 * @property {(message: import('./facilitation/policy.js').ViewPrivate) => void} [onPrivate]
 * @property {(message: import('../sync/server-messages.js').GroupMessage) => void} [onGroup] one's
 *   own table group (maps)
 * @property {(message: import('../sync/server-messages.js').GroupsMessage) => void} [onGroups] the
 *   facilitator's overview of the table groups (maps)
 * @property {(changes: import('./change-mark.js').NoteChanges | null) => void} [highlight] mark
 *   the notes that changed between two points of the history (maps and note lists)
 */

/** @type {Record<string, (container: HTMLElement, context: ViewContext) => BoardView>} */
const VIEWS = {
  notes: mountNotesView,
  map: mountMapView,
  charter: mountCharterView
}

/**
 * Render the view for `engine` into `container`, or say that this client cannot show it.
 * @param {HTMLElement} container
 * @param {string} engine
 * @param {ViewContext} context
 * @returns {BoardView}
 */
export const mountBoardView = (container, engine, context) => {
  const mount = Object.prototype.hasOwnProperty.call(VIEWS, engine) ? VIEWS[engine] : undefined
  if (mount !== undefined) return mount(container, context)
  container.replaceChildren(h('p', { class: 'tv-notes-empty', 'data-unsupported': true }, [t('board.unsupported')]))
  return { setReadOnly: () => {} }
}
