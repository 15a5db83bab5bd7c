"""A charter as a Word document, the format municipalities circulate (python-docx)."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from boards.wording import Node
from server.afterwards.charter_export import (
    Charter,
    amendment_line,
    example_line,
    section_state,
    theme_dots,
    word,
)

MUTED = RGBColor(0x4A, 0x4A, 0x4A)  # 8.9:1 on white: secondary lines stay readable in print
BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
MAX_LIST_DEPTH = len(BULLET_STYLES)


def charter_docx(charter: Charter, locale: str, appendix: bool) -> bytes:
    """Return the charter as a .docx file."""
    document = Document()
    document.core_properties.title = charter.title
    document.core_properties.language = locale
    document.add_heading(charter.title, level=0)
    for section in charter.sections:
        document.add_heading(section.title, level=1)
        _muted(document.add_paragraph(), section_state(section, locale), italic=True)
        add_wording(document, section.wording)
        if section.role != "principle":
            continue
        document.add_heading(word("examples", locale), level=2)
        if not section.examples:
            _muted(document.add_paragraph(), word("no_examples", locale))
        for example in section.examples:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(example.text)
            _muted(paragraph, f" ({example_line(example, locale)})")
    if charter.themes:
        document.add_heading(word("themes", locale), level=1)
        for number, theme in enumerate(charter.themes, start=1):
            document.add_paragraph(f"{number}. {theme.title} ({theme_dots(theme, locale)})")
    if appendix and charter.amendments:
        document.add_page_break()  # type: ignore[no-untyped-call]
        document.add_heading(word("appendix", locale), 1)
        for number, amendment in enumerate(charter.amendments, start=1):
            document.add_heading(f"{number}. {amendment.section_title}", level=2)
            _muted(document.add_paragraph(), amendment_line(amendment, locale))
            reason = document.add_paragraph()
            reason.add_run(word("reason", locale) + ": ").bold = True
            reason.add_run(amendment.reason)
            add_wording(document, amendment.wording, quote=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_wording(document: DocumentObject, wording: Node, *, quote: bool = False) -> None:
    """Add a wording's paragraphs and lists, with bold and italics, to the document."""
    for block in wording.get("content", []):
        _add_block(document, block, depth=0, quote=quote, number=None)


def _add_block(
    document: DocumentObject, node: Node, *, depth: int, quote: bool, number: str | None
) -> None:
    if node["type"] == "paragraph":
        inline = node.get("content", [])
        if not inline and depth == 0:
            return
        if depth == 0:
            paragraph = document.add_paragraph(style="Quote" if quote else None)
        else:
            paragraph = document.add_paragraph(
                style=BULLET_STYLES[min(depth, MAX_LIST_DEPTH) - 1] if number is None else None
            )
            if number is not None:
                # Numbers are written out: Word's own numbering would run on from one list
                # into the next, and python-docx cannot restart it.
                paragraph.paragraph_format.left_indent = Pt(18 * depth)
                paragraph.add_run(f"{number} ")
        _add_inline(paragraph, inline)
        return
    ordered = node["type"] == "ordered_list"
    for index, item in enumerate(node.get("content", []), start=1):
        for position, block in enumerate(item.get("content", [])):
            marker = f"{index}." if ordered and position == 0 else None
            if block["type"] == "paragraph" and position > 0:
                marker = ""  # a second paragraph of an item: indented, without a bullet
            _add_block(document, block, depth=depth + 1, quote=quote, number=marker)


def _add_inline(paragraph: Paragraph, inline: list[Node]) -> None:
    for node in inline:
        if node["type"] == "hard_break":
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(node.get("text", ""))
        marks = {mark["type"] for mark in node.get("marks", [])}
        run.bold = "strong" in marks or None
        run.italic = "em" in marks or None


def _muted(paragraph: Paragraph, text: str, *, italic: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.color.rgb = MUTED
    run.italic = italic or None
