/**
 * Snapshots in the panel: take one (one tap, an automatic label), list them, open one read-only,
 * restore it for everyone, or start a new board from it.
 * @module facilitation/snapshots
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { confirmDialog } from './dialog.js'
import { requestJson } from './http.js'
import { formatWhen, snapshotCounts, snapshotName } from './labels.js'

const MAX_LABEL_CHARS = 120

/**
 * The snapshot part of the panel; `update` takes each `snapshots` message.
 * @param {object} options
 * @param {string} options.boardId
 * @param {string} options.lang
 * @param {(command: Record<string, unknown>) => boolean} options.send
 * @param {(text: string) => void} options.announce
 */
export const createSnapshots = ({ boardId, lang, send, announce }) => {
  const base = `/api/boards/${encodeURIComponent(boardId)}`
  const labelId = `tv-snapshot-label-${boardId}`
  const label = h('input', { type: 'text', id: labelId, maxlength: String(MAX_LABEL_CHARS), class: 'tv-panel__text', 'data-snapshot-label': true })
  const take = h('button', { type: 'button', class: 'btn btn-primary', 'data-snapshot-take': true }, [t('snapshot.take')])
  const empty = h('p', { class: 'tv-panel__note' }, [t('snapshot.none')])
  const list = h('ol', { class: 'tv-panel__list tv-snapshots', 'data-snapshot-list': true, reversed: true })
  const forked = h('div', { class: 'tv-panel__secret', 'data-snapshot-forked': true, role: 'status', hidden: true })

  const takeSnapshot = () => {
    const typed = label.value.trim()
    const text = typed || t('snapshot.autoLabel', { time: formatWhen(new Date().toISOString(), lang) })
    if (send({ type: 'snapshot.take', label: text.slice(0, MAX_LABEL_CHARS) })) {
      label.value = ''
      announce(t('snapshot.taken'))
    }
  }
  take.addEventListener('click', takeSnapshot)
  label.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') takeSnapshot()
  })

  /**
   * @param {import('../sync/server-messages.js').SnapshotEntry} snapshot
   * @param {HTMLElement} back
   */
  const fork = async (snapshot, back) => {
    try {
      const board = await requestJson(`${base}/snapshots/${snapshot.id}/fork`, 'POST')
      const url = String(board.facilitator_url)
      forked.replaceChildren(
        h('p', { class: 'tv-panel__note' }, [t('snapshot.forked', { title: String(board.title) })]),
        h('div', { class: 'tv-panel__row' }, [
          h('a', { href: url, target: '_blank', rel: 'noopener', class: 'btn btn-primary', 'data-snapshot-fork-open': true }, [t('snapshot.forkOpen')]),
          h('button', { type: 'button', class: 'btn btn-secondary', 'data-copy': url }, [t('snapshot.forkCopy')])
        ])
      )
      forked.hidden = false
      forked.querySelector('a')?.focus()
    } catch {
      announce(t('facilitation.requestFailed'))
      back.focus()
    }
  }

  /** @param {import('../sync/server-messages.js').SnapshotEntry} snapshot */
  const renderSnapshot = (snapshot) => {
    const name = snapshotName(snapshot)
    const open = h('a', {
      href: `/b/${encodeURIComponent(boardId)}?snapshot=${snapshot.id}`, target: '_blank', rel: 'noopener',
      class: 'btn btn-secondary tv-panel__small', 'data-snapshot-open': String(snapshot.id), 'aria-label': t('snapshot.openLabel', { label: name })
    }, [t('snapshot.open')])
    const restore = h('button', {
      type: 'button', class: 'btn btn-secondary tv-panel__small', 'data-snapshot-restore': String(snapshot.id),
      'aria-label': t('snapshot.restoreLabel', { label: name })
    }, [t('snapshot.restore')])
    restore.addEventListener('click', () => confirmDialog({
      title: t('snapshot.restoreTitle', { label: name }),
      body: t('snapshot.restoreBody'),
      confirmLabel: t('snapshot.restore'),
      back: restore,
      confirm: () => {
        if (send({ type: 'snapshot.restore', id: snapshot.id })) announce(t('snapshot.restoring'))
      }
    }))
    const forkButton = h('button', {
      type: 'button', class: 'btn btn-secondary tv-panel__small', 'data-snapshot-fork': String(snapshot.id),
      'aria-label': t('snapshot.forkLabel', { label: name })
    }, [t('snapshot.fork')])
    forkButton.addEventListener('click', () => fork(snapshot, forkButton))
    return h('li', { class: 'tv-snapshot', 'data-snapshot': String(snapshot.id), 'data-snapshot-kind': snapshot.kind }, [
      h('span', { class: 'tv-snapshot__name', 'data-snapshot-name': true }, [name]),
      h('span', { class: 'tv-snapshot__meta' }, [[formatWhen(snapshot.created, lang), snapshotCounts(snapshot.counts)].filter(Boolean).join(' · ')]),
      h('span', { class: 'tv-snapshot__actions' }, [open, restore, forkButton])
    ])
  }

  const element = h('section', { class: 'tv-panel__section', 'data-panel-snapshots': true }, [
    h('h3', { class: 'tv-panel__heading' }, [t('snapshot.heading')]),
    h('label', { for: labelId, class: 'tv-panel__label' }, [t('snapshot.label')]),
    h('div', { class: 'tv-panel__row tv-panel__row--fill' }, [label, take]),
    forked,
    empty,
    list
  ])

  return {
    element,
    takeSnapshot,
    /** @param {import('../sync/server-messages.js').SnapshotsMessage} message */
    update: (message) => {
      empty.hidden = message.items.length > 0
      // Newest first: the one just taken is where the eye is.
      list.replaceChildren(...[...message.items].reverse().map(renderSnapshot))
    }
  }
}
