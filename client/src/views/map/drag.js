/**
 * Drag notes between zones and clusters with pointer events (mouse, pen and touch).
 *
 * A mouse drags a note by its body; touch and pen by its handle (`[data-drag-handle]`, which
 * has `touch-action: none`), so a finger on a note still scrolls the page. The keyboard and
 * screen-reader way to do the same are each note's "Move to zone", "Move up" and "Move down".
 * @module views/map/drag
 */

import { h } from '../../ui/dom.js'

/** How far a pointer must travel before a press becomes a drag, in CSS pixels. */
const DRAG_THRESHOLD_PX = 6
/** Within this distance of an edge the page (or the row of zones) scrolls, in CSS pixels. */
const EDGE_PX = 56
/** Fastest auto-scroll, in CSS pixels per frame. */
const EDGE_SPEED_PX = 18

/**
 * @typedef {object} DropTarget
 * @property {HTMLElement} list the `[data-drop-list]` it goes into
 * @property {HTMLElement | null} before the item it goes before, `null` for the end
 */

/**
 * The items of `list` a note can be dropped between, without `dragged`.
 * @param {HTMLElement} list
 * @param {Element} dragged
 * @returns {HTMLElement[]}
 */
const itemsOf = (list, dragged) =>
  /** @type {HTMLElement[]} */ ([...list.children].filter(
    (child) => child !== dragged && child instanceof HTMLElement && child.matches('[data-note-id], [data-cluster-id]')
  ))

/**
 * The item the pointer is before in reading order: in a one-column list, above an item's
 * middle; in a grid of notes, above its row or left of its middle within it.
 * @param {HTMLElement} list
 * @param {HTMLElement[]} items
 * @param {number} x
 * @param {number} y
 * @returns {HTMLElement | null}
 */
const itemAfter = (list, items, x, y) => {
  const width = list.getBoundingClientRect().width
  for (const item of items) {
    const rect = item.getBoundingClientRect()
    if (rect.width >= width * 0.9) {
      if (y < rect.top + rect.height / 2) return item
    } else if (y < rect.top || (y <= rect.bottom && x < rect.left + rect.width / 2)) {
      return item
    }
  }
  return null
}

/**
 * The key of a list item for the drop callback: `n:{id}` or `c:{id}`.
 * @param {HTMLElement} item
 * @returns {string}
 */
const itemKey = (item) => (item.dataset.noteId !== undefined ? 'n:' + item.dataset.noteId : 'c:' + (item.dataset.clusterId ?? ''))

/**
 * Let the facilitator drag notes within `root`.
 * @param {HTMLElement} root the zones
 * @param {object} options
 * @param {HTMLElement} options.scroller the row of zones, which scrolls sideways on a phone
 * @param {HTMLElement} options.layer where the dragged copy and the drop marker are drawn:
 *   inside the view (so its styles apply), outside the scaled map (so `fixed` is the window's)
 * @param {() => boolean} options.enabled
 * @param {(noteId: string, container: string, beforeKey: string | null) => void} options.drop
 */
