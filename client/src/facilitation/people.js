/**
 * Who has joined (polled while the panel is shown), removing someone, and co-facilitator links.
 * @module facilitation/people
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { confirmDialog } from './dialog.js'
import { requestJson } from './http.js'

const POLL_INTERVAL_MS = 4000

/**
 * @typedef {object} Person
 * @property {string} id
 * @property {string} name
 * @property {boolean} removed
 * @property {boolean} online
 */

/**
 * The participants part of the panel, a `<details>` whose count and list follow joins while the panel is open.
 * @param {object} options
 * @param {string} options.boardId
 * @param {(command: Record<string, unknown>) => boolean} options.send
 * @param {() => boolean} options.visible whether the panel itself is open
 * @returns {{ element: HTMLElement, refresh: () => void }}
 */
export const createPeople = ({ boardId, send, visible }) => {
  const summary = h('span', { class: 'tv-panel__count', 'data-people-summary': true })
  const list = h('ul', { class: 'tv-panel__list', 'data-people-list': true })
  const status = h('p', { class: 'tv-panel__note', 'data-people-status': true, hidden: true })
  const element = h('details', { class: 'tv-panel__section tv-panel__more', 'data-panel-people': true }, [
    h('summary', { class: 'tv-panel__heading' }, [t('facilitation.people.heading'), ' ', summary]),
    status,
    list
  ])
  const base = `/api/boards/${encodeURIComponent(boardId)}`

  /** @param {Person} person */
  const renderPerson = (person) => {
    const remove = h('button', {
      type: 'button', class: 'btn btn-secondary tv-panel__small', 'data-remove-person': person.id,
      'aria-label': t('facilitation.people.removeLabel', { name: person.name })
    }, [t('facilitation.people.remove')])
    remove.addEventListener('click', () => confirmDialog({
      title: t('facilitation.people.removeTitle', { name: person.name }),
      body: t('facilitation.people.removeBody', { name: person.name }),
      confirmLabel: t('facilitation.people.remove'),
      danger: true,
      back: element,
      confirm: () => {
        if (send({ type: 'participant.remove', participant: person.id })) setTimeout(refresh, 500)
      }
    }))
    const state = person.removed ? t('facilitation.people.removed') : person.online ? t('facilitation.people.online') : ''
    return h('li', { class: 'tv-panel__person', 'data-person': person.id, 'data-online': String(person.online), 'data-removed': String(person.removed) }, [
      h('span', { class: 'tv-panel__person-name' }, [person.name]),
      h('span', { class: 'tv-panel__person-state' }, [state]),
      ...(person.removed ? [] : [remove])
    ])
  }

  let loading = false
  const refresh = async () => {
    if (loading) return
    loading = true
    try {
      const people = await requestJson(`${base}/people`)
      /** @type {Person[]} */
      const participants = Array.isArray(people.participants) ? people.participants : []
      summary.textContent = `(${Number(people.joined) || 0})`
      status.hidden = participants.length > 0
      status.textContent = t('facilitation.people.none')
      // Keep the button that has focus: rebuild only the rows that changed.
      const focused = document.activeElement
      const rows = participants.map(renderPerson)
      if (!(focused instanceof HTMLElement && list.contains(focused))) list.replaceChildren(...rows)
      element.querySelector('summary')?.setAttribute('data-joined', String(Number(people.joined) || 0))
    } catch {
      status.hidden = false
      status.textContent = t('facilitation.people.failed')
    } finally {
      loading = false
    }
  }
  element.addEventListener('toggle', () => {
    if (element.open) refresh()
  })
  // The count stands in the summary, shown while the panel is, folded or not: polling only
  // while unfolded left "(0)" with five joined until a reload (issue 12).
  setInterval(() => {
    if (visible() && document.visibilityState === 'visible') refresh()
  }, POLL_INTERVAL_MS)
  return { element, refresh }
}

/**
 * The co-facilitator part: make a link (shown once, with a copy button), or revoke them all.
 * @param {object} options
 * @param {string} options.boardId
 * @param {(text: string) => void} options.announce
 * @returns {HTMLElement}
 */
export const createCofacilitators = ({ boardId, announce }) => {
  const path = `/api/boards/${encodeURIComponent(boardId)}/cofacilitators`
  const make = h('button', { type: 'button', class: 'btn btn-secondary', 'data-cofacilitator-create': true }, [
    t('facilitation.cofacilitator.create')
  ])
  const revoke = h('button', { type: 'button', class: 'btn btn-secondary', 'data-cofacilitator-revoke': true }, [
    t('facilitation.cofacilitator.revoke')
  ])
  const shown = h('div', { class: 'tv-panel__secret', 'data-cofacilitator-link': true, hidden: true })
  make.addEventListener('click', async () => {
    try {
      const { facilitator_url: url } = await requestJson(path, 'POST')
      const field = h('input', { type: 'text', readonly: true, value: String(url), class: 'tv-panel__url', 'aria-label': t('facilitation.cofacilitator.create') })
      shown.replaceChildren(
        h('p', { class: 'tv-panel__help' }, [t('facilitation.cofacilitator.help')]),
        field,
        h('button', { type: 'button', class: 'btn btn-primary', 'data-copy': String(url) }, [t('facilitation.cofacilitator.copy')])
      )
      shown.hidden = false
      field.select()
    } catch {
      announce(t('facilitation.requestFailed'))
    }
  })
  revoke.addEventListener('click', () => confirmDialog({
    title: t('facilitation.cofacilitator.revokeTitle'),
    body: t('facilitation.cofacilitator.revokeBody'),
    confirmLabel: t('facilitation.cofacilitator.revoke'),
    danger: true,
    back: revoke,
    confirm: async () => {
      try {
        await requestJson(path, 'DELETE')
        shown.replaceChildren()
        shown.hidden = true
        announce(t('facilitation.cofacilitator.revoked'))
      } catch {
        announce(t('facilitation.requestFailed'))
      }
    }
  }))
  return h('details', { class: 'tv-panel__section tv-panel__more', 'data-panel-cofacilitators': true }, [
    h('summary', { class: 'tv-panel__heading' }, [t('facilitation.cofacilitator.heading')]),
    h('div', { class: 'tv-panel__row' }, [make, revoke]),
    shown
  ])
}
