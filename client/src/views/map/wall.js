/**
 * The wall: all zones side by side for the facilitator's laptop and the projector, with
 * "Zoom to fit" / "100%", live counts, and the way to the presentation view.
 * @module views/map/wall
 */

import { h } from '../../ui/dom.js'
import { t } from '../../i18n.js'

/** Zoom-to-fit never makes the map smaller or larger than this. */
const MIN_SCALE = 0.25
const MAX_SCALE = 1.5
/** Steps of the search for the largest scale that fits. */
const FIT_STEPS = 7
/** How long live changes wait before the fitted map is measured again, in ms. */
const REFIT_DELAY_MS = 400
/**
 * The projector's texts whose words must not break mid-letter (issue 12 §6: "Medarbejderne|s").
 * `hyphens: auto` breaks a long Danish word at a syllable where the browser has the
 * dictionary; where it has none (Chromium without its hyphenation component), a word wider
 * than its column is set smaller until it fits, down to this share of its size, and only
 * beyond that is it broken at the edge.
 */
const WORDY = '.tv-zone__title, .tv-zone__question, .tv-card__text, .tv-cluster__title'
const MIN_WORD_SHARE = 0.6

/**
 * @typedef {object} Wall
 * @property {HTMLElement} toolbar
 * @property {(notes: number, participants: number) => void} setCounts
 * @property {() => void} contentChanged the map's content changed: refit if fitted
 * @property {(readOnly: boolean) => void} setReadOnly
 * @property {(open: boolean) => void} setVoteOpen mark the "Voting" button while a vote runs
 *
 * @typedef {object} WallDrawer a tool the facilitator opens over the wall from the toolbar
 * @property {string} key
 * @property {string} label the toolbar button's text
 * @property {HTMLElement} element
 */

/**
 * @param {object} options
 * @param {HTMLElement} options.frame the element the fitted map must fill (its width, the
 *   window's height below it)
 * @param {HTMLElement} options.grid the zones' grid, scaled to fit
 * @param {boolean} options.facilitator
 * @param {boolean} options.present
 * @param {boolean} options.fit start fitted (the projector)
 * @param {(() => void) | null} options.addZone
 * @param {WallDrawer[]} [options.drawers] the note form and the vote settings: folded into
 *   toolbar buttons that open them over the wall, so that the wall starts at the top (issue 12 §5)
 * @returns {Wall}
 */
