/**
 * A programme's page (`/programmes/{id}`): its events in order with their kind of meeting,
 * each event's boards with their rounds, and a comparison of two rounds of one board
 * (GET /api/boards/{id}/compare?from=live&to=round:{other}; docs/programme.md).
 * @module pages/programme
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { showComparison } from '../history/compare.js'
import { formatDate } from '../library/format.js'
import { RequestError, request } from '../library/http.js'

/**
 * @typedef {object} ProgrammeBoard
 * @property {string} id
 * @property {string} title
 * @property {string} kind
 * @property {string} kind_title
 * @property {number} round 1 for a board that continues none
 * @property {string | null} previous_board_id
 * @property {string} chain the first round of its chain
 * @property {boolean} reachable whether this browser can open it
 * @property {boolean} archived
 *
 * @typedef {object} ProgrammeEvent
 * @property {string} id
 * @property {string} name
 * @property {string | null} date
 * @property {string | null} meeting_kind
 * @property {string | null} meeting_kind_title
 * @property {'facilitator' | 'team' | null} role
 * @property {ProgrammeBoard[]} boards
 *
 * @typedef {object} Programme
 * @property {string} id
 * @property {string} name
 * @property {ProgrammeEvent[]} events
 *
 * @typedef {ProgrammeBoard & { event: ProgrammeEvent }} Round
 */

/**
 * The sentence for a failed request: the server's own message, or a general one.
 * @param {unknown} error
 * @returns {string}
 */
const failure = (error) => (error instanceof RequestError && error.serverMessage) || t('programme.failed')

/**
 * A round's name in a list or a menu: "Runde 2 · Temadag maj · Ledelsesgrundlag".
 * @param {Round} round
 * @returns {string}
 */
const roundName = (round) => t('programme.roundOf', { round: round.round, event: round.event.name, title: round.title })

/**
 * One board of an event, with its round and the round it continues.
 * @param {ProgrammeBoard} board
 * @param {Map<string, Round>} rounds every board of the programme by id
 * @returns {HTMLLIElement}
 */
const renderBoard = (board, rounds) => {
  const earlier = board.previous_board_id ? rounds.get(board.previous_board_id) : undefined
  const facts = [
    h('span', { 'data-kind': board.kind }, [board.kind_title]),
    h('span', { 'data-round': String(board.round) }, [t('programme.round', { round: board.round })]),
    ...(earlier ? [h('span', { 'data-continues': earlier.id }, [t('programme.continues', { title: earlier.title, event: earlier.event.name })])] : []),
    ...(board.reachable ? [] : [h('span', {}, [t('programme.noAccess')])])
  ]
  const title = board.reachable
    ? h('a', { href: `/b/${encodeURIComponent(board.id)}` }, [board.title])
    : h('span', {}, [board.title])
  const actions = board.reachable
    ? [h('div', { class: 'tv-lib-board__actions' }, [
        h('a', { href: `/b/${encodeURIComponent(board.id)}/history`, class: 'btn btn-secondary' }, [t('programme.history')])
      ])]
    : []
  return h('li', { class: 'tv-lib-board', 'data-programme-board': board.id, 'data-archived': String(board.archived) }, [
    h('h3', { class: 'tv-lib-board__title' }, [title]),
    h('p', { class: 'tv-lib-board__facts' }, facts),
    ...actions
  ])
}

/**
 * One event: its name, date and kind of meeting, and its boards.
 * @param {ProgrammeEvent} event
 * @param {number} index its place in the programme, from 0
 * @param {string} lang
 * @param {Map<string, Round>} rounds
 * @returns {HTMLLIElement}
 */
const renderEvent = (event, index, lang, rounds) => {
  const headingId = `programme-event-${index}`
  const facts = [
    ...(event.date ? [h('time', { datetime: event.date }, [formatDate(event.date, lang)])] : []),
    ...(event.meeting_kind_title ? [h('span', { 'data-meeting-kind': event.meeting_kind ?? '' }, [event.meeting_kind_title])] : [])
  ]
  return h('li', { class: 'tv-lib-event programme-event', 'data-programme-event': event.id, 'aria-labelledby': headingId }, [
    h('header', { class: 'tv-lib-event__head' }, [
      h('h2', { class: 'tv-lib-event__name', id: headingId }, [event.name]),
      ...(facts.length > 0 ? [h('p', { class: 'tv-lib-event__date' }, facts.flatMap((fact, at) => at === 0 ? [fact] : [' · ', fact]))] : [])
    ]),
    event.boards.length > 0
      ? h('ul', { class: 'tv-lib-boards', 'aria-labelledby': headingId }, event.boards.map((board) => renderBoard(board, rounds)))
      : h('p', { class: 'help' }, [t('programme.noBoards')])
  ])
}

