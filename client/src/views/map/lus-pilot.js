/**
 * An LUS pilot's notes: each may name the guide section it concerns (`topic`), and the
 * facilitator sends a note of the zone for rewording to the event's guide as an amendment
 * (POST /api/boards/{pilot}/notes/{note}/propose, docs/api.md).
 * @module views/map/lus-pilot
 */

import * as Y from 'yjs'
import { domId, h } from '../../ui/dom.js'
import { t } from '../../i18n.js'
import { showFormDialog } from '../dialog.js'

/**
 * @typedef {object} Topic
 * @property {string} id a section id of the guide kind
 * @property {string} title
 *
 * @typedef {object} GuideSection
 * @property {string} id
 * @property {string} title
 * @property {string} text the section's wording now, as plain text
 *
 * @typedef {object} Guide
 * @property {string} id
 * @property {string} title
 * @property {string} url
 * @property {GuideSection[]} sections
 * @property {Record<string, { proposal: string, status: string }>} sent the pilot's notes
 *   that went to this guide
 */

/**
 * A select of the guide's sections, "No section" first.
 * @param {Topic[]} topics
 * @param {string} value
 * @param {Record<string, string | boolean>} [attributes]
 * @returns {HTMLSelectElement}
 */
export const topicSelect = (topics, value, attributes = {}) => {
  const select = h('select', { class: 'tv-select', ...attributes }, [
    h('option', { value: '' }, [t('lus.topic.none')]),
    ...topics.map((topic) => h('option', { value: topic.id }, [topic.title]))
  ])
  select.value = topics.some((topic) => topic.id === value) ? value : ''
  return select
}

/**
 * @param {object} options
 * @param {Y.Doc} options.doc
 * @param {Topic[]} options.topics
 * @param {string | null} options.amendZone
 * @param {boolean} options.facilitator the pilot's facilitator: sends notes to the guide
 * @param {string} options.boardId
 * @param {(text: string) => void} options.announce
 * @param {() => void} options.redraw draw the cards again (what was sent changed)
 */
