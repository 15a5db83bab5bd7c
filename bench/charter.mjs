/**
 * The charter board as the typing scenario needs it: its sections (read from the kind's
 * own template, `boards/kinds/charter.json`), the paragraph each section's wording holds
 * (docs/formats.md, "Document layout"), and getting a board ready to be typed into.
 *
 * @module charter
 */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'

import { writeThrough } from './full-client.mjs'
import { REPO_DIR } from './servers.mjs'

/** The board kind Tavle seeds with sections and wording fragments. */
export const CHARTER_KIND = 'charter'

/**
 * A section of the charter template, as much of it as the benchmark uses.
 *
 * @typedef {{ id: string, role: string, title: string, question: string, paragraphs: string[] }} CharterSection
 */

/** @type {CharterSection[] | null} */
let sections = null

/**
 * Return the template's sections in order (Danish texts, as a board is seeded by default).
 *
 * @returns {CharterSection[]}
 */
export function charterSections () {
  if (sections === null) {
    const kind = JSON.parse(readFileSync(join(REPO_DIR, 'boards', 'kinds', 'charter.json'), 'utf8'))
    sections = kind.sections.map((/** @type {any} */ section) => ({
      id: section.id,
      role: section.role ?? 'principle',
      title: section.title.da,
      question: section.question.da,
      paragraphs: section.wording?.da ?? []
    }))
  }
  return /** @type {CharterSection[]} */ (sections)
}

/**
 * Return the text a section's first paragraph holds, or null while it has none.
 *
 * y-prosemirror keeps a paragraph as `Y.XmlElement('paragraph')` with its text in a
 * `Y.XmlText` child; an empty paragraph has no child until someone types into it.
 *
 * @param {Y.Doc} doc
 * @param {string} sectionId
 * @returns {Y.XmlText | null}
 */
export function sectionText (doc, sectionId) {
  const fragment = doc.getMap('wording').get(sectionId)
  const paragraph = fragment instanceof Y.XmlFragment ? fragment.get(0) : null
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  return text instanceof Y.XmlText ? text : null
}

/**
 * Write the charter's sections and wording as Tavle seeds them (`boards/engines.py`), for a
 * server that knows no board kinds: the reference starts every board as an empty document.
 *
 * @param {Y.Doc} doc
 */
function seedCharter (doc) {
  const sectionsMap = doc.getMap('sections')
  const wording = doc.getMap('wording')
  charterSections().forEach((section, index) => {
    const meta = new Y.Map()
    sectionsMap.set(section.id, meta)
    meta.set('title', section.title)
    meta.set('question', section.question)
    meta.set('order', `a${index}`)
    meta.set('role', section.role)
    meta.set('state', 'open')
    const fragment = new Y.XmlFragment()
    wording.set(section.id, fragment)
    const texts = section.paragraphs.length > 0 ? section.paragraphs : ['']
    fragment.insert(0, texts.map((text) => {
      const paragraph = new Y.XmlElement('paragraph')
      if (text !== '') paragraph.insert(0, [new Y.XmlText(text)])
      return paragraph
    }))
  })
}

/**
 * Give every section's first paragraph a text, as the first keystroke into an empty
 * paragraph does in y-prosemirror. Done once before the typists connect, so that they
 * do not each add a text of their own to the same paragraph at the same moment.
 *
 * @param {Y.Doc} doc
 */
function addMissingTexts (doc) {
  const wording = doc.getMap('wording')
  for (const { id } of charterSections()) {
    if (sectionText(doc, id) !== null) continue
    const paragraph = /** @type {Y.XmlFragment} */ (wording.get(id)).get(0)
    if (paragraph instanceof Y.XmlElement) paragraph.insert(0, [new Y.XmlText()])
  }
}

/**
 * Make a charter board ready to type into: seed it if the server did not (the reference),
 * give every section a text, and wait until a second client sees it all.
 *
 * @param {import('./clients.mjs').BoardContext} context
 * @param {string} writerToken
 * @param {string} checkerToken
 */
export async function prepareCharter (context, writerToken, checkerToken) {
  const ready = (/** @type {Y.Doc} */ doc) => charterSections().every(({ id }) => sectionText(doc, id) !== null)
  const done = await writeThrough(context, writerToken, checkerToken, (doc) => {
    doc.transact(() => {
      if (doc.getMap('wording').size === 0) seedCharter(doc)
      addMissingTexts(doc)
    })
  }, ready)
  if (!done) throw new Error('the charter board did not get a text in every section in time')
}
