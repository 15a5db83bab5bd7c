/**
 * The amendments proposed for one section: each open one as a word-level difference against
 * the live wording, with its reason, for/against votes, comments, and the author's and the
 * facilitator's buttons; decided ones fold into one line.
 * @module views/charter/proposals
 */

import { h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { CommentThread } from './comments.js'
import { renderDiff } from './diff.js'
import { plainText } from './model.js'
import { formatTime } from './ui.js'
import { confirmDialog } from '../dialog.js'

/**
 * @typedef {{ for: number, against: number, mine: 'for' | 'against' | null }} ProposalReaction
 *
 * @typedef {object} ProposalContext
 * @property {(command: Record<string, unknown>) => boolean} send
 * @property {(id: string) => boolean} isOwn
 * @property {import('./comments.js').CommentActions} comments
 * @property {boolean} facilitator
 * @property {boolean} present the projector: no buttons
 * @property {((root: 'proposals', id: string) => HTMLButtonElement[]) | null} moderate the
 *   facilitator's "Hide" and "Delete"
 *
 * @typedef {object} ProposalState what else one proposal shows
 * @property {string} current the live wording's plain text
 * @property {ProposalReaction | null} reaction
 * @property {import('./model.js').CommentData[]} comments
 * @property {boolean} readOnly no withdrawing, no comments (the connection, the session)
 * @property {boolean} voteOff no votes (the connection; the session outside writing and voting)
 */

/**
 * The vote in words: "12 for, 3 against".
 * @param {number} votesFor
 * @param {number} votesAgainst
 * @returns {string}
 */
const voteText = (votesFor, votesAgainst) => t('charter.proposal.tally', { for: votesFor, against: votesAgainst })

export class ProposalItem {
  /**
   * @param {string} id
   * @param {ProposalContext} context
   */
  constructor (id, context) {
    this.id = id
    this.context = context
    this.element = h('li', { class: 'tv-proposal', 'data-proposal-id': id })
    /** @type {string} */
    this.signature = ''
    /** @type {CommentThread | null} */
    this.thread = null
  }

  /**
   * @param {import('./model.js').ProposalData} proposal
   * @param {ProposalState} state
   */
  update (proposal, state) {
    const own = this.context.isOwn(proposal.id)
    const signature = JSON.stringify([proposal, state.current, state.reaction, state.readOnly, state.voteOff, own])
    if (proposal.status === 'open' && !this.context.present) {
      this.thread ??= new CommentThread(proposal.id, this.context.comments, true)
      this.thread.setReadOnly(state.readOnly)
      this.thread.update(state.comments)
    }
    if (signature === this.signature) return
    this.signature = signature
    this.element.dataset.proposalStatus = proposal.status
    this.element.dataset.own = String(own)
    // Redraw the proposal's own parts; the comment thread (and what is typed in it) stays.
    const parts = proposal.status === 'open' ? this.renderOpen(proposal, state, own) : this.renderDecided(proposal)
    this.element.replaceChildren(...parts)
    if (proposal.status === 'open' && this.thread !== null) this.element.append(this.thread.element)
  }

  /**
   * @param {import('./model.js').ProposalData} proposal
   * @param {ProposalState} state
   * @param {boolean} own
   * @returns {HTMLElement[]}
   */
  renderOpen (proposal, state, own) {
    const { send, facilitator, present } = this.context
    const proposed = plainText(proposal.wording)
    const head = h('p', { class: 'tv-proposal__head' }, [
      h('span', { class: 'tv-proposal__label' }, [t('charter.proposal.label')]),
      ' ',
      h('span', { class: 'tv-proposal__time' }, [formatTime(proposal.created)])
    ])
    if (own) head.append(' ', h('span', { class: 'tv-own-badge' }, [t('charter.proposal.yours')]))
    /** @type {HTMLElement[]} */
    const parts = [head]
    if (proposal.reason !== '') {
      parts.push(h('p', { class: 'tv-proposal__reason', 'data-proposal-reason': true }, [
        h('span', { class: 'tv-proposal__reason-label' }, [t('charter.proposal.reason') + ': ']), proposal.reason
      ]))
    }
    if (proposal.base !== state.current) {
      parts.push(h('p', { class: 'tv-proposal__stale', 'data-proposal-stale': true }, [t('charter.proposal.stale')]))
    }
    parts.push(renderDiff(state.current, proposed, { 'data-proposal-diff': true }).element)

    const reaction = state.reaction ?? { for: 0, against: 0, mine: null }
    const counts = h('p', { class: 'tv-proposal__counts', 'data-proposal-counts': true }, [
      h('span', { 'data-votes-for': String(reaction.for) }, [t('charter.proposal.for', { count: reaction.for })]),
      ' · ',
      h('span', { 'data-votes-against': String(reaction.against) }, [t('charter.proposal.against', { count: reaction.against })])
    ])
    const row = h('div', { class: 'tv-proposal__actions' })
    if (!present && !facilitator) {
      for (const vote of /** @type {const} */ (['for', 'against'])) {
        const mine = reaction.mine === vote
        const button = h('button', {
          type: 'button',
          class: `btn tv-vote tv-vote--${vote}`,
          'aria-pressed': String(mine),
          'data-vote': vote,
          disabled: state.voteOff
        }, [
          h('span', { 'aria-hidden': 'true', class: 'tv-vote__icon' }, [vote === 'for' ? '✓' : '✕']),
          t(`charter.proposal.vote.${vote}`),
          h('span', { class: 'tv-vote__count' }, [String(vote === 'for' ? reaction.for : reaction.against)])
        ])
        button.addEventListener('click', () => send({ type: 'proposal.vote', proposal: this.id, vote: mine ? null : vote }))
        row.append(button)
      }
      counts.classList.add('sr-only')
    }
    if (!present && own) {
      const withdraw = h('button', { type: 'button', class: 'btn btn-secondary', 'data-proposal-withdraw': true, disabled: state.readOnly }, [t('charter.proposal.withdraw')])
      withdraw.addEventListener('click', () => confirmDialog({
        title: t('charter.proposal.withdrawTitle'),
        body: t('charter.proposal.withdrawBody'),
        confirmLabel: t('charter.proposal.withdraw'),
        back: withdraw,
        confirm: () => send({ type: 'proposal.withdraw', proposal: this.id })
      }))
      row.append(withdraw)
    }
    if (!present && facilitator) {
      for (const decision of /** @type {const} */ (['accept', 'reject'])) {
        const button = h('button', {
          type: 'button',
          class: `btn ${decision === 'accept' ? 'btn-primary' : 'btn-secondary'}`,
          'data-proposal-decide': decision,
          disabled: state.readOnly
        }, [t(`charter.proposal.${decision}`)])
        button.addEventListener('click', () => send({ type: 'proposal.decide', proposal: this.id, decision }))
        row.append(button)
      }
    }
    if (!present && this.context.moderate !== null) row.append(...this.context.moderate('proposals', this.id))
    parts.push(counts)
    if (row.childElementCount > 0) parts.push(row)
    return parts
  }

  /**
   * @param {import('./model.js').ProposalData} proposal
   * @returns {HTMLElement[]}
   */
  renderDecided (proposal) {
    const line = h('p', { class: 'tv-proposal__decided' }, [
      h('span', { class: `tv-status tv-status--${proposal.status}`, 'data-decided': proposal.status }, [t(`charter.proposal.status.${proposal.status}`)])
    ])
    if (proposal.votesFor !== null || proposal.votesAgainst !== null) {
      line.append(' · ', voteText(proposal.votesFor ?? 0, proposal.votesAgainst ?? 0))
    }
    if (proposal.decided !== '') line.append(' · ', formatTime(proposal.decided))
    if (proposal.reason !== '') line.append(h('span', { class: 'tv-proposal__decided-reason' }, [' — ', proposal.reason]))
    if (!this.context.present && this.context.moderate !== null) {
      return [line, h('div', { class: 'tv-proposal__actions' }, this.context.moderate('proposals', this.id))]
    }
    return [line]
  }
}

export class ProposalList {
  /** @param {ProposalContext} context */
  constructor (context) {
    this.context = context
    /** @type {Map<string, ProposalItem>} */
    this.items = new Map()
    this.heading = h('h3', { class: 'tv-subheading' }, [t('charter.proposal.heading')])
    this.list = h('ul', { class: 'tv-proposals', 'data-proposals': true, 'aria-live': 'polite' })
    this.element = h('div', { class: 'tv-proposals-block' }, [this.heading, this.list])
  }

  /**
   * @param {import('./model.js').ProposalData[]} proposals this section's, oldest first
   * @param {(proposal: import('./model.js').ProposalData) => ProposalState} stateOf
   */
  update (proposals, stateOf) {
    // Open ones first (what people act on), then the decided ones.
    const ordered = [...proposals.filter((p) => p.status === 'open'), ...proposals.filter((p) => p.status !== 'open')]
    const present = new Set(ordered.map((p) => p.id))
    for (const [id, item] of this.items) {
      if (!present.has(id)) {
        item.element.remove()
        this.items.delete(id)
      }
    }
    let cursor = this.list.firstElementChild
    for (const proposal of ordered) {
      let item = this.items.get(proposal.id)
      if (item === undefined) {
        item = new ProposalItem(proposal.id, this.context)
        this.items.set(proposal.id, item)
      }
      item.update(proposal, stateOf(proposal))
      if (item.element === cursor) cursor = cursor.nextElementSibling
      else this.list.insertBefore(item.element, cursor)
    }
    this.element.hidden = ordered.length === 0
  }
}
