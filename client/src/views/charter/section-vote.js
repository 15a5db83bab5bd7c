/**
 * The dot vote over a charter's sections, on kinds that declare one (the LUS guide: "which
 * three themes belong in every conversation?"): the facilitator's panel, a participant's
 * list of sections with dot buttons, and the ranked results with the chosen few on top.
 * The server's `vote` message is the only truth (docs/protocol.md, "Charter"): nothing is
 * counted here, and the results exist only once the facilitator shows them.
 * @module views/charter/section-vote
 */

import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { sectionTitle } from './ui.js'
import { MAX_BUDGET, clamped, linkDotFields, numberField } from '../map/voting.js'

/**
 * @typedef {import('../../sync/server-messages.js').VoteMessage} VoteMessage
 * @typedef {import('./model.js').SectionData} SectionData
 * @typedef {{ budget: number, title: string }} SectionVoteConfig the kind's declaration, as
 *   the page's config carries it (server/web/common.py, `board_config`)
 * @typedef {{ section: SectionData, dots: number }} Ranked
 */

/**
 * @typedef {object} SectionVote
 * @property {HTMLElement} element everything the vote shows, above the sections
 * @property {(vote: VoteMessage) => void} update
 * @property {(sections: SectionData[]) => void} setSections the sections, in order
 * @property {(canVote: boolean) => void} setCanVote whether this screen may place dots now
 * @property {() => boolean} voting whether a participant's list is up (a vote is open)
 */

/**
 * The sections one may vote on: every section but the preamble, in the charter's order.
 * @param {SectionData[]} sections
 * @returns {SectionData[]}
 */
const themes = (sections) => sections.filter((section) => section.role !== 'preamble')

/**
 * Rank the sections by their dots, ties in the charter's order, so every screen agrees.
 * @param {SectionData[]} sections in the charter's order
 * @param {Record<string, number>} dots
 * @returns {Ranked[]}
 */
export const rankSections = (sections, dots) =>
  themes(sections)
    .map((section, index) => ({ section, dots: dots[section.id] ?? 0, index }))
    .sort((a, b) => b.dots - a.dots || a.index - b.index)
    .map(({ section, dots }) => ({ section, dots }))

/**
 * The facilitator's panel: dots per person (the kind's by default) and per section, Start,
 * End, Show / Hide results, and how many have voted.
 * @param {SectionVoteConfig} config
 * @param {(command: Record<string, unknown>) => boolean} send
 */
const votePanel = (config, send) => {
  const headingId = domId('tv-section-vote')
  const budget = numberField(t('sectionVote.budget'), config.budget, MAX_BUDGET)
  const perSection = numberField(t('sectionVote.perSection'), 1, MAX_BUDGET)
  const start = h('button', { type: 'submit', class: 'btn btn-primary', 'data-section-vote-start': true }, [t('sectionVote.start')])
  const end = h('button', { type: 'button', class: 'btn btn-secondary', 'data-section-vote-end': true, disabled: true }, [t('sectionVote.end')])
  const reveal = h('button', { type: 'button', class: 'btn btn-secondary', 'data-section-vote-reveal': true, disabled: true }, [t('sectionVote.showResults')])
  const progress = h('p', { class: 'tv-vote-panel__progress', 'data-section-vote-progress': true, 'aria-live': 'polite' }, [t('sectionVote.none')])
  const form = h('form', { class: 'tv-vote-panel__form' }, [budget.row, perSection.row, start])
  const element = h('section', { class: 'tv-vote-panel tv-section-vote__panel', 'data-section-vote-panel': true, 'aria-labelledby': headingId }, [
    h('div', { class: 'tv-vote-panel__head' }, [h('h2', { id: headingId }, [t('sectionVote.heading')]), progress]),
    h('p', { class: 'tv-section-vote__question' }, [config.title || t('sectionVote.question')]),
    form,
    h('div', { class: 'tv-vote-panel__actions' }, [end, reveal])
  ])
  /** @type {VoteMessage | null} */
  let current = null

  linkDotFields(budget.input, perSection.input)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const dots = clamped(budget.input, MAX_BUDGET)
    send({ type: 'vote.start', budget: dots, per_note: clamped(perSection.input, dots) })
  })
  end.addEventListener('click', () => send({ type: 'vote.end' }))
  reveal.addEventListener('click', () => send({ type: 'vote.results', visible: current === null || current.results === null }))

  /** @param {VoteMessage | null} vote */
  const update = (vote) => {
    current = vote
    const status = vote?.status ?? 'none'
    start.disabled = status === 'open'
    end.disabled = status !== 'open'
    reveal.disabled = status === 'none'
    reveal.textContent = vote !== null && vote.results !== null ? t('sectionVote.hideResults') : t('sectionVote.showResults')
    element.dataset.status = status
    progress.textContent = vote === null || status === 'none'
      ? t('sectionVote.none')
      : t(status === 'open' ? 'sectionVote.progressOpen' : 'sectionVote.progressClosed', {
        voters: plural('sectionVote.voters', vote.voters),
        dots: plural('sectionVote.dots', vote.dots)
      })
  }
  update(null)
  return { element, update }
}

