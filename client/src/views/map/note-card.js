/**
 * One note on the map: its text and colour, "Yours", dots, and the buttons the user may use.
 * @module views/map/note-card
 */

import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { NOTE_MAX_CHARS, isSubmitKey } from '../note-field.js'
import { colorPicker, fillZoneOptions, iconButton, zoneTitle } from './controls.js'

/**
 * @typedef {object} NoteEdit
 * @property {string} text
 * @property {string} color
 * @property {string | null} zone a new zone, or `null` to leave it
 *
 * @typedef {object} CardActions
 * @property {(card: NoteCard, edit: NoteEdit) => void} save
 * @property {(card: NoteCard) => void} remove
 * @property {(card: NoteCard) => void} editEnded the editor closed (saved or cancelled)
 * @property {(card: NoteCard, zoneId: string) => void} moveToZone
 * @property {(card: NoteCard, step: -1 | 1) => void} moveBy
 * @property {(card: NoteCard, selected: boolean) => void} select
 * @property {(card: NoteCard, delta: -1 | 1) => void} vote
 * @property {() => import('./model.js').ZoneData[]} zones
 * @property {import('./extras.js').CardExtras | null} [extras] what the board's kind adds to
 *   its notes (an LUS pilot's topics, a pre-jekt's actions), drawn in the card's extras row
 *
 * @typedef {object} CardOptions
 * @property {boolean} facilitator
 * @property {boolean} present no buttons, no forms: the projector's view
 * @property {((id: string, textId: string) => HTMLButtonElement[]) | null} [moderate] the
 *   facilitator's "Hide" and "Delete", in place of deleting from the document
 * @property {string | null} [privateLabel] a private note, marked with this text (and a dashed
 *   border, not colour alone)
 *
 * @typedef {object} CardPolicy what the session allows on this card (views/facilitation/policy.js)
 * @property {boolean} edit
 * @property {boolean} react
 *
 * @typedef {object} CardVote what the open vote and visible results say about this note
 * @property {boolean} eligible the user may put dots on it now
 * @property {number} mine
 * @property {boolean} canAdd
 * @property {number | null} dots everyone's dots, `null` while results are hidden
 */

