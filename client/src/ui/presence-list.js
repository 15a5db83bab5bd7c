/**
 * The presence list: `[data-presence]` shows who is on the board now (sync/presence.js).
 * @module ui/presence-list
 */

import { h, renderOncePerFrame } from './dom.js'
import { t } from '../i18n.js'
import { userOf } from '../sync/presence.js'

/** @typedef {import('../sync/presence.js').Awareness} Awareness */
/** @typedef {import('../sync/presence.js').PresenceUser} PresenceUser */

/**
 * Render one person as a presence chip.
 * @param {PresenceUser} user
 * @param {boolean} isSelf
 * @returns {HTMLLIElement}
 */
const renderPerson = (user, isSelf) => {
  const dot = h('span', { class: 'tv-person__dot', 'aria-hidden': 'true' })
  dot.style.backgroundColor = user.color
  // On an anonymous board the server sends everyone's presence without a name.
  const name = user.name || t(user.role === 'facilitator' ? 'presence.facilitator' : 'session.anonymousParticipant')
  const item = h('li', { class: 'tv-person', 'data-presence-name': name, 'data-presence-role': user.role }, [
    dot,
    h('span', { class: 'tv-person__name' }, [name])
  ])
  if (!user.name) item.dataset.anonymous = 'true'
  if (isSelf) {
    item.dataset.self = 'true'
    item.append(' ', h('span', { class: 'tv-person__you' }, [t('presence.you')]))
  }
  // A facilitator without a name is announced as "Facilitator": no need to say it twice.
  if (user.role === 'facilitator' && name !== t('presence.facilitator')) {
    item.append(' ', h('span', { class: 'tv-person__role' }, [t('presence.facilitator')]))
  }
  return item
}

/**
 * Keep `[data-presence-count]` and `ul[data-presence-list]` inside `section` current.
 * @param {HTMLElement} section the server's `[data-presence]`
 * @param {Awareness} awareness
 * @param {string} lang for sorting names
 */
export const mountPresence = (section, awareness, lang) => {
  const count = section.querySelector('[data-presence-count]')
  const list = section.querySelector('ul[data-presence-list]')
  const collator = new Intl.Collator(lang, { sensitivity: 'base' })

  const render = () => {
    const selfId = awareness.clientID
    /** @type {Array<{ user: PresenceUser, isSelf: boolean }>} */
    const people = []
    awareness.getStates().forEach((state, clientId) => {
      const user = userOf(state)
      if (user !== null) people.push({ user, isSelf: clientId === selfId })
    })
    // You first, then facilitators, then everyone by name.
    people.sort(
      (a, b) =>
        Number(b.isSelf) - Number(a.isSelf) ||
        Number(b.user.role === 'facilitator') - Number(a.user.role === 'facilitator') ||
        collator.compare(a.user.name, b.user.name)
    )
    if (count instanceof HTMLElement) {
      count.textContent = String(people.length)
      count.dataset.count = String(people.length)
    }
    if (list instanceof HTMLUListElement) {
      list.replaceChildren(...people.map(({ user, isSelf }) => renderPerson(user, isSelf)))
    }
  }

  // A room filling up sends a burst of changes; draw the list once per frame.
  awareness.on('change', renderOncePerFrame(render))
  render()
}
