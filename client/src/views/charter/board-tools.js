/**
 * The charter's bar above its sections: export as Markdown or Word (with or without the
 * amendments appendix), print, and for the facilitator the presentation view.
 * @module views/charter/board-tools
 */

import { domId, h } from '../../ui/dom.js'
import { t } from '../../i18n.js'

/**
 * @param {string} boardId
 * @param {boolean} facilitator
 * @returns {HTMLElement}
 */
export const createBoardTools = (boardId, facilitator) => {
  const base = `/b/${encodeURIComponent(boardId)}/export/charter`
  const markdown = h('a', { class: 'btn btn-secondary', 'data-export': 'md' }, [t('charter.export.markdown')])
  const word = h('a', { class: 'btn btn-secondary', 'data-export': 'docx' }, [t('charter.export.word')])
  const appendixId = domId('tv-appendix')
  const appendix = h('input', { type: 'checkbox', id: appendixId, class: 'tv-check', checked: true, 'data-export-appendix': true })
  const setLinks = () => {
    const query = appendix.checked ? '' : '?appendix=0'
    markdown.setAttribute('href', `${base}.md${query}`)
    word.setAttribute('href', `${base}.docx${query}`)
  }
  appendix.addEventListener('change', setLinks)
  setLinks()
  const print = h('button', { type: 'button', class: 'btn btn-secondary', 'data-print': true }, [t('charter.export.print')])
  print.addEventListener('click', () => window.print())
  const headingId = domId('tv-export')
  const group = h('div', { class: 'tv-charter-bar__exports', role: 'group', 'aria-labelledby': headingId }, [
    h('span', { id: headingId, class: 'tv-charter-bar__label' }, [t('charter.export.heading')]),
    markdown,
    word,
    h('label', { class: 'tv-choice', for: appendixId }, [appendix, t('charter.export.appendix')]),
    print
  ])
  const bar = h('div', { class: 'tv-charter-bar', 'data-charter-bar': true }, [group])
  if (facilitator) {
    bar.append(h('a', {
      class: 'btn btn-secondary', href: location.pathname + '?view=present', target: '_blank', rel: 'noopener', 'data-present-link': true
    }, [t('map.present')]))
  }
  return bar
}
