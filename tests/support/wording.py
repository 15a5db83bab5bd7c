"""A charter's wording in tests: ProseMirror JSON as the client sends it, typing into a
section as y-prosemirror does, and a section read back as plain text."""

from __future__ import annotations

from typing import Any

from pycrdt import Doc, Map, XmlElement, XmlText

from boards.wording import plain_text, read_fragment
from tests.support.items import Change

Node = dict[str, Any]


def document(*blocks: Node) -> Node:
    return {"type": "doc", "content": list(blocks)}


def paragraph(*runs: str | Node) -> Node:
    """Return a paragraph of runs: a string is plain text, a dict any node as it is."""
    content = [{"type": "text", "text": run} if isinstance(run, str) else run for run in runs]
    return {"type": "paragraph", "content": content}


def strong(text: str) -> Node:
    return {"type": "text", "text": text, "marks": [{"type": "strong"}]}


def bullet_list(*items: str) -> Node:
    return {
        "type": "bullet_list",
        "content": [{"type": "list_item", "content": [paragraph(item)]} for item in items],
    }


# The wording the live charter tests propose and accept: a mark and a list, beyond text.
ACCEPTED = document(
    paragraph("Vi går ", strong("sammen"), " på tværs af siloerne."), bullet_list("Vi deler")
)


def type_into(section: str, text: str, index: int = 0) -> Change:
    """Return a change that types text into a section's first paragraph at an index."""

    def change(doc: Doc[Any]) -> None:
        paragraph = doc.get("wording", type=Map)[section].children[0]
        assert isinstance(paragraph, XmlElement)
        if not len(paragraph.children):
            paragraph.children.append(XmlText())
        run = paragraph.children[0]
        assert isinstance(run, XmlText)
        run.insert(index, text)

    return change


def section_text(doc: Doc[Any], section: str) -> str:
    """Return a section's wording in a doc as plain text."""
    return plain_text(read_fragment(doc.get("wording", type=Map)[section]))


def proposal(proposal_id: str, section: str, reason: str, wording: Node = ACCEPTED) -> Node:
    """Return the command that proposes a new wording for a section."""
    return {
        "type": "proposal.create",
        "id": proposal_id,
        "section": section,
        "reason": reason,
        "wording": wording,
    }
