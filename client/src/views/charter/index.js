/**
 * The `charter` engine's view: the leadership charter's sections, each with its live wording
 * (y-prosemirror), amendments with votes and comments, everyday examples, and history.
 *
 * Laptops show every section in one column; phones a list of sections, one opened at a time
 * full-width; `?view=present` is the projector (large type, no editing chrome). Only the
 * chrome follows `sections`, `proposals`, `comments` and `examples`, once per frame; each
 * editor keeps its own DOM (docs/formats.md, "Document layout").
 * @module views/charter
 */

import * as Y from 'yjs'
import { h, renderOncePerFrame } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { readConfig } from '../../config.js'
import { createActions } from './actions.js'
import { createBoardTools } from './board-tools.js'
import { createCharterFacilitation } from './facilitation.js'
import { focusButton } from '../facilitation/focus.js'
import { moderationButtons } from '../facilitation/moderation.js'
import { byCreated, byOrder, readAll, readComment, readExample, readProposal, readSection } from './model.js'
import { followKeyboard } from './keyboard.js'
import { SectionView } from './section.js'
import { createSectionVote } from './section-vote.js'
import { createCharterGroups } from './groups.js'
import { sectionTitle } from './ui.js'

/** Phones get the list of sections below this width. */
const NARROW_QUERY = '(max-width: 47.99rem)'
/** How long the wording may keep changing before previews and differences are redrawn. */
const WORDING_SETTLE_MS = 250

/**
 * @typedef {import('../../sync/server-messages.js').ReactionsMessage} ReactionsMessage
 */

/**
 * Group items by one of their fields.
 * @template {Record<string, any>} T
 * @param {T[]} items
 * @param {keyof T} key
 * @returns {Map<string, T[]>}
 */
const groupBy = (items, key) => {
  /** @type {Map<string, T[]>} */
  const groups = new Map()
  for (const item of items) {
    const group = groups.get(item[key])
    if (group) group.push(item)
    else groups.set(item[key], [item])
  }
  return groups
}

/**
 * Render the charter into `container` and keep it in step with the document.
 * @param {HTMLElement} container the server's `[data-board-view]`
 * @param {import('../index.js').ViewContext} context
 * @returns {import('../index.js').BoardView}
 */
