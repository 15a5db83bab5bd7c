"""The charter's wording: ProseMirror documents, in y-prosemirror's Yjs form, on the server.

A section's wording is a `Y.XmlFragment` that the browser edits through y-prosemirror:
each node is a `Y.XmlElement` named after its type, and each run of text a `Y.XmlText`
whose formatting attributes are the marks (`{"strong": {}}`). The server reads it to
keep copies, record versions and export, and writes it to accept an amendment. Between
the two sides travels ProseMirror's JSON (`{"type": "doc", "content": [...]}`) in the
small schema below (docs/formats.md, "The wording schema").
"""

from __future__ import annotations

from typing import Any

from pycrdt import XmlElement, XmlFragment, XmlText

MARKS = ("strong", "em")
LISTS = ("bullet_list", "ordered_list")
MAX_WORDING_CHARS = 20_000
MAX_DEPTH = 8

Node = dict[str, Any]


class WordingError(ValueError):
    """A wording that is not a document of the charter's schema."""


# -- checking what a client sent ----------------------------------------------------


def parse_document(value: Any) -> Node:
    """Return `value` as a clean ProseMirror document of the charter schema.

    Raises WordingError for anything else: unknown node types or marks, misplaced
    nodes, nesting deeper than MAX_DEPTH, or more than MAX_WORDING_CHARS of text.
    """
    if not isinstance(value, dict) or value.get("type") != "doc":
        raise WordingError("not a ProseMirror document")
    budget = [MAX_WORDING_CHARS]
    blocks = [_parse_block(child, 1, budget) for child in _content(value)]
    return {"type": "doc", "content": blocks or [{"type": "paragraph"}]}


def _content(node: Any) -> list[Any]:
    content = node.get("content", [])
    if not isinstance(content, list):
        raise WordingError("content is not a list")
    return content


def _parse_block(node: Any, depth: int, budget: list[int]) -> Node:
    if depth > MAX_DEPTH:
        raise WordingError("nested too deeply")
    if not isinstance(node, dict):
        raise WordingError("a node is not an object")
    kind = node.get("type")
    if kind == "paragraph":
        inline = [_parse_inline(child, budget) for child in _content(node)]
        return {"type": "paragraph", "content": inline} if inline else {"type": "paragraph"}
    if kind in LISTS:
        items = [_parse_item(child, depth + 1, budget) for child in _content(node)]
        if not items:
            raise WordingError("an empty list")
        return {"type": kind, "content": items}
    raise WordingError(f"unknown block {kind!r}")


def _parse_item(node: Any, depth: int, budget: list[int]) -> Node:
    if not isinstance(node, dict) or node.get("type") != "list_item":
        raise WordingError("a list holds something other than list items")
    blocks = [_parse_block(child, depth + 1, budget) for child in _content(node)]
    if not blocks or blocks[0]["type"] != "paragraph":
        raise WordingError("a list item must start with a paragraph")
    return {"type": "list_item", "content": blocks}


def _parse_inline(node: Any, budget: list[int]) -> Node:
    if not isinstance(node, dict):
        raise WordingError("a node is not an object")
    kind = node.get("type")
    if kind == "hard_break":
        return {"type": "hard_break"}
    if kind != "text":
        raise WordingError(f"unknown inline node {kind!r}")
    text = node.get("text")
    if not isinstance(text, str) or not text:
        raise WordingError("a text node without text")
    budget[0] -= len(text)
    if budget[0] < 0:
        raise WordingError("the wording is too long")
    marks = node.get("marks", [])
    if not isinstance(marks, list):
        raise WordingError("marks is not a list")
    names = set()
    for mark in marks:
        name = mark.get("type") if isinstance(mark, dict) else None
        if name not in MARKS:
            raise WordingError(f"unknown mark {name!r}")
        names.add(name)
    return _text_node(text, names)


def _text_node(text: str, marks: set[str] | frozenset[str]) -> Node:
    node: Node = {"type": "text", "text": text}
    if marks:
        node["marks"] = [{"type": name} for name in MARKS if name in marks]
    return node


# -- reading and writing a fragment ---------------------------------------------------