export const enableDragging = (root, { scroller, layer, enabled, drop }) => {
  /** @type {{ card: HTMLElement, id: string, pointerId: number, startX: number, startY: number, x: number, y: number, offsetX: number, offsetY: number, ghost: HTMLElement | null, target: DropTarget | null, frame: number } | null} */
  let drag = null
  const marker = h('div', { class: 'tv-drop-marker', 'aria-hidden': 'true', hidden: true })

  /** @param {{ x: number, y: number, card: HTMLElement }} state */
  const findTarget = ({ x, y, card }) => {
    const under = document.elementFromPoint(x, y)
    if (!(under instanceof Element) || !root.contains(under)) return null
    let list = under.closest('[data-drop-list]')
    if (!(list instanceof HTMLElement)) {
      const zone = under.closest('[data-zone-id]')
      list = zone ? zone.querySelector('[data-drop-list]') : null
    }
    if (!(list instanceof HTMLElement)) return null
    return { list, before: itemAfter(list, itemsOf(list, card), x, y) }
  }

  /** @param {DropTarget | null} target */
  const showMarker = (target) => {
    if (target === null || drag === null) {
      marker.hidden = true
      return
    }
    const items = itemsOf(target.list, drag.card)
    const listRect = target.list.getBoundingClientRect()
    const anchor = target.before ?? items[items.length - 1] ?? null
    const rect = anchor ? anchor.getBoundingClientRect() : listRect
    const vertical = anchor !== null && rect.width < listRect.width * 0.9
    marker.hidden = false
    marker.dataset.direction = vertical ? 'vertical' : 'horizontal'
    if (vertical) {
      const left = target.before ? rect.left - 5 : rect.right + 3
      Object.assign(marker.style, { left: `${left}px`, top: `${rect.top}px`, width: '4px', height: `${rect.height}px` })
    } else {
      const top = anchor === null ? rect.top + 2 : target.before ? rect.top - 5 : rect.bottom + 3
      Object.assign(marker.style, { left: `${listRect.left}px`, top: `${top}px`, width: `${listRect.width}px`, height: '4px' })
    }
  }

  /** Scroll the page and the row of zones while the pointer rests near their edges. */
  const edgeScroll = () => {
    if (drag === null || drag.ghost === null) return
    const { x, y } = drag
    /** @param {number} distance */
    const speed = (distance) => Math.ceil(EDGE_SPEED_PX * (1 - Math.min(Math.max(distance, 0), EDGE_PX) / EDGE_PX))
    // The page's top edge is under its sticky header.
    const header = document.querySelector('.site-header')
    const top = header instanceof HTMLElement ? Math.max(header.getBoundingClientRect().bottom, 0) : 0
    if (y < top + EDGE_PX) window.scrollBy(0, -speed(y - top))
    else if (y > window.innerHeight - EDGE_PX) window.scrollBy(0, speed(window.innerHeight - y))
    if (scroller.scrollWidth > scroller.clientWidth) {
      const rect = scroller.getBoundingClientRect()
      if (x < rect.left + EDGE_PX) scroller.scrollLeft -= speed(x - rect.left)
      else if (x > rect.right - EDGE_PX) scroller.scrollLeft += speed(rect.right - x)
    }
    drag.target = findTarget(drag)
    showMarker(drag.target)
    drag.frame = requestAnimationFrame(edgeScroll)
  }

  /** @param {HTMLElement} card */
  const makeGhost = (card) => {
    const ghost = /** @type {HTMLElement} */ (card.cloneNode(true))
    ghost.removeAttribute('data-note-id')
    ghost.querySelectorAll('[id]').forEach((element) => element.removeAttribute('id'))
    ghost.setAttribute('aria-hidden', 'true')
    ghost.inert = true
    ghost.classList.add('tv-drag-ghost')
    ghost.style.width = `${card.getBoundingClientRect().width}px`
    layer.append(ghost)
    return ghost
  }

  /** @param {boolean} commit */
  const finish = (commit) => {
    if (drag === null) return
    const { ghost, target, card, id, frame } = drag
    drag = null
    window.removeEventListener('pointermove', onMove)
    window.removeEventListener('pointerup', onUp)
    window.removeEventListener('pointercancel', onCancel)
    window.removeEventListener('keydown', onKey, true)
    if (ghost === null) return
    cancelAnimationFrame(frame)
    ghost.remove()
    marker.hidden = true
    delete card.dataset.dragging
    document.documentElement.classList.remove('tv-dragging')
    // The click that ends a mouse drag must not press a button under the pointer.
    const swallow = (/** @type {Event} */ event) => event.stopPropagation()
    window.addEventListener('click', swallow, { capture: true, once: true })
    setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0)
    if (commit && target !== null && target.list.dataset.container) {
      drop(id, target.list.dataset.container, target.before ? itemKey(target.before) : null)
    }
  }

  /** @param {PointerEvent} event */
  const onMove = (event) => {
    if (drag === null || event.pointerId !== drag.pointerId) return
    drag.x = event.clientX
    drag.y = event.clientY
    if (drag.ghost === null) {
      if (Math.hypot(drag.x - drag.startX, drag.y - drag.startY) < DRAG_THRESHOLD_PX) return
      // Drop text the press began to select, but leave a field's caret (and the page) alone.
      const active = document.activeElement
      if (!(active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement)) window.getSelection()?.removeAllRanges()
      drag.ghost = makeGhost(drag.card)
      drag.card.dataset.dragging = 'true'
      document.documentElement.classList.add('tv-dragging')
      if (!marker.isConnected) layer.append(marker)
      drag.frame = requestAnimationFrame(edgeScroll)
    }
    event.preventDefault()
    drag.ghost.style.transform = `translate(${drag.x - drag.offsetX}px, ${drag.y - drag.offsetY}px)`
  }
  /** @param {PointerEvent} event */
  const onUp = (event) => {
    if (drag !== null && event.pointerId === drag.pointerId) {
      if (drag.ghost !== null) drag.target = findTarget(drag)
      finish(true)
    }
  }
  /** @param {PointerEvent} event */
  const onCancel = (event) => {
    if (drag !== null && event.pointerId === drag.pointerId) finish(false)
  }
  /** @param {KeyboardEvent} event */
  const onKey = (event) => {
    if (event.key === 'Escape' && drag !== null) {
      event.preventDefault()
      finish(false)
    }
  }

  root.addEventListener('pointerdown', (event) => {
    if (drag !== null || event.button !== 0 || !enabled()) return
    const target = event.target instanceof Element ? event.target : null
    const card = target?.closest('[data-note-id]')
    if (!(card instanceof HTMLElement) || !root.contains(card) || card.dataset.editing === 'true') return
    const handle = target?.closest('[data-drag-handle]')
    if (event.pointerType !== 'mouse' && !handle) return
    if (!handle && target?.closest('button, input, select, textarea, a, label, form')) return
    const id = card.dataset.noteId
    if (id === undefined) return
    const rect = card.getBoundingClientRect()
    drag = {
      card,
      id,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      x: event.clientX,
      y: event.clientY,
      offsetX: event.clientX - rect.left,
      offsetY: event.clientY - rect.top,
      ghost: null,
      target: null,
      frame: 0
    }
    if (handle) event.preventDefault()
    window.addEventListener('pointermove', onMove)
    window.addEventListener('pointerup', onUp)
    window.addEventListener('pointercancel', onCancel)
    window.addEventListener('keydown', onKey, true)
  })
}