export const createWall = ({ frame, grid, facilitator, present, fit, addZone, drawers = [] }) => {
  const notes = h('span', { class: 'tv-stat__value', 'data-note-count': true }, ['0'])
  const participants = h('span', { class: 'tv-stat__value', 'data-participant-count': true }, ['0'])
  // The projector has no controls: it is always fitted (`fit`) and shows the counts alone.
  const fitButton = h('button', { type: 'button', class: 'btn btn-secondary', 'data-zoom-fit': true, 'aria-pressed': 'false' }, [t('map.zoomFit')])
  const fullButton = h('button', { type: 'button', class: 'btn btn-secondary', 'data-zoom-reset': true, 'aria-pressed': 'true' }, [t('map.zoom100')])
  /** @type {HTMLElement[]} */
  const extra = []
  /** @type {HTMLButtonElement | null} */
  let addButton = null
  if (facilitator && !present) {
    // Only the view: any other parameter (a facilitator key) stays off the projector's address bar.
    const href = location.pathname + '?view=present'
    extra.push(h('a', { class: 'btn btn-secondary', href, target: '_blank', rel: 'noopener', 'data-present-link': true }, [t('map.present')]))
    if (addZone !== null) {
      addButton = h('button', { type: 'button', class: 'btn btn-secondary', 'data-zone-add': true }, [t('map.zone.add')])
      addButton.addEventListener('click', addZone)
      extra.push(addButton)
    }
  }
  const tools = createDrawers(drawers)
  const toolbar = h('div', { class: 'tv-wall-bar', 'data-wall-bar': true }, [
    ...tools.buttons,
    h('p', { class: 'tv-stats' }, [
      h('span', { class: 'tv-stat' }, [h('span', { class: 'tv-stat__label' }, [t('map.count.notes')]), ' ', notes]),
      h('span', { class: 'tv-stat' }, [h('span', { class: 'tv-stat__label' }, [t('map.count.participants')]), ' ', participants])
    ]),
    ...(present ? [] : [h('div', { class: 'tv-wall-bar__zoom', role: 'group', 'aria-label': t('map.zoom') }, [fitButton, fullButton])]),
    ...extra,
    ...tools.panes
  ])

  let fitted = false
  let scale = 1
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let refitTimer

  /** @returns {{ width: number, height: number }} the room the fitted map may take */
  const room = () => {
    const header = document.querySelector('.site-header')
    const headerHeight = header instanceof HTMLElement ? header.getBoundingClientRect().height : 0
    // The projector shows the map below the title without scrolling; on the laptop the map
    // fills a screen once scrolled to, under the sticky header.
    const top = present ? frame.getBoundingClientRect().top + window.scrollY : headerHeight
    return { width: frame.clientWidth, height: Math.max(window.innerHeight - top - 16, 200) }
  }

  /**
   * The map's height when laid out `width` CSS pixels wide, unscaled.
   * @param {number} width
   * @returns {number}
   */
  const heightAt = (width) => {
    grid.style.width = `${width}px`
    return grid.scrollHeight
  }

  /**
   * Scale the map by `value`, laid out at the width that fills the frame then.
   * @param {number} value
   * @param {number} width the frame's width
   */
  const apply = (value, width) => {
    scale = value
    grid.style.width = `${width / value}px`
    grid.style.transform = `scale(${value})`
    frame.style.height = `${Math.ceil(grid.scrollHeight * value)}px`
  }

  /**
   * Find the largest scale at which the whole map fits: a binary search over layouts, within
   * `low` … `high` when the caller knows which side of the current scale it lies.
   */
  const fitNow = (low = MIN_SCALE, high = MAX_SCALE) => {
    const { width, height } = room()
    grid.style.transform = 'none'
    const fits = (/** @type {number} */ value) => heightAt(width / value) * value <= height
    if (fits(high)) low = high
    else {
      for (let step = 0; step < FIT_STEPS; step++) {
        const middle = (low + high) / 2
        if (fits(middle)) low = middle
        else high = middle
      }
    }
    apply(low, width)
    fitWords(true)
  }

  /**
   * On the projector, set each text with a word wider than its box smaller until the word
   * fits (see WORDY). Reads every box after one layout, then writes.
   * @param {boolean} again the scale changed: measure the texts set smaller before anew
   */
  const fitWords = (again) => {
    if (!present) return
    if (again) {
      for (const element of grid.querySelectorAll('[data-word-fit]')) {
        if (!(element instanceof HTMLElement)) continue
        element.style.removeProperty('font-size')
        delete element.dataset.wordFit
      }
    }
    /** @type {Array<[HTMLElement, number]>} */
    const tooWide = []
    for (const element of grid.querySelectorAll(WORDY)) {
      if (!(element instanceof HTMLElement) || element.dataset.wordFit) continue
      if (element.scrollWidth > element.clientWidth + 1) tooWide.push([element, element.clientWidth / element.scrollWidth])
    }
    const sizes = tooWide.map(([element]) => parseFloat(getComputedStyle(element).fontSize))
    tooWide.forEach(([element, share], index) => {
      // A little under the share: the box's padding does not shrink with the text.
      const fitted = Math.max(share * 0.95, MIN_WORD_SHARE)
      element.style.fontSize = `${(sizes[index] * fitted).toFixed(1)}px`
      element.dataset.wordFit = fitted > MIN_WORD_SHARE ? 'smaller' : 'broken'
    })
  }

  const reset = () => {
    scale = 1
    grid.style.removeProperty('width')
    grid.style.removeProperty('transform')
    frame.style.removeProperty('height')
  }

  /** @param {boolean} value */
  const setFitted = (value) => {
    fitted = value
    frame.dataset.fit = String(value)
    fitButton.setAttribute('aria-pressed', String(value))
    fullButton.setAttribute('aria-pressed', String(!value))
    if (value) {
      fitNow(MIN_SCALE, MAX_SCALE)
      if (!present) frame.scrollIntoView({ block: 'start', behavior: 'auto' })
    } else {
      reset()
    }
  }

  fitButton.addEventListener('click', () => setFitted(true))
  fullButton.addEventListener('click', () => setFitted(false))
  window.addEventListener('resize', () => {
    if (fitted) fitNow(MIN_SCALE, MAX_SCALE)
  })
  if (fit) requestAnimationFrame(() => setFitted(true))
  const header = document.querySelector('.site-header')
  if (present && header instanceof HTMLElement && typeof ResizeObserver !== 'undefined') {
    // The session strip grows when a timer starts: the wall must still end at the screen's foot.
    let headerHeight = header.offsetHeight
    new ResizeObserver(() => {
      if (header.offsetHeight === headerHeight) return
      headerHeight = header.offsetHeight
      if (fitted) fitNow(MIN_SCALE, MAX_SCALE)
    }).observe(header)
  }

  return {
    toolbar,
    setCounts: (noteCount, participantCount) => {
      notes.textContent = String(noteCount)
      participants.textContent = String(participantCount)
    },
    contentChanged: () => {
      if (!fitted) return
      clearTimeout(refitTimer)
      refitTimer = setTimeout(() => {
        if (!fitted) return
        // Still fits and fills at least nine tenths of the room, or cannot get any smaller:
        // leave the scale be (each layout of a big board is dear).
        fitWords(false)
        const { height } = room()
        const current = grid.scrollHeight * scale
        const fits = current <= height
        if ((fits && (current >= height * 0.9 || scale >= MAX_SCALE)) || (!fits && scale <= MIN_SCALE)) {
          frame.style.height = `${Math.ceil(current)}px`
          return
        }
        if (fits) fitNow(scale, MAX_SCALE)
        else fitNow(MIN_SCALE, scale)
      }, REFIT_DELAY_MS)
    },
    setReadOnly: (readOnly) => {
      if (addButton !== null) addButton.disabled = readOnly
    },
    setVoteOpen: tools.setVoteOpen
  }
}

