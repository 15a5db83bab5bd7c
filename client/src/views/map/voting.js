/**
 * Dot voting (server-enforced, docs/protocol.md): the facilitator's panel, the participant's
 * banner, the ranked results. The server's `vote` message is the only truth: nothing is
 * counted here.
 * @module views/map/voting
 */

import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { clusterTitle } from './clusters.js'
import { zoneTitle } from './controls.js'

/** Sorts result titles the same way on every screen of a board. */
const collator = new Intl.Collator(document.documentElement.lang || undefined, { sensitivity: 'base' })

/** The most dots per person the server accepts (docs/protocol.md). */
export const MAX_BUDGET = 20
/** The most results the chart may show (docs/protocol.md, `vote.results`). */
export const MAX_TOP = 50

/** @typedef {import('../../sync/server-messages.js').VoteMessage} VoteMessage */

/**
 * What a card shows for `noteId` under `vote`.
 * @param {VoteMessage | null} vote
 * @param {string} noteId
 * @param {string | null} zone the zone the note is shown in
 * @param {boolean} participant whether this user votes
 * @returns {import('./note-card.js').CardVote}
 */
export const cardVote = (vote, noteId, zone, participant) => {
  if (vote === null) return { eligible: false, mine: 0, canAdd: false, dots: null }
  const mine = vote.mine[noteId] ?? 0
  const eligible = participant && vote.status === 'open' && (vote.zone === null || vote.zone === zone)
  return {
    eligible,
    mine: vote.status === 'none' ? 0 : mine,
    canAdd: eligible && vote.left > 0 && mine < vote.perNote,
    dots: vote.results === null ? null : vote.results.notes[noteId] ?? 0
  }
}

/**
 * The notes whose card must be redrawn going from `before` to `after`: `null` for all.
 * @param {VoteMessage | null} before
 * @param {VoteMessage} after
 * @returns {Set<string> | null}
 */
export const changedNotes = (before, after) => {
  if (
    before === null ||
    before.status !== after.status ||
    before.zone !== after.zone ||
    before.perNote !== after.perNote ||
    (before.left > 0) !== (after.left > 0) ||
    (before.results === null) !== (after.results === null)
  ) return null
  const ids = new Set([...Object.keys(before.mine), ...Object.keys(after.mine)])
  const changed = new Set([...ids].filter((id) => before.mine[id] !== after.mine[id]))
  if (before.results !== null && after.results !== null) {
    const { notes: was } = before.results
    const { notes: now } = after.results
    for (const id of new Set([...Object.keys(was), ...Object.keys(now)])) {
      if (was[id] !== now[id]) changed.add(id)
    }
  }
  return changed
}

/**
 * The participant's banner while a vote runs: "{left} dots left" and in which zone; "Voting
 * has ended" after it, until the results show.
 * @returns {{ element: HTMLElement, update: (vote: VoteMessage | null, zoneName: string | null) => void }}
 */
export const voteBanner = () => {
  const left = h('strong', { class: 'tv-vote-banner__left', 'data-vote-left': true })
  const help = h('span', { class: 'tv-vote-banner__help' })
  const element = h('div', { class: 'tv-vote-banner', 'data-vote-banner': true, role: 'status', hidden: true }, [left, help])
  return {
    element,
    update: (vote, zoneName) => {
      const open = vote !== null && vote.status === 'open'
      // "Voting has ended" until the results take its place.
      const closed = vote !== null && vote.status === 'closed' && vote.results === null
      element.hidden = !(open || closed)
      element.dataset.status = vote?.status ?? 'none'
      left.hidden = !open
      if (open) {
        left.textContent = plural('map.vote.left', vote.left)
        left.dataset.count = String(vote.left)
        help.textContent = zoneName === null ? '' : t('map.vote.inZone', { zone: zoneName })
      } else if (closed) {
        help.textContent = t('map.vote.ended')
      }
    }
  }
}

/**
 * @typedef {object} ResultEntry
 * @property {string} id
 * @property {'note' | 'cluster'} kind
 * @property {string} title
 * @property {number} dots
 */