export const mountCharterView = (container, { doc, ownership, announce, role, mode, awareness, send, boardId }) => {
  const facilitator = role === 'facilitator'
  const present = mode === 'present'
  /** @type {Y.Map<unknown>} */
  const sections = doc.getMap('sections')
  /** @type {Y.Map<unknown>} */
  const wording = doc.getMap('wording')
  /** @type {Y.Map<unknown>} */
  const proposals = doc.getMap('proposals')
  /** @type {Y.Map<unknown>} */
  const comments = doc.getMap('comments')
  /** @type {Y.Map<unknown>} */
  const examples = doc.getMap('examples')
  const actions = createActions(doc, ownership)
  /** @type {ReactionsMessage} */
  let reactions = { type: 'reactions', proposals: {}, examples: {} }
  let readOnly = false
  /** @type {Map<string, SectionView>} */
  const views = new Map()
  const narrow = window.matchMedia(NARROW_QUERY)
  /** The section a phone shows alone, or `null` for the list. @type {string | null} */
  let openId = null

  const list = h('div', { class: 'tv-sections', 'data-sections': true })
  const empty = h('p', { class: 'tv-empty', 'data-no-sections': true, hidden: true }, [t('charter.noSections')])
  const addButton = h('button', { type: 'button', class: 'btn btn-secondary tv-charter__add', 'data-section-add': true }, [
    h('span', { 'aria-hidden': 'true' }, ['+ ']), t('charter.section.add')
  ])
  const root = h('div', {
    class: 'tv-charter',
    'data-charter': true,
    'data-charter-mode': mode,
    'data-charter-role': facilitator ? 'facilitator' : 'participant'
  }, [
    ...(present ? [] : [createBoardTools(boardId, facilitator)]),
    empty,
    list,
    ...(facilitator && !present ? [addButton] : [])
  ])
  container.replaceChildren(root)
  container.ownerDocument.body.dataset.charterView = mode

  const moderating = facilitator && !present
  /**
   * The facilitator's "Hide" and "Delete" of an example, comment or proposal.
   * @param {'examples' | 'comments' | 'proposals'} itemRoot
   * @param {string} id
   */
  const moderate = (itemRoot, id) => moderationButtons({
    send,
    announce,
    root: itemRoot,
    id,
    make: (label, _icon, attributes) => h('button', { type: 'button', class: 'tv-link-btn tv-moderate', ...attributes }, [label])
  })
  const session = createCharterFacilitation({
    root,
    boardId,
    facilitator,
    present,
    examples,
    views,
    phone: () => narrow.matches && !present,
    open: (id) => openSection(id, true),
    send,
    announce,
    apply: () => applyLocks()
  })
  root.insertBefore(session.reason, list)

  // The dot vote over the sections, where the board's kind declares one (server/web/common.py).
  const declared = /** @type {{ sectionVote?: import('./section-vote.js').SectionVoteConfig } | undefined} */ (readConfig(document).board)?.sectionVote
  const sectionVote = declared
    ? createSectionVote({
      config: declared,
      facilitator,
      present,
      send,
      announce,
      // A phone reading one section goes back to the list, where the vote is.
      opened: () => { if (openId !== null && narrow.matches && !present) openSection(null, true) }
    })
    : null
  if (sectionVote !== null) root.insertBefore(sectionVote.element, list)

  // Table groups: each drafts one section (docs/protocol.md, "Table groups").
  const groups = createCharterGroups({
    doc,
    awareness,
    facilitator,
    present,
    send,
    announce,
    sectionTitle: (id) => {
      const section = sections.get(id)
      return section instanceof Y.Map ? sectionTitle(readSection(id, section)) : ''
    },
    showSections: (shown) => {
      list.hidden = !shown
      addButton.hidden = !shown
    }
  })
  root.insertBefore(groups.element, session.reason)

  /** What the sections may do now: the connection, and the session's phase for participants. */
  const applyLocks = () => {
    const policy = session.policy()
    const editOff = readOnly || !policy.edit
    sectionVote?.setCanVote(!readOnly && policy.react)
    views.forEach((view) => {
      view.setReadOnly(editOff)
      view.setExampleLocks({
        edit: !editOff,
        react: !readOnly && policy.react,
        add: !readOnly && (policy.edit || policy.writePrivately),
        privately: policy.writePrivately
      })
    })
    renderItems()
  }

  /** @param {string} id */
  const fragmentOf = (id) => {
    const fragment = wording.get(id)
    return fragment instanceof Y.XmlFragment ? fragment : null
  }

  // --- What the sections may do ---------------------------------------------------------------

  /** @type {import('./section.js').SectionDeps} */
  const deps = {
    boardId,
    facilitator,
    present,
    awareness,
    fragment: fragmentOf,
    tools: {
      setState: (id, state) => send({ type: 'section.state', section: id, state }),
      update: (id, fields) => actions.updateSection(id, fields),
      move: (id, step) => {
        actions.moveSection(id, step)
        render()
        views.get(id)?.tools?.keepFocusAfterMove(step)
      },
      remove: (id) => {
        actions.removeSection(id)
        announce(t('charter.section.removed'))
        render()
        views.values().next().value?.title.focus()
      }
    },
    proposals: {
      send,
      isOwn: (id) => ownership.has(id),
      comments: {
        add: (proposal, text) => actions.addComment(proposal, text),
        remove: (id) => actions.deleteComment(id),
        isOwn: (id) => ownership.has(id),
        moderate: moderating ? moderate : null
      },
      facilitator,
      present,
      moderate: moderating ? moderate : null
    },
    propose: { send, ownership, announce },
    examples: {
      actions,
      send,
      isOwn: (id) => ownership.has(id),
      announce,
      facilitator,
      present,
      moderate: moderating ? moderate : null,
      addPrivately: (section, fields) => session.addPrivately(section, fields)
    },
    open: (id) => openSection(id, true),
    privateExamples: session.privateActions,
    focusButton: moderating ? (id) => focusButton(send, announce, 'section', id) : null
  }

  // --- Phones: a list of sections, one opened at a time ---------------------------------------

  /**
   * Show section `id` alone (or the list, for `null`) on a phone.
   * @param {string | null} id
   * @param {boolean} remember add a browser history entry, so the phone's back gesture returns
   */
  const openSection = (id, remember) => {
    const previous = openId
    const next = id !== null && views.has(id) ? id : null
    if (next === previous) return
    if (remember && next === null && history.state?.charterSection) {
      // Back to the list the way the phone's own back gesture goes: popstate follows.
      history.back()
      return
    }
    if (remember && next !== null) history.pushState({ charterSection: next }, '')
    openId = next
    layout()
    if (openId !== null) {
      window.scrollTo({ top: 0 })
      views.get(openId)?.title.focus()
    } else if (previous !== null) {
      views.get(previous)?.opener.focus()
    }
  }
  window.addEventListener('popstate', (event) => {
    const section = event.state?.charterSection
    openSection(typeof section === 'string' ? section : null, false)
  })

  const layout = () => {
    const phone = narrow.matches && !present
    if (openId !== null && !views.has(openId)) openId = null
    root.dataset.layout = phone ? (openId === null ? 'list' : 'detail') : 'column'
    for (const [id, view] of views) {
      view.element.dataset.open = String(id === openId)
      view.mountEditor(!phone || id === openId)
    }
  }
  narrow.addEventListener('change', layout)
  if (!present) followKeyboard()

  // --- Rendering ----------------------------------------------------------------------------

  const render = () => {
    const data = readAll(sections, readSection).sort(byOrder)
    const ids = new Set(data.map((section) => section.id))
    for (const [id, view] of views) {
      if (!ids.has(id)) {
        view.destroy()
        views.delete(id)
      }
    }
    let cursor = list.firstElementChild
    let number = 0
    data.forEach((section, index) => {
      let view = views.get(section.id)
      if (view === undefined) {
        view = new SectionView(section.id, deps)
        const policy = session.policy()
        view.setReadOnly(readOnly || !policy.edit)
        view.setExampleLocks({
          edit: !readOnly && policy.edit,
          react: !readOnly && policy.react,
          add: !readOnly && (policy.edit || policy.writePrivately),
          privately: policy.writePrivately
        })
        views.set(section.id, view)
        view.refreshWording()
      }
      if (section.role === 'principle') number += 1
      view.update(section, { first: index === 0, last: index === data.length - 1, number })
      if (view.element === cursor) cursor = cursor.nextElementSibling
      else list.insertBefore(view.element, cursor)
    })
    empty.hidden = data.length > 0
    sectionVote?.setSections(data)
    layout()
    renderItems()
    session.drawn()
  }

  const renderItems = () => {
    const byProposal = groupBy(readAll(comments, readComment).sort(byCreated), 'proposal')
    const bySection = groupBy(readAll(proposals, readProposal).sort(byCreated), 'section')
    const examplesBySection = groupBy(readAll(examples, readExample).sort(byCreated), 'section')
    for (const [id, view] of views) {
      view.setProposals(bySection.get(id) ?? [], (proposal) => ({
        current: view.currentText,
        reaction: reactions.proposals[proposal.id] ?? null,
        comments: byProposal.get(proposal.id) ?? [],
        readOnly: readOnly || !session.policy().edit,
        voteOff: readOnly || !session.policy().react
      }))
      view.setExamples(examplesBySection.get(id) ?? [], reactions.examples)
    }
  }

  const scheduleRender = renderOncePerFrame(render)
  const scheduleItems = renderOncePerFrame(renderItems)
  // This tab's own writes are drawn at once (focus stays where it was); remote ones per frame.
  sections.observeDeep((_events, transaction) => (transaction.local ? render() : scheduleRender()))
  for (const map of [proposals, comments, examples]) {
    map.observeDeep((_events, transaction) => (transaction.local ? renderItems() : scheduleItems()))
  }
  ownership.subscribe(scheduleItems)

  // Wording: a replaced or new fragment re-binds an editor; typing only refreshes previews and
  // the differences shown under the section, once the text has settled for a moment.
  /** @type {Set<string>} */
  const settling = new Set()
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let settleTimer
  const settle = () => {
    settleTimer = undefined
    settling.forEach((id) => views.get(id)?.refreshWording())
    settling.clear()
    renderItems()
  }
  wording.observeDeep((events) => {
    let rebind = false
    for (const event of events) {
      if (event.target === wording) {
        rebind = true
        event.changes.keys.forEach((_change, key) => settling.add(key))
      } else if (typeof event.path[0] === 'string') {
        settling.add(event.path[0])
      }
    }
    if (rebind) scheduleRender()
    if (settleTimer === undefined) settleTimer = setTimeout(settle, WORDING_SETTLE_MS)
  })

  addButton.addEventListener('click', () => {
    if (readOnly) return
    const id = actions.addSection(t('charter.section.newTitle'))
    render()
    views.get(id)?.tools?.startEditing()
  })

  render()

  return {
    setReadOnly: (value) => {
      readOnly = value
      root.dataset.readonly = String(value)
      addButton.disabled = value
      groups.setReadOnly(value)
      applyLocks()
    },
    onSession: (message) => session.onSession(message),
    onPrivate: (message) => session.onPrivate(message),
    onReactions: (message) => {
      reactions = message
      scheduleItems()
    },
    onVote: (message) => sectionVote?.update(message),
    onGroup: (message) => groups.onGroup(message),
    onGroups: (message) => groups.onGroups(message)
  }
}
