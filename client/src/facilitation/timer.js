/**
 * The countdown on every screen: counts down from the time left when the server sent it.
 *
 * The server sends `remaining_ms`, never an end time (docs/protocol.md, Facilitation): the
 * client measures from its own receipt with `performance.now()`, so a phone whose clock is
 * minutes off still shows the room's time, and changing the clock mid-session changes nothing.
 * @module facilitation/timer
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { signalEnd } from './end-signal.js'
import { formatCountdown } from './labels.js'

const TICK_MS = 200

/**
 * @typedef {object} Countdown
 * @property {HTMLElement} element
 * @property {(timer: import('../sync/server-messages.js').SessionTimer | null) => void} update
 * @property {() => number | null} remainingMs what the screen shows now, `null` without a timer
 */

/**
 * Build the countdown; `announce` says the start and the end to screen readers.
 * @param {(text: string) => void} announce
 * @returns {Countdown}
 */
export const createCountdown = (announce) => {
  const digits = h('span', { class: 'tv-timer__digits', 'data-timer-digits': true }, ['00:00'])
  const state = h('span', { class: 'tv-timer__state', 'data-timer-state-label': true })
  const element = h('p', { class: 'tv-timer', 'data-timer': true, hidden: true, role: 'timer', 'aria-label': t('timer.label') }, [
    digits,
    state
  ])

  /** @type {import('../sync/server-messages.js').SessionTimer | null} */
  let current = null
  let receivedAt = 0
  let shown = ''
  let signalled = false
  let known = false
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let ticker

  const remaining = () => {
    if (current === null) return null
    if (current.ended) return 0
    if (!current.running) return current.remainingMs
    return Math.max(0, current.remainingMs - (performance.now() - receivedAt))
  }

  const end = () => {
    element.dataset.timerState = 'ended'
    state.textContent = t('timer.ended')
    if (!signalled) {
      signalled = true
      signalEnd()
      announce(t('timer.ended'))
    }
  }

  const render = () => {
    const left = remaining()
    if (left === null) return
    const text = formatCountdown(left)
    if (text !== shown) {
      shown = text
      digits.textContent = text
    }
    if (left === 0 && current?.running) end()
  }

  return {
    element,
    remainingMs: remaining,
    update: (timer) => {
      const first = !known
      known = true
      const before = current
      const leftBefore = remaining()
      current = timer
      receivedAt = performance.now()
      clearInterval(ticker)
      ticker = undefined
      element.hidden = timer === null
      if (timer === null) {
        delete element.dataset.timerState
        return
      }
      if (timer.ended) {
        // Ended before this page knew of it: show it, but no signal.
        if (first || before?.ended) signalled = true
        render()
        end()
        return
      }
      signalled = false
      element.dataset.timerState = timer.running ? 'running' : 'paused'
      state.textContent = timer.running ? '' : t('timer.paused')
      render()
      if (!timer.running) return
      ticker = setInterval(render, TICK_MS)
      const started = before === null || before.ended || timer.remainingMs > (leftBefore ?? 0) + 1500
      if (started && !first) announce(t('timer.started', { time: formatCountdown(timer.remainingMs) }))
    }
  }
}
