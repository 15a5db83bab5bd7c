/**
 * The board views, one per engine (see `boards/`): the engine slug picks the view.
 * @module views
 */

import { h } from '../dom.js'
import { t } from '../i18n.js'
import { mountNotesView } from './notes.js'

/** @typedef {import('./notes.js').ViewContext} ViewContext */
/** @typedef {import('./notes.js').BoardView} BoardView */

/** @type {Record<string, (container: HTMLElement, context: ViewContext) => BoardView>} */
const VIEWS = {
  notes: mountNotesView
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