/**
 * A participant's list while the vote is open: each section with its "Add dot" and
 * "Remove dot", one's own dots on it, and the dots left pinned in view.
 * @param {SectionVoteConfig} config
 * @param {(section: string, delta: number) => void} vote
 */
const voteList = (config, vote) => {
  const headingId = domId('tv-section-vote-list')
  const left = h('p', { class: 'tv-vote-list__left', 'data-section-vote-left': true, role: 'status' })
  const list = h('ol', { class: 'tv-vote-list__items' })
  const ended = h('p', { class: 'tv-vote-banner tv-section-vote__ended', 'data-status': 'closed', 'data-section-vote-ended': true, role: 'status', hidden: true }, [t('sectionVote.ended')])
  const open = h('section', { class: 'tv-vote-list tv-section-vote__list', 'data-section-vote-list': true, 'aria-labelledby': headingId, hidden: true }, [
    h('div', { class: 'tv-vote-list__head' }, [
      h('h2', { id: headingId, class: 'tv-vote-list__heading' }, [config.title || t('sectionVote.question')]),
      left
    ]),
    list
  ])
  /** @type {Map<string, { row: HTMLElement, title: HTMLElement, add: HTMLButtonElement, remove: HTMLButtonElement, mine: HTMLElement }>} */
  const rows = new Map()

  /** @param {string} id */
  const makeRow = (id) => {
    const title = h('p', { class: 'tv-vote-list__text tv-section-vote__title' })
    const mine = h('p', { class: 'tv-vote-list__mine tv-section-vote__mine', 'data-section-vote-mine': true })
    const add = h('button', { type: 'button', class: 'btn btn-primary tv-vote-list__btn', 'data-section-vote-add': true }, [t('sectionVote.add')])
    const remove = h('button', { type: 'button', class: 'btn btn-secondary tv-vote-list__btn', 'data-section-vote-remove': true }, [t('sectionVote.remove')])
    add.addEventListener('click', () => vote(id, 1))
    remove.addEventListener('click', () => vote(id, -1))
    // One's dots on a line of their own: both buttons fit side by side on a phone.
    const row = h('li', { class: 'tv-vote-list__item', 'data-section-vote-item': id }, [
      title,
      mine,
      h('div', { class: 'tv-vote-list__actions' }, [remove, add])
    ])
    return { row, title, add, remove, mine }
  }

  /**
   * @param {VoteMessage | null} current
   * @param {SectionData[]} sections
   * @param {boolean} canVote
   */
  const draw = (current, sections, canVote) => {
    const isOpen = current !== null && current.status === 'open'
    open.hidden = !isOpen
    ended.hidden = !(current !== null && current.status === 'closed' && current.results === null)
    if (!isOpen || current === null) return
    left.textContent = plural('sectionVote.left', current.left)
    left.dataset.count = String(current.left)
    const shown = themes(sections)
    const ids = new Set(shown.map((section) => section.id))
    for (const [id, entry] of rows) {
      if (!ids.has(id)) {
        entry.row.remove()
        rows.delete(id)
      }
    }
    shown.forEach((section, index) => {
      let entry = rows.get(section.id)
      if (entry === undefined) {
        entry = makeRow(section.id)
        rows.set(section.id, entry)
      }
      const title = sectionTitle(section)
      if (entry.title.textContent !== title) {
        entry.title.textContent = title
        entry.add.setAttribute('aria-label', t('sectionVote.addTo', { section: title }))
        entry.remove.setAttribute('aria-label', t('sectionVote.removeFrom', { section: title }))
      }
      const dots = current.mine[section.id] ?? 0
      entry.mine.textContent = dots > 0 ? t('sectionVote.mine', { count: dots }) : ''
      entry.mine.hidden = dots === 0
      entry.row.dataset.mine = String(dots)
      entry.add.disabled = !canVote || current.left <= 0 || dots >= current.perNote
      entry.remove.hidden = dots === 0
      entry.remove.disabled = !canVote
      // Move rows only where the order changed, so focus stays on the button just pressed.
      if (list.children[index] !== entry.row) list.insertBefore(entry.row, list.children[index] ?? null)
    })
  }
  return { open, ended, draw }
}

/**
 * One ranked section: its place, title, a bar as long as its share of the most dots, its dots.
 * @param {Ranked} entry
 * @param {number} place
 * @param {number} most
 * @returns {HTMLElement}
 */
const resultRow = (entry, place, most) => {
  const fill = h('span', { class: 'tv-results__fill' })
  // Set through the CSSOM: the pages' CSP refuses style attributes.
  fill.style.width = entry.dots > 0 ? `${Math.max(2, Math.round((entry.dots / most) * 100))}%` : '0'
  return h('li', { class: 'tv-results__item', 'data-result-id': entry.section.id, value: String(place) }, [
    h('span', { class: 'tv-results__title' }, [sectionTitle(entry.section)]),
    h('span', { class: 'tv-results__bar', 'aria-hidden': 'true' }, [fill]),
    h('span', { class: 'tv-results__dots', 'data-result-dots': String(entry.dots) }, [plural('sectionVote.dots', entry.dots)])
  ])
}

