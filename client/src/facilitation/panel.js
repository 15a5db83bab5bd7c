/**
 * The facilitator's one panel: a drawer at the side of a laptop's board, folded away on request.
 * @module facilitation/panel
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { createModeration } from './moderation.js'
import { createCofacilitators, createPeople } from './people.js'
import { createSessionControls } from './session-controls.js'
import { bindShortcuts } from './shortcuts.js'
import { createSnapshots } from './snapshots.js'

const OPEN_KEY = 'tavle:facilitation-panel-open'
// Below this width the panel lies over the board when open (a laptop's 1366 px gave the wall
// 70 % of the screen beside it: issue 12 §5), so it starts folded; facilitation.css agrees.
const WIDE_QUERY = '(min-width: 100rem)'

/**
 * Whether the panel was left open (per device), else open on laptops only.
 * @returns {boolean}
 */
const initiallyOpen = () => {
  try {
    const saved = localStorage.getItem(OPEN_KEY)
    if (saved !== null) return saved === 'true'
  } catch {
    // Storage blocked: fall back to the screen size.
  }
  return matchMedia(WIDE_QUERY).matches
}

/**
 * Build the panel and its toggle button (which goes in the session strip).
 * @param {object} options
 * @param {Document} options.page
 * @param {import('yjs').Doc} options.doc
 * @param {string} options.boardId
 * @param {string} options.lang
 * @param {(command: Record<string, unknown>) => boolean} options.send
 * @param {(text: string) => void} options.announce
 */
export const createPanel = ({ page, doc, boardId, lang, send, announce }) => {
  const panelId = 'tv-facilitation-panel'
  const headingId = 'tv-facilitation-heading'
  const toggle = h('button', {
    type: 'button', class: 'tv-session__panel-toggle', 'aria-controls': panelId, 'aria-expanded': 'false', 'data-panel-toggle': true,
    'aria-keyshortcuts': 'Alt+Shift+P', title: 'Alt+Shift+P'
  }, [t('facilitation.panelToggle')])
  const body = h('div', { class: 'tv-panel__body' })
  const close = h('button', { type: 'button', class: 'tv-panel__close', 'aria-label': t('session.refused.close'), 'aria-controls': panelId }, ['×'])
  const element = h('aside', { id: panelId, class: 'tv-panel', 'aria-labelledby': headingId, 'data-facilitation-panel': true, hidden: true }, [
    h('div', { class: 'tv-panel__top' }, [h('h2', { id: headingId, class: 'tv-panel__title' }, [t('facilitation.panel')]), close]),
    body
  ])

  let open = false
  /** @param {boolean} value */
  const setOpen = (value) => {
    open = value
    element.hidden = !value
    toggle.setAttribute('aria-expanded', String(value))
    page.body.dataset.facilitationPanel = value ? 'open' : 'closed'
    try {
      localStorage.setItem(OPEN_KEY, String(value))
    } catch {
      // Remembering is a convenience.
    }
    if (value) people.refresh()
  }
  toggle.addEventListener('click', () => setOpen(!open))
  close.addEventListener('click', () => {
    setOpen(false)
    toggle.focus()
  })
  element.addEventListener('keydown', (event) => {
    // Escape closes the drawer, unless a control inside it used the key (an open menu).
    if (event.key !== 'Escape' || event.defaultPrevented) return
    event.preventDefault()
    setOpen(false)
    toggle.focus()
  })

  const controls = createSessionControls({ send, doc, boardId })
  const snapshots = createSnapshots({ boardId, lang, send, announce })
  const people = createPeople({ boardId, send, visible: () => open })
  const moderation = createModeration(send)
  const shortcuts = bindShortcuts(page, [
    { code: 'KeyN', key: 'N', labelKey: 'facilitation.shortcuts.nextPhase', run: controls.nextPhase },
    { code: 'KeyT', key: 'T', labelKey: 'facilitation.shortcuts.timer', run: controls.toggleTimer },
    { code: 'KeyS', key: 'S', labelKey: 'facilitation.shortcuts.snapshot', run: snapshots.takeSnapshot },
    { code: 'KeyL', key: 'L', labelKey: 'facilitation.shortcuts.lock', run: controls.toggleLock },
    { code: 'KeyP', key: 'P', labelKey: 'facilitation.shortcuts.panel', run: () => setOpen(!open) }
  ])
  body.append(...controls.sections, snapshots.element, people.element, moderation.element, createCofacilitators({ boardId, announce }), shortcuts)
  page.body.append(element)
  // The drawer starts under the sticky header, whose height changes with the session strip.
  const header = page.querySelector('.site-header')
  if (header instanceof HTMLElement) {
    new ResizeObserver(() => page.documentElement.style.setProperty('--tv-site-header-height', `${header.offsetHeight}px`)).observe(header)
  }
  setOpen(initiallyOpen())

  return {
    toggle,
    onSession: controls.update,
    onPrivateCount: controls.onPrivateCount,
    onModeration: moderation.update,
    onSnapshots: snapshots.update,
    onNotice: controls.onNotice,
    renderFocus: controls.renderFocus
  }
}
