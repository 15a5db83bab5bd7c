/**
 * What some kinds add to a map's notes (issue 15), as the page's config declares it
 * (server/web/common.py, `board_config`): an LUS pilot's topics and amendments
 * (lus-pilot.js), a pre-jekt's actions (pre-ject-actions.js). Cards call `draw` after each
 * update and ask `topics` for their editor; the view calls `mountMapExtras` once.
 * @module views/map/extras
 */

import * as Y from 'yjs'
import { h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { readConfig } from '../../config.js'
import { createLusPilot, topicSelect } from './lus-pilot.js'
import { createPreJectActions, statusName } from './pre-ject-actions.js'

/**
 * What a card needs of its kind's extras (views/map/note-card.js).
 * @typedef {object} CardExtras
 * @property {import('./lus-pilot.js').Topic[]} topics the guide sections a note may name
 * @property {(noteId: string) => string} topicOf
 * @property {(noteId: string, topic: string) => void} setTopic
 * @property {(card: import('./note-card.js').NoteCard) => void} draw fill the card's extras row
 */

/**
 * @param {object} options
 * @param {Y.Doc} options.doc
 * @param {HTMLElement} options.root the map's element: the action list goes at its end
 * @param {HTMLFormElement | null} options.composer the "write a note" form, if any
 * @param {string} options.role
 * @param {boolean} options.present the projector's view: badges, no buttons
 * @param {string} options.boardId
 * @param {(text: string) => void} options.announce
 * @returns {CardExtras | null} `null` for a kind without extras
 */
export const mountMapExtras = ({ doc, root, composer, role, present, boardId, announce }) => {
  /** The kind's extras in the page's config (server/web/common.py, `board_config`). */
  const board = /** @type {{ topics?: import('./lus-pilot.js').Topic[], amendZone?: string | null, actions?: boolean } | undefined} */ (readConfig(document).board)
  const topics = board?.topics ?? []
  const wantsActions = board?.actions === true
  if (topics.length === 0 && !wantsActions) return null

  /** The cards drawn, to draw again when an action or what was sent changes. @type {Map<string, import('./note-card.js').NoteCard>} */
  const cards = new Map()
  const redraw = () => cards.forEach((card, id) => {
    if (card.element.isConnected) draw(card)
    else cards.delete(id)
  })
  /** @type {Y.Map<unknown>} */
  const notesMap = doc.getMap('notes')
  const noteText = (/** @type {string} */ id) => {
    const note = notesMap.get(id)
    const text = note instanceof Y.Map ? note.get('text') : ''
    return typeof text === 'string' ? text : ''
  }

  const pilot = topics.length > 0
    ? createLusPilot({ doc, topics, amendZone: board?.amendZone ?? null, facilitator: role === 'facilitator' && !present, boardId, announce, redraw })
    : null
  const editable = !present && (role === 'facilitator' || role === 'team')
  const actions = wantsActions ? createPreJectActions({ doc, editable, boardId, announce, noteText }) : null

  if (actions !== null) {
    if (!present) root.append(actions.panel)
    actions.drawList()
    actions.actionsMap.observeDeep((events) => {
      /** @type {Set<string>} */
      const touched = new Set()
      for (const event of events) {
        if (event.target === actions.actionsMap) event.changes.keys.forEach((_change, key) => touched.add(key))
        else if (event.path.length > 0) touched.add(String(event.path[0]))
      }
      touched.forEach((id) => {
        const card = cards.get(id)
        if (card !== undefined) draw(card)
      })
      actions.drawList()
    })
  }

  if (pilot !== null && composer !== null && !present) {
    // The phone's form names a section too; the note it adds takes it (views/map/phone.js
    // writes text, zone and colour: the topic follows in this client's next transaction).
    const select = topicSelect(topics, '', { id: 'tv-map-new-topic', 'data-note-topic': true })
    const row = h('div', { class: 'tv-composer__topic' }, [
      h('label', { for: 'tv-map-new-topic', class: 'tv-composer__small-label' }, [t('lus.topic')]),
      select
    ])
    const add = composer.querySelector('[data-note-add]')
    if (add !== null) add.before(row)
    else composer.append(row)
    notesMap.observe((event) => {
      if (!event.transaction.local || select.value === '') return
      const topic = select.value
      const added = [...event.changes.keys].filter(([, change]) => change.action === 'add').map(([key]) => key)
      if (added.length === 0) return
      // After this transaction, in one of its own (a Yjs observer may not write into its own).
      queueMicrotask(() => doc.transact(() => added.forEach((id) => pilot.setTopic(id, topic))))
      select.value = ''
    })
  }

  /** @param {import('./note-card.js').NoteCard} card */
  const draw = (card) => {
    cards.set(card.id, card)
    /** @type {Node[]} */
    const parts = []
    if (pilot !== null) {
      const title = pilot.titleOf(pilot.topicOf(card.id))
      if (title) parts.push(h('span', { class: 'tv-topic-chip', 'data-note-topic-chip': true }, [t('lus.topic.chip', { title })]))
      const sent = pilot.sentTo(card.id)
      if (sent !== null) {
        parts.push(h('span', { class: 'tv-sent-chip', 'data-note-sent': true }, [t('lus.sent')]))
      } else if (role === 'facilitator' && !present && card.note?.zone === pilot.amendZone) {
        const send = h('button', { type: 'button', class: 'btn btn-secondary tv-card__extra-btn', 'aria-describedby': card.textId, 'data-note-send-guide': true }, [t('lus.send')])
        send.addEventListener('click', () => pilot.openSend(card.id, card.note?.text ?? '', send))
        parts.push(send)
      }
    }
    if (actions !== null) {
      const action = actions.actionOf(card.id)
      if (action !== null) {
        parts.push(h('span', { class: 'tv-action-badge', 'data-status': action.status, 'data-note-action': action.status }, [
          t('actions.badge', { status: statusName(action.status) })
        ]))
      }
      if (editable) {
        const button = h('button', { type: 'button', class: 'btn btn-secondary tv-card__extra-btn', 'aria-describedby': card.textId, 'data-note-make-action': true }, [
          t(action === null ? 'actions.make' : 'actions.edit')
        ])
        button.addEventListener('click', () => actions.openDialog(card.id, button))
        parts.push(button)
      }
    }
    card.extras.replaceChildren(...parts)
    card.extras.hidden = parts.length === 0
  }

  return {
    topics,
    topicOf: (id) => pilot?.topicOf(id) ?? '',
    setTopic: (id, topic) => pilot?.setTopic(id, topic),
    draw
  }
}
