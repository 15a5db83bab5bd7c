/**
 * The wording editors' formatting: key bindings and a small toolbar of real buttons (bold,
 * italic, bullet list, numbered list, undo, redo) whose `aria-pressed` follows the selection.
 * @module views/charter/toolbar
 */

import { baseKeymap, chainCommands, exitCode, toggleMark } from 'prosemirror-commands'
import { keymap } from 'prosemirror-keymap'
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list'
import { h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { schema } from './schema.js'

/**
 * @typedef {import('prosemirror-state').EditorState} EditorState
 * @typedef {import('prosemirror-state').Command} Command
 * @typedef {import('prosemirror-view').EditorView} EditorView
 * @typedef {import('prosemirror-model').NodeType} NodeType
 */

const { strong, em } = schema.marks
const { bullet_list: bulletList, ordered_list: orderedList, list_item: listItem, hard_break: hardBreak } = schema.nodes

/** @type {Command} */
const insertHardBreak = chainCommands(exitCode, (state, dispatch) => {
  dispatch?.(state.tr.replaceSelectionWith(hardBreak.create()).scrollIntoView())
  return true
})

/**
 * The list type the selection sits in (the innermost list), or `null`.
 * @param {EditorState} state
 * @returns {{ type: NodeType, depth: number } | null}
 */
const listAround = (state) => {
  const { $from } = state.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth)
    if (node.type === bulletList || node.type === orderedList) return { type: node.type, depth }
  }
  return null
}

/**
 * Toggle a list of `type`: lift out of it, switch the list's type, or wrap in a new one.
 * @param {NodeType} type
 * @returns {Command}
 */
const toggleList = (type) => (state, dispatch) => {
  const around = listAround(state)
  if (around === null) return wrapInList(type)(state, dispatch)
  if (around.type === type) return liftListItem(listItem)(state, dispatch)
  if (dispatch) {
    const position = state.selection.$from.before(around.depth)
    dispatch(state.tr.setNodeMarkup(position, type).scrollIntoView())
  }
  return true
}

/**
 * Whether mark `type` is on at the selection (or will be, for the next typed text).
 * @param {EditorState} state
 * @param {import('prosemirror-model').MarkType} type
 * @returns {boolean}
 */
const markActive = (state, type) => {
  const { from, $from, to, empty } = state.selection
  if (empty) return type.isInSet(state.storedMarks || $from.marks()) !== undefined
  return state.doc.rangeHasMark(from, to, type)
}

/**
 * Key bindings for a wording editor; `history` adds undo and redo.
 * @param {{ undo: Command, redo: Command } | null} history
 * @returns {import('prosemirror-state').Plugin[]}
 */
export const wordingKeymaps = (history) => [
  keymap({
    ...(history ? { 'Mod-z': history.undo, 'Mod-y': history.redo, 'Shift-Mod-z': history.redo } : {}),
    'Mod-b': toggleMark(strong),
    'Mod-i': toggleMark(em),
    'Shift-Enter': insertHardBreak,
    Enter: splitListItem(listItem),
    // Only inside a list; elsewhere Tab moves the focus on as usual.
    Tab: sinkListItem(listItem),
    'Shift-Tab': liftListItem(listItem),
    // A way out for keyboard users: leave the editor, then Tab on.
    Escape: (_state, _dispatch, view) => {
      if (view) /** @type {HTMLElement} */ (view.dom).blur()
      return view !== undefined
    }
  }),
  keymap(baseKeymap)
]

/**
 * @typedef {object} Toolbar
 * @property {HTMLElement} element
 * @property {(state: EditorState, editable: boolean) => void} update
 */

/**
 * A toolbar for the editor `view()` gives (created after it).
 * @param {() => EditorView | null} view
 * @param {string} label accessible name of the toolbar
 * @param {{ undo: Command, redo: Command } | null} history
 * @returns {Toolbar}
 */
export const createToolbar = (view, label, history) => {
  /** @type {Array<{ button: HTMLButtonElement, command: Command, active: ((state: EditorState) => boolean) | null }>} */
  const tools = []
  /**
   * @param {string} key message key of the button's name
   * @param {string} icon
   * @param {string} name `data-format` value
   * @param {Command} command
   * @param {((state: EditorState) => boolean) | null} active
   */
  const add = (key, icon, name, command, active) => {
    // Named by hidden text, not aria-label: an icon of letters ("1.", "B") that the name
    // does not contain is a label-content-name-mismatch (WCAG 2.5.3, issue 12).
    const button = h('button', {
      type: 'button',
      class: 'tv-format',
      title: t(key),
      'data-format': name
    }, [
      h('span', { 'aria-hidden': 'true', class: `tv-format__icon tv-format__icon--${name}` }, [icon]),
      h('span', { class: 'sr-only' }, [t(key)])
    ])
    if (active !== null) button.setAttribute('aria-pressed', 'false')
    // Keep the focus (and a phone's keyboard) in the editor while pressing.
    button.addEventListener('mousedown', (event) => event.preventDefault())
    button.addEventListener('click', () => {
      const editor = view()
      if (editor === null || !editor.editable) return
      command(editor.state, editor.dispatch, editor)
      editor.focus()
    })
    tools.push({ button, command, active })
  }
  add('charter.format.bold', 'B', 'bold', toggleMark(strong), (state) => markActive(state, strong))
  add('charter.format.italic', 'I', 'italic', toggleMark(em), (state) => markActive(state, em))
  add('charter.format.bullets', '•', 'bullets', toggleList(bulletList), (state) => listAround(state)?.type === bulletList)
  add('charter.format.numbers', '1.', 'numbers', toggleList(orderedList), (state) => listAround(state)?.type === orderedList)
  if (history !== null) {
    add('charter.format.undo', '↶', 'undo', history.undo, null)
    add('charter.format.redo', '↷', 'redo', history.redo, null)
  }
  const element = h('div', { class: 'tv-toolbar', role: 'toolbar', 'aria-label': label, 'data-format-toolbar': true },
    tools.map((tool) => tool.button))

  // One Tab stop per toolbar; arrow keys, Home and End move between its buttons (the ARIA
  // toolbar pattern), so a laptop's dozen sections do not cost six stops each.
  let current = 0
  const roving = () => {
    const enabled = tools.filter((tool) => !tool.button.disabled)
    if (tools[current].button.disabled && enabled.length > 0) current = tools.indexOf(enabled[0])
    tools.forEach((tool, index) => tool.button.setAttribute('tabindex', index === current ? '0' : '-1'))
  }
  element.addEventListener('keydown', (event) => {
    const enabled = tools.filter((tool) => !tool.button.disabled)
    const at = enabled.findIndex((tool) => tool.button === document.activeElement)
    if (at < 0 || enabled.length === 0) return
    const step = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: enabled.length - 1 }[event.key]
    if (step === undefined) return
    event.preventDefault()
    const next = enabled[(step + enabled.length) % enabled.length]
    current = tools.indexOf(next)
    roving()
    next.button.focus()
  })

  return {
    element,
    update: (state, editable) => {
      for (const { button, command, active } of tools) {
        button.disabled = !editable || !command(state)
        if (active !== null) button.setAttribute('aria-pressed', String(editable && active(state)))
      }
      roving()
    }
  }
}
