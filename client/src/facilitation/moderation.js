/**
 * What the facilitator took off the board (hidden or deleted), each with a way to put it back.
 * @module facilitation/moderation
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'

const PREVIEW_CHARS = 60

/**
 * The moderation part of the panel; `update` takes each `moderation` message.
 * @param {(command: Record<string, unknown>) => boolean} send
 */
export const createModeration = (send) => {
  const count = h('span', { class: 'tv-panel__count', 'data-moderation-count': true })
  const empty = h('p', { class: 'tv-panel__note' }, [t('facilitation.moderation.none')])
  const list = h('ul', { class: 'tv-panel__list', 'data-moderation-list': true })
  const element = h('details', { class: 'tv-panel__section tv-panel__more', 'data-panel-moderation': true }, [
    h('summary', { class: 'tv-panel__heading' }, [t('facilitation.moderation.heading'), ' ', count]),
    empty,
    list
  ])

  /** @param {import('../sync/server-messages.js').ModeratedItem} item */
  const renderItem = (item) => {
    const text = item.text.trim() || t('facilitation.moderation.untitled')
    const preview = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text
    const restore = h('button', {
      type: 'button', class: 'btn btn-secondary tv-panel__small', 'data-moderation-restore': item.id,
      'aria-label': t('facilitation.moderation.restoreLabel', { text: preview })
    }, [t('facilitation.moderation.restore')])
    restore.addEventListener('click', () => {
      if (send({ type: 'moderate.restore', root: item.root, id: item.id })) restore.disabled = true
    })
    return h('li', { class: 'tv-panel__moderated', 'data-moderated': item.id, 'data-action': item.action }, [
      h('span', { class: 'tv-panel__tag' }, [t(`facilitation.moderation.${item.action}`)]),
      h('span', { class: 'tv-panel__moderated-text' }, [text]),
      restore
    ])
  }

  let shown = 0
  return {
    element,
    /** @param {import('../sync/server-messages.js').ModerationMessage} message */
    update: (message) => {
      count.textContent = message.items.length ? `(${message.items.length})` : ''
      empty.hidden = message.items.length > 0
      list.replaceChildren(...message.items.map(renderItem))
      // Something was just taken off: show where to undo it.
      if (message.items.length > shown) element.open = true
      shown = message.items.length
    }
  }
}
