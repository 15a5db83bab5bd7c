/**
 * The `map` engine's view: zones of notes and clusters, kept in step with the document by
 * keyed updates of only what changed, batched per animation frame.
 *
 * Participants get the phone's swipeable columns and a "write a note" form; the facilitator
 * gets the wall (all zones side by side) with moving, clustering, zone editing and dot
 * voting; `?view=present` shows the map alone, large, for the projector.
 * @module views/map
 */

import { h, renderOncePerFrame } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { userOf } from '../../sync/presence.js'
import { createActions } from './actions.js'
import { announceArrivals } from './arrivals.js'
import { groupForm } from './clusters.js'
import { zoneTitle } from './controls.js'
import { enableDragging } from './drag.js'
import { createMapFacilitation } from './facilitation.js'
import { focusButton } from '../facilitation/focus.js'
import { moderationButtons } from '../facilitation/moderation.js'
import { iconButton } from './controls.js'
import { createOwnNotes } from './own-notes.js'
import { createComposer, createZoneTabs } from './phone.js'
import { PRIVATE_NOTES_EVENT } from './private-cards.js'
import { Placement, noteKey } from './placement.js'
import { MapRenderer } from './renderer.js'
import { markChanges } from '../change-mark.js'
import { MapStore } from './store.js'
import { resultsList, voteBanner, votePanel } from './voting.js'
import { createVoteList } from './vote-list.js'
import { createWall } from './wall.js'
import { createMapGroups } from './groups.js'
import { mountMapExtras } from './extras.js'

/**
 * Render the map board into `container` and keep it in step with the document.
 * @param {HTMLElement} container the server's `[data-board-view]`
 * @param {import('../index.js').ViewContext} context
 * @returns {import('../index.js').BoardView}
 */
