/**
 * Table groups on a map (docs/protocol.md, "Table groups"): a phone sees its own group's
 * space; the facilitator splits the room, switches between the groups, sees them all side by
 * side, and brings them back to plenum. The server decides who is in which group and holds
 * each phone to its space; this module only shows it.
 * @module views/map/groups
 */

import * as Y from 'yjs'
import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { byOrder } from './model.js'
import { zoneTitle } from './controls.js'

/** Group sizes the server accepts for a random split (server/facilitation/groups.py). */
export const MIN_GROUP_SIZE = 2
export const MAX_GROUP_SIZE = 12
const DEFAULT_GROUP_SIZE = 5

/** The side-by-side view of every group, in the facilitator's switcher. */
const ALL = '*'
/** The plenum's space (notes without a group), in the facilitator's switcher. */
const PLENUM = ''

/**
 * @typedef {object} GroupData
 * @property {string} id
 * @property {string} title
 * @property {string} order
 */

/**
 * The table groups of the document, in order.
 * @param {Y.Map<unknown>} groupsMap
 * @returns {GroupData[]}
 */
const readGroups = (groupsMap) => {
  /** @type {GroupData[]} */
  const groups = []
  groupsMap.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return
    const title = value.get('title')
    const order = value.get('order')
    groups.push({ id, title: typeof title === 'string' ? title : '', order: typeof order === 'string' ? order : '' })
  })
  return groups.sort(byOrder)
}

/**
 * @typedef {object} GroupsOptions
 * @property {import('./store.js').MapStore} store
 * @property {boolean} facilitator
 * @property {(command: Record<string, unknown>) => boolean} send
 * @property {(text: string) => void} announce
 * @property {(showAll: boolean) => void} showOverview hide the map and show every group side
 *   by side (true), or show the map again
 * @property {() => void} redraw draw the map again (the space shown changed)
 */

/**
 * @typedef {object} MapGroups
 * @property {HTMLElement} banner a phone's "your group" line; the facilitator's switcher
 * @property {HTMLElement | null} panel the facilitator's split and plenum controls (a drawer)
 * @property {HTMLElement} overview every group side by side
 * @property {(message: import('../../sync/server-messages.js').GroupMessage) => void} onGroup
 * @property {(message: import('../../sync/server-messages.js').GroupsMessage) => void} onGroups
 * @property {() => void} refresh draw the overview again (notes changed)
 * @property {(readOnly: boolean) => void} setReadOnly
 */

/**
 * @param {GroupsOptions} options
 * @returns {MapGroups}
 */
