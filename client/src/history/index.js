/**
 * The history page (`/b/{id}/history`): the board's timeline, any point shown read-only,
 * and two points compared.
 * @module history
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { fetchDocument, showDocument } from './board-view.js'
import { renderCompare, showComparison } from './compare.js'
import { pointKey, pointName } from './points.js'
import { renderTimeline } from './timeline.js'

/**
 * @typedef {object} HistoryConfig
 * @property {string} timelineUrl
 * @property {string} compareUrl
 * @property {string} liveDocumentUrl
 * @property {string} snapshotDocumentUrl with `{id}` for the snapshot's id
 * @property {string} [exportUrl] with `{format}`: this board's export address
 * @property {string[]} [formats] the formats a reader here may export
 */

/**
 * Start the history page.
 * @param {Document} page
 * @param {import('../config.js').PageConfig & { history?: HistoryConfig }} config
 * @param {(text: string) => void} announce
 */
export const startHistoryPage = async (page, config, announce) => {
  const { board, history } = config
  const root = page.querySelector('[data-history]')
  const boardView = page.querySelector('[data-board-view]')
  if (!board || !history || !(root instanceof HTMLElement) || !(boardView instanceof HTMLElement)) return
  const engine = board.engine || 'notes'

  /** @type {import('./points.js').TimelinePoint[]} */
  let points
  try {
    const response = await fetch(history.timelineUrl, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } })
    if (!response.ok) throw new Error(`timeline: ${response.status}`)
    points = [...(await response.json()).points, { type: 'live', point: 'live' }]
  } catch (error) {
    console.error('tavle: timeline not loaded', error)
    root.replaceChildren(h('p', { class: 'fatal', role: 'alert' }, [t('history.loadFailed')]))
    return
  }

  const showing = h('p', { class: 'tv-history-detail', 'data-history-showing': true, 'aria-live': 'polite' })
  const exports = h('p', { class: 'tv-history-exports', 'data-history-exports': true })

  /**
   * Offer the point's state as files: the live board, or one snapshot (`?snapshot=`).
   * @param {import('./points.js').SnapshotPoint | import('./points.js').LivePoint | null} point
   */
  const offerExports = (point) => {
    const formats = history.formats || []
    if (point === null || !history.exportUrl || formats.length === 0) {
      exports.replaceChildren()
      return
    }
    const query = point.type === 'snapshot' ? `?snapshot=${encodeURIComponent(String(point.id))}` : ''
    const links = formats.map((format) => h('a', {
      class: 'btn btn-secondary',
      href: (history.exportUrl || '').replace('{format}', format) + query,
      download: '',
      'data-export-format': format
    }, [t(`library.export.${format}`)]))
    exports.replaceChildren(h('span', {}, [t('history.exportPoint')]), ' ', ...links)
  }
  /** Snapshot states by point key: they never change. @type {Map<string, Uint8Array>} */
  const snapshots = new Map()
  /** @type {import('../views/index.js').BoardView | null} */
  let view = null
  /** The latest showing wins when the user steps faster than the documents arrive. */
  let sequence = 0

  /**
   * Show point `point`'s document under the timeline.
   * @param {import('./points.js').SnapshotPoint | import('./points.js').LivePoint} point
   * @returns {Promise<boolean>} whether it is shown (not overtaken by a later step)
   */
  const showPoint = async (point) => {
    sequence += 1
    const mine = sequence
    const key = pointKey(point)
    boardView.setAttribute('aria-busy', 'true')
    try {
      let update = snapshots.get(key)
      if (update === undefined) {
        update = await fetchDocument(point.type === 'live' ? history.liveDocumentUrl : history.snapshotDocumentUrl.replace('{id}', String(point.id)))
        if (point.type === 'snapshot') snapshots.set(key, update)
      }
      if (mine !== sequence) return false
      view = showDocument(boardView, update, { engine, boardId: board.id, announce })
      boardView.dataset.historyPoint = key
      return true
    } catch (error) {
      console.error('tavle: history document not loaded', error)
      if (mine === sequence) boardView.replaceChildren(h('p', { class: 'fatal', role: 'alert', 'data-history-failed': true }, [t('history.documentFailed')]))
      return false
    } finally {
      if (mine === sequence) boardView.removeAttribute('aria-busy')
    }
  }

  /** Set by a comparison that selects its "Til" point itself. */
  let comparing = false
  /** @type {Promise<boolean>} */
  let shown = Promise.resolve(false)

  /** @param {number} index */
  const onSelect = (index) => {
    const point = points[index]
    if (!comparing) {
      compare.follow(index)
      compare.clear()
    }
    if (point.type === 'amendment') {
      // An accepted amendment is an event, not a state: say what it was; the board stays.
      showing.dataset.kind = 'amendment'
      showing.replaceChildren(
        h('strong', {}, [pointName(point)]),
        ...(point.reason ? [h('br'), t('history.reason', { reason: point.reason })] : []),
        h('br'),
        t('history.amendmentVotes', { name: point.proposer || t('history.someone'), for: point.votes_for, against: point.votes_against })
      )
      shown = Promise.resolve(false)
      offerExports(null)
      return
    }
    offerExports(point)
    showing.dataset.kind = point.type
    showing.textContent = point.type === 'live' ? t('history.showingNow') : t('history.showing', { label: pointName(point) })
    shown = showPoint(point)
  }

  const compare = (() => {
    const form = renderCompare(points, async (from, to, result) => {
      const url = `${history.compareUrl}?from=${encodeURIComponent(pointKey(from))}&to=${encodeURIComponent(pointKey(to))}`
      let comparison
      try {
        const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } })
        if (!response.ok) throw new Error(`compare: ${response.status}`)
        comparison = await response.json()
      } catch (error) {
        console.error('tavle: compare failed', error)
        result.replaceChildren(h('p', { role: 'alert' }, [t('compare.failed')]))
        return
      }
      const heading = t('compare.between', { from: pointName(from), to: pointName(to) })
      showComparison(result, comparison, heading)
      // The board at "Til", its changed notes marked.
      comparing = true
      try {
        timeline.select(points.indexOf(to))
      } finally {
        comparing = false
      }
      if (comparison.kind === 'map' && (await shown) && view?.highlight) {
        /** @param {Array<{ id: string }>} notes */
        const ids = (notes) => notes.map((note) => note.id)
        view.highlight({ added: ids(comparison.added), moved: ids(comparison.moved), reclustered: ids(comparison.reclustered), edited: ids(comparison.edited) })
        showing.textContent = t('compare.onBoard', { label: pointName(to) })
        boardView.dataset.compared = pointKey(from)
      }
      announce(heading)
    })
    return {
      ...form,
      clear: () => {
        delete boardView.dataset.compared
        form.element.querySelector('[data-compare-result]')?.replaceChildren()
      }
    }
  })()

  const timeline = renderTimeline(points, config.lang, onSelect)
  const lonely = points.length === 1 ? [h('p', { class: 'tv-timeline__empty', 'data-timeline-empty': true }, [t('history.empty')])] : []
  root.replaceChildren(timeline.element, ...lonely, showing, exports, compare.element)
  timeline.select(points.length - 1)
}
