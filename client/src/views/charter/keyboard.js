/**
 * Keep a phone's formatting toolbar just above the on-screen keyboard. The keyboard shrinks
 * only the visual viewport (iOS, and Chrome on Android by default), so the page learns how far
 * the visual viewport's foot sits above the layout viewport's, as `--tv-keyboard-lift` on
 * `<html>`; the stylesheet pins the open section's toolbar there on narrow screens. The
 * toolbar stays pinned whether or not the editor has the focus, so focusing or leaving the
 * editor never shifts the page under a finger.
 * @module views/charter/keyboard
 */

let following = false

/** Start following the visual viewport (once per page). */
export const followKeyboard = () => {
  const viewport = window.visualViewport
  if (following || !viewport) return
  following = true
  const root = document.documentElement
  const place = () => {
    const lift = Math.max(0, Math.round(window.innerHeight - (viewport.offsetTop + viewport.height)))
    root.style.setProperty('--tv-keyboard-lift', `${lift}px`)
  }
  viewport.addEventListener('resize', place)
  viewport.addEventListener('scroll', place)
  place()
}
