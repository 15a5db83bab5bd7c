/**
 * The facilitator's "Hide" and "Delete" on an item (docs/protocol.md, `moderate.hide` and
 * `moderate.delete`): the server takes it out of everyone's data and keeps it for undo in the
 * facilitator panel, so neither asks for confirmation.
 * @module views/facilitation/moderation
 */

import { t } from '../../i18n.js'

/**
 * @typedef {'notes' | 'examples' | 'comments' | 'proposals'} ModeratedRoot
 *
 * @callback ButtonMaker
 * @param {string} label
 * @param {string} icon
 * @param {Record<string, string | boolean>} attributes
 * @returns {HTMLButtonElement}
 */

/**
 * "Hide" and "Delete" buttons for item `id` of `root`, made by `make` to fit their place.
 * @param {object} options
 * @param {(command: Record<string, unknown>) => boolean} options.send
 * @param {(text: string) => void} options.announce
 * @param {ModeratedRoot} options.root
 * @param {string} options.id
 * @param {ButtonMaker} options.make
 * @param {Record<string, string | boolean>} [options.attributes] e.g. `aria-describedby`
 * @returns {HTMLButtonElement[]}
 */
export const moderationButtons = ({ send, announce, root, id, make, attributes = {} }) => {
  const hide = make(t('moderation.hide'), '◌', { 'data-moderate': 'hide', ...attributes })
  const remove = make(t('moderation.delete'), '✕', { 'data-moderate': 'delete', ...attributes })
  hide.addEventListener('click', () => {
    if (send({ type: 'moderate.hide', root, id })) announce(t('moderation.hidden'))
  })
  remove.addEventListener('click', () => {
    if (send({ type: 'moderate.delete', root, id })) announce(t('moderation.deleted'))
  })
  return [hide, remove]
}