/**
 * Toolbar buttons that each open one drawer over the wall (a disclosure: one open at a time;
 * Escape, the close button or a click on the wall closes it and focus returns to its button).
 * @param {WallDrawer[]} drawers
 */
const createDrawers = (drawers) => {
  /** @type {{ button: HTMLButtonElement, pane: HTMLElement } | null} */
  let open = null
  const items = drawers.map(({ key, label, element }) => {
    const paneId = `tv-wall-drawer-${key}`
    const button = h('button', {
      type: 'button', class: 'btn btn-primary tv-wall-bar__drawer-btn', 'aria-expanded': 'false', 'aria-controls': paneId, 'data-drawer-toggle': key
    }, [label])
    const close = h('button', { type: 'button', class: 'tv-wall-drawer__close', 'aria-label': t('session.refused.close'), title: t('session.refused.close') }, ['×'])
    const pane = h('div', { id: paneId, class: 'tv-wall-drawer', role: 'region', 'aria-label': label, 'data-wall-drawer': key, hidden: true }, [close, element])
    const item = { button, pane }
    button.addEventListener('click', () => toggle(open === item ? null : item))
    close.addEventListener('click', () => toggle(null, true))
    pane.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      event.preventDefault()
      toggle(null, true)
    })
    return item
  })

  /** @param {PointerEvent} event */
  const outside = (event) => {
    if (open === null || !(event.target instanceof Node)) return
    if (!open.pane.contains(event.target) && !open.button.contains(event.target)) toggle(null)
  }

  /**
   * Open `next` (closing any other), or close all.
   * @param {{ button: HTMLButtonElement, pane: HTMLElement } | null} next
   * @param {boolean} [refocus] put focus back on the closed drawer's button
   */
  const toggle = (next, refocus = false) => {
    const previous = open
    if (previous !== null) {
      previous.pane.hidden = true
      previous.button.setAttribute('aria-expanded', 'false')
    }
    open = next
    if (next === null) {
      document.removeEventListener('pointerdown', outside, true)
      if (refocus) previous?.button.focus()
      return
    }
    next.pane.hidden = false
    next.button.setAttribute('aria-expanded', 'true')
    document.addEventListener('pointerdown', outside, true)
    const first = next.pane.querySelector('textarea:not([disabled]), input:not([disabled]), select:not([disabled])')
    if (first instanceof HTMLElement) first.focus()
  }

  return {
    buttons: items.map((item) => item.button),
    panes: items.map((item) => item.pane),
    /** @param {boolean} running */
    setVoteOpen: (running) => {
      const vote = items[drawers.findIndex((drawer) => drawer.key === 'vote')]
      if (vote) vote.button.dataset.running = String(running)
    }
  }
}