/**
 * A form that compares two rounds of one chain, and where the comparison is shown.
 * @param {Round[]} chain its rounds, in order
 * @param {number} index
 * @returns {HTMLElement}
 */
const renderCompare = (chain, index) => {
  const headingId = `programme-compare-${index}`
  /** @param {string} label @param {number} picked */
  const select = (label, picked) => {
    const field = h('select', { id: `${headingId}-${picked}` }, chain.map((round, at) =>
      h('option', { value: round.id, selected: at === picked }, [roundName(round)])
    ))
    return { field, wrapper: h('div', { class: 'tv-compare__field' }, [h('label', { for: field.id }, [label]), field]) }
  }
  const from = select(t('programme.compareFrom'), chain.length - 2)
  const to = select(t('programme.compareTo'), chain.length - 1)
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-compare-rounds': true }, [t('programme.compare')])
  const result = h('div', { class: 'tv-compare__result', 'data-compare-result': true, 'aria-live': 'polite' })
  const form = h('form', { class: 'tv-compare__form' }, [from.wrapper, to.wrapper, submit])
  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault()
    const before = chain.find((round) => round.id === from.field.value)
    const after = chain.find((round) => round.id === to.field.value)
    if (!before || !after) return
    if (before === after) {
      result.replaceChildren(h('p', { role: 'alert' }, [t('programme.compareSame')]))
      return
    }
    submit.disabled = true
    try {
      const query = `from=live&to=${encodeURIComponent('round:' + after.id)}`
      const comparison = await request(`/api/boards/${encodeURIComponent(before.id)}/compare?${query}`)
      showComparison(result, comparison, t('programme.comparing', { from: roundName(before), to: roundName(after) }))
    } catch (error) {
      result.replaceChildren(h('p', { role: 'alert' }, [failure(error)]))
    } finally {
      submit.disabled = false
    }
  })
  return h('section', { class: 'tv-compare programme-compare__chain', 'aria-labelledby': headingId, 'data-round-chain': chain[0].id }, [
    h('h3', { id: headingId }, [chain[0].title]),
    form,
    result
  ])
}

/**
 * Start the programme page.
 * @param {Document} page
 * @param {import('../config.js').PageConfig & { programme?: { id: string, url: string } }} config
 */
export const startProgrammePage = async (page, config) => {
  const list = page.querySelector('[data-programme]')
  const compare = page.querySelector('[data-programme-compare]')
  const status = page.querySelector('[data-programme-status]')
  if (!(list instanceof HTMLElement) || !(compare instanceof HTMLElement) || !(status instanceof HTMLElement)) return
  status.textContent = t('programme.loading')
  status.hidden = false
  /** @type {Programme} */
  let programme
  try {
    programme = await request(config.programme?.url ?? '')
  } catch (error) {
    console.error('tavle: programme not loaded', error)
    status.textContent = failure(error)
    return
  }
  status.hidden = true
  /** @type {Map<string, Round>} */
  const rounds = new Map(programme.events.flatMap((event) => event.boards.map((board) => [board.id, { ...board, event }])))
  list.replaceChildren(h('ol', { class: 'programme-timeline', 'aria-label': t('programme.events') },
    programme.events.map((event, index) => renderEvent(event, index, config.lang, rounds))))

  // Chains of rounds this browser can compare: two or more rounds it can open.
  /** @type {Map<string, Round[]>} */
  const chains = new Map()
  for (const round of rounds.values()) {
    if (!round.reachable) continue
    chains.set(round.chain, [...(chains.get(round.chain) ?? []), round])
  }
  const comparable = [...chains.values()].filter((chain) => chain.length > 1)
  comparable.forEach((chain) => chain.sort((a, b) => a.round - b.round))
  compare.replaceChildren(h('section', { 'aria-labelledby': 'programme-compare-heading' }, [
    h('h2', { id: 'programme-compare-heading' }, [t('programme.compareHeading')]),
    ...(comparable.length === 0
      ? [h('p', { class: 'help' }, [t('programme.compareNone')])]
      : comparable.map((chain, index) => renderCompare(chain, index)))
  ]))
}
