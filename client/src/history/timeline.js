/**
 * The timeline: one line of points (across on a laptop, down on a phone), stepped with the
 * previous/next buttons or the arrow keys; the selected point has `aria-current`.
 * @module history/timeline
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { pointDetail, pointKey, pointName, pointTime } from './points.js'

/**
 * @typedef {object} Timeline
 * @property {HTMLElement} element
 * @property {(index: number, focus?: boolean) => void} select
 * @property {() => number} selected
 */

/**
 * Render `points` and call `onSelect` with the index of each point the user selects.
 * @param {import('./points.js').TimelinePoint[]} points oldest first, "Nu" last
 * @param {string} lang
 * @param {(index: number) => void} onSelect
 * @returns {Timeline}
 */
export const renderTimeline = (points, lang, onSelect) => {
  let current = -1
  const previous = h('button', { type: 'button', class: 'btn btn-secondary', 'data-timeline-previous': true }, [
    h('span', { 'aria-hidden': 'true' }, ['← ']), t('history.previous')
  ])
  const next = h('button', { type: 'button', class: 'btn btn-secondary', 'data-timeline-next': true }, [
    t('history.next'), h('span', { 'aria-hidden': 'true' }, [' →'])
  ])
  const buttons = points.map((point, index) => {
    const time = pointTime(point, lang)
    const button = h('button', { type: 'button', class: 'tv-timeline__button', 'data-timeline-point': pointKey(point), tabindex: '-1' }, [
      h('span', { class: 'tv-timeline__dot', 'aria-hidden': 'true' }),
      h('span', { class: 'tv-timeline__text' }, [
        h('span', { class: 'tv-timeline__label' }, [pointName(point)]),
        ...(time ? [h('span', { class: 'tv-timeline__time' }, [time])] : []),
        h('span', { class: 'tv-timeline__detail' }, [pointDetail(point)])
      ])
    ])
    button.addEventListener('click', () => select(index))
    return button
  })
  const list = h('ol', { class: 'tv-timeline__points', 'aria-labelledby': 'tv-timeline-heading' }, points.map((point, index) =>
    h('li', { class: 'tv-timeline__point', 'data-type': point.type }, [buttons[index]])
  ))
  // One Tab stop for the line; the arrow keys move along it (across or down).
  list.addEventListener('keydown', (event) => {
    /** @type {Record<string, number>} */
    const targets = { ArrowLeft: current - 1, ArrowUp: current - 1, ArrowRight: current + 1, ArrowDown: current + 1, Home: 0, End: points.length - 1 }
    if (!(event.key in targets)) return
    event.preventDefault()
    select(Math.max(0, Math.min(points.length - 1, targets[event.key])), true)
  })
  previous.addEventListener('click', () => select(current - 1))
  next.addEventListener('click', () => select(current + 1))

  /**
   * @param {number} index
   * @param {boolean} [focus] move focus to the point (keyboard stepping)
   */
  const select = (index, focus = false) => {
    if (index < 0 || index >= points.length) return
    buttons.forEach((button, at) => {
      button.setAttribute('aria-current', String(at === index))
      button.tabIndex = at === index ? 0 : -1
    })
    previous.disabled = index === 0
    next.disabled = index === points.length - 1
    if (focus) buttons[index].focus()
    buttons[index].scrollIntoView({ block: 'nearest', inline: 'nearest' })
    if (index === current) return
    current = index
    onSelect(index)
  }

  const element = h('div', { class: 'tv-timeline', 'data-timeline': true }, [
    h('div', { class: 'tv-timeline__bar' }, [
      h('h2', { id: 'tv-timeline-heading' }, [t('history.timeline')]),
      previous,
      next
    ]),
    list
  ])
  return { element, select, selected: () => current }
}
