/**
 * "Bring everyone here" (docs/protocol.md, `focus.set`): the facilitator's button, and on a
 * participant's screen the brief highlight and the dismissible note that says who sent them.
 * @module views/facilitation/focus
 */

import { h } from '../../ui/dom.js'
import { t } from '../../i18n.js'

/** How long the target stays highlighted, in ms (the CSS animation lasts as long). */
const HIGHLIGHT_MS = 2400
/** How long the note stays unless closed, in ms. */
const TOAST_MS = 8000

/**
 * The facilitator's "Bring everyone here" button for one zone, cluster or section.
 * @param {(command: Record<string, unknown>) => boolean} send
 * @param {(text: string) => void} announce
 * @param {'zone' | 'cluster' | 'section'} kind
 * @param {string} id
 * @param {Record<string, string | boolean>} [attributes]
 * @returns {HTMLButtonElement}
 */
export const focusButton = (send, announce, kind, id, attributes = {}) => {
  // Shaped like the map's icon buttons: where tools are tight (the wall) only the icon shows.
  const button = h('button', { type: 'button', class: 'btn btn-secondary tv-icon-btn tv-focus-btn', title: t('focus.here'), 'data-focus-set': kind, ...attributes }, [
    h('span', { class: 'tv-icon-btn__icon', 'aria-hidden': 'true' }, ['◎']),
    h('span', { class: 'tv-icon-btn__label' }, [t('focus.here')])
  ])
  button.addEventListener('click', () => {
    if (send({ type: 'focus.set', kind, id })) announce(t('focus.sent'))
  })
  return button
}

/**
 * Highlight `element` for a moment (an outline that fades; still under reduced motion).
 * @param {HTMLElement} element
 */
export const highlight = (element) => {
  delete element.dataset.focusHighlight
  // Restart the animation when the same target is sent again.
  void element.offsetWidth
  element.dataset.focusHighlight = 'true'
  setTimeout(() => { delete element.dataset.focusHighlight }, HIGHLIGHT_MS)
}

/**
 * The small note "The facilitator has gathered everyone here", with a close button.
 * @param {HTMLElement} parent where the note lives (it is fixed on screen)
 * @returns {{ show: () => void }}
 */
export const focusToast = (parent) => {
  const text = h('span', { class: 'tv-focus-toast__text' }, [t('focus.toast')])
  const close = h('button', { type: 'button', class: 'tv-focus-toast__close', 'aria-label': t('focus.dismiss'), 'data-focus-dismiss': true }, [
    h('span', { 'aria-hidden': 'true' }, ['✕'])
  ])
  const element = h('div', { class: 'tv-focus-toast', role: 'status', 'data-focus-toast': true, hidden: true }, [text, close])
  parent.append(element)
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer
  const hide = () => {
    clearTimeout(timer)
    element.hidden = true
  }
  close.addEventListener('click', hide)
  return {
    show: () => {
      clearTimeout(timer)
      element.hidden = false
      timer = setTimeout(hide, TOAST_MS)
    }
  }
}

/**
 * Follow the `focus` of `session` messages: call `go` once for each new `seq` (also the first
 * one a late joiner receives), never again for the same one (a reconnect resends it).
 * @returns {(focus: { kind: string, id: string, seq: number } | null, go: (kind: string, id: string) => void) => void}
 */
export const focusFollower = () => {
  /** @type {number | null} */
  let seen = null
  return (focus, go) => {
    if (focus === null || focus.seq === seen) return
    seen = focus.seq
    go(focus.kind, focus.id)
  }
}
