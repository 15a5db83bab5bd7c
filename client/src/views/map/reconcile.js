/**
 * Keyed DOM ordering that never detaches the element holding focus (an open editor, a
 * half-written field), so remote changes cannot blur it or drop the phone's keyboard.
 * @module views/map/reconcile
 */

/**
 * Insert `elements` in sequence from `cursor` on, moving only those out of place.
 * @param {Element} parent
 * @param {Element[]} elements
 * @param {ChildNode | null} cursor
 */
const placeRun = (parent, elements, cursor) => {
  for (const element of elements) {
    if (element === cursor) cursor = cursor.nextSibling
    else parent.insertBefore(element, cursor)
  }
}

/**
 * Make `desired` the children of `parent`, in that order, ahead of any other children.
 *
 * The child holding focus stays where it is and the others are arranged around it. Children
 * not in `desired` are left after them (the caller removes what should go).
 * @param {Element} parent
 * @param {Element[]} desired
 */
export const arrangeChildren = (parent, desired) => {
  const active = document.activeElement
  const anchorIndex =
    active === null || active === document.body ? -1 : desired.findIndex((element) => element.contains(active))
  const anchor = anchorIndex >= 0 ? desired[anchorIndex] : null
  if (anchor === null || anchor.parentNode !== parent) {
    placeRun(parent, desired, parent.firstChild)
    return
  }
  placeRun(parent, desired.slice(0, anchorIndex), parent.firstChild)
  placeRun(parent, desired.slice(anchorIndex + 1), anchor.nextSibling)
}

/**
 * Run `change` (which may move the focused element to another parent) and put focus and the
 * text selection back where they were.
 * @param {() => void} change
 */
export const keepingFocus = (change) => {
  const active = document.activeElement
  const field = active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement ? active : null
  let selection = null
  try {
    selection = field ? [field.selectionStart, field.selectionEnd] : null
  } catch {
    // Inputs such as checkboxes have no selection.
  }
  change()
  if (active instanceof HTMLElement && active !== document.activeElement && active.isConnected) {
    active.focus({ preventScroll: true })
    if (field !== null && selection !== null && selection[0] !== null && selection[1] !== null) {
      try {
        field.setSelectionRange(selection[0], selection[1])
      } catch {
        // Not a text field.
      }
    }
  }
}