def read_fragment(fragment: XmlFragment | XmlElement) -> Node:
    """Return a wording fragment as a ProseMirror document of the charter schema.

    Reading is lenient, as the fragment may hold what a modified client wrote: an
    unknown element counts as a paragraph of its text, unknown marks are dropped, and
    whatever lies deeper than MAX_DEPTH is read as the plain text of a paragraph (a
    thousand nested lists must not make reading, and with it the board, fail).
    """
    blocks: list[Node] = []
    for child in fragment.children:
        blocks.extend(_read_block(child, 1))
    return {"type": "doc", "content": blocks or [{"type": "paragraph"}]}


def _read_block(node: Any, depth: int) -> list[Node]:
    if depth > MAX_DEPTH:
        text = _flat_text(node)
        return [_paragraph(text)] if text else []
    if isinstance(node, XmlText):
        inline = _read_text(node)
        return [{"type": "paragraph", "content": inline}] if inline else []
    if not isinstance(node, XmlElement):
        return []
    tag = node.tag
    if tag in LISTS:
        items = [_read_item(child, depth + 1) for child in node.children]
        return [{"type": tag, "content": items}] if items else []
    if tag == "list_item":
        return [{"type": "bullet_list", "content": [_read_item(node, depth + 1)]}]
    inline = _read_inline_children(node, depth + 1)
    return [{"type": "paragraph", "content": inline} if inline else {"type": "paragraph"}]


def _read_item(node: Any, depth: int) -> Node:
    blocks: list[Node] = []
    if isinstance(node, XmlElement):
        for child in node.children:
            blocks.extend(_read_block(child, depth + 1))
    elif isinstance(node, XmlText):
        blocks = _read_block(node, depth)
    if not blocks or blocks[0]["type"] != "paragraph":
        blocks.insert(0, {"type": "paragraph"})
    return {"type": "list_item", "content": blocks}


def _read_inline_children(element: XmlElement, depth: int) -> list[Node]:
    inline: list[Node] = []
    for child in element.children:
        if isinstance(child, XmlText):
            inline.extend(_read_text(child))
        elif isinstance(child, XmlElement) and child.tag == "hard_break":
            inline.append({"type": "hard_break"})
        elif isinstance(child, XmlElement) and depth > MAX_DEPTH:
            text = _flat_text(child)
            if text:
                inline.append(_text_node(text, frozenset()))
        elif isinstance(child, XmlElement):
            inline.extend(_read_inline_children(child, depth + 1))
    return inline


def _flat_text(node: Any) -> str:
    """Return all the text under a node, however deep, without recursion."""
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, XmlText):
            parts += [chunk for chunk, _ in current.diff() if isinstance(chunk, str)]
        elif isinstance(current, XmlElement):
            stack.extend(reversed(list(current.children)))
    return " ".join(part.strip() for part in parts if part.strip())


def _paragraph(text: str) -> Node:
    return {"type": "paragraph", "content": [_text_node(text, frozenset())]}


def _read_text(text: XmlText) -> list[Node]:
    runs: list[Node] = []
    for chunk, attributes in text.diff():
        if not isinstance(chunk, str) or not chunk:
            continue
        marks = frozenset(name for name in (attributes or {}) if name in MARKS)
        runs.append(_text_node(chunk, marks))
    return runs


def write_fragment(fragment: XmlFragment, document: Node) -> None:
    """Replace a fragment's content with a (checked) ProseMirror document.

    Call inside a transaction: the whole replacement then reaches clients as one update.
    """
    if len(fragment.children):
        del fragment.children[0 : len(fragment.children)]
    for block in document.get("content", []):
        _write_block(fragment, block)


def _write_block(parent: XmlFragment | XmlElement, node: Node) -> None:
    element = parent.children.append(XmlElement(node["type"]))
    if node["type"] == "paragraph":
        _write_inline(element, node.get("content", []))
        return
    for child in node.get("content", []):
        if child["type"] == "list_item":
            item = element.children.append(XmlElement("list_item"))
            for block in child.get("content", []):
                _write_block(item, block)
        else:
            _write_block(element, child)