/** How many rows one page of the full ranking holds. */
export const RANKING_PAGE = 20

/**
 * One ranked row: its place, title, a bar as long as its share of the most dots, its dots.
 * @param {ResultEntry} entry
 * @param {number} place 1 for the most dots
 * @param {number} most the dots of the first
 * @returns {HTMLElement}
 */
const resultRow = (entry, place, most) => {
  const fill = h('span', { class: 'tv-results__fill' })
  // Set through the CSSOM: the pages' CSP refuses style attributes.
  fill.style.width = `${Math.max(2, Math.round((entry.dots / most) * 100))}%`
  return h('li', { class: 'tv-results__item', 'data-result-id': entry.id, 'data-result-kind': entry.kind, value: String(place) }, [
    h('span', { class: 'tv-results__title' }, [
      entry.kind === 'cluster' ? h('span', { class: 'tv-results__kind' }, [t('map.cluster.label')]) : '',
      entry.title
    ]),
    h('span', { class: 'tv-results__bar', 'aria-hidden': 'true' }, [fill]),
    h('span', { class: 'tv-results__dots', 'data-result-dots': String(entry.dots) }, [plural('map.vote.dots', entry.dots)])
  ])
}

/**
 * A key that changes when what `rows` draws changes (rows are redrawn only then: on a
 * board of a thousand notes results must cost the live path nothing).
 * @param {ResultEntry[]} rows
 * @returns {string}
 */
const keyOf = (rows) => JSON.stringify(rows.map((entry) => [entry.id, entry.dots, entry.title]))

/**
 * The results as a picture: the best `top` as a bar chart, and the full ranking one click
 * away, a page at a time. Never an unbounded list.
 * @returns {{ element: HTMLElement, update: (entries: ResultEntry[] | null) => void, setTop: (top: number) => void }}
 */
export const resultsList = () => {
  const headingId = domId('tv-results')
  const list = h('ol', { class: 'tv-results__list', 'data-results-chart': true })
  const empty = h('p', { class: 'tv-results__empty' }, [t('map.results.empty')])
  const pageList = h('ol', { class: 'tv-results__list tv-results__list--page', 'data-results-page': true })
  const previous = h('button', { type: 'button', class: 'btn btn-secondary', 'data-results-previous': true }, [t('map.results.previous')])
  const next = h('button', { type: 'button', class: 'btn btn-secondary', 'data-results-next': true }, [t('map.results.next')])
  const position = h('span', { class: 'tv-results__position', 'aria-live': 'polite', 'data-results-position': true })
  const summary = h('summary', { 'data-results-all': true }, [t('map.results.all')])
  const all = h('details', { class: 'tv-results__all' }, [
    summary,
    pageList,
    h('div', { class: 'tv-results__pager' }, [previous, position, next])
  ])
  const element = h('section', { class: 'tv-results', 'data-results': true, 'aria-labelledby': headingId, hidden: true }, [
    h('h2', { id: headingId, class: 'tv-results__heading' }, [t('map.results.heading')]),
    empty,
    list,
    all
  ])
  /** @type {ResultEntry[]} */
  let entries = []
  let top = 10
  let page = 0
  let drawn = ''
  let drawnPage = ''

  const drawPage = () => {
    const pages = Math.max(1, Math.ceil(entries.length / RANKING_PAGE))
    page = Math.min(page, pages - 1)
    const rows = entries.slice(page * RANKING_PAGE, (page + 1) * RANKING_PAGE)
    const key = `${page}:${keyOf(rows)}`
    if (all.open && key !== drawnPage) {
      const most = entries[0]?.dots || 1
      pageList.replaceChildren(...rows.map((entry, index) => resultRow(entry, page * RANKING_PAGE + index + 1, most)))
      drawnPage = key
    }
    position.textContent = t('map.results.page', { page: page + 1, pages })
    previous.disabled = page === 0
    next.disabled = page >= pages - 1
  }

  const draw = () => {
    const best = entries.slice(0, top)
    const key = `${top}:${keyOf(best)}`
    if (key !== drawn) {
      const most = best[0]?.dots || 1
      list.replaceChildren(...best.map((entry, index) => resultRow(entry, index + 1, most)))
      drawn = key
    }
    empty.hidden = entries.length > 0
    all.hidden = entries.length <= top
    summary.textContent = t('map.results.all', { count: entries.length })
    drawPage()
  }

  all.addEventListener('toggle', drawPage)
  previous.addEventListener('click', () => { page -= 1; drawPage() })
  next.addEventListener('click', () => { page += 1; drawPage() })

  return {
    element,
    update: (ranked) => {
      element.hidden = ranked === null
      if (ranked === null) return
      entries = ranked
      draw()
    },
    setTop: (value) => {
      if (value === top) return
      top = value
      if (!element.hidden) draw()
    }
  }
}

