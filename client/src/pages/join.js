/**
 * The join page: show the join code in capitals as it is typed.
 * @module pages/join
 */

/**
 * Upper-case `input[name=code]` while the user types, keeping the caret where it was.
 * @param {Document} doc
 */
export const startJoinPage = (doc) => {
  const input = doc.querySelector('input[name=code]')
  if (!(input instanceof HTMLInputElement)) return
  input.addEventListener('input', () => {
    const upper = input.value.toUpperCase()
    if (upper === input.value) return
    const { selectionStart, selectionEnd } = input
    const sameLength = upper.length === input.value.length
    input.value = upper
    // "ß" upper-cases to "SS"; only a same-length change keeps the caret where it was.
    if (sameLength && selectionStart !== null && selectionEnd !== null) {
      input.setSelectionRange(selectionStart, selectionEnd)
    }
  })
}
