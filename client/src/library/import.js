/**
 * Import: a JSON export chosen from this device becomes a new board (POST /api/import).
 * @module library/import
 */

import { h } from '../ui/dom.js'
import { t } from '../i18n.js'
import { saveMadeBoard } from '../sync/storage.js'
import { RequestError, request } from './http.js'

/**
 * Make `[data-import-form]` send the chosen file and say what became of it in `[data-import-result]`.
 * @param {Document} page
 * @param {(text: string) => void} announce
 * @param {() => void} onImported the library lists the new board
 */
export const setUpImport = (page, announce, onImported) => {
  const form = page.querySelector('form[data-import-form]')
  const result = page.querySelector('[data-import-result]')
  if (!(form instanceof HTMLFormElement) || !(result instanceof HTMLElement)) return
  const input = form.querySelector('input[type="file"]')
  const button = form.querySelector('button[type="submit"]')
  if (!(input instanceof HTMLInputElement) || !(button instanceof HTMLButtonElement)) return

  /**
   * @param {Array<Node | string>} content
   * @param {'done' | 'error' | 'working'} state
   */
  const say = (content, state) => {
    result.replaceChildren(...content)
    result.dataset.state = state
    result.hidden = false
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const file = input.files?.[0]
    if (!file) {
      say([t('import.choose')], 'error')
      input.focus()
      return
    }
    button.disabled = true
    say([t('import.working')], 'working')
    try {
      const text = await file.text()
      const made = await request('/api/import', { method: 'POST', text })
      // Like a board made on the home page: this browser holds its facilitator link.
      saveMadeBoard(made)
      const open = h('a', { href: made.facilitator_url, class: 'btn btn-primary', 'data-import-open': true }, [t('import.open')])
      say([h('p', {}, [t('import.done', { title: made.title })]), open], 'done')
      form.reset()
      announce(t('import.done', { title: made.title }))
      open.focus()
      onImported()
    } catch (error) {
      const message = error instanceof RequestError && error.serverMessage ? error.serverMessage : t('import.failed')
      say([h('p', { role: 'alert' }, [message])], 'error')
    } finally {
      button.disabled = false
    }
  })
}
