/**
 * Keep a writer's caret right after their own text when someone else types at the same spot
 * (issue 12, item 2).
 *
 * y-prosemirror 1.3.6+ remembers the selection before each Yjs transaction as relative
 * positions associated to the character on their *right* (its fix of yjs/y-prosemirror#190,
 * undo's caret). After a remote insert at the caret, the caret is put back after the other
 * person's text, so the next key lands after it: in Yjs, inserts at one position are ordered by
 * client id, and three phones typing at one spot interleave letter by letter ("VVViii…").
 * Associated to the character on the *left*, the caret stays after the writer's own text, each
 * writer's next character follows their previous one, and the runs stay whole — what
 * y-prosemirror did before 1.3.6, and what its 2.0 line does again at the end of a text.
 * Undo and redo are left as y-prosemirror does them.
 * @module views/charter/caret-bias
 */

import { Plugin } from 'prosemirror-state'
import * as Y from 'yjs'
import { ySyncPluginKey } from 'y-prosemirror'

/**
 * The same place as `position`, associated to what is on its left.
 * @param {Y.Doc} doc
 * @param {Y.RelativePosition | null} position
 * @returns {Y.RelativePosition | null}
 */
const leftAssociated = (doc, position) => {
  if (position === null || position.assoc < 0) return position
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc)
  // In a paragraph's text, or in an empty paragraph; between blocks y-prosemirror's choice stands.
  const inText = absolute !== null && (absolute.type instanceof Y.XmlText || (absolute.type instanceof Y.XmlElement && absolute.type.length === 0))
  if (absolute === null || !inText) return position
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1)
}

/**
 * A plugin that makes the end of the selection y-prosemirror restores after a remote change
 * stick to the text before it. Put it after `ySyncPlugin`, whose binding it adjusts.
 * @returns {Plugin}
 */
export const caretAfterOwnTextPlugin = () => new Plugin({
  view: (view) => {
    const binding = ySyncPluginKey.getState(view.state)?.binding
    if (!binding) throw new Error('caretAfterOwnTextPlugin needs ySyncPlugin before it')
    /** @type {Y.Doc} */
    const doc = binding.doc
    // The binding takes the selection in `beforeAllTransactions` (its handler registered
    // before ours, when its view was made); the first `beforeTransaction` after it says why.
    let taken = false
    const take = () => { taken = true }
    /** @param {Y.Transaction} transaction */
    const adjust = (transaction) => {
      if (!taken) return
      taken = false
      const selection = binding.beforeTransactionSelection
      // Undo and redo keep y-prosemirror's caret: after the text they bring back (its #190).
      if (transaction.origin instanceof Y.UndoManager || selection === null || selection.type !== 'text') return
      const { anchor, head } = binding.prosemirrorView.state.selection
      // A range keeps its start associated to the right: remote text at either edge stays out.
      binding.beforeTransactionSelection = {
        ...selection,
        anchor: anchor >= head ? leftAssociated(doc, selection.anchor) : selection.anchor,
        head: head >= anchor ? leftAssociated(doc, selection.head) : selection.head
      }
    }
    doc.on('beforeAllTransactions', take)
    doc.on('beforeTransaction', adjust)
    return {
      destroy: () => {
        doc.off('beforeAllTransactions', take)
        doc.off('beforeTransaction', adjust)
      }
    }
  }
})