def _write_inline(paragraph: XmlElement, inline: list[Node]) -> None:
    text: XmlText | None = None
    length = 0  # of the current XmlText in UTF-8 bytes, the unit pycrdt indexes text by
    for node in inline:
        if node["type"] == "hard_break":
            paragraph.children.append(XmlElement("hard_break"))
            text = None
            continue
        if text is None:
            text = paragraph.children.append(XmlText())
            length = 0
        marks: dict[str, Any] = {mark["type"]: {} for mark in node.get("marks", [])}
        text.insert(length, node["text"], marks or None)
        length += len(node["text"].encode("utf-8"))


# -- checking a fragment a client edited ------------------------------------------------

ELEMENTS = frozenset({"paragraph", "hard_break", "list_item", *LISTS})
# A run of text's one attribute: where the text a writer moved came from, as ids of
# characters ("client.clock.length" runs, "from>to"), so that text two writers moved at
# once is kept once (client/src/views/charter/moved-text.js).
MOVED = "moved"
MAX_MOVED_LENGTH = 8_000
_MOVED_CHARACTERS = frozenset("0123456789.,>")


def _moved_fits(text: XmlText) -> bool:
    # pycrdt types the view's `__iter__` as returning an iterable of (name, value) pairs.
    for name, value in text.attributes.__iter__():
        if name != MOVED or not isinstance(value, str) or len(value) > MAX_MOVED_LENGTH:
            return False
        if not set(value) <= _MOVED_CHARACTERS:
            return False
    return True


def fragment_fits(fragment: XmlFragment) -> bool:
    """Say whether a fragment holds only the schema's elements, marks and sizes.

    The whitelist for a section's wording as participants edit it live: known element
    names without attributes, text whose formatting is only the schema's marks (no
    embeds) and whose one attribute is a short `moved`, nesting no deeper than
    MAX_DEPTH and at most MAX_WORDING_CHARS of text.
    Read iteratively, so a modified client's thousand nested elements cost no stack.
    """
    budget = MAX_WORDING_CHARS
    stack: list[tuple[Any, int]] = [(child, 1) for child in fragment.children]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH + 2:  # a list item's paragraph sits two levels below its list
            return False
        if isinstance(node, XmlText):
            if not _moved_fits(node):
                return False
            for chunk, attributes in node.diff():
                if not isinstance(chunk, str) or not set(attributes or {}) <= set(MARKS):
                    return False
                budget -= len(chunk)
            if budget < 0:
                return False
        elif isinstance(node, XmlElement):
            if node.tag not in ELEMENTS or len(node.attributes):
                return False
            stack.extend((child, depth + 1) for child in node.children)
        else:
            return False
    return True


# -- plain text ------------------------------------------------------------------------


def plain_text(document: Node) -> str:
    """Return the wording as plain text: a line per paragraph, list items marked."""
    lines: list[str] = []
    for block in document.get("content", []):
        _plain_block(block, lines, "")
    return "\n".join(lines).strip("\n")


def _plain_block(node: Node, lines: list[str], prefix: str) -> None:
    if node["type"] == "paragraph":
        lines.append(prefix + inline_text(node.get("content", [])))
        return
    for number, item in enumerate(node.get("content", []), start=1):
        bullet = f"{number}. " if node["type"] == "ordered_list" else "- "
        for index, block in enumerate(item.get("content", [])):
            indent = prefix + ("" if index == 0 else " " * len(bullet))
            if index == 0 and block["type"] == "paragraph":
                lines.append(indent + bullet + inline_text(block.get("content", [])))
            else:
                _plain_block(block, lines, prefix + " " * len(bullet))


def inline_text(inline: list[Node]) -> str:
    """Return a paragraph's content as text, a hard break as a newline."""
    return "".join(node.get("text", "") if node["type"] == "text" else "\n" for node in inline)


def document_of_paragraphs(paragraphs: list[str]) -> Node:
    """Return a document of plain paragraphs (for seeding a template)."""
    content: list[Node] = [
        {"type": "paragraph", "content": [_text_node(text, frozenset())]}
        if text
        else {"type": "paragraph"}
        for text in paragraphs
    ]
    return {"type": "doc", "content": content or [{"type": "paragraph"}]}
