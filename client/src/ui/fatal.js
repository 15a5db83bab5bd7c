/**
 * What a terminal close code means for the user, shown in `[data-fatal]`.
 * @module ui/fatal
 */

import { h } from './dom.js'
import { t } from '../i18n.js'

/**
 * @typedef {'rejoin' | 'join' | 'reload' | 'reset' | 'home'} FatalAction
 *
 * @typedef {object} FatalReason
 * @property {string} [titleKey] the heading, when it says more than "the connection has ended"
 * @property {string} messageKey
 * @property {FatalAction[]} actions
 * @property {boolean} dropLocalCopy the board is gone for this user: keep no copy on the device
 */

/** @type {Record<number, FatalReason>} */
const REASONS = {
  4401: { messageKey: 'fatal.4401', actions: ['rejoin'], dropLocalCopy: false },
  4403: { messageKey: 'fatal.4403', actions: ['home'], dropLocalCopy: true },
  4404: { messageKey: 'fatal.4404', actions: ['join'], dropLocalCopy: true },
  // The board was deleted: its copy on this device is deleted too (pages/board.js, dropLocalCopy).
  4410: { titleKey: 'deleted.title', messageKey: 'deleted.body', actions: ['home'], dropLocalCopy: true },
  1008: { messageKey: 'fatal.1008', actions: ['reload'], dropLocalCopy: false },
  // The offline copy re-sends the oversized change on every reload; offer to drop it.
  1009: { messageKey: 'fatal.1009', actions: ['reload', 'reset'], dropLocalCopy: false }
}

/** @type {FatalReason} */
const UNKNOWN_REASON = { messageKey: 'fatal.other', actions: ['reload'], dropLocalCopy: false }

/**
 * The explanation and way out for close `code`.
 * @param {number} code
 * @returns {FatalReason}
 */
export const fatalReason = (code) => REASONS[code] || UNKNOWN_REASON

/**
 * @typedef {object} FatalOptions
 * @property {string} [joinUrl] this board's join link, which fills in the code
 * @property {() => void} onReset discard this device's changes and reload
 */

/**
 * Render the way out named `action`.
 * @param {FatalAction} action
 * @param {FatalOptions} options
 * @returns {HTMLElement}
 */
const renderAction = (action, { joinUrl, onReset }) => {
  switch (action) {
    case 'rejoin':
      // A bad token, but the board exists: its join link fills in the code.
      return h('a', { href: joinUrl || '/join', class: 'btn btn-primary', 'data-fatal-action': action }, [
        t('fatal.rejoin')
      ])
    case 'join':
      return h('a', { href: '/join', class: 'btn btn-primary', 'data-fatal-action': action }, [t('fatal.join')])
    case 'home':
      return h('a', { href: '/', class: 'btn btn-secondary', 'data-fatal-action': action }, [
        t('fatal.home')
      ])
    case 'reload': {
      const button = h('button', { type: 'button', class: 'btn btn-primary', 'data-fatal-action': action }, [
        t('fatal.reload')
      ])
      button.addEventListener('click', () => location.reload())
      return button
    }
    case 'reset': {
      const button = h('button', { type: 'button', class: 'btn btn-secondary', 'data-fatal-action': action }, [
        t('fatal.reset')
      ])
      button.addEventListener('click', onReset)
      return button
    }
  }
}

/**
 * Show why the connection ended in the server's `[data-fatal]` alert.
 * @param {HTMLElement} element
 * @param {number} code
 * @param {FatalOptions} options
 */
export const showFatal = (element, code, options) => {
  const reason = fatalReason(code)
  element.replaceChildren(
    h('p', { class: 'tv-fatal__title' }, [t(reason.titleKey || 'fatal.title')]),
    h('p', { class: 'tv-fatal__message' }, [t(reason.messageKey)]),
    h('p', { class: 'tv-fatal__actions' }, reason.actions.map((action) => renderAction(action, options)))
  )
  element.classList.add('tv-fatal')
  element.dataset.code = String(code)
  element.hidden = false
}