/**
 * Rank the visible results, using the document for titles; deleted items are left out.
 * @param {VoteMessage | null} vote
 * @param {import('./store.js').MapStore} store
 * @returns {ResultEntry[] | null}
 */
export const rankResults = (vote, store) => {
  if (vote === null || vote.results === null) return null
  /** @type {ResultEntry[]} */
  const entries = []
  for (const [id, dots] of Object.entries(vote.results.notes)) {
    const note = store.notes.get(id)
    if (note && dots > 0) entries.push({ id, kind: 'note', title: note.text, dots })
  }
  for (const [id, dots] of Object.entries(vote.results.clusters)) {
    const cluster = store.clusters.get(id)
    if (cluster && dots > 0) entries.push({ id, kind: 'cluster', title: clusterTitle(cluster), dots })
  }
  // Most dots first; on a tie clusters before notes, then by title, so every screen agrees.
  return entries.sort((a, b) =>
    b.dots - a.dots ||
    (a.kind === b.kind ? 0 : a.kind === 'cluster' ? -1 : 1) ||
    collator.compare(a.title, b.title) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * A labelled number field.
 * @param {string} label
 * @param {number} value
 * @param {number} max
 * @returns {{ row: HTMLElement, input: HTMLInputElement }}
 */
export const numberField = (label, value, max) => {
  const id = domId('tv-vote-field')
  const input = h('input', { id, type: 'number', class: 'tv-input tv-input--number', min: '1', max: String(max), step: '1', inputmode: 'numeric', value: String(value) })
  return { row: h('div', { class: 'tv-vote-panel__field' }, [h('label', { for: id }, [label]), input]), input }
}

/**
 * A whole number from `input`, kept within 1 … max.
 * @param {HTMLInputElement} input
 * @param {number} max
 * @returns {number}
 */
export const clamped = (input, max) => {
  const value = Math.round(Number(input.value))
  return Number.isFinite(value) ? Math.min(Math.max(value, 1), max) : 1
}

/**
 * Keep dots per item (a note, a section) at most dots per person, as the server does.
 * @param {HTMLInputElement} budget
 * @param {HTMLInputElement} perItem
 */
export const linkDotFields = (budget, perItem) => {
  budget.addEventListener('change', () => {
    const max = clamped(budget, MAX_BUDGET)
    budget.value = String(max)
    perItem.max = String(max)
    perItem.value = String(clamped(perItem, max))
  })
}

/**
 * The facilitator's voting panel: settings, Start / End, Show / Hide results, progress.
 * @param {(command: Record<string, unknown>) => boolean} send
 * @returns {{ element: HTMLElement, update: (vote: VoteMessage | null) => void, setZones: (zones: import('./model.js').ZoneData[]) => void, setReadOnly: (readOnly: boolean) => void }}
 */
export const votePanel = (send) => {
  const headingId = domId('tv-vote')
  const budget = numberField(t('map.vote.budget'), 3, MAX_BUDGET)
  const perNote = numberField(t('map.vote.perNote'), 1, 3)
  const scopeId = domId('tv-vote-scope')
  const scope = h('select', { id: scopeId, class: 'tv-select', 'data-vote-scope': true })
  const liveId = domId('tv-vote-live')
  const live = h('input', { id: liveId, type: 'checkbox', class: 'tv-check', 'data-vote-live': true })
  const start = h('button', { type: 'submit', class: 'btn btn-primary', 'data-vote-start': true }, [t('map.vote.start')])
  const end = h('button', { type: 'button', class: 'btn btn-secondary', 'data-vote-end': true, disabled: true }, [t('map.vote.end')])
  const reveal = h('button', { type: 'button', class: 'btn btn-secondary', 'data-vote-reveal': true, disabled: true }, [t('map.vote.showResults')])
  const top = numberField(t('map.vote.top'), 10, MAX_TOP)
  top.input.dataset.voteTop = ''
  top.row.classList.add('tv-vote-panel__top')
  const progress = h('p', { class: 'tv-vote-panel__progress', 'data-vote-progress': true, 'aria-live': 'polite' }, [t('map.vote.none')])
  const form = h('form', { class: 'tv-vote-panel__form' }, [
    budget.row,
    perNote.row,
    h('div', { class: 'tv-vote-panel__field' }, [h('label', { for: scopeId }, [t('map.vote.scope')]), scope]),
    h('div', { class: 'tv-vote-panel__check' }, [live, h('label', { for: liveId }, [t('map.vote.showLive')])]),
    start
  ])
  const element = h('section', { class: 'tv-vote-panel', 'data-vote-panel': true, 'aria-labelledby': headingId }, [
    h('div', { class: 'tv-vote-panel__head' }, [h('h2', { id: headingId }, [t('map.vote.heading')]), progress]),
    form,
    h('div', { class: 'tv-vote-panel__actions' }, [end, reveal, top.row])
  ])
  /** @type {VoteMessage | null} */
  let current = null
  let readOnly = false

  linkDotFields(budget.input, perNote.input)
  perNote.input.addEventListener('change', () => {
    perNote.input.value = String(clamped(perNote.input, clamped(budget.input, MAX_BUDGET)))
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const dots = clamped(budget.input, MAX_BUDGET)
    send({
      type: 'vote.start',
      budget: dots,
      per_note: clamped(perNote.input, dots),
      zone: scope.value === '' ? null : scope.value,
      show_live: live.checked
    })
  })
  end.addEventListener('click', () => send({ type: 'vote.end' }))
  reveal.addEventListener('click', () => send({ type: 'vote.results', visible: current === null || current.results === null, top: clamped(top.input, MAX_TOP) }))
  top.input.addEventListener('change', () => {
    top.input.value = String(clamped(top.input, MAX_TOP))
    if (current !== null && current.status !== 'none') {
      send({ type: 'vote.results', visible: current.results !== null, top: clamped(top.input, MAX_TOP) })
    }
  })

  const refresh = () => {
    const status = current?.status ?? 'none'
    start.disabled = readOnly || status === 'open'
    end.disabled = readOnly || status !== 'open'
    reveal.disabled = readOnly || status === 'none'
    reveal.textContent = current !== null && current.results !== null ? t('map.vote.hideResults') : t('map.vote.showResults')
    element.dataset.status = status
    progress.textContent = current === null || status === 'none'
      ? t('map.vote.none')
      : t(status === 'open' ? 'map.vote.progressOpen' : 'map.vote.progressClosed', {
        voters: plural('map.vote.voters', current.voters),
        dots: plural('map.vote.dots', current.dots)
      })
  }
  refresh()

  return {
    element,
    update: (vote) => {
      current = vote
      if (vote !== null && vote.status !== 'none' && document.activeElement !== top.input) {
        top.input.value = String(vote.top)
      }
      refresh()
    },
    setZones: (zones) => {
      const value = scope.value
      scope.replaceChildren(
        h('option', { value: '' }, [t('map.vote.wholeBoard')]),
        ...zones.map((zone) => h('option', { value: zone.id }, [zoneTitle(zone)]))
      )
      scope.value = zones.some((zone) => zone.id === value) ? value : ''
    },
    setReadOnly: (value) => {
      readOnly = value
      refresh()
    }
  }
}
