"""A charter as a reader outside the room needs it, and as Markdown.

`read_charter` turns a board's document and the server's own records (likes, votes,
names) into a plain model; the Markdown here and the Word document in
server/afterwards/charter_docx.py are both written from it, so they say the same thing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from pycrdt import Doc, Map, XmlFragment

from boards.wording import Node, WordingError, parse_document, plain_text, read_fragment
from server.afterwards.spreadsheet import csv_text
from server.i18n import _, gettext, ngettext, plural
from server.rules.reactions import Reactions

# Municipal sessions happen in Denmark; times in exports are read there.
DISPLAY_TIMEZONE = ZoneInfo("Europe/Copenhagen")


@dataclass(frozen=True)
class Example:
    """An everyday example under a principle."""

    text: str
    scope: str  # "own" or "across"
    unit: str
    likes: int
    # The event it was written at, when it came from an earlier round (issue 15).
    event: str = ""


@dataclass(frozen=True)
class Section:
    """One section of the charter, with its wording as it stands."""

    id: str
    title: str
    question: str
    role: str
    agreed: bool
    wording: Node
    examples: list[Example] = field(default_factory=list)


@dataclass(frozen=True)
class Amendment:
    """A proposal and what became of it."""

    section_title: str
    reason: str
    status: str
    proposer: str | None
    created: str
    decided: str | None
    votes_for: int
    votes_against: int
    wording: Node


@dataclass(frozen=True)
class Theme:
    """A section and the dots the section vote gave it (the LUS guide's common themes)."""

    title: str
    dots: int


@dataclass(frozen=True)
class Charter:
    """Everything an export of a charter holds."""

    title: str
    sections: list[Section]
    amendments: list[Amendment]
    # The section vote's result, most dots first (ties in the charter's order): empty when
    # the board has had no section vote, or its results are hidden from the reader.
    themes: list[Theme] = field(default_factory=list)


def read_charter(
    title: str,
    doc: Doc[Any],
    reactions: Reactions,
    proposers: dict[str, str],
    dots: Mapping[str, int] | None = None,
) -> Charter:
    """Return a charter's content: sections in order, examples by likes, proposals by time.

    `proposers` maps proposal ids to their proposers' display names; `dots` are the
    section vote's dots per section, or None when the reader may not see them.
    """
    sections_map = doc.get("sections", type=Map)
    wording_map = doc.get("wording", type=Map)
    examples_by_section: dict[str, list[tuple[float, Example]]] = {}
    for example_id, example in doc.get("examples", type=Map).items():
        if not isinstance(example, Map) or not str(example.get("text") or "").strip():
            continue
        likes = len(reactions.likes.get(example_id, ()))
        entry = Example(
            text=str(example.get("text")).strip(),
            scope="across" if example.get("scope") == "across" else "own",
            unit=str(example.get("unit") or "").strip(),
            likes=likes,
            event=str(example.get("event") or "").strip(),
        )
        created = example.get("created")
        when = float(created) if isinstance(created, int | float) else 0.0
        examples_by_section.setdefault(str(example.get("section")), []).append((when, entry))
    sections: list[Section] = []
    titles: dict[str, str] = {}
    for section_id, section in sections_map.items():
        if not isinstance(section, Map):
            continue
        fragment = wording_map.get(section_id)
        wording = read_fragment(fragment) if isinstance(fragment, XmlFragment) else _empty()
        examples = sorted(
            examples_by_section.get(section_id, []), key=lambda pair: (-pair[1].likes, pair[0])
        )
        titles[section_id] = str(section.get("title") or "")
        sections.append(
            Section(
                id=section_id,
                title=titles[section_id],
                question=str(section.get("question") or ""),
                role=str(section.get("role") or "principle"),
                agreed=section.get("state") == "agreed",
                wording=wording,
                examples=[example for _, example in examples],
            )
        )
    order = {sid: str(sections_map[sid].get("order") or "") for sid in titles}
    sections.sort(key=lambda section: (order[section.id], section.id))
    amendments: list[Amendment] = []
    for proposal_id, proposal in doc.get("proposals", type=Map).items():
        if not isinstance(proposal, Map) or proposal.get("section") not in titles:
            continue
        status = str(proposal.get("status") or "open")
        votes_for, votes_against = reactions.tally(proposal_id)
        if status != "open":
            votes_for = int(proposal.get("votes_for") or 0)
            votes_against = int(proposal.get("votes_against") or 0)
        amendments.append(
            Amendment(
                section_title=titles[str(proposal.get("section"))],
                reason=str(proposal.get("reason") or ""),
                status=status,
                proposer=proposers.get(proposal_id),
                created=str(proposal.get("created") or ""),
                decided=str(proposal["decided"]) if proposal.get("decided") else None,
                votes_for=votes_for,
                votes_against=votes_against,
                wording=_proposed_wording(proposal.get("wording")),
            )
        )
    amendments.sort(key=lambda amendment: amendment.created)
    themes = [
        Theme(section.title, dots[section.id])
        for section in sections
        if dots is not None and dots.get(section.id, 0) > 0
    ]
    themes.sort(key=lambda theme: -theme.dots)  # stable: ties stay in the charter's order
    return Charter(title=title, sections=sections, amendments=amendments, themes=themes)


def _empty() -> Node:
    return {"type": "doc", "content": [{"type": "paragraph"}]}


def _proposed_wording(value: Any) -> Node:
    try:
        return parse_document(json.loads(str(value)))
    except (ValueError, WordingError):
        return _empty()


# -- words every export uses ----------------------------------------------------------

STATUS_LABELS = {
    "open": _("open for votes"),
    "accepted": _("accepted"),
    "rejected": _("rejected"),
    "withdrawn": _("withdrawn"),
}


WORDS = {
    "examples": _("Everyday examples"),
    "no_examples": _("No examples yet."),
    "appendix": _("Appendix: proposed amendments and votes"),
    "reason": _("Reason"),
    "themes": _("Dot vote on the sections"),
}
# The section vote's dots, as on the board (docs/glossary.md).
DOTS = plural("1 dot", "{count} dots")


def word(key: str, locale: str) -> str:
    """Return one of the export's fixed words in the locale."""
    return gettext(locale, WORDS[key])


def status_label(status: str, locale: str) -> str:
    """Return a proposal's status in words."""
    return gettext(locale, STATUS_LABELS.get(status, STATUS_LABELS["open"]))


def section_state(section: Section, locale: str) -> str:
    """Return whether a section is agreed or still a draft, in words."""
    if section.agreed:
        return gettext(locale, _("Agreed wording"))
    return gettext(locale, _("Draft, still being written"))


def example_line(example: Example, locale: str) -> str:
    """Return where an example is from and how many liked it, in words."""
    where = (
        gettext(locale, _("from across the organisation"))
        if example.scope == "across"
        else gettext(locale, _("from our own unit"))
    )
    if example.unit:
        where = f"{where}: {example.unit}"
    if example.event:
        where = gettext(locale, _("{where} · from the event {event}")).format(
            where=where, event=example.event
        )
    likes = gettext(locale, _("{count} found it true to life")).format(count=example.likes)
    return f"{where} · {likes}" if example.likes else where


def theme_dots(theme: Theme, locale: str) -> str:
    """Return the dots the section vote gave a section, in words."""
    return ngettext(locale, DOTS, theme.dots)


def when(timestamp: str | None, locale: str) -> str:
    """Return an ISO time as a date and time in the locale, Danish time."""
    if not timestamp:
        return ""
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return timestamp
    return format_datetime(moment, "medium", tzinfo=DISPLAY_TIMEZONE, locale=locale)


def amendment_line(amendment: Amendment, locale: str) -> str:
    """Return who proposed an amendment, when, the vote and the outcome, in words."""
    by = amendment.proposer or gettext(locale, _("the facilitator"))
    parts = [
        gettext(locale, _("Proposed by {name}, {time}")).format(
            name=by,
            time=when(amendment.created, locale),
        ),
        gettext(locale, _("{for_count} for, {against_count} against")).format(
            for_count=amendment.votes_for,
            against_count=amendment.votes_against,
        ),
        status_label(amendment.status, locale)
        + (f" {when(amendment.decided, locale)}" if amendment.decided else ""),
    ]
    return " · ".join(parts)


# -- CSV ----------------------------------------------------------------------------------

CSV_HEADER = ("section", "state", "wording", "example", "scope", "unit", "likes", "event")


def charter_csv(charter: Charter, locale: str) -> str:
    """Return one row per everyday example (and one per section without examples)."""
    rows: list[tuple[object, ...]] = []
    for section in charter.sections:
        state = "agreed" if section.agreed else "open"
        text = plain_text(section.wording)
        if not section.examples:
            rows.append((section.title, state, text, "", "", "", "", ""))
        for example in section.examples:
            rows.append(
                (
                    section.title,
                    state,
                    text,
                    example.text,
                    example.scope,
                    example.unit,
                    example.likes,
                    example.event,
                )
            )
    return csv_text(CSV_HEADER, rows, locale)


# -- Markdown ---------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~])")


def escape(text: str) -> str:
    """Escape what Markdown would read as formatting in a user's text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def charter_markdown(charter: Charter, locale: str, appendix: bool) -> str:
    """Return the charter as a Markdown document."""
    lines = [f"# {escape(charter.title)}", ""]
    for section in charter.sections:
        lines += [f"## {escape(section.title)}", ""]
        lines += [f"*{section_state(section, locale)}*", ""]
        wording = wording_markdown(section.wording)
        if wording:
            lines += [wording, ""]
        if section.role == "principle":
            lines += [f"### {word('examples', locale)}", ""]
            if not section.examples:
                lines += [word("no_examples", locale), ""]
            for example in section.examples:
                lines.append(f"- {escape(example.text)} ({escape(example_line(example, locale))})")
            if section.examples:
                lines.append("")
    if charter.themes:
        lines += [f"## {word('themes', locale)}", ""]
        for number, theme in enumerate(charter.themes, start=1):
            lines.append(f"{number}. {escape(theme.title)} ({theme_dots(theme, locale)})")
        lines.append("")
    if appendix and charter.amendments:
        lines += [f"## {word('appendix', locale)}", ""]
        for number, amendment in enumerate(charter.amendments, start=1):
            lines += [f"### {number}. {escape(amendment.section_title)}", ""]
            lines += [escape(amendment_line(amendment, locale)), ""]
            reason = word("reason", locale)
            lines += [f"**{reason}:** {escape(amendment.reason)}", ""]
            proposed = wording_markdown(amendment.wording)
            if proposed:
                lines += ["> " + line if line else ">" for line in proposed.split("\n")]
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def wording_markdown(document: Node) -> str:
    """Return a wording as Markdown: paragraphs, bold, italics and lists."""
    blocks = [_block_markdown(block, "") for block in document.get("content", [])]
    return "\n\n".join(block for block in blocks if block.strip())


def _block_markdown(node: Node, indent: str) -> str:
    if node["type"] == "paragraph":
        return indent + _inline_markdown(node.get("content", []), indent)
    lines = []
    for number, item in enumerate(node.get("content", []), start=1):
        bullet = f"{number}. " if node["type"] == "ordered_list" else "- "
        inner = indent + " " * len(bullet)
        parts = item.get("content", [])
        first = _inline_markdown(parts[0].get("content", []), inner) if parts else ""
        lines.append(f"{indent}{bullet}{first}")
        lines += [_block_markdown(block, inner) for block in parts[1:]]
    return "\n".join(lines)


def _inline_markdown(inline: list[Node], indent: str) -> str:
    out = []
    for node in inline:
        if node["type"] == "hard_break":
            out.append("\\\n" + indent)
            continue
        text = escape(node.get("text", ""))
        marks = {mark["type"] for mark in node.get("marks", [])}
        # Emphasis must hug the words: keep surrounding spaces outside the markers.
        stripped = text.strip()
        if marks and stripped:
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            if "em" in marks:
                stripped = f"*{stripped}*"
            if "strong" in marks:
                stripped = f"**{stripped}**"
            text = lead + stripped + trail
        out.append(text)
    return "".join(out)