export class NoteCard {
  /**
   * @param {string} id
   * @param {CardActions} actions
   * @param {CardOptions} options
   */
  constructor (id, actions, options) {
    this.id = id
    this.actions = actions
    this.options = options
    /** The note as last drawn; an open editor keeps its own draft. @type {import('./model.js').NoteData | null} */
    this.note = null
    this.own = false
    this.readOnly = false
    /** @type {CardPolicy} */
    this.policy = { edit: true, react: true }
    /** The open vote lets this user add a dot here. */
    this.canAdd = false
    this.removed = false
    /** @type {{ form: HTMLFormElement, field: HTMLTextAreaElement, save: HTMLButtonElement, conflict: HTMLElement } | null} */
    this.editor = null

    const textId = domId('tv-map-note')
    this.textElement = h('p', { class: 'tv-card__text', id: textId, 'data-note-text': true })
    this.badge = h('span', { class: 'tv-card__badge', 'data-own-badge': true, hidden: true }, [t('notes.own')])
    this.dotsBadge = h('span', { class: 'tv-card__dots', 'data-dots': true, hidden: true })
    this.myDots = h('span', { class: 'tv-card__my-dots', 'data-my-dots': true, hidden: true })
    const meta = h('div', { class: 'tv-card__meta' }, [this.badge, this.dotsBadge, this.myDots])
    /** The kind's extras: a topic, an action, their buttons (views/map/extras.js). */
    this.extras = h('div', { class: 'tv-card__extras', 'data-note-extras': true, hidden: true })
    /** @type {HTMLElement | null} */
    this.pendingBadge = null
    if (options.privateLabel) {
      this.pendingBadge = h('span', { class: 'tv-card__pending', 'data-private-pending': true, hidden: true }, [t('private.pending')])
      meta.append(this.pendingBadge)
    }
    this.body = h('div', { class: 'tv-card__body' }, [
      ...(options.privateLabel ? [h('p', { class: 'tv-card__private', 'data-private-label': true }, [options.privateLabel])] : []),
      this.textElement,
      meta,
      this.extras
    ])
    this.element = h('li', {
      class: 'tv-card',
      'data-note-id': id,
      'data-own': 'false',
      'data-zone': '',
      'data-cluster': '',
      'data-private': options.privateLabel ? 'true' : false
    }, [this.body])

    /** Buttons that change the document. @type {HTMLButtonElement[]} */
    this.buttons = []
    /** @type {HTMLElement | null} */
    this.voteRow = null
    /** @type {HTMLButtonElement | null} */
    this.addDot = null
    /** @type {HTMLButtonElement | null} */
    this.removeDot = null
    /** @type {HTMLElement | null} */
    this.ownActions = null
    /** @type {HTMLButtonElement | null} */
    this.editButton = null
    /** @type {HTMLInputElement | null} */
    this.checkbox = null
    /** The facilitator's "Actions" menu button and its menu. @type {HTMLButtonElement | null} */
    this.menuButton = null
    /** @type {HTMLElement | null} */
    this.menu = null
    this.menuOpen = false
    /** The menu's buttons that change the document (once built). @type {HTMLButtonElement[]} */
    this.menuButtons = []
    /** @type {HTMLElement | null} */
    this.zoneList = null
    /** @type {import('./model.js').ZoneData[]} */
    this.zones = []
    this.textId = textId
    /** @type {HTMLButtonElement | null} */
    this.participantRemove = null
    /** @type {HTMLButtonElement | null} */
    this.upButton = null
    /** @type {HTMLButtonElement | null} */
    this.downButton = null
    this.canMoveUp = true
    this.canMoveDown = true
    if (options.present) return

    this.addDot = h('button', { type: 'button', class: 'btn btn-primary tv-card__vote-btn', 'data-vote-add': true, 'aria-describedby': textId }, [t('map.vote.add')])
    this.removeDot = h('button', { type: 'button', class: 'btn btn-secondary tv-card__vote-btn', 'data-vote-remove': true, 'aria-describedby': textId, hidden: true }, [t('map.vote.remove')])
    this.addDot.addEventListener('click', () => this.actions.vote(this, 1))
    this.removeDot.addEventListener('click', () => this.actions.vote(this, -1))
    this.voteRow = h('div', { class: 'tv-card__vote', hidden: true }, [this.removeDot, this.addDot])

    const edit = iconButton(t('notes.edit'), '✎', { 'data-note-edit': true, 'aria-describedby': textId })
    const remove = iconButton(t('notes.delete'), '✕', { 'data-note-delete': true, 'aria-describedby': textId })
    edit.addEventListener('click', () => this.startEditing())
    remove.addEventListener('click', () => this.actions.remove(this))
    this.editButton = edit
    this.body.append(this.voteRow)
    if (options.facilitator) {
      // One row: select for a cluster, the drag handle, and one "Actions" menu holding the
      // rest (issue 12 §5: eight controls per card left no room for the note).
      this.body.append(this.buildTools(textId))
      /** The facilitator's own "Delete" goes through moderation (options.moderate). */
      this.participantRemove = remove
      return
    }
    this.buttons.push(edit, remove)
    this.ownActions = h('div', { class: 'tv-card__actions', hidden: true }, [edit, remove])
    this.body.append(this.ownActions)
  }

