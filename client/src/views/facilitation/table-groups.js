/**
 * Table groups, what every board that has them shows (docs/protocol.md, "Table groups"): a
 * phone's line naming its group; the facilitator's split and plenum controls (a drawer's
 * content) and the switcher between every group, one group and the plenum. The server decides
 * who is in which group and holds each phone to its group's space: nothing here enforces.
 * What a group's space is (a map's notes, a charter's draft) is the engine view's business.
 * @module views/facilitation/table-groups
 */

import * as Y from 'yjs'
import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'

/** Group sizes the server accepts for a random split (server/facilitation/groups.py). */
export const MIN_GROUP_SIZE = 2
export const MAX_GROUP_SIZE = 12
const DEFAULT_GROUP_SIZE = 5

/** The facilitator's choice of every group side by side. */
export const ALL = '*'
/** The facilitator's choice of the plenum's space. */
export const PLENUM = ''

/**
 * @typedef {object} GroupData
 * @property {string} id
 * @property {string} title
 * @property {string} order
 * @property {string | null} section the section it drafts (a charter's groups)
 */

/**
 * The table groups of the document, in order.
 * @param {Y.Map<unknown>} groupsMap
 * @returns {GroupData[]}
 */
export const readGroups = (groupsMap) => {
  /** @type {GroupData[]} */
  const groups = []
  groupsMap.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return
    const title = value.get('title')
    const order = value.get('order')
    const section = value.get('section')
    groups.push({
      id,
      title: typeof title === 'string' ? title : '',
      order: typeof order === 'string' ? order : '',
      section: typeof section === 'string' && section !== '' ? section : null
    })
  })
  return groups.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * @typedef {object} GroupControlsOptions
 * @property {Y.Map<unknown>} groupsMap the document's `groups`
 * @property {boolean} facilitator
 * @property {(command: Record<string, unknown>) => boolean} send
 * @property {(text: string) => void} announce
 * @property {string} intro what splitting into groups does on this kind of board
 * @property {string} mineHelp what a phone is told its group's space is
 * @property {string} plenumHelp what "Back to plenum" does on this kind of board
 * @property {string} backText what everyone is told when the groups are back in plenum
 * @property {(mine: string | null) => void} onMine a phone's group changed (`null`: none)
 * @property {(shown: string, active: boolean) => void} onShow the facilitator chose ALL,
 *   PLENUM or a group's id; `active`: whether the room is in groups
 */

/**
 * @typedef {object} GroupControls
 * @property {HTMLElement} banner a phone's "your group" line; the facilitator's switcher
 * @property {HTMLElement | null} panel the facilitator's split and plenum controls
 * @property {(message: import('../../sync/server-messages.js').GroupMessage) => void} onGroup
 * @property {(message: import('../../sync/server-messages.js').GroupsMessage) => void} onGroups
 * @property {() => GroupData[]} groups
 * @property {(id: string) => number} people how many people a group has (the facilitator's)
 * @property {() => string | null} mine a phone's group
 */

/**
 * @param {GroupControlsOptions} options
 * @returns {GroupControls}
 */
export const createGroupControls = ({ groupsMap, facilitator, send, announce, intro, mineHelp, plenumHelp, backText, onMine, onShow }) => {
  /** A phone's group, from the server's `group` message. @type {string | null} */
  let mine = null
  /** The facilitator's overview, from the server's `groups` message. */
  let overview = { active: false, people: /** @type {Record<string, unknown[]>} */ ({}), tables: 0 }
  /** What the facilitator's switcher shows: ALL, PLENUM or a group's id. */
  let shown = ALL

  const titleOf = (/** @type {string | null} */ id) => readGroups(groupsMap).find((group) => group.id === id)?.title ?? ''
  const people = (/** @type {string} */ id) => (overview.people[id] ?? []).length

  // --- A phone: its group --------------------------------------------------------------------

  const mineLine = h('p', { class: 'tv-group-banner__title', 'data-my-group': true })
  const switcher = h('div', { class: 'tv-group-switch', role: 'group', 'aria-label': t('groups.show'), 'data-group-switch': true })
  const banner = h('div', { class: 'tv-group-banner', role: 'status', hidden: true, 'data-groups-banner': true },
    facilitator ? [switcher] : [mineLine, h('p', { class: 'tv-group-banner__help' }, [mineHelp])])

  const drawMine = () => {
    banner.hidden = mine === null
    mineLine.textContent = mine === null ? '' : t('groups.mine', { title: titleOf(mine) })
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
    h('p', {}, [intro]),
    tablesLine,
    byTable,
    h('div', { class: 'tv-groups-panel__random' }, [h('label', { for: sizeId }, [t('groups.size')]), size, atRandom])
  ])
  const ending = h('div', { class: 'tv-groups-panel__end', hidden: true }, [h('p', {}, [plenumHelp]), toPlenum])
  const panel = facilitator ? h('div', { class: 'tv-groups-panel', 'data-groups-panel': true }, [splitting, ending]) : null

  /** Close the wall's drawer this panel sits in: what follows shows on the board itself. */
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
   * @param {string} value ALL, PLENUM or a group's id
   */
  const show = (value) => {
    shown = value
    drawSwitcher()
    onShow(value, overview.active)
  }

  const drawSwitcher = () => {
    if (!facilitator) return
    const options = [
      { value: ALL, label: t('groups.all') },
      ...readGroups(groupsMap).map((group) => ({ value: group.id, label: `${group.title} · ${plural('groups.people', people(group.id))}` })),
      { value: PLENUM, label: t('groups.plenumSpace') }
    ]
    switcher.replaceChildren(...options.map(({ value, label }) => {
      const button = h('button', { type: 'button', class: 'tv-group-switch__btn', 'aria-pressed': String(value === shown), 'data-show-group': value }, [label])
      button.addEventListener('click', () => show(value))
      return button
    }))
    banner.hidden = !overview.active
  }

  groupsMap.observeDeep(() => {
    drawMine()
    drawSwitcher()
  })

  return {
    banner,
    panel,
    groups: () => readGroups(groupsMap),
    people,
    mine: () => mine,
    onGroup: (message) => {
      if (facilitator) return
      const before = mine
      mine = message.group
      drawMine()
      onMine(mine)
      if (before === null && mine !== null) announce(t('groups.mine', { title: titleOf(mine) }))
      if (before !== null && mine === null) announce(backText)
    },
    onGroups: (message) => {
      const was = overview.active
      overview = message
      tablesLine.textContent = plural('groups.tables', message.tables)
      byTable.toggleAttribute('disabled', message.tables === 0)
      splitting.hidden = message.active
      ending.hidden = !message.active
      if (message.active && !was) announce(plural('groups.split', readGroups(groupsMap).length))
      if (!message.active && was) announce(backText)
      if (message.active !== was) show(ALL)
      else {
        drawSwitcher()
        onShow(shown, overview.active)
      }
    }
  }
}
