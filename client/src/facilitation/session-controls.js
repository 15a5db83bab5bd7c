/**
 * The panel's live controls: phase stepper and reveal, lock, timer, focus, joining, anonymity.
 * @module facilitation/session-controls
 */

import { h } from '../ui/dom.js'
import { plural, t } from '../i18n.js'
import { PHASES, focusTarget, phaseName } from './labels.js'

/** @typedef {import('../sync/server-messages.js').SessionMessage} SessionMessage */
/** @typedef {(command: Record<string, unknown>) => boolean} Send */

// What facilitators use (issue 12).
const PRESET_MINUTES = [1, 2, 3, 5, 10]
const DEFAULT_MINUTES = 5
const MAX_MINUTES = 180

/**
 * A switch (a checkbox with `role="switch"`) with its label; `onToggle` gets the wanted state.
 * @param {string} label
 * @param {string} marker a `data-*` attribute for tests
 * @param {(on: boolean) => void} onToggle
 * @returns {{ element: HTMLElement, input: HTMLInputElement }}
 */
const toggle = (label, marker, onToggle) => {
  const input = h('input', { type: 'checkbox', role: 'switch', [marker]: true })
  input.addEventListener('change', () => onToggle(input.checked))
  return { element: h('label', { class: 'tv-panel__switch' }, [input, h('span', {}, [label])]), input }
}

/**
 * A titled part of the panel.
 * @param {string} title
 * @param {Array<Node | string>} children
 * @param {string} marker
 * @returns {HTMLElement}
 */
export const panelSection = (title, children, marker) =>
  h('section', { class: 'tv-panel__section', [marker]: true }, [h('h3', { class: 'tv-panel__heading' }, [title]), ...children])

/**
 * Build the controls; `update` follows each `session` message, `onPrivateCount` the count.
 * @param {object} options
 * @param {Send} options.send
 * @param {import('yjs').Doc} options.doc
 * @param {string} options.boardId
 */