export const createLusPilot = ({ doc, topics, amendZone, facilitator, boardId, announce, redraw }) => {
  /** @type {Y.Map<unknown>} */
  const notesMap = doc.getMap('notes')
  /** @type {Guide[]} */
  let guides = []
  let loaded = false

  /**
   * @param {string} noteId
   * @returns {string}
   */
  const topicOf = (noteId) => {
    const note = notesMap.get(noteId)
    const topic = note instanceof Y.Map ? note.get('topic') : null
    return typeof topic === 'string' ? topic : ''
  }

  /**
   * @param {string} id
   * @returns {string} the section's title, or '' for none
   */
  const titleOf = (id) => topics.find((topic) => topic.id === id)?.title ?? ''

  /**
   * Name (or clear) the section a note concerns.
   * @param {string} noteId
   * @param {string} topic
   */
  const setTopic = (noteId, topic) => {
    const note = notesMap.get(noteId)
    if (!(note instanceof Y.Map) || topicOf(noteId) === topic) return
    if (topic === '') note.delete('topic')
    else note.set('topic', topic)
  }

  /**
   * @param {string} noteId
   * @returns {{ guide: Guide, status: string } | null} where the note went, if it did
   */
  const sentTo = (noteId) => {
    for (const guide of guides) {
      const sent = guide.sent[noteId]
      if (sent) return { guide, status: sent.status }
    }
    return null
  }

  const load = async () => {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/guides`, {
      credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' }
    })
    if (!response.ok) throw new Error(String(response.status))
    guides = /** @type {{ guides: Guide[] }} */ (await response.json()).guides
    loaded = true
    redraw()
  }
  if (facilitator && amendZone !== null) load().catch((error) => console.error('tavle: the guides could not be read', error))

  /**
   * Open the dialog that sends a note to a guide as an amendment.
   * @param {string} noteId
   * @param {string} noteText
   * @param {HTMLElement} back where focus returns
   */
  const openSend = async (noteId, noteText, back) => {
    if (!loaded) {
      try {
        await load()
      } catch {
        announce(t('lus.failed', { message: t('lus.noAnswer') }))
        return
      }
    }
    const headingId = domId('tv-amend')
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary' }, [t('notes.cancel')])
    /** @type {Array<Node>} */
    let body
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-amend-submit': true }, [t('lus.submit')])
    const error = h('p', { class: 'tv-form-error', role: 'alert', hidden: true })
    const ids = { guide: domId('tv-amend-guide'), section: domId('tv-amend-section'), wording: domId('tv-amend-wording'), hint: domId('tv-amend-hint') }
    const guideSelect = h('select', { id: ids.guide, class: 'tv-select', 'data-amend-guide': true }, guides.map((guide) => h('option', { value: guide.id }, [guide.title])))
    const sectionSelect = h('select', { id: ids.section, class: 'tv-select', 'data-amend-section': true })
    const wording = h('textarea', { id: ids.wording, class: 'tv-field', rows: '7', 'aria-describedby': ids.hint, 'data-amend-wording': true })
    const guide = () => guides.find((one) => one.id === guideSelect.value) ?? guides[0]
    const fillSections = () => {
      const sections = guide()?.sections ?? []
      const wanted = sectionSelect.value || topicOf(noteId)
      sectionSelect.replaceChildren(...sections.map((section) => h('option', { value: section.id }, [section.title])))
      sectionSelect.value = sections.some((section) => section.id === wanted) ? wanted : (sections[0]?.id ?? '')
    }
    const fillWording = () => {
      wording.value = guide()?.sections.find((section) => section.id === sectionSelect.value)?.text ?? ''
    }
    if (guides.length === 0) {
      body = [h('p', { 'data-amend-no-guide': true }, [t('lus.noGuide')])]
      submit.hidden = true
    } else {
      fillSections()
      fillWording()
      guideSelect.addEventListener('change', () => {
        fillSections()
        fillWording()
      })
      sectionSelect.addEventListener('change', fillWording)
      body = [
        ...(guides.length > 1 ? [h('label', { for: ids.guide }, [t('lus.guide')]), guideSelect] : []),
        h('label', { for: ids.section }, [t('lus.section')]),
        sectionSelect,
        h('label', { for: ids.wording }, [t('lus.wording')]),
        h('p', { class: 'tv-action-form__hint', id: ids.hint }, [t('lus.wordingHint')]),
        wording,
        h('p', { class: 'tv-amend__reason-label' }, [t('lus.reason')]),
        h('blockquote', { class: 'tv-amend__reason', 'data-amend-reason': true }, [noteText])
      ]
    }
    const form = h('form', { class: 'tv-action-form' }, [
      h('h2', { id: headingId }, [t('lus.dialog.title')]),
      ...body,
      error,
      h('div', { class: 'tv-dialog__actions' }, [submit, cancel])
    ])
    const dialog = h('dialog', { class: 'tv-dialog tv-action-dialog', 'aria-labelledby': headingId, 'data-amend-dialog': true }, [form])
    const close = showFormDialog(dialog, cancel, back, guides.length > 0 ? sectionSelect : cancel)
    form.addEventListener('submit', async (event) => {
      event.preventDefault()
      const target = guide()
      if (target === undefined || wording.value.trim() === '') {
        wording.focus()
        return
      }
      submit.disabled = true
      try {
        const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/notes/${encodeURIComponent(noteId)}/propose`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ guide: target.id, section: sectionSelect.value, wording: wording.value })
        })
        if (!response.ok) {
          const answer = await response.json().catch(() => null)
          throw new Error(answer?.error?.message ?? String(response.status))
        }
        close()
        announce(t('lus.done', { guide: target.title }))
        await load()
      } catch (failure) {
        error.textContent = t('lus.failed', { message: failure instanceof Error ? failure.message : '' })
        error.hidden = false
        submit.disabled = false
      }
    })
  }

  return { topics, topicOf, titleOf, setTopic, sentTo, openSend, amendZone }
}
