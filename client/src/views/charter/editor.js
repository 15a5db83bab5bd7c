/**
 * The wording editors: a section's live one, bound to its `Y.XmlFragment` with y-prosemirror
 * (shared text, remote carets, undo of one's own edits), and the plain draft editor of a
 * proposal, which is not bound to Yjs.
 * @module views/charter/editor
 */

import { EditorState } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import { initProseMirrorDoc, redoCommand, undoCommand, yCursorPlugin, ySyncPlugin, ySyncPluginKey, yUndoPlugin } from 'y-prosemirror'
import { h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { userOf } from '../../sync/presence.js'
import { caretAfterOwnTextPlugin } from './caret-bias.js'
import { awarenessFor } from './cursor-awareness.js'
import { watchMovedText } from './moved-text.js'
import { schema } from './schema.js'
import { createToolbar, wordingKeymaps } from './toolbar.js'

/**
 * @typedef {object} WordingEditor
 * @property {HTMLElement} element the toolbar and the editor
 * @property {HTMLElement} toolbar
 * @property {EditorView} view
 * @property {(editable: boolean) => void} setEditable
 * @property {(label: string, toolbarLabel: string) => void} setLabel the section was renamed
 * @property {() => void} destroy
 */

/**
 * A remote person's caret: a coloured bar with their name (as text, never HTML), or
 * "Anonymous" when presence carries none.
 * @param {unknown} user
 * @returns {HTMLElement}
 */
const caret = (user) => {
  const person = userOf({ user })
  const color = person?.color ?? '#455a64'
  // An anonymous board's presence carries no names (docs/protocol.md, `anonymous.set`).
  const name = person?.name || t('private.anonymous')
  const label = h('span', { class: 'tv-caret__name' }, [name])
  label.style.backgroundColor = color
  // Hidden from screen readers: the name would read as part of the text (presence lists people).
  const element = h('span', { class: 'tv-caret', 'aria-hidden': 'true', 'data-remote-caret': name }, ['\u2060', label, '\u2060'])
  element.style.borderColor = color
  return element
}

/**
 * A remote person's selection: their colour, pale enough for dark text.
 * @param {unknown} user
 * @returns {import('prosemirror-view').DecorationAttrs}
 */
const selection = (user) => ({
  class: 'tv-remote-selection',
  style: `background-color: ${userOf({ user })?.color ?? '#455a64'}33`
})

/**
 * Attributes of the editable element.
 * @param {string} label accessible name
 * @param {Record<string, string>} extra
 * @returns {Record<string, string>}
 */
const editorAttributes = (label, extra) => ({
  role: 'textbox',
  'aria-multiline': 'true',
  'aria-label': label,
  class: 'tv-wording',
  spellcheck: 'true',
  ...extra
})

/**
 * Mount the live editor of one section's wording.
 * @param {object} options
 * @param {import('yjs').XmlFragment} options.fragment
 * @param {import('../../sync/presence.js').Awareness} options.awareness
 * @param {string} options.label accessible name of the editor
 * @param {string} options.toolbarLabel
 * @param {boolean} options.editable
 * @param {boolean} options.toolbar whether to show the formatting toolbar
 * @param {(focused: boolean) => void} [options.onFocus]
 * @returns {WordingEditor}
 */
export const createWordingEditor = ({ fragment, awareness, label: initialLabel, toolbarLabel, editable, toolbar: withToolbar, onFocus }) => {
  let canEdit = editable
  let label = initialLabel
  const history = { undo: undoCommand, redo: redoCommand }
  /** @type {EditorView | null} */
  let view = null
  const toolbar = createToolbar(() => view, toolbarLabel, history)
  toolbar.element.hidden = !withToolbar
  const mount = h('div', { class: 'tv-wording-mount' })
  const { doc, mapping } = initProseMirrorDoc(fragment, schema)
  const state = EditorState.create({
    schema,
    doc,
    plugins: [
      ySyncPlugin(fragment, { mapping }),
      // After a remote insert at the caret, the caret stays after its writer's own text.
      caretAfterOwnTextPlugin(),
      // One awareness field for every editor: each sets it only while focused, and the
      // plugin ignores positions that belong to another fragment.
      // The plugin uses only getStates, getLocalState, setLocalStateField, on and off.
      yCursorPlugin(/** @type {any} */ (awarenessFor(awareness, fragment)), { cursorBuilder: caret, selectionBuilder: selection }),
      yUndoPlugin(),
      ...wordingKeymaps(history)
    ]
  })
  view = new EditorView(mount, {
    state,
    editable: () => canEdit,
    // Keep the caret clear of a phone's toolbar pinned above the keyboard.
    scrollMargin: { top: 16, bottom: 80, left: 5, right: 5 },
    scrollThreshold: { top: 16, bottom: 80, left: 0, right: 0 },
    attributes: () => editorAttributes(label, { 'aria-readonly': String(!canEdit), 'data-wording-editor': '' }),
    dispatchTransaction (transaction) {
      if (view === null) return
      view.updateState(view.state.apply(transaction))
      toolbar.update(view.state, canEdit)
    }
  })
  toolbar.update(view.state, canEdit)
  // Text two writers moved at once (both pressed Enter in one line) is kept once.
  const stopWatchingMoves = watchMovedText(fragment, ySyncPluginKey, () => canEdit)
  const dom = /** @type {HTMLElement} */ (view.dom)
  if (onFocus) {
    dom.addEventListener('focus', () => onFocus(true))
    dom.addEventListener('blur', () => onFocus(false))
  }
  const editor = view
  return {
    element: h('div', { class: 'tv-wording-editor' }, [toolbar.element, mount]),
    toolbar: toolbar.element,
    view: editor,
    setEditable: (value) => {
      if (value === canEdit) return
      canEdit = value
      if (!value && editor.hasFocus()) dom.blur()
      // Same props, read again: `editable` and the attributes follow `canEdit`.
      editor.setProps({ editable: () => canEdit })
      toolbar.update(editor.state, canEdit)
    },
    setLabel: (value, toolbarValue) => {
      if (value === label) return
      label = value
      toolbar.element.setAttribute('aria-label', toolbarValue)
      editor.setProps({})
    },
    destroy: () => {
      stopWatchingMoves()
      editor.destroy()
    }
  }
}

/**
 * @typedef {object} DraftEditor
 * @property {HTMLElement} element
 * @property {() => import('./model.js').PmNode} json the draft as ProseMirror JSON
 * @property {() => void} focus
 * @property {() => void} destroy
 */

/**
 * A plain editor for a proposed wording, starting from `initial` (ProseMirror JSON).
 * @param {import('./model.js').PmNode | null} initial
 * @param {string} label
 * @param {string} toolbarLabel
 * @returns {DraftEditor}
 */
export const createDraftEditor = (initial, label, toolbarLabel) => {
  let doc
  try {
    doc = initial === null ? undefined : schema.nodeFromJSON(initial)
    doc?.check()
  } catch {
    // Something outside the schema in the live wording: start from an empty page.
    doc = undefined
  }
  /** @type {EditorView | null} */
  let view = null
  const toolbar = createToolbar(() => view, toolbarLabel, null)
  const mount = h('div', { class: 'tv-wording-mount' })
  view = new EditorView(mount, {
    state: EditorState.create({ schema, doc, plugins: wordingKeymaps(null) }),
    attributes: editorAttributes(label, { 'data-draft-editor': '' }),
    dispatchTransaction (transaction) {
      if (view === null) return
      view.updateState(view.state.apply(transaction))
      toolbar.update(view.state, true)
    }
  })
  toolbar.update(view.state, true)
  const editor = view
  return {
    element: h('div', { class: 'tv-wording-editor tv-wording-editor--draft' }, [toolbar.element, mount]),
    json: () => editor.state.doc.toJSON(),
    focus: () => editor.focus(),
    destroy: () => editor.destroy()
  }
}