export const createSessionControls = ({ send, doc, boardId }) => {
  /** @type {SessionMessage | null} */
  let session = null

  // -- phase -----------------------------------------------------------------------------
  const steps = PHASES.map((phase) => {
    const button = h('button', { type: 'button', class: 'tv-stepper__step', 'data-phase-step': phase, 'aria-pressed': 'false' }, [
      phaseName(phase)
    ])
    button.addEventListener('click', () => send({ type: 'phase.set', phase }))
    return button
  })
  const next = h('button', { type: 'button', class: 'btn btn-primary', 'data-phase-next': true, 'aria-keyshortcuts': 'Alt+Shift+N', title: 'Alt+Shift+N' }, [t('facilitation.phase.next')])
  const reveal = h('button', { type: 'button', class: 'btn btn-primary', 'data-private-reveal': true, hidden: true }, [
    t('facilitation.reveal')
  ])
  const privateCount = h('p', { class: 'tv-panel__note', 'data-private-count': true, hidden: true })
  const nextPhase = () => {
    if (session === null) return
    const index = PHASES.indexOf(session.phase)
    if (index >= PHASES.length - 1) return
    // Leaving private writing puts its notes on the board first: they would stay hidden otherwise.
    if (session.phase === 'private') send({ type: 'private.reveal' })
    send({ type: 'phase.set', phase: PHASES[index + 1] })
  }
  next.addEventListener('click', nextPhase)
  reveal.addEventListener('click', () => send({ type: 'private.reveal' }))
  const lock = toggle(t('facilitation.lock'), 'data-lock-toggle', (locked) => {
    if (!send({ type: 'lock.set', locked })) lock.input.checked = !locked
  })

  // -- timer -----------------------------------------------------------------------------
  const lockAtEnd = h('input', { type: 'checkbox', 'data-timer-lock-at-end': true })
  const minutes = h('input', {
    type: 'number', min: '1', max: String(MAX_MINUTES), step: '1', value: String(DEFAULT_MINUTES),
    inputmode: 'numeric', class: 'tv-panel__minutes', 'data-timer-minutes': true, id: `tv-timer-minutes-${boardId}`
  })
  /** @param {number} count */
  const start = (count) => send({ type: 'timer.start', seconds: Math.round(count * 60), lock_at_end: lockAtEnd.checked })
  const presets = PRESET_MINUTES.map((count) => {
    const button = h('button', {
      type: 'button', class: 'btn btn-secondary tv-panel__preset', 'data-timer-preset': String(count),
      'aria-label': t('facilitation.timer.presetLabel', { count })
    }, [t('facilitation.timer.preset', { count })])
    button.addEventListener('click', () => start(count))
    return button
  })
  const startCustom = h('button', { type: 'button', class: 'btn btn-primary', 'data-timer-start': true }, [t('facilitation.timer.start')])
  const customMinutes = () => Math.min(MAX_MINUTES, Math.max(1, Number(minutes.value) || DEFAULT_MINUTES))
  startCustom.addEventListener('click', () => start(customMinutes()))
  const pause = h('button', { type: 'button', class: 'btn btn-secondary', 'data-timer-pause': true, hidden: true }, [t('facilitation.timer.pause')])
  const resume = h('button', { type: 'button', class: 'btn btn-secondary', 'data-timer-resume': true, hidden: true }, [t('facilitation.timer.resume')])
  const stop = h('button', { type: 'button', class: 'btn btn-secondary', 'data-timer-stop': true, hidden: true }, [t('facilitation.timer.stop')])
  pause.addEventListener('click', () => send({ type: 'timer.pause' }))
  resume.addEventListener('click', () => send({ type: 'timer.resume' }))
  stop.addEventListener('click', () => send({ type: 'timer.stop' }))

  // -- focus, joining, anonymity ---------------------------------------------------------------
  const focusText = h('p', { class: 'tv-panel__note', 'data-focus-current': true }, [t('facilitation.focus.none')])
  const clearFocus = h('button', { type: 'button', class: 'btn btn-secondary', 'data-focus-clear': true, hidden: true }, [
    t('facilitation.focus.clear')
  ])
  clearFocus.addEventListener('click', () => send({ type: 'focus.clear' }))
  const joining = toggle(t('facilitation.joining.open'), 'data-joining-toggle', (open) => {
    if (!send({ type: 'joining.set', open })) joining.input.checked = !open
  })
  const anonymous = toggle(t('facilitation.anonymous'), 'data-anonymous-toggle', (on) => {
    anonymousRefusal.hidden = true
    if (!send({ type: 'anonymous.set', anonymous: on })) anonymous.input.checked = !on
  })
  const anonymousHelp = h('p', { class: 'tv-panel__help', id: `tv-anonymous-help-${boardId}` }, [t('facilitation.anonymous.help')])
  anonymous.input.setAttribute('aria-describedby', anonymousHelp.id)
  const anonymousRefusal = h('p', { class: 'tv-panel__refusal', role: 'alert', 'data-anonymous-refusal': true, hidden: true })
  const joinScreen = h('a', {
    href: `/b/${encodeURIComponent(boardId)}/join-screen`, target: '_blank', rel: 'noopener', class: 'btn btn-secondary', 'data-join-screen-link': true
  }, [t('facilitation.joinScreen')])

  const renderFocus = () => {
    const focus = session?.focus ?? null
    focusText.textContent = focus ? t('facilitation.focus.current', { target: focusTarget(doc, focus) }) : t('facilitation.focus.none')
    clearFocus.hidden = focus === null
  }

  const sections = [
    panelSection(t('facilitation.phase.heading'), [
      h('div', { class: 'tv-stepper', role: 'group', 'aria-label': t('facilitation.phase.heading') }, steps),
      h('div', { class: 'tv-panel__row' }, [next, reveal]),
      privateCount,
      lock.element
    ], 'data-panel-phase'),
    panelSection(t('facilitation.timer.heading'), [
      h('div', { class: 'tv-panel__row' }, presets),
      h('div', { class: 'tv-panel__row' }, [
        h('label', { for: minutes.id, class: 'tv-panel__label' }, [t('facilitation.timer.custom')]), minutes, startCustom
      ]),
      h('label', { class: 'tv-panel__check' }, [lockAtEnd, h('span', {}, [t('facilitation.timer.lockAtEnd')])]),
      h('div', { class: 'tv-panel__row' }, [pause, resume, stop])
    ], 'data-panel-timer'),
    panelSection(t('facilitation.focus.heading'), [focusText, clearFocus], 'data-panel-focus'),
    panelSection(t('facilitation.joining.heading'), [
      joining.element, joinScreen, anonymous.element, anonymousHelp, anonymousRefusal
    ], 'data-panel-joining')
  ]

  return {
    sections,
    nextPhase,
    /** Start, pause or resume the timer, as its state asks (the keyboard shortcut). */
    toggleTimer: () => {
      const timer = session?.timer
      if (!timer || timer.ended) start(customMinutes())
      else send({ type: timer.running ? 'timer.pause' : 'timer.resume' })
    },
    toggleLock: () => {
      if (session !== null) send({ type: 'lock.set', locked: !session.locked })
    },
    /** @param {SessionMessage} message */
    update: (message) => {
      session = message
      for (const step of steps) {
        const current = step.dataset.phaseStep === message.phase
        step.setAttribute('aria-pressed', String(current))
        if (current) step.setAttribute('aria-current', 'step')
        else step.removeAttribute('aria-current')
      }
      const index = PHASES.indexOf(message.phase)
      next.disabled = index >= PHASES.length - 1
      next.textContent = index < PHASES.length - 1
        ? `${t('facilitation.phase.next')}: ${phaseName(PHASES[index + 1])}`
        : t('facilitation.phase.next')
      reveal.hidden = message.phase !== 'private'
      privateCount.hidden = message.phase !== 'private'
      lock.input.checked = message.locked
      joining.input.checked = message.joiningOpen
      anonymous.input.checked = message.anonymous
      const timer = message.timer
      const live = timer !== null && !timer.ended
      pause.hidden = !(live && timer.running)
      resume.hidden = !(live && !timer.running)
      stop.hidden = timer === null
      if (timer !== null) lockAtEnd.checked = timer.lockAtEnd
      renderFocus()
    },
    /** @param {import('../sync/server-messages.js').PrivateCountMessage} message */
    onPrivateCount: (message) => {
      privateCount.textContent = `${plural('facilitation.private.notes', message.count)} ${plural('facilitation.private.writers', message.writers)}`
    },
    /** @param {import('../sync/server-messages.js').NoticeMessage} notice */
    onNotice: (notice) => {
      if (notice.code !== 'anonymous_too_late') return
      anonymousRefusal.textContent = notice.message
      anonymousRefusal.hidden = false
      anonymous.input.checked = session?.anonymous ?? false
    },
    renderFocus
  }
}
