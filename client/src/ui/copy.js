/**
 * Buttons with `data-copy="text"` copy that text to the clipboard.
 * @module ui/copy
 */

import { t } from '../i18n.js'

/** How long a copy button says "Copied" instead of its own label. */
const CONFIRM_MS = 2000

/** @type {WeakMap<HTMLElement, ReturnType<typeof setTimeout>>} */
const restoreTimers = new WeakMap()

/**
 * Let the button itself say "Copied" for a moment: the live region may be for screen readers only.
 * @param {HTMLElement} button
 * @param {boolean} copied
 */
const confirmOnButton = (button, copied) => {
  button.dataset.copied = String(copied)
  if (!copied) return
  if (button.dataset.copyLabel === undefined) button.dataset.copyLabel = button.textContent || ''
  button.textContent = t('copy.done')
  clearTimeout(restoreTimers.get(button))
  restoreTimers.set(
    button,
    setTimeout(() => {
      button.textContent = button.dataset.copyLabel || ''
      delete button.dataset.copyLabel
      delete button.dataset.copied
    }, CONFIRM_MS)
  )
}

/**
 * Copy `text` with the Clipboard API, or the older selection route where the page is not a
 * secure context (a laptop serving the workshop over plain http on the venue's network).
 * @param {string} text
 * @returns {Promise<boolean>} whether the text was copied
 */
const copyText = async (text) => {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      // Permission refused: fall through to the selection route.
    }
  }
  const scratch = document.createElement('textarea')
  scratch.value = text
  scratch.setAttribute('readonly', '')
  scratch.style.position = 'fixed'
  scratch.style.opacity = '0'
  document.body.append(scratch)
  scratch.select()
  let copied = false
  try {
    copied = document.execCommand('copy')
  } catch {
    copied = false
  }
  scratch.remove()
  return copied
}

/**
 * Make every `[data-copy]` button on the page copy its text and announce the result.
 * @param {Document} doc
 * @param {(text: string) => void} announce
 */
export const setUpCopyButtons = (doc, announce) => {
  doc.addEventListener('click', async (event) => {
    const target = /** @type {Element | null} */ (event.target)
    const button = target && target.closest('[data-copy]')
    if (!(button instanceof HTMLElement)) return
    event.preventDefault()
    const copied = await copyText(button.dataset.copy || '')
    // Selection copying moves focus to the scratch field; give it back to the button.
    button.focus()
    confirmOnButton(button, copied)
    announce(t(copied ? 'copy.done' : 'copy.failed'))
  })
}
