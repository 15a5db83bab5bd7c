/**
 * The session strip under the site header, on every screen: phase, lock, anonymity, focus, timer.
 * @module facilitation/banner
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { focusTarget, phaseName } from './labels.js'
import { createCountdown } from './timer.js'

/** @typedef {import('../sync/server-messages.js').SessionMessage} SessionMessage */

/**
 * @typedef {object} Banner
 * @property {(session: SessionMessage) => void} update
 * @property {HTMLElement} tools where the facilitator's panel toggle goes
 * @property {import('./timer.js').Countdown} countdown
 */

const SVG = 'http://www.w3.org/2000/svg'

/**
 * A small padlock drawn inline: no icon font, no emoji font needed on the projector's laptop.
 * @returns {SVGSVGElement}
 */
const padlock = () => {
  const svg = document.createElementNS(SVG, 'svg')
  svg.setAttribute('viewBox', '0 0 16 16')
  svg.setAttribute('class', 'tv-session__icon')
  svg.setAttribute('aria-hidden', 'true')
  const shackle = document.createElementNS(SVG, 'path')
  shackle.setAttribute('d', 'M4.5 7V5a3.5 3.5 0 0 1 7 0v2')
  shackle.setAttribute('fill', 'none')
  shackle.setAttribute('stroke', 'currentColor')
  shackle.setAttribute('stroke-width', '1.8')
  const body = document.createElementNS(SVG, 'rect')
  for (const [name, value] of Object.entries({ x: '2.5', y: '7', width: '11', height: '8', rx: '1.5', fill: 'currentColor' })) {
    body.setAttribute(name, value)
  }
  svg.append(shackle, body)
  return svg
}

/**
 * Fill the server's `[data-session]` strip and keep it current.
 * @param {HTMLElement} strip
 * @param {object} options
 * @param {import('yjs').Doc} options.doc for the title of what the focus points at
 * @param {boolean} options.facilitator facilitators see "locked for participants"
 * @param {(text: string) => void} options.announce
 * @returns {Banner}
 */
export const mountBanner = (strip, { doc, facilitator, announce }) => {
  const phase = h('span', { class: 'tv-session__phase', 'data-session-phase': true })
  const lock = h('span', { class: 'tv-session__lock', 'data-session-locked': true, hidden: true }, [padlock()])
  const lockText = h('span', {})
  lock.append(lockText)
  const anonymous = h('span', { class: 'tv-session__badge', 'data-session-anonymous': true, hidden: true }, [t('session.anonymous')])
  const focus = h('span', { class: 'tv-session__focus', 'data-session-focus': true, hidden: true })
  const countdown = createCountdown(announce)
  const tools = h('span', { class: 'tv-session__tools' })
  // What a phase allows is said by the views, beside what it concerns. Changes of phase and
  // lock are announced; the strip itself is not a live region, so the
  // countdown's digits are not read out every second.
  strip.replaceChildren(
    h('div', { class: 'tv-session__main' }, [phase, lock, anonymous, focus]),
    countdown.element,
    tools
  )
  strip.hidden = false

  /** @type {SessionMessage | null} */
  let last = null
  /** @type {import('../sync/server-messages.js').SessionFocus | null} */
  let shownFocus = null

  const renderFocus = () => {
    focus.hidden = shownFocus === null
    focus.textContent = shownFocus ? t('session.focus', { target: focusTarget(doc, shownFocus) }) : ''
  }
  // A zone or section renamed while in focus: follow its title.
  doc.on('afterTransaction', () => {
    if (shownFocus !== null) renderFocus()
  })

  return {
    tools,
    countdown,
    update: (session) => {
      strip.dataset.phase = session.phase
      strip.dataset.locked = String(session.locked)
      phase.textContent = phaseName(session.phase)
      phase.setAttribute('aria-label', `${t('session.phaseLabel')}: ${phaseName(session.phase)}`)
      lock.hidden = !session.locked
      lockText.textContent = t(facilitator ? 'session.lockedForOthers' : 'session.locked')
      anonymous.hidden = !session.anonymous
      shownFocus = session.focus
      renderFocus()
      countdown.update(session.timer)
      if (last !== null && last.phase !== session.phase) announce(t('session.phaseAnnounce', { phase: phaseName(session.phase) }))
      else if (last !== null && last.locked !== session.locked) announce(session.locked ? lockText.textContent : t('session.unlocked'))
      last = session
    }
  }
}
