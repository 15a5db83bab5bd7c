/**
 * The charter wording's ProseMirror schema (docs/formats.md, "The wording schema"): paragraphs,
 * hard breaks, bullet and numbered lists; marks `strong` and `em`. The server reads and writes
 * exactly these names (boards/wording.py), so nothing may be added here alone.
 * @module views/charter/schema
 */

import { Schema } from 'prosemirror-model'
import { marks as basicMarks, nodes as basicNodes } from 'prosemirror-schema-basic'
import { bulletList, listItem } from 'prosemirror-schema-list'

export const schema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: basicNodes.paragraph,
    text: basicNodes.text,
    hard_break: basicNodes.hard_break,
    bullet_list: { ...bulletList, content: 'list_item+', group: 'block' },
    // schema-list's `orderedList` carries an `order` attribute the protocol does not have:
    // a numbered list here always starts at 1.
    ordered_list: {
      content: 'list_item+',
      group: 'block',
      parseDOM: [{ tag: 'ol' }],
      toDOM: () => ['ol', 0]
    },
    list_item: { ...listItem, content: 'paragraph block*' }
  },
  marks: {
    strong: basicMarks.strong,
    em: basicMarks.em
  }
})
