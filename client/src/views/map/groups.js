/**
 * Table groups on a map (docs/protocol.md, "Table groups"): each group writes notes in its own
 * copy of the zones. A phone shows its group's notes only; the facilitator switches between the
 * groups, the plenum and every group side by side (a card per group, its notes by zone).
 * @module views/map/groups
 */

import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { ALL, PLENUM, createGroupControls } from '../facilitation/table-groups.js'
import { byOrder } from './model.js'
import { zoneTitle } from './controls.js'

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
 */

/**
 * @param {GroupsOptions} options
 * @returns {MapGroups}
 */
export const createMapGroups = ({ store, facilitator, send, announce, showOverview, redraw }) => {
  const grid = h('div', { class: 'tv-groups-overview__grid' })
  const overview = h('section', { class: 'tv-groups-overview', 'aria-label': t('groups.all'), hidden: true, 'data-groups-overview': true }, [grid])

  const controls = createGroupControls({
    groupsMap: store.doc.getMap('groups'),
    facilitator,
    send,
    announce,
    intro: t('groups.intro'),
    mineHelp: t('groups.mineHelp'),
    plenumHelp: t('groups.plenumHelp'),
    backText: t('groups.back'),
    onMine: (mine) => {
      store.setSpace(mine)
      redraw()
    },
    onShow: (shown, active) => {
      store.setSpace(shown === ALL ? undefined : shown === PLENUM ? null : shown)
      showOverview(active && shown === ALL)
      redraw()
    }
  })

  const refresh = () => {
    if (overview.hidden) return
    const notes = store.allNotes()
    const zones = store.zoneList
    grid.replaceChildren(...controls.groups().map((group) => {
      const own = notes.filter((note) => note.group === group.id)
      const headingId = domId('tv-group')
      return h('article', { class: 'tv-group-card', 'aria-labelledby': headingId, 'data-group-card': group.id }, [
        h('h2', { id: headingId, class: 'tv-group-card__title' }, [group.title]),
        h('p', { class: 'tv-group-card__counts' }, [
          `${plural('groups.people', controls.people(group.id))} · ${plural('groups.notes', own.length)}`
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
  store.doc.getMap('groups').observeDeep(refresh)

  return {
    banner: controls.banner,
    panel: controls.panel,
    overview,
    onGroup: controls.onGroup,
    onGroups: controls.onGroups,
    refresh
  }
}
