/**
 * A section's history: the versions the server kept (when it was agreed, each accepted
 * amendment, each snapshot that changed it), stepped through one at a time, each shown as a
 * word-level difference against the version before it, any other version, or the live
 * wording (`GET /api/boards/{id}/charter/versions`).
 * @module views/charter/history
 */

import { domId, h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { renderDiff } from './diff.js'
import { formatTime } from './ui.js'

/**
 * @typedef {object} Version
 * @property {string} id
 * @property {'agreed' | 'amendment' | 'snapshot'} kind
 * @property {string} text plain text of the wording
 * @property {string} created
 * @property {string} proposer
 * @property {string} reason
 * @property {number | null} votesFor
 * @property {number | null} votesAgainst
 */

/**
 * @param {unknown} value
 * @returns {number | null}
 */
const countOf = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/**
 * Read one section's versions from the API's answer; malformed entries are left out.
 * @param {unknown} body
 * @param {string} section
 * @returns {Version[]}
 */
export const readVersions = (body, section) => {
  const sections = typeof body === 'object' && body !== null ? /** @type {Record<string, unknown>} */ (body).sections : null
  const list = typeof sections === 'object' && sections !== null ? /** @type {Record<string, unknown>} */ (sections)[section] : null
  if (!Array.isArray(list)) return []
  return list.filter((entry) => typeof entry === 'object' && entry !== null).map((entry, index) => {
    const value = /** @type {Record<string, unknown>} */ (entry)
    /** @param {string} key */
    const text = (key) => (typeof value[key] === 'string' ? /** @type {string} */ (value[key]) : '')
    return {
      id: text('id') || String(index),
      kind: value.kind === 'amendment' || value.kind === 'snapshot' ? value.kind : 'agreed',
      text: text('text'),
      created: text('created'),
      proposer: text('proposer'),
      reason: text('reason'),
      votesFor: countOf(value.votes_for),
      votesAgainst: countOf(value.votes_against)
    }
  })
}

export class HistoryPanel {
  /**
   * @param {string} boardId
   * @param {string} section
   * @param {() => string} currentText the live wording's plain text
   * @param {() => string} title the section's title
   */
  constructor (boardId, section, currentText, title) {
    this.boardId = boardId
    this.section = section
    this.currentText = currentText
    this.title = title
    this.button = h('button', { type: 'button', class: 'btn btn-secondary', 'aria-expanded': 'false', 'data-history-open': true }, [t('charter.history.open')])
    this.button.addEventListener('click', () => (this.element.hidden ? this.show() : this.close()))
    const headingId = domId('tv-history')
    this.heading = h('h3', { id: headingId, class: 'tv-subheading', tabindex: '-1' })
    this.position = h('p', { class: 'tv-history__position', 'data-history-position': true, 'aria-live': 'polite' })
    this.about = h('p', { class: 'tv-history__about', 'data-history-about': true })
    this.previous = h('button', { type: 'button', class: 'btn btn-secondary', 'data-history-previous': true }, [
      h('span', { 'aria-hidden': 'true' }, ['← ']), t('charter.history.previous')
    ])
    this.next = h('button', { type: 'button', class: 'btn btn-secondary', 'data-history-next': true }, [
      t('charter.history.next'), h('span', { 'aria-hidden': 'true' }, [' →'])
    ])
    const compareId = domId('tv-history-compare')
    this.compare = h('select', { id: compareId, class: 'tv-select', 'data-history-compare': true })
    this.diff = h('div', { class: 'tv-history__diff', 'data-history-diff': true })
    const close = h('button', { type: 'button', class: 'btn btn-secondary', 'data-history-close': true }, [t('charter.history.close')])
    this.steps = h('div', { class: 'tv-history__steps' }, [this.previous, this.next])
    this.element = h('section', { class: 'tv-history', 'aria-labelledby': headingId, 'data-history': true, hidden: true }, [
      this.heading,
      this.position,
      this.about,
      this.steps,
      h('p', { class: 'tv-history__compare' }, [
        h('label', { for: compareId }, [t('charter.history.compareWith')]), ' ', this.compare
      ]),
      this.diff,
      h('div', { class: 'tv-form-actions' }, [close])
    ])
    this.previous.addEventListener('click', () => this.go(this.index - 1))
    this.next.addEventListener('click', () => this.go(this.index + 1))
    this.compare.addEventListener('change', () => this.render())
    close.addEventListener('click', () => this.close())
    this.element.addEventListener('keydown', (event) => { if (event.key === 'Escape') this.close() })
    /** @type {Version[]} */
    this.versions = []
    this.index = 0
  }

  async show () {
    this.element.hidden = false
    this.button.setAttribute('aria-expanded', 'true')
    this.heading.textContent = t('charter.history.heading', { section: this.title() })
    this.position.textContent = t('charter.history.loading')
    this.about.textContent = ''
    this.diff.replaceChildren()
    this.steps.hidden = true
    this.heading.focus()
    try {
      const response = await fetch(`/api/boards/${encodeURIComponent(this.boardId)}/charter/versions`, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' }
      })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      this.versions = readVersions(await response.json(), this.section)
    } catch (error) {
      console.warn('tavle: could not load the charter versions', error)
      this.position.textContent = t('charter.history.failed')
      return
    }
    this.index = this.versions.length - 1
    this.compare.value = 'previous'
    this.render()
  }

  close () {
    this.element.hidden = true
    this.button.setAttribute('aria-expanded', 'false')
    this.button.focus()
  }

  /** @param {number} index */
  go (index) {
    if (index < 0 || index >= this.versions.length) return
    this.index = index
    this.compare.value = 'previous'
    this.render()
  }

  /** Offer every other version to compare with, and the live wording. */
  fillCompare () {
    const chosen = this.compare.value || 'previous'
    const options = [h('option', { value: 'previous' }, [t('charter.history.withPrevious')])]
    this.versions.forEach((_, index) => {
      if (index !== this.index) {
        options.push(h('option', { value: String(index) }, [
          t('charter.history.position', { number: index + 1, total: this.versions.length })
        ]))
      }
    })
    options.push(h('option', { value: 'live' }, [t('charter.history.withLive')]))
    this.compare.replaceChildren(...options)
    const stillThere = [...this.compare.options].some((option) => option.value === chosen)
    this.compare.value = stillThere ? chosen : 'previous'
  }

  render () {
    const total = this.versions.length
    if (total === 0) {
      this.position.textContent = t('charter.history.none')
      this.steps.hidden = true
      this.diff.replaceChildren()
      return
    }
    const version = this.versions[this.index]
    this.steps.hidden = total < 2
    this.previous.disabled = this.index === 0
    this.next.disabled = this.index === total - 1
    this.position.textContent = t('charter.history.position', { number: this.index + 1, total })
    const when = formatTime(version.created)
    const about = version.kind === 'amendment'
      ? t('charter.history.amendment', { name: version.proposer || t('charter.history.someone'), when })
      : version.kind === 'snapshot'
        ? t('charter.history.snapshot', { when })
        : t('charter.history.agreed', { when })
    const tally = version.votesFor !== null || version.votesAgainst !== null
      ? ' · ' + t('charter.proposal.tally', { for: version.votesFor ?? 0, against: version.votesAgainst ?? 0 })
      : ''
    this.about.replaceChildren(about + tally)
    if (version.reason !== '' && version.kind !== 'snapshot') {
      this.about.append(h('span', { class: 'tv-history__reason' }, [
        h('span', { class: 'tv-proposal__reason-label' }, [t('charter.proposal.reason') + ': ']), version.reason
      ]))
    }
    this.fillCompare()
    const { before, after, caption } = this.pair(version)
    this.diff.replaceChildren(h('p', { class: 'tv-help' }, [caption]), renderDiff(before, after).element)
  }

  /**
   * The two wordings to compare, older first, and what the difference shows.
   * @param {Version} version the one stepped to
   * @returns {{ before: string, after: string, caption: string }}
   */
  pair (version) {
    const choice = this.compare.value
    if (choice === 'live') {
      return { before: version.text, after: this.currentText(), caption: t('charter.history.vsLive') }
    }
    const other = Number.parseInt(choice, 10)
    if (Number.isInteger(other) && this.versions[other] !== undefined) {
      const [older, newer] = other < this.index ? [other, this.index] : [this.index, other]
      return {
        before: this.versions[older].text,
        after: this.versions[newer].text,
        caption: t('charter.history.between', { from: older + 1, to: newer + 1 })
      }
    }
    if (this.index === 0) return { before: '', after: version.text, caption: t('charter.history.first') }
    return {
      before: this.versions[this.index - 1].text,
      after: version.text,
      caption: t('charter.history.vsPrevious')
    }
  }
}