export const mountMapView = (container, { doc, ownership, announce, role, mode, awareness, send, boardId }) => {
  const facilitator = role === 'facilitator'
  const present = mode === 'present'
  const editing = !present
  const arranging = facilitator && editing
  const store = new MapStore(doc)
  // A phone shows its table group's space (the plenum's until the server names a group); the
  // facilitator's screens start with every note (docs/protocol.md, "Table groups").
  store.setSpace(facilitator ? undefined : null)
  /** Notes deleted elsewhere while open in an editor here: shown until the editor closes. @type {Map<string, import('./model.js').NoteData>} */
  const ghosts = new Map()
  const placement = new Placement(store, (id) => store.notes.get(id) ?? ghosts.get(id))
  const actions = createActions({ store, placement, ownership })
  /** @type {Set<string>} */
  const selected = new Set()
  let readOnly = false

  const grid = h('div', { class: 'tv-zones', 'data-zones': true })
  const frame = h('div', { class: 'tv-map__frame', 'data-fit': 'false' }, [grid])
  const noZones = h('p', { class: 'tv-notes-empty', 'data-no-zones': true, hidden: true }, [t('map.noZones')])
  const root = h('div', { class: 'tv-map', 'data-map': true, 'data-map-role': facilitator ? 'facilitator' : 'participant', 'data-map-mode': mode })
  // Page-wide layout follows the view through an attribute on <body>: a `body:has(.tv-map)`
  // rule made Chromium re-check the whole page on every new card (docs/benchmarks.md).
  container.ownerDocument.body.dataset.mapView = mode

  // --- Card, cluster and zone actions -------------------------------------------------------

  /** @returns {string[]} the selected notes in display order */
  const selectedInOrder = () =>
    [...grid.querySelectorAll('[data-note-id][data-selected]')]
      .map((element) => /** @type {HTMLElement} */ (element).dataset.noteId ?? '')
      .filter((id) => selected.has(id))

  const clearSelection = () => {
    selected.forEach((id) => renderer.cards.get(id)?.setSelected(false))
    selected.clear()
    group?.setCount(0)
  }

  /** @type {import('./note-card.js').CardActions} */
  const cardActions = {
    save: (card, edit) => {
      if (card.note !== null) actions.saveNote(card.note, edit)
    },
    remove: (card) => {
      // Keep the keyboard nearby: the next note's first button, else the zone's heading.
      const neighbour = card.element.nextElementSibling ?? card.element.previousElementSibling
      const target = neighbour?.querySelector('button:not([disabled])') ?? card.element.closest('[data-zone-id]')?.querySelector('h2')
      actions.deleteNote(card.id)
      announce(t('notes.deleted'))
      if (target instanceof HTMLElement) target.focus()
    },
    editEnded: (card) => {
      // A note deleted elsewhere while open here goes once its editor closes unsaved.
      if (ghosts.has(card.id)) {
        store.touchNote(card.id)
        flush()
      }
    },
    moveToZone: (card, zoneId) => {
      actions.moveNoteToZone(card.id, zoneId)
      const zone = store.zones.get(zoneId)
      if (zone) announce(t('map.moved', { zone: zoneTitle(zone) }))
    },
    moveBy: (card, step) => {
      actions.moveNoteBy(card.id, step)
      // At a zone's end the pressed button is disabled; keep the keyboard on the card.
      const pressed = step < 0 ? card.upButton : card.downButton
      const other = step < 0 ? card.downButton : card.upButton
      if (pressed?.disabled && other !== null && !other.disabled) other.focus()
    },
    select: (card, value) => {
      if (value) selected.add(card.id)
      else selected.delete(card.id)
      card.setSelected(value)
      group?.setCount(selected.size)
    },
    vote: (card, delta) => {
      send({ type: 'vote', note: card.id, delta })
    },
    zones: () => store.zoneList
  }

  /** @type {import('./clusters.js').ClusterActions} */
  const clusterActions = {
    rename: (id, title) => actions.renameCluster(id, title),
    dissolve: (id) => {
      actions.dissolveCluster(id)
      announce(t('map.cluster.dissolved'))
    },
    addSelected: (id) => {
      const ids = selectedInOrder()
      if (ids.length === 0) {
        announce(t('map.cluster.needNotes'))
        return
      }
      actions.addToCluster(id, ids)
      clearSelection()
    }
  }

  /** @type {import('./zone-tools.js').ZoneActions} */
  const zoneActions = {
    update: (id, fields) => actions.updateZone(id, fields),
    move: (id, step) => {
      actions.moveZone(id, step)
      renderer.columns.get(id)?.tools?.keepFocusAfterMove(step)
    },
    remove: (id) => {
      actions.removeZone(id)
      announce(t('map.zone.removed'))
      renderer.columns.values().next().value?.title.focus()
    },
    removal: (id) => actions.removal(id)
  }

  // --- Chrome -------------------------------------------------------------------------------

  const composer = editing
    ? createComposer((note) => {
      if (readOnly || !store.zones.has(note.zone)) return false
      const policy = session.policy()
      if (policy.writePrivately) {
        ownNotes?.expectPosted()
        session.addPrivate(note)
        return true
      }
      if (!policy.edit) return false
      const id = actions.addNote(note)
      const inView = tabs.current()
      const zone = store.zones.get(note.zone)
      // A participant's note shows under the form ("Your notes"): say where it went, always.
      if (zone && (ownNotes !== null || (inView !== null && inView !== note.zone))) announce(t('map.added', { zone: zoneTitle(zone) }))
      ownNotes?.posted(id)
      return true
    })
    : null
  const tabs = createZoneTabs(grid, (zoneId) => composer?.showZone(zoneId))
  // A participant's phone: their own notes right under the form, the board one tap away.
  const ownNotes = facilitator || present
    ? null
    : createOwnNotes({
      store,
      ownership,
      keep: () => composer?.element.querySelector('textarea') ?? null,
      showBoard: (zoneId) => {
        const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches
        sticky.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' })
        // Swiped to the newest note's zone, its heading focused (the tab's own action).
        const tab = zoneId === null ? null : tabs.element.querySelector(`[data-zone-tab="${CSS.escape(zoneId)}"]`)
        if (tab instanceof HTMLElement) tab.click()
        else renderer.columns.values().next().value?.title.focus({ preventScroll: true })
      }
    })
  const banner = facilitator ? null : voteBanner()
  // A participant's phone votes from one list of the notes in scope (not while presenting).
  const voteList = facilitator || present ? null : createVoteList(store, (note, delta) => send({ type: 'vote', note, delta }))
  const results = resultsList()
  const panel = arranging ? votePanel(send) : null
  const groups = createMapGroups({
    store,
    facilitator,
    send,
    announce,
    showOverview: (on) => {
      groups.overview.hidden = !on
      frame.hidden = on
      sticky.hidden = on
      groups.refresh()
    },
    redraw: () => scheduleFlush()
  })
  const group = arranging
    ? groupForm({
      group: (title) => {
        const ids = selectedInOrder()
        if (ids.length === 0) {
          announce(t('map.cluster.needNotes'))
          return false
        }
        if (title === '') {
          announce(t('map.cluster.needName'))
          return false
        }
        actions.group(ids, title)
        clearSelection()
        announce(t('map.cluster.grouped', { name: title }))
        return true
      },
      clear: clearSelection
    })
    : null
  const wall = facilitator || present
    ? createWall({
      frame,
      grid,
      facilitator,
      present,
      fit: present,
      // The facilitator's note form and vote settings open over the wall from its toolbar.
      drawers: arranging && composer !== null && panel !== null
        ? [
            { key: 'write', label: t('map.drawer.write'), element: composer.element },
            { key: 'vote', label: t('map.drawer.vote'), element: panel.element },
            ...(groups.panel ? [{ key: 'groups', label: t('groups.heading'), element: groups.panel }] : [])
          ]
        : [],
      addZone: arranging
        ? () => {
          const id = actions.addZone()
          renderer.columns.get(id)?.tools?.startEditing()
        }
        : null
    })
    : null

  const sticky = h('div', { class: 'tv-map__sticky', id: 'tv-map-board' }, [...(banner ? [banner.element] : []), tabs.element])
  root.append(...[
    wall?.toolbar,
    groups.banner,
    voteList?.element,
    arranging ? null : composer?.element,
    ownNotes?.element,
    results.element,
    sticky,
    noZones,
    frame,
    groups.overview,
    // After the map, so that it can stick to the window's foot while notes are selected.
    group?.element
  ].filter((element) => element !== undefined && element !== null))
  container.replaceChildren(root)
  // What the kind adds to its notes: an LUS pilot's topics, a pre-jekt's actions (issue 15).
  cardActions.extras = mountMapExtras({ doc, root, composer: composer?.element ?? null, role, present, boardId, announce })

  // Sticky rows sit under the site's sticky header, whose height varies (a wrapped status pill).
  const header = document.querySelector('.site-header')
  if (header instanceof HTMLElement && typeof ResizeObserver !== 'undefined') {
    new ResizeObserver(() => root.style.setProperty('--tv-header-height', `${header.offsetHeight}px`)).observe(header)
  }

  if (arranging) {
    enableDragging(grid, {
      scroller: grid,
      layer: root,
      enabled: () => !readOnly,
      drop: (id, target, beforeKey) => {
        if (placement.noteContainer.get(id) === target) {
          // Dropped where it already is: write nothing.
          const items = placement.sorted(target)
          const at = items.findIndex((item) => item.key === noteKey(id))
          if ((items[at + 1]?.key ?? null) === beforeKey) return
        }
        actions.dropNote(id, target, beforeKey)
      }
    })
  }

  // --- Rendering ----------------------------------------------------------------------------

  const renderer = new MapRenderer({
    store,
    placement,
    ghosts,
    ownership,
    grid,
    roles: { facilitator, present, arranging },
    cardActions,
    clusterActions,
    zoneActions,
    results,
    onZones: (zones) => {
      noZones.hidden = zones.length > 0
      composer?.setZones(zones)
      panel?.setZones(zones)
      tabs.setZones(zones, (id) => renderer.columns.get(id)?.element)
    },
    onNoteGone: (id) => {
      if (selected.delete(id)) group?.setCount(selected.size)
    },
    focusButton: arranging ? (kind, id) => focusButton(send, announce, kind, id) : null,
    moderate: arranging
      ? (id, textId) => moderationButtons({ send, announce, root: 'notes', id, make: iconButton, attributes: { 'aria-describedby': textId } })
      : null
  })

  const session = createMapFacilitation({
    root,
    boardId,
    facilitator,
    present,
    store,
    renderer,
    orderAtEnd: (zone) => actions.endOfZone(zone),
    send,
    announce,
    apply: (policy) => {
      composer?.setReadOnly(readOnly || !(policy.edit || policy.writePrivately))
      composer?.setPrivate(policy.writePrivately)
      showWriting()
    }
  })
  // "Bring everyone here" says so in the site header's last row, as the announcer does, not
  // over the notes of the zone it brought everyone to (issue 12); the page moves down meanwhile.
  const gathered = root.querySelector('[data-focus-toast]')
  if (ownNotes && gathered instanceof HTMLElement && header instanceof HTMLElement) {
    header.append(gathered)
    new MutationObserver(() => document.body.toggleAttribute('data-focus-toast-shown', !gathered.hidden))
      .observe(gathered, { attributes: true, attributeFilter: ['hidden'] })
  }
  if (ownNotes) root.addEventListener(PRIVATE_NOTES_EVENT, (event) => ownNotes.setPrivate(/** @type {CustomEvent<import('./model.js').NoteData[]>} */ (event).detail))

  /** A participant writes only while they may: otherwise the board, read-only, comes first. */
  function showWriting () {
    if (ownNotes === null || composer === null) return
    const policy = session.policy()
    const writing = !readOnly && (policy.edit || policy.writePrivately) && !(voteList?.showing() ?? false)
    composer.element.hidden = !writing
    ownNotes.element.hidden = !writing
  }
  root.insertBefore(session.reason, composer?.element.parentNode === root ? composer.element : sticky)

  const flush = () => {
    renderer.flush()
    voteList?.refresh()
    ownNotes?.refresh()
    session.drawn()
    drawCounts()
    groups.refresh()
    wall?.contentChanged()
  }
  const scheduleFlush = renderOncePerFrame(flush)

  const participantCount = () => {
    let count = 0
    awareness.getStates().forEach((state) => {
      if (userOf(state)?.role === 'participant') count += 1
    })
    return count
  }
  const drawCounts = () => wall?.setCounts(store.notes.size, participantCount())
  awareness.on('change', renderOncePerFrame(drawCounts))

  // This tab's own edits are drawn at once (an editor, a moved note, keeps its focus); bursts
  // of remote ones once per frame.
  store.observe((local) => (local ? flush() : scheduleFlush()))
  if (!present) announceArrivals(store.notesMap, root)
  ownership.subscribe(() => {
    store.touchNotes()
    scheduleFlush()
  })
  store.markAll()
  flush()

  return {
    setReadOnly: (value) => {
      readOnly = value
      root.dataset.readonly = String(value)
      const policy = session.policy()
      composer?.setReadOnly(value || !(policy.edit || policy.writePrivately))
      showWriting()
      session.setReadOnly(value)
      panel?.setReadOnly(value)
      group?.setReadOnly(value)
      wall?.setReadOnly(value)
      renderer.setReadOnly(value)
    },
    onVote: (message) => {
      results.setTop(message.top)
      voteList?.setVote(message)
      // While the vote list is up, the (disabled) write form gives way to it.
      if (composer && voteList) composer.element.hidden = voteList.showing()
      showWriting()
      renderer.setVote(message)
      panel?.update(message)
      wall?.setVoteOpen(message.status === 'open')
      const zone = message.zone === null ? null : store.zones.get(message.zone)
      banner?.update(message, zone ? zoneTitle(zone) : null)
      scheduleFlush()
    },
    onSession: (message) => session.onSession(message),
    onPrivate: (message) => session.onPrivate(message),
    onGroup: (message) => groups.onGroup(message),
    onGroups: (message) => groups.onGroups(message),
    highlight: (changes) => {
      flush()
      markChanges([...renderer.cards].map(([id, card]) => [id, card.element]), changes)
    }
  }
}
