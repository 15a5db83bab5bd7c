/**
 * A secret link shown once after it is made (team link, read-only link), with a copy button.
 * @module library/links
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'

let sequence = 0

/**
 * Show `url` in `output` (a `[data-link-output]`), with what it is for and a copy button,
 * and move focus to the copy button.
 * @param {HTMLElement} output
 * @param {string} url
 * @param {string} help what the link does, and that it is shown only once
 * @param {string} marker `data-*` name on the field, for tests
 */
export const showLinkOnce = (output, url, help, marker) => {
  sequence += 1
  const fieldId = `tv-lib-link-${sequence}`
  const helpId = `${fieldId}-help`
  const copy = h('button', { type: 'button', class: 'btn btn-primary', 'data-copy': url, 'aria-describedby': helpId }, [t('library.copyLink')])
  output.replaceChildren(
    h('p', { id: helpId, class: 'tv-lib-link__help' }, [help]),
    h('div', { class: 'tv-lib-link__row' }, [
      h('label', { for: fieldId, class: 'sr-only' }, [t('library.link')]),
      h('input', { id: fieldId, type: 'text', readonly: true, value: url, class: 'tv-lib-link__url', [marker]: true, 'aria-describedby': helpId }),
      copy
    ])
  )
  output.hidden = false
  copy.focus()
}