export const createMapGroups = ({ store, facilitator, send, announce, showOverview, redraw }) => {
  /** @type {Y.Map<unknown>} */
  const groupsMap = store.doc.getMap('groups')
  /** My group (a phone), from the server's `group` message. @type {string | null} */
  let mine = null
  /** The facilitator's overview, from the server's `groups` message. */
  let overview = { active: false, people: /** @type {Record<string, unknown[]>} */ ({}), tables: 0 }
  /** What the facilitator's switcher shows: ALL, PLENUM or a group's id. */
  let shown = ALL

  const titleOf = (/** @type {string | null} */ id) => readGroups(groupsMap).find((group) => group.id === id)?.title ?? ''

  // --- A phone: its group --------------------------------------------------------------------

  const mineLine = h('p', { class: 'tv-group-banner__title', 'data-my-group': true })
  const mineHelp = h('p', { class: 'tv-group-banner__help' }, [t('groups.mineHelp')])
  const switcher = h('div', { class: 'tv-group-switch', role: 'group', 'aria-label': t('groups.show'), 'data-group-switch': true })
  const banner = h('div', { class: 'tv-group-banner', role: 'status', hidden: true, 'data-groups-banner': true },
    facilitator ? [switcher] : [mineLine, mineHelp])

  const drawMine = () => {
    const title = titleOf(mine)
    banner.hidden = mine === null
    mineLine.textContent = mine === null ? '' : t('groups.mine', { title })
  }

  // --- The facilitator: split, switch, plenum ----------------------------------------------

  const tablesLine = h('p', { class: 'tv-groups-panel__tables', 'data-groups-tables': true })
  const byTable = h('button', { type: 'button', class: 'btn btn-primary', 'data-groups-split': 'table' }, [t('groups.byTable')])
  const sizeId = domId('tv-group-size')
  const size = /** @type {HTMLInputElement} */ (h('input', {
    id: sizeId, type: 'number', min: String(MIN_GROUP_SIZE), max: String(MAX_GROUP_SIZE), value: String(DEFAULT_GROUP_SIZE), inputmode: 'numeric', class: 'tv-groups-panel__size'
  }))
  const atRandom = h('button', { type: 'button', class: 'btn btn-secondary', 'data-groups-split': 'random' }, [t('groups.random')])
  const toPlenum = h('button', { type: 'button', class: 'btn btn-primary', 'data-groups-plenum': true }, [t('groups.plenum')])
  const splitting = h('div', { class: 'tv-groups-panel__split' }, [
    h('p', {}, [t('groups.intro')]),
    tablesLine,
    byTable,
    h('div', { class: 'tv-groups-panel__random' }, [h('label', { for: sizeId }, [t('groups.size')]), size, atRandom])
  ])
  const ending = h('div', { class: 'tv-groups-panel__end', hidden: true }, [h('p', {}, [t('groups.plenumHelp')]), toPlenum])
  const panel = facilitator ? h('div', { class: 'tv-groups-panel', 'data-groups-panel': true }, [splitting, ending]) : null

  /** Close the wall's drawer this panel sits in: what follows shows on the wall itself. */
  const closeDrawer = () => {
    const close = panel?.closest('[data-wall-drawer]')?.querySelector('.tv-wall-drawer__close')
    if (close instanceof HTMLElement) close.click()
  }

  byTable.addEventListener('click', () => {
    if (send({ type: 'groups.split', by: 'table' })) closeDrawer()
  })
  atRandom.addEventListener('click', () => {
    const value = Number(size.value)
    if (!Number.isInteger(value) || value < MIN_GROUP_SIZE || value > MAX_GROUP_SIZE) {
      size.setCustomValidity(t('groups.sizeInvalid', { min: MIN_GROUP_SIZE, max: MAX_GROUP_SIZE }))
      size.reportValidity()
      return
    }
    size.setCustomValidity('')
    if (send({ type: 'groups.split', by: 'random', size: value })) closeDrawer()
  })
  toPlenum.addEventListener('click', () => {
    if (send({ type: 'groups.plenum' })) closeDrawer()
  })

  /**
   * Show one space on the facilitator's screen.
   * @param {string} value ALL, PLENUM or a group id
   */
  const show = (value) => {
    shown = value
    store.setSpace(value === ALL ? undefined : value === PLENUM ? null : value)
    showOverview(overview.active && value === ALL)
    drawSwitcher()
    redraw()
  }

  const drawSwitcher = () => {
    if (!facilitator) return
    const groups = readGroups(groupsMap)
    const options = [
      { value: ALL, label: t('groups.all') },
      ...groups.map((group) => ({ value: group.id, label: `${group.title} · ${plural('groups.people', (overview.people[group.id] ?? []).length)}` })),
      { value: PLENUM, label: t('groups.plenumSpace') }
    ]
    switcher.replaceChildren(...options.map(({ value, label }) => {
      const button = h('button', { type: 'button', class: 'tv-group-switch__btn', 'aria-pressed': String(value === shown), 'data-show-group': value }, [label])
      button.addEventListener('click', () => show(value))
      return button
    }))
    banner.hidden = !overview.active
  }

  // --- Every group side by side ------------------------------------------------------------

  const grid = h('div', { class: 'tv-groups-overview__grid' })
  const overviewElement = h('section', { class: 'tv-groups-overview', 'aria-label': t('groups.all'), hidden: true, 'data-groups-overview': true }, [grid])

  const refresh = () => {
    if (overviewElement.hidden) return
    const notes = store.allNotes()
    const zones = store.zoneList
    grid.replaceChildren(...readGroups(groupsMap).map((group) => {
      const own = notes.filter((note) => note.group === group.id)
      const headingId = domId('tv-group')
      return h('article', { class: 'tv-group-card', 'aria-labelledby': headingId, 'data-group-card': group.id }, [
        h('h2', { id: headingId, class: 'tv-group-card__title' }, [group.title]),
        h('p', { class: 'tv-group-card__counts' }, [
          `${plural('groups.people', (overview.people[group.id] ?? []).length)} · ${plural('groups.notes', own.length)}`
        ]),
        ...zones.flatMap((zone) => {
          const inZone = own.filter((note) => note.zone === zone.id).sort(byOrder)
          if (inZone.length === 0) return []
          return [
            h('h3', { class: 'tv-group-card__zone' }, [zoneTitle(zone)]),
            h('ul', { class: 'tv-group-card__notes' }, inZone.map((note) => h('li', { 'data-group-note': note.id }, [note.text])))
          ]
        }),
        ...(own.length === 0 ? [h('p', { class: 'tv-group-card__empty' }, [t('groups.noNotes')])] : [])
      ])
    }))
  }

  groupsMap.observeDeep(() => {
    drawMine()
    drawSwitcher()
    refresh()
  })

  return {
    banner,
    panel,
    overview: overviewElement,
    onGroup: (message) => {
      if (facilitator) return
      const before = mine
      mine = message.group
      store.setSpace(mine)
      drawMine()
      redraw()
      if (before === null && mine !== null) announce(t('groups.mine', { title: titleOf(mine) }))
      if (before !== null && mine === null) announce(t('groups.back'))
    },
    onGroups: (message) => {
      const was = overview.active
      overview = message
      tablesLine.textContent = plural('groups.tables', message.tables)
      byTable.toggleAttribute('disabled', message.tables === 0)
      splitting.hidden = message.active
      ending.hidden = !message.active
      if (message.active && !was) {
        announce(plural('groups.split', readGroups(groupsMap).length))
        show(ALL)
      } else if (!message.active && was) {
        announce(t('groups.back'))
        show(ALL)
      } else {
        drawSwitcher()
        refresh()
      }
    },
    refresh,
    setReadOnly: (readOnly) => {
      for (const button of [byTable, atRandom, toPlenum]) button.toggleAttribute('disabled', readOnly)
      if (!readOnly) byTable.toggleAttribute('disabled', overview.tables === 0)
    }
  }
}
