/**
 * Clusters: the titled box a group of notes sits in, and the facilitator's "Group" form.
 * @module views/map/clusters
 */

import { domId, h } from '../../ui/dom.js'
import { plural, t } from '../../i18n.js'
import { iconButton } from './controls.js'
import { TITLE_MAX_CHARS } from './model.js'
import { clusterContainer } from './placement.js'

/**
 * @typedef {object} ClusterActions
 * @property {(id: string, title: string) => void} rename
 * @property {(id: string) => void} dissolve
 * @property {(id: string) => void} addSelected put the selected notes into the cluster
 */

/**
 * A cluster's title, or a placeholder for one left blank.
 * @param {{ title: string }} cluster
 * @returns {string}
 */
export const clusterTitle = (cluster) => cluster.title.trim() || t('map.cluster.untitled')

export class ClusterBox {
  /**
   * @param {string} id
   * @param {ClusterActions} actions
   * @param {{ editable: boolean, focus?: HTMLButtonElement | null }} options `focus`: the
   *   facilitator's "Bring everyone here"
   */
  constructor (id, actions, options) {
    this.id = id
    this.actions = actions
    this.title = ''
    const titleId = domId('tv-cluster')
    this.titleElement = h('h3', { class: 'tv-cluster__title', id: titleId, 'data-cluster-title': true })
    this.dots = h('span', { class: 'tv-cluster__dots', 'data-cluster-dots': true, hidden: true })
    this.size = h('span', { class: 'tv-cluster__size', 'data-cluster-size': true })
    this.head = h('div', { class: 'tv-cluster__head' }, [this.titleElement, this.size, this.dots])
    this.list = h('ul', { class: 'tv-cluster__notes', 'data-drop-list': true, 'data-container': clusterContainer(id) })
    /** @type {HTMLButtonElement[]} */
    this.buttons = []
    /** @type {HTMLFormElement | null} */
    this.renameForm = null
    /** @type {HTMLButtonElement | null} */
    this.renameButton = null
    this.element = h('li', { class: 'tv-cluster', 'data-cluster-id': id, 'aria-labelledby': titleId }, [this.head, this.list])
    if (!options.editable) return

    const rename = iconButton(t('map.cluster.rename'), '✎', { 'data-cluster-rename': true, 'aria-describedby': titleId })
    const add = iconButton(t('map.cluster.addSelected'), '+', { 'data-cluster-add': true, 'aria-describedby': titleId })
    const dissolve = iconButton(t('map.cluster.dissolve'), '⊘', { 'data-cluster-dissolve': true, 'aria-describedby': titleId })
    rename.addEventListener('click', () => this.startRenaming())
    add.addEventListener('click', () => actions.addSelected(id))
    dissolve.addEventListener('click', () => actions.dissolve(id))
    this.buttons.push(rename, add, dissolve)
    if (options.focus) this.buttons.unshift(options.focus)
    this.renameButton = rename
    this.head.append(h('div', { class: 'tv-cluster__tools' }, this.buttons))
  }

  /**
   * @param {import('./model.js').ClusterData} cluster
   * @param {string} zone the zone it is shown in
   */
  update (cluster, zone) {
    this.title = cluster.title
    const title = clusterTitle(cluster)
    if (this.titleElement.textContent !== title) this.titleElement.textContent = title
    if (this.element.dataset.zone !== zone) this.element.dataset.zone = zone
  }

  /** @param {number} count notes shown in the cluster */
  setSize (count) {
    this.size.textContent = plural('map.cluster.size', count)
  }

  /** @param {number | null} dots the cluster's dots while results are visible */
  setDots (dots) {
    this.dots.hidden = dots === null
    if (dots !== null) {
      this.dots.textContent = plural('map.vote.dots', dots)
      this.dots.dataset.count = String(dots)
    }
  }

  /** @param {boolean} readOnly */
  setReadOnly (readOnly) {
    this.buttons.forEach((button) => { button.disabled = readOnly })
  }

  /** Put a name field in place of the title. */
  startRenaming () {
    if (this.renameForm !== null) return
    const fieldId = domId('tv-cluster-name')
    const field = h('input', { id: fieldId, class: 'tv-input', maxlength: String(TITLE_MAX_CHARS), 'data-cluster-name-edit': true })
    field.value = this.title
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary' }, [t('notes.cancel')])
    const form = h('form', { class: 'tv-cluster__rename', 'data-cluster-rename-form': true }, [
      h('label', { for: fieldId, class: 'tv-card__editor-label' }, [t('map.cluster.newName')]),
      field,
      h('div', { class: 'tv-card__editor-actions' }, [h('button', { type: 'submit', class: 'btn btn-primary' }, [t('notes.save')]), cancel])
    ])
    const close = () => {
      this.renameForm = null
      form.remove()
      this.head.hidden = false
      this.renameButton?.focus()
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const title = field.value.trim()
      if (title === '') {
        field.focus()
        return
      }
      this.actions.rename(this.id, title)
      close()
    })
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close()
    })
    cancel.addEventListener('click', close)
    this.renameForm = form
    this.head.hidden = true
    this.head.after(form)
    field.focus()
    field.select()
  }
}

/**
 * The facilitator's "Group into cluster" form: how many notes are selected, a name, Group.
 * @param {object} options
 * @param {(title: string) => boolean} options.group make a cluster of the selected notes;
 *   `true` when it did
 * @param {() => void} options.clear
 * @returns {{ element: HTMLElement, setCount: (count: number) => void, setReadOnly: (readOnly: boolean) => void }}
 */
export const groupForm = ({ group, clear }) => {
  const fieldId = domId('tv-group-name')
  const count = h('p', { class: 'tv-group__count', 'data-selected-count': true, 'aria-live': 'polite' })
  const field = h('input', { id: fieldId, class: 'tv-input', maxlength: String(TITLE_MAX_CHARS), 'data-cluster-name': true })
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-group': true }, [t('map.cluster.group')])
  const clearButton = h('button', { type: 'button', class: 'btn btn-secondary', 'data-clear-selection': true }, [t('map.cluster.clear')])
  const form = h('form', { class: 'tv-group', 'data-group-form': true, 'aria-label': t('map.cluster.groupLegend') }, [
    count,
    h('div', { class: 'tv-group__field' }, [h('label', { for: fieldId }, [t('map.cluster.name')]), field]),
    submit,
    clearButton
  ])
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (group(field.value.trim())) field.value = ''
  })
  clearButton.addEventListener('click', clear)
  const setCount = (/** @type {number} */ selected) => {
    count.textContent = plural('map.cluster.selected', selected)
    form.dataset.selected = String(selected)
    clearButton.disabled = selected === 0
  }
  setCount(0)
  return {
    element: form,
    setCount,
    setReadOnly: (readOnly) => {
      field.disabled = readOnly
      submit.disabled = readOnly
    }
  }
}