/**
 * The results once shown: the best `budget` sections as "The 3 common themes", then the
 * rest in their order, and a note when the last place in is shared.
 */
const resultsView = () => {
  const headingId = domId('tv-section-results')
  const chosenId = domId('tv-section-chosen')
  const othersId = domId('tv-section-others')
  const chosenHeading = h('h3', { id: chosenId, class: 'tv-section-results__chosen-heading' })
  const chosen = h('ol', { class: 'tv-results__list', 'data-section-results-chosen': true, 'aria-labelledby': chosenId })
  const tie = h('p', { class: 'tv-section-results__tie', 'data-section-results-tie': true, hidden: true })
  const others = h('ol', { class: 'tv-results__list', 'data-section-results-others': true, 'aria-labelledby': othersId })
  const othersBlock = h('div', { class: 'tv-section-results__others' }, [
    h('h3', { id: othersId, class: 'tv-section-results__others-heading' }, [t('sectionVote.others')]),
    others
  ])
  const element = h('section', { class: 'tv-results tv-section-results', 'data-section-results': true, 'aria-labelledby': headingId, hidden: true }, [
    h('h2', { id: headingId, class: 'tv-results__heading' }, [t('sectionVote.results')]),
    h('div', { class: 'tv-section-results__chosen' }, [chosenHeading, chosen, tie]),
    othersBlock
  ])
  let drawn = ''

  /**
   * @param {VoteMessage | null} vote
   * @param {SectionData[]} sections
   */
  const draw = (vote, sections) => {
    element.hidden = vote === null || vote.results === null
    if (vote === null || vote.results === null) return
    const ranked = rankSections(sections, vote.results.notes)
    const count = Math.min(vote.budget || 1, ranked.length)
    const key = JSON.stringify([count, ranked.map((entry) => [entry.section.id, sectionTitle(entry.section), entry.dots])])
    if (key === drawn) return
    drawn = key
    const most = ranked[0]?.dots || 1
    chosenHeading.textContent = plural('sectionVote.chosen', count)
    chosen.replaceChildren(...ranked.slice(0, count).map((entry, index) => resultRow(entry, index + 1, most)))
    others.replaceChildren(...ranked.slice(count).map((entry, index) => resultRow(entry, count + index + 1, most)))
    othersBlock.hidden = ranked.length <= count
    // The last place in and the first place out with as many dots: the room decides.
    const shared = count > 0 && count < ranked.length && ranked[count - 1].dots === ranked[count].dots
    tie.hidden = !shared
    tie.textContent = shared ? t('sectionVote.tie', { place: count, next: count + 1 }) : ''
  }
  return { element, draw }
}

/**
 * Build the section vote of a charter whose kind declares one.
 * @param {object} options
 * @param {SectionVoteConfig} options.config
 * @param {boolean} options.facilitator
 * @param {boolean} options.present the projector: results and progress, no controls
 * @param {(command: Record<string, unknown>) => boolean} options.send
 * @param {(text: string) => void} options.announce
 * @param {() => void} options.opened a vote just opened (a phone goes back to its list)
 * @returns {SectionVote}
 */
export const createSectionVote = ({ config, facilitator, present, send, announce, opened }) => {
  const participant = !facilitator && !present
  const panel = facilitator && !present ? votePanel(config, send) : null
  const list = participant ? voteList(config, (section, delta) => send({ type: 'vote', section, delta })) : null
  const results = resultsView()
  const element = h('div', { class: 'tv-section-vote', 'data-section-vote': true }, [
    ...(panel ? [panel.element] : []),
    ...(list ? [list.ended, list.open] : []),
    results.element
  ])
  // The list's head (the dots left) stays in view below the sticky site header.
  const header = document.querySelector('.site-header')
  if (list !== null && header instanceof HTMLElement) {
    new ResizeObserver(() => element.style.setProperty('--tv-header-height', `${header.offsetHeight}px`)).observe(header)
  }
  /** @type {VoteMessage | null} */
  let current = null
  /** @type {SectionData[]} */
  let sections = []
  let canVote = true

  const draw = () => {
    panel?.update(current)
    list?.draw(current, sections, canVote)
    results.draw(current, sections)
    element.dataset.status = current?.status ?? 'none'
  }

  return {
    element,
    update: (vote) => {
      const wasOpen = current !== null && current.status === 'open'
      const sameVote = current !== null && current.id === vote.id
      current = vote
      if (participant && vote.status === 'open' && !(wasOpen && sameVote)) {
        announce(t('sectionVote.opened'))
        opened()
      } else if (participant && wasOpen && sameVote && vote.status === 'closed') {
        // The list a phone was scrolled into is gone: say so where the eye is.
        announce(t('sectionVote.ended'))
      }
      draw()
    },
    setSections: (value) => {
      sections = value
      draw()
    },
    setCanVote: (value) => {
      canVote = value
      draw()
    },
    voting: () => list !== null && !list.open.hidden
  }
}
