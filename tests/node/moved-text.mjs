// Writers who press Enter in one line at once keep its text once (client moved-text.js).
//
// Random cases, each with 2–4 Yjs documents that start from one wording and edit it at
// once: most split a paragraph where y-prosemirror would (delete the tail, insert a new
// paragraph holding a copy), some type a marker (one capital letter, unique in the case). Their updates then reach each other one
// at a time in a random order, the way a server relays them, with the clients' repairs
// running in between. Two rounds per case, the second on what the first converged to.
// Every case must converge on the same paragraphs on every document, reading the start
// text once and in order with each marker once.
//
// Usage: node moved-text.mjs CASES SEED [--without-repair]
// Prints one JSON line: {"cases": N, "failed": K, "example": ...}.
import * as Y from '../../client/node_modules/yjs/dist/yjs.mjs'
import { watchMovedText } from '../../client/src/views/charter/moved-text.js'

const [cases, seed] = process.argv.slice(2, 4).map(Number)
const repair = !process.argv.includes('--without-repair')
const EDITOR = Symbol('editor')
const MARKERS = 'ABCDEFGH'
const withoutMarkers = (text) => text.replace(/[A-H]/g, '')
const WORDS = 'vi leder sammen på tværs for borgerne og med hinanden hver dag'.split(' ')

/** mulberry32: a small seeded random number generator */
const randomFrom = (start) => {
  let state = start >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const paragraphsOf = (doc) => doc.getXmlFragment('wording').toArray()
  .map((paragraph) => paragraph.toArray().map((text) => text.toString()).join(''))

/** Enter at `offset` of paragraph `index`, as y-prosemirror writes it. */
const split = (doc, index, offset) => {
  const fragment = doc.getXmlFragment('wording')
  doc.transact(() => {
    const paragraph = fragment.get(index)
    const text = paragraph.length > 0 ? paragraph.get(0) : null
    const length = text === null ? 0 : text.length
    if (offset === 0 || length === 0) {
      // The old paragraph equals the new right one: an empty paragraph goes before it.
      fragment.insert(index, [new Y.XmlElement('paragraph')])
      return
    }
    const moved = new Y.XmlElement('paragraph')
    if (offset < length) {
      const tail = text.toString().slice(offset)
      text.delete(offset, length - offset)
      const copy = new Y.XmlText()
      copy.insert(0, tail)
      moved.insert(0, [copy])
    }
    fragment.insert(index + 1, [moved])
  }, EDITOR)
}

const type = (doc, index, offset, marker) => {
  const paragraph = doc.getXmlFragment('wording').get(index)
  doc.transact(() => {
    if (paragraph.length === 0) paragraph.insert(0, [new Y.XmlText()])
    const text = paragraph.get(0)
    text.insert(Math.min(offset, text.length), marker)
  }, EDITOR)
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

const runCase = async (random) => {
  const base = new Y.Doc()
  const count = 1 + Math.floor(random() * 2)
  base.getXmlFragment('wording').insert(0, Array.from({ length: count }, () => {
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    const words = Array.from({ length: 3 + Math.floor(random() * 5) }, () => WORDS[Math.floor(random() * WORDS.length)])
    text.insert(0, words.join(' '))
    paragraph.insert(0, [text])
    return paragraph
  }))
  const start = Y.encodeStateAsUpdate(base)
  const writers = Array.from({ length: 2 + Math.floor(random() * 3) }, () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, start)
    if (repair) watchMovedText(doc.getXmlFragment('wording'), EDITOR, () => true)
    return doc
  })
  // One queue per link, first in first out, like a socket.
  const queues = new Map()
  writers.forEach((from, i) => from.on('update', (update, origin) => {
    if (origin === 'remote') return
    writers.forEach((_, j) => { if (j !== i) queues.get(`${i}>${j}`).push(update) })
  }))
  writers.forEach((_, i) => writers.forEach((_, j) => { if (i !== j) queues.set(`${i}>${j}`, []) }))
  const deliverAll = async () => {
    for (;;) {
      const waiting = [...queues].filter(([, queue]) => queue.length > 0)
      if (waiting.length === 0) {
        await tick()
        if ([...queues.values()].every((queue) => queue.length === 0)) return
        continue
      }
      const [link, queue] = waiting[Math.floor(random() * waiting.length)]
      Y.applyUpdate(writers[Number(link.split('>')[1])], queue.shift(), 'remote')
      if (random() < 0.5) await tick()
    }
  }
  let expected = paragraphsOf(writers[0]).join('')
  const markers = []
  for (let round = 0; round < 2; round++) {
    writers.forEach((doc, w) => {
      const paragraphs = paragraphsOf(doc)
      const index = Math.floor(random() * paragraphs.length)
      const offset = Math.floor(random() * (paragraphs[index].length + 1))
      if (random() < 0.75) split(doc, index, offset)
      else {
        const marker = MARKERS[markers.length]
        markers.push(marker)
        type(doc, index, offset, marker)
      }
    })
    await deliverAll()
    const seen = writers.map((doc) => JSON.stringify(paragraphsOf(doc)))
    const paragraphs = paragraphsOf(writers[0])
    const text = paragraphs.join('')
    const problems = []
    if (new Set(seen).size !== 1) problems.push('diverged')
    if (withoutMarkers(text) !== withoutMarkers(expected)) problems.push('text changed')
    for (const marker of markers) if (text.split(marker).length !== 2) problems.push(`${marker} not once`)
    if (problems.length > 0) return { problems, expected, paragraphs, writers: writers.length }
    expected = text
  }
  return null
}

const random = randomFrom(seed)
let failed = 0
let example = null
for (let i = 0; i < cases; i++) {
  const failure = await runCase(random)
  if (failure !== null) {
    failed += 1
    example ??= failure
  }
}
console.log(JSON.stringify({ cases, failed, example }))