  /**
   * The facilitator's row: select the note, drag handle, and the "Actions" menu button.
   * @param {string} textId
   * @returns {HTMLElement}
   */
  buildTools (textId) {
    const checkbox = h('input', { type: 'checkbox', class: 'tv-card__check', 'data-note-select': true, 'aria-describedby': textId })
    checkbox.addEventListener('change', () => this.actions.select(this, checkbox.checked))
    const handle = h('span', { class: 'tv-card__handle', 'data-drag-handle': true, 'aria-hidden': 'true', title: t('map.drag') }, ['⠿'])
    this.textId = textId
    this.checkbox = checkbox
    const menuId = domId('tv-card-menu')
    this.menuButton = h('button', {
      type: 'button',
      class: 'btn btn-secondary tv-card__menu-btn',
      'aria-expanded': 'false',
      'aria-controls': menuId,
      'aria-describedby': textId,
      'data-note-menu': true
    }, [t('map.note.actions'), h('span', { class: 'tv-card__menu-caret', 'aria-hidden': 'true' }, ['▾'])])
    this.menuButton.addEventListener('click', () => this.setMenuOpen(!this.menuOpen))
    /** Filled on first opening: a 1,000-note wall does not carry 10,000 hidden buttons. */
    this.menu = h('div', { id: menuId, class: 'tv-card__menu', 'data-note-actions': true, hidden: true })
    this.menu.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      event.stopPropagation()
      this.setMenuOpen(false)
      this.menuButton?.focus()
    })
    this.menuButton.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.menuOpen) {
        event.preventDefault()
        event.stopPropagation()
        this.setMenuOpen(false)
      }
    })
    const wrap = h('div', { class: 'tv-card__menu-wrap' }, [this.menuButton, this.menu])
    wrap.addEventListener('focusout', (event) => {
      // Focus went elsewhere on the page (not to nowhere, as when the card is moved).
      const next = event.relatedTarget
      if (next instanceof Node && !wrap.contains(next)) this.setMenuOpen(false)
    })
    return h('div', { class: 'tv-card__tools' }, [
      h('label', { class: 'tv-card__check-label' }, [checkbox, h('span', { class: 'sr-only' }, [t('map.select')])]),
      handle,
      h('span', { class: 'tv-card__spacer' }),
      wrap
    ])
  }

  /**
   * Open or close the facilitator's "Actions" menu.
   * @param {boolean} open
   */
  setMenuOpen (open) {
    if (this.menu === null || this.menuButton === null || open === this.menuOpen) return
    if (open && this.editOff) return
    this.menuOpen = open
    if (open && this.menu.childElementCount === 0) this.buildMenu()
    this.menu.hidden = !open
    this.menuButton.setAttribute('aria-expanded', String(open))
    if (open) {
      this.element.dataset.menu = 'open'
      // Open towards the wall's middle: a menu of the last column must not leave the window.
      delete this.menu.dataset.align
      if (this.menu.getBoundingClientRect().right > document.documentElement.clientWidth - 8) this.menu.dataset.align = 'end'
      document.addEventListener('pointerdown', this.closeOnOutside, true)
    } else {
      delete this.element.dataset.menu
      document.removeEventListener('pointerdown', this.closeOnOutside, true)
    }
  }

  /** @param {Event} event */
  closeOnOutside = (event) => {
    const wrap = this.menu?.parentElement
    if (wrap && event.target instanceof Node && !wrap.contains(event.target)) this.setMenuOpen(false)
  }

  /** Fill the "Actions" menu: edit, move up/down, move to a zone by name, hide, delete. */
  buildMenu () {
    if (this.menu === null) return
    const textId = this.textId
    const item = (/** @type {HTMLButtonElement} */ button) => h('li', { class: 'tv-card__menu-item' }, [button])
    const edit = iconButton(t('notes.edit'), '✎', { 'data-note-edit': true, 'aria-describedby': textId })
    edit.addEventListener('click', () => {
      this.setMenuOpen(false)
      this.startEditing()
    })
    const up = iconButton(t('map.moveUp'), '↑', { 'data-move-up': true, 'aria-describedby': textId })
    const down = iconButton(t('map.moveDown'), '↓', { 'data-move-down': true, 'aria-describedby': textId })
    up.addEventListener('click', () => this.actions.moveBy(this, -1))
    down.addEventListener('click', () => this.actions.moveBy(this, 1))
    this.upButton = up
    this.downButton = down
    const zonesHeading = domId('tv-card-zones')
    this.zoneList = h('ul', { class: 'tv-card__menu-zones', 'aria-labelledby': zonesHeading })
    // The facilitator's delete goes through moderation: kept for undo, gone from every screen.
    const moderation = this.options.moderate ? this.options.moderate(this.id, textId) : (this.participantRemove ? [this.participantRemove] : [])
    this.menuButtons = [edit, up, down, ...moderation]
    moderation.forEach((button) => button.addEventListener('click', () => {
      this.setMenuOpen(false)
      this.menuButton?.focus()
    }))
    this.menu.append(
      h('ul', { class: 'tv-card__menu-list' }, [edit, up, down].map(item)),
      h('p', { id: zonesHeading, class: 'tv-card__menu-heading' }, [t('map.moveTo')]),
      this.zoneList,
      h('ul', { class: 'tv-card__menu-list' }, moderation.map(item))
    )
    this.fillZones()
    this.applyLocks()
  }

  /** Show each zone by its whole name in the open menu; the note's own zone is marked. */
  fillZones () {
    if (this.zoneList === null) return
    const current = this.note?.zone ?? ''
    this.zoneList.replaceChildren(...this.zones.map((zone) => {
      const here = zone.id === current
      const button = h('button', {
        type: 'button',
        class: 'tv-card__zone-btn',
        'data-move-zone': zone.id,
        'aria-describedby': this.textId,
        ...(here ? { 'aria-current': 'true' } : {})
      }, [zoneTitle(zone)])
      button.disabled = here || this.editOff
      button.addEventListener('click', () => {
        this.setMenuOpen(false)
        if (this.note !== null && zone.id !== this.note.zone) this.actions.moveToZone(this, zone.id)
        this.menuButton?.focus()
      })
      return h('li', {}, [button])
    }))
  }

  /** Whether the note is open for editing here. */
  get editing () {
    return this.editor !== null
  }

  /**
   * Show the document's current values; an open editor keeps its draft.
   * @param {import('./model.js').NoteData} note
   * @param {boolean} own
   * @param {{ zone: string, cluster: string | null }} shown the zone and cluster it is shown in
   *   (a note naming a removed zone shows in the first one)
   */
  update (note, own, shown) {
    const previous = this.note
    this.note = note
    if (this.textElement.textContent !== note.text) this.textElement.textContent = note.text
    const data = this.element.dataset
    if (data.color !== note.color) data.color = note.color
    if (data.zone !== shown.zone) data.zone = shown.zone
    const cluster = shown.cluster ?? ''
    if (data.cluster !== cluster) data.cluster = cluster
    if (this.own !== own || previous === null) {
      this.own = own
      data.own = String(own)
      this.badge.hidden = !own
      if (this.ownActions !== null) this.ownActions.hidden = !(own || this.options.facilitator)
    }
    if (this.menuOpen && previous !== null && previous.zone !== note.zone) this.fillZones()
    this.actions.extras?.draw(this)
  }

  /**
   * Fill the "Move to zone" options after the zones changed.
   * @param {import('./model.js').ZoneData[]} zones
   */
  setZones (zones) {
    this.zones = zones
    this.fillZones()
  }

  /**
   * Allow or forbid "Move up" and "Move down" (nowhere to go at a zone's ends).
   * @param {boolean} up
   * @param {boolean} down
   */
  setMoves (up, down) {
    if (this.upButton !== null) this.upButton.disabled = this.editOff || !up
    if (this.downButton !== null) this.downButton.disabled = this.editOff || !down
    this.canMoveUp = up
    this.canMoveDown = down
  }

  /** @param {boolean} selected */
  setSelected (selected) {
    if (this.checkbox !== null) this.checkbox.checked = selected
    if (selected) this.element.dataset.selected = 'true'
    else delete this.element.dataset.selected
  }

  /** @param {CardVote} vote */
  setVote (vote) {
    if (vote.dots === null) {
      this.dotsBadge.hidden = true
    } else {
      this.dotsBadge.hidden = false
      this.dotsBadge.textContent = plural('map.vote.dots', vote.dots)
      this.dotsBadge.dataset.count = String(vote.dots)
    }
    this.myDots.hidden = vote.mine === 0
    this.myDots.textContent = t('map.vote.mine', { count: vote.mine })
    this.myDots.dataset.count = String(vote.mine)
    if (this.voteRow === null || this.addDot === null || this.removeDot === null) return
    this.voteRow.hidden = !vote.eligible
    this.canAdd = vote.canAdd
    this.addDot.disabled = this.reactOff || !vote.canAdd
    this.removeDot.hidden = vote.mine === 0
    this.removeDot.disabled = this.reactOff
  }

  /**
   * Mark a private note as written here but not yet confirmed by the server.
   * @param {boolean} pending
   */
  setPending (pending) {
    if (this.pendingBadge !== null) this.pendingBadge.hidden = !pending
  }

  /** Changes to the document are off: the connection closed, or the session forbids them. */
  get editOff () {
    return this.readOnly || !this.policy.edit
  }

  /** Votes are off. */
  get reactOff () {
    return this.readOnly || !this.policy.react
  }

  /**
   * Mark whether someone else deleted the note while it is open here; saving restores it.
   * @param {boolean} removed
   */
  setRemoved (removed) {
    this.removed = removed
    if (removed) this.element.dataset.removed = 'true'
    else delete this.element.dataset.removed
    if (this.editor !== null) this.editor.conflict.hidden = !removed
  }

  /**
   * Allow or forbid changes (the connection closed for good).
   * @param {boolean} readOnly
   */
  setReadOnly (readOnly) {
    this.readOnly = readOnly
    this.applyLocks()
  }

  /**
   * Follow what the session allows (views/facilitation/policy.js).
   * @param {CardPolicy} policy
   */
  setPolicy (policy) {
    if (policy.edit === this.policy.edit && policy.react === this.policy.react) return
    this.policy = policy
    this.applyLocks()
  }

  applyLocks () {
    const editOff = this.editOff
    this.buttons.forEach((button) => { button.disabled = editOff })
    if (this.checkbox !== null) this.checkbox.disabled = editOff
    this.menuButtons.forEach((button) => { button.disabled = editOff })
    this.zoneList?.querySelectorAll('button').forEach((button) => { button.disabled = editOff || button.hasAttribute('aria-current') })
    if (this.menuButton !== null) {
      this.menuButton.disabled = editOff
      if (editOff) this.setMenuOpen(false)
    }
    if (this.addDot !== null) this.addDot.disabled = this.reactOff || !this.canAdd
    if (this.removeDot !== null) this.removeDot.disabled = this.reactOff
    this.setMoves(this.canMoveUp, this.canMoveDown)
    if (this.editor !== null) {
      // An open draft stays selectable (to copy it elsewhere) and can still be closed.
      this.editor.field.readOnly = editOff
      this.editor.save.disabled = editOff
    }
  }

  /** Replace the note with an editor holding it, and focus it. */
  startEditing () {
    if (this.editor !== null || this.editOff || this.note === null) return
    const note = this.note
    const fieldId = domId('tv-map-edit')
    const field = h('textarea', { id: fieldId, class: 'tv-field', rows: '3', maxlength: String(NOTE_MAX_CHARS), 'data-note-edit-text': true })
    field.value = note.text
    const colors = colorPicker(note.color)
    const conflict = h('p', { class: 'tv-note__conflict', 'data-note-conflict': true, hidden: !this.removed }, [t('notes.deletedWhileEditing')])
    const save = h('button', { type: 'submit', class: 'btn btn-primary', 'data-note-save': true }, [t('notes.save')])
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', 'data-note-cancel': true }, [t('notes.cancel')])
    /** @type {Array<Node>} */
    const zoneRow = []
    /** @type {HTMLSelectElement | null} */
    let zoneSelect = null
    // A participant's note in a cluster stays in its zone: leaving the cluster is the
    // facilitator's to decide (docs/formats.md, "Who may change what").
    if (this.options.facilitator || note.cluster === null) {
      const zoneId = domId('tv-map-edit-zone')
      zoneSelect = h('select', { id: zoneId, class: 'tv-select', 'data-note-edit-zone': true })
      fillZoneOptions(zoneSelect, this.actions.zones(), note.zone)
      zoneRow.push(h('label', { for: zoneId, class: 'tv-card__editor-label' }, [t('map.note.zone')]), zoneSelect)
    }
    // An LUS pilot's note names the guide section it concerns (views/map/extras.js).
    const extras = this.actions.extras
    /** @type {HTMLSelectElement | null} */
    let topicSelect = null
    if (extras && extras.topics.length > 0) {
      const topicId = domId('tv-map-edit-topic')
      topicSelect = h('select', { id: topicId, class: 'tv-select', 'data-note-edit-topic': true }, [
        h('option', { value: '' }, [t('lus.topic.none')]),
        ...extras.topics.map((topic) => h('option', { value: topic.id }, [topic.title]))
      ])
      topicSelect.value = extras.topicOf(this.id)
      zoneRow.push(h('label', { for: topicId, class: 'tv-card__editor-label' }, [t('lus.topic')]), topicSelect)
    }
    const form = h('form', { class: 'tv-card__editor', 'data-note-editor': true }, [
      h('label', { for: fieldId, class: 'tv-card__editor-label' }, [t('notes.editLabel')]),
      field,
      colors.element,
      ...zoneRow,
      conflict,
      h('div', { class: 'tv-card__editor-actions' }, [save, cancel])
    ])
    const submit = () => {
      if (this.editOff) return
      const text = field.value.trim()
      if (text === '') {
        field.focus()
        return
      }
      const zone = zoneSelect !== null && zoneSelect.value !== note.zone ? zoneSelect.value : null
      this.actions.save(this, { text, color: colors.value(), zone })
      if (topicSelect !== null && extras) extras.setTopic(this.id, topicSelect.value)
      this.stopEditing()
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      submit()
    })
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        this.stopEditing()
      } else if (event.target === field && isSubmitKey(event)) {
        event.preventDefault()
        submit()
      }
    })
    cancel.addEventListener('click', () => this.stopEditing())
    this.editor = { form, field, save, conflict }
    this.element.dataset.editing = 'true'
    this.body.replaceWith(form)
    field.focus()
    field.setSelectionRange(field.value.length, field.value.length)
  }

  /** Close the editor, show the note again and put focus back on its Edit button. */
  stopEditing () {
    if (this.editor === null) return
    const { form } = this.editor
    this.editor = null
    delete this.element.dataset.editing
    form.replaceWith(this.body)
    ;(this.menuButton ?? this.editButton)?.focus()
    this.actions.editEnded(this)
  }
}
