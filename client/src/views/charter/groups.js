/**
 * Table groups on a charter (docs/protocol.md, "Table groups"): each group drafts one
 * section's wording together, in its own fragment of `drafts`, live like the wording itself.
 * A phone in a group gets its group's draft above the sections; the facilitator sees every
 * draft side by side or one group's, and brings them back to plenum, where each changed draft
 * becomes an amendment the plenum votes on.
 * @module views/charter/groups
 */

import * as Y from 'yjs'
import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { ALL, PLENUM, createGroupControls } from '../facilitation/table-groups.js'
import { createWordingEditor } from './editor.js'

/**
 * @typedef {object} CharterGroupsOptions
 * @property {Y.Doc} doc
 * @property {import('../../sync/presence.js').Awareness} awareness
 * @property {boolean} facilitator
 * @property {boolean} present
 * @property {(command: Record<string, unknown>) => boolean} send
 * @property {(text: string) => void} announce
 * @property {(id: string) => string} sectionTitle
 * @property {(showSections: boolean) => void} showSections show the charter's sections, or
 *   hide them behind the groups' drafts
 */

/**
 * @typedef {object} CharterGroups
 * @property {HTMLElement} element the banner, the facilitator's controls and the drafts
 * @property {(message: import('../../sync/server-messages.js').GroupMessage) => void} onGroup
 * @property {(message: import('../../sync/server-messages.js').GroupsMessage) => void} onGroups
 * @property {(readOnly: boolean) => void} setReadOnly
 */

/**
 * @param {CharterGroupsOptions} options
 * @returns {CharterGroups}
 */
export const createCharterGroups = ({ doc, awareness, facilitator, present, send, announce, sectionTitle, showSections }) => {
  /** @type {Y.Map<unknown>} */
  const drafts = doc.getMap('drafts')
  const groupsMap = doc.getMap('groups')
  /** @type {Array<{ destroy: () => void }>} */
  let editors = []
  let readOnly = false
  /** What is drawn: a phone's group, or the facilitator's choice. */
  let drawn = { shown: PLENUM, active: false }

  const drafted = h('div', { class: 'tv-group-drafts', 'data-group-drafts': true, hidden: true })

  /**
   * A group's draft: its title, the section it drafts, and a live editor of its fragment.
   * @param {import('../facilitation/table-groups.js').GroupData} group
   * @param {boolean} editable
   * @param {boolean} card in the side-by-side view
   * @returns {HTMLElement}
   */
  const draftOf = (group, editable, card) => {
    const headingId = domId('tv-draft')
    const section = group.section === null ? '' : sectionTitle(group.section)
    const fragment = drafts.get(group.id)
    const heading = card
      ? h('h2', { id: headingId, class: 'tv-group-card__title' }, [group.title])
      : h('h2', { id: headingId, class: 'tv-group-draft__title' }, [t('groups.draftOf', { section })])
    /** @type {HTMLElement[]} */
    const children = [
      heading,
      h('p', { class: 'tv-group-card__counts' }, [
        card ? `${t('groups.draftSection', { section })} · ${plural('groups.people', controls.people(group.id))}` : t('groups.draftHelp')
      ])
    ]
    if (fragment instanceof Y.XmlFragment) {
      const editor = createWordingEditor({
        fragment,
        awareness,
        label: t('groups.draftLabel', { group: group.title, section }),
        toolbarLabel: t('charter.format.toolbarFor', { section }),
        editable: editable && !readOnly,
        toolbar: editable && !present
      })
      editors.push(editor)
      children.push(editor.element)
    }
    return h('article', { class: card ? 'tv-group-card' : 'tv-group-draft', 'aria-labelledby': headingId, 'data-group-draft': group.id }, children)
  }

  const draw = () => {
    editors.forEach((editor) => editor.destroy())
    editors = []
    const groups = controls.groups()
    const { shown, active } = drawn
    if (!active || shown === PLENUM) {
      drafted.hidden = true
      drafted.replaceChildren()
      showSections(true)
      return
    }
    if (shown === ALL) {
      drafted.className = 'tv-group-drafts tv-groups-overview__grid'
      drafted.replaceChildren(...groups.map((group) => draftOf(group, false, true)))
    } else {
      const group = groups.find((one) => one.id === shown)
      drafted.className = 'tv-group-drafts'
      drafted.replaceChildren(...(group ? [draftOf(group, !facilitator, false)] : []))
    }
    drafted.hidden = false
    // A phone keeps the sections below its draft; the facilitator's views replace them.
    showSections(!facilitator)
  }

  const controls = createGroupControls({
    groupsMap,
    facilitator,
    send,
    announce,
    intro: t('groups.introDrafts'),
    mineHelp: t('groups.mineDraftHelp'),
    plenumHelp: t('groups.plenumDraftHelp'),
    backText: t('groups.backDrafts'),
    onMine: (mine) => {
      drawn = { shown: mine ?? PLENUM, active: mine !== null }
      draw()
    },
    onShow: (shown, active) => {
      drawn = { shown, active }
      draw()
    }
  })
  // A new split brings new drafts: draw them once they are here.
  drafts.observe(() => draw())

  const tools = facilitator && !present
    ? h('details', { class: 'tv-groups-tools', 'data-groups-tools': true }, [
      h('summary', { class: 'btn btn-secondary' }, [t('groups.heading')]),
      ...(controls.panel ? [controls.panel] : [])
    ])
    : null
  const element = h('section', { class: 'tv-charter-groups', 'aria-label': t('groups.heading') }, [
    ...(tools ? [tools] : []),
    controls.banner,
    drafted
  ])
  if (tools) {
    // The controls close once used: the groups show on the board itself.
    controls.panel?.addEventListener('click', (event) => {
      if (event.target instanceof HTMLButtonElement && !event.target.disabled) tools.open = false
    })
  }

  return {
    element,
    onGroup: controls.onGroup,
    onGroups: controls.onGroups,
    setReadOnly: (value) => {
      if (value === readOnly) return
      readOnly = value
      draw()
    }
  }
}
