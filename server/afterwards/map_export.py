"""A map board (value for citizens, leadership chain, ...) as a reader outside the room needs it.

`read_map` turns the document and the server's records into a plain model: zones in
order, each with its clusters and notes, votes and (for those allowed to see them)
authors. Markdown, CSV and Word are written from that one model; the PNG in
server/afterwards/map_png.py too.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from pycrdt import Doc, Map

import boards
from server.afterwards.charter_export import escape
from server.afterwards.spreadsheet import csv_text
from server.i18n import _, gettext, ngettext, plural

NO_NOTES = _("No notes.")
# A map's votes are dots, as on the board (docs/glossary.md).
DOTS = plural("1 dot", "{count} dots")
UNCLUSTERED = _("Other notes")
CSV_HEADER = ("zone", "cluster", "text", "votes", "color", "author", "created")
# An LUS pilot's notes name the guide section they concern (boards/kinds/lus-pilot.json):
# its CSV has a column more, and its Markdown and Word a count per section and zone.
TOPIC_COLUMN = "topic"
TOPICS_HEADING = _("Feedback per section of the guide")
NO_TOPIC = _("No section named")
TOTAL = _("Total")
SECTION = _("Section")


@dataclass(frozen=True)
class Note:
    """One note as exported."""

    id: str
    text: str
    color: str
    votes: int
    author: str | None
    created: str
    topic: str = ""  # the guide section it concerns (an LUS pilot), or ""


@dataclass
class Cluster:
    """A named group of notes (or, with no title, the zone's notes outside any group)."""

    id: str | None
    title: str
    notes: list[Note] = field(default_factory=list)

    @property
    def votes(self) -> int:
        """Return the sum of the cluster's votes."""
        return sum(note.votes for note in self.notes)


@dataclass
class Zone:
    """A zone with its clusters."""

    id: str
    title: str
    question: str
    clusters: list[Cluster] = field(default_factory=list)

    @property
    def notes(self) -> list[Note]:
        """Return every note of the zone."""
        return [note for cluster in self.clusters for note in cluster.notes]


@dataclass(frozen=True)
class MapBoard:
    """Everything an export of a map holds."""

    title: str
    zones: list[Zone]
    has_votes: bool

    @property
    def has_topics(self) -> bool:
        """Say whether any note names a topic (an LUS pilot's guide section)."""
        return any(note.topic for zone in self.zones for note in zone.notes)

    def topic_counts(self) -> dict[str, dict[str, int]]:
        """Return how many notes name each topic ("" for none), per zone id, in first-seen order."""
        counts: dict[str, dict[str, int]] = {}
        for zone in self.zones:
            for note in zone.notes:
                per_zone = counts.setdefault(note.topic, {})
                per_zone[zone.id] = per_zone.get(zone.id, 0) + 1
        return counts


def read_map(
    title: str, doc: Doc[Any], votes: dict[str, int] | None, authors: dict[str, str] | None
) -> MapBoard:
    """Return a map's content in display order.

    `votes` are the dots per note, or None when the reader may not see them; `authors`
    the name per note id, or None when names are not to be shown.
    """
    zones_map = doc.get("zones", type=Map)
    clusters_map = doc.get("clusters", type=Map)
    zones: dict[str, Zone] = {}
    for zone_id, zone in sorted(
        zones_map.items(), key=lambda pair: (str(_get(pair[1], "order")), pair[0])
    ):
        zones[zone_id] = Zone(
            zone_id, str(_get(zone, "title") or ""), str(_get(zone, "question") or "")
        )
    by_cluster: dict[str, Cluster] = {}
    orders: dict[str, str] = {}
    for cluster_id, cluster in clusters_map.items():
        zone_id = str(_get(cluster, "zone"))
        if zone_id in zones:
            by_cluster[cluster_id] = Cluster(cluster_id, str(_get(cluster, "title") or ""))
            orders[cluster_id] = str(_get(cluster, "order") or "")
            zones[zone_id].clusters.append(by_cluster[cluster_id])
    # A note list (engine `notes`) has no zones: its notes stand in one untitled group.
    note_list = not zones
    if note_list:
        zones[""] = Zone("", "", "")
    loose: dict[str, Cluster] = {zone_id: Cluster(None, "") for zone_id in zones}
    notes = sorted(
        doc.get("notes", type=Map).items(),
        key=lambda pair: (str(_get(pair[1], "order") or ""), pair[0]),
    )
    for note_id, note in notes:
        zone_id = "" if note_list else str(_get(note, "zone"))
        if zone_id not in zones or not str(_get(note, "text") or "").strip():
            continue
        entry = Note(
            id=note_id,
            text=str(_get(note, "text")).strip(),
            color=str(_get(note, "color") or "yellow"),
            votes=(votes or {}).get(note_id, 0),
            author=(authors or {}).get(note_id) if authors is not None else None,
            created=_created(_get(note, "created")),
            topic=str(_get(note, "topic") or ""),
        )
        cluster_id = _get(note, "cluster")
        if isinstance(cluster_id, str) and cluster_id in by_cluster:
            by_cluster[cluster_id].notes.append(entry)
        else:
            loose[zone_id].notes.append(entry)
    for zone_id, zone in zones.items():
        zone.clusters.sort(key=lambda cluster: orders.get(cluster.id or "", ""))
        if votes:
            for cluster in zone.clusters:
                cluster.notes.sort(key=lambda note: -note.votes)
        if loose[zone_id].notes:
            zone.clusters.append(loose[zone_id])
    return MapBoard(title, list(zones.values()), has_votes=bool(votes))


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, Map) else None


def _created(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return datetime.fromtimestamp(value / 1000, UTC).isoformat(timespec="seconds")
    return ""


def map_markdown(board: MapBoard, locale: str) -> str:
    """Return the map as a readable Markdown summary."""
    lines = [f"# {escape(board.title)}", ""]
    for zone in board.zones:
        if zone.title:  # a note list's one group has none
            lines += [f"## {escape(zone.title)}", ""]
        if zone.question:
            lines += [f"*{escape(zone.question)}*", ""]
        if not zone.notes:
            lines += [gettext(locale, NO_NOTES), ""]
        for cluster in zone.clusters:
            if cluster.id is not None:
                heading = escape(cluster.title or "…")
                if board.has_votes:
                    heading += f" ({ngettext(locale, DOTS, cluster.votes)})"
                lines += [f"### {heading}", ""]
            elif len(zone.clusters) > 1:
                lines += [f"### {gettext(locale, UNCLUSTERED)}", ""]
            for note in cluster.notes:
                extra = []
                if board.has_votes and note.votes:
                    extra.append(ngettext(locale, DOTS, note.votes))
                if note.author:
                    extra.append(escape(note.author))
                suffix = f" ({', '.join(extra)})" if extra else ""
                lines.append(f"- {escape(note.text)}{suffix}")
            lines.append("")
    if board.has_topics:
        header, rows = topic_table(board, locale)
        lines += [f"## {gettext(locale, TOPICS_HEADING)}", ""]
        lines.append("| " + " | ".join(escape(cell) for cell in header) + " |")
        lines.append("|" + " --- |" * len(header))
        lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def map_csv(board: MapBoard, locale: str) -> str:
    """Return one row per note: zone, cluster, text, votes, colour, author, created.

    A board whose notes name topics (an LUS pilot) has a last column, `topic`: the guide
    section's title, so that a spreadsheet counts the feedback per section.
    """
    topics = board.has_topics
    titles = topic_titles(locale) if topics else {}
    rows = [
        (
            zone.title,
            cluster.title,
            note.text,
            note.votes,
            note.color,
            note.author or "",
            note.created,
            *([titles.get(note.topic, note.topic)] if topics else []),
        )
        for zone in board.zones
        for cluster in zone.clusters
        for note in cluster.notes
    ]
    header = (*CSV_HEADER, TOPIC_COLUMN) if topics else CSV_HEADER
    return csv_text(header, rows, locale)


def topic_titles(locale: str) -> dict[str, str]:
    """Return the title of every topic a kind's notes may name (the guides' sections)."""
    titles: dict[str, str] = {}
    for kind in boards.registry().values():
        for topic, title in kind.topics(locale):
            titles.setdefault(topic, title)
    return titles


def topic_table(board: MapBoard, locale: str) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the notes counted per topic and zone, with totals.

    Topics in the guide's order, then any unknown ones, then the notes that name none.
    """
    titles = topic_titles(locale)
    counts = board.topic_counts()
    order = [topic for topic in titles if topic in counts]
    order += [topic for topic in counts if topic and topic not in titles]
    if "" in counts:
        order.append("")
    zones = [zone for zone in board.zones if any(zone.id in counts[t] for t in counts)]
    header = [gettext(locale, SECTION), *(zone.title for zone in zones), gettext(locale, TOTAL)]
    rows = []
    for topic in order:
        name = titles.get(topic, topic) if topic else gettext(locale, NO_TOPIC)
        per_zone = [counts[topic].get(zone.id, 0) for zone in zones]
        rows.append([name, *(str(n) for n in per_zone), str(sum(per_zone))])
    totals = [sum(counts[t].get(zone.id, 0) for t in counts) for zone in zones]
    rows.append([gettext(locale, TOTAL), *(str(n) for n in totals), str(sum(totals))])
    return header, rows


def map_docx(board: MapBoard, locale: str) -> bytes:
    """Return the map as a Word document: a heading per zone and cluster, notes as bullets."""
    document = Document()
    document.core_properties.title = board.title
    document.add_heading(board.title, level=0)
    for zone in board.zones:
        if zone.title:  # a note list's one group has none
            document.add_heading(zone.title, level=1)
        if zone.question:
            document.add_paragraph().add_run(zone.question).italic = True
        if not zone.notes:
            document.add_paragraph(gettext(locale, NO_NOTES))
        for cluster in zone.clusters:
            if cluster.id is not None:
                title = cluster.title or "…"
                if board.has_votes:
                    title += f" ({ngettext(locale, DOTS, cluster.votes)})"
                document.add_heading(title, level=2)
            elif len(zone.clusters) > 1:
                document.add_heading(gettext(locale, UNCLUSTERED), level=2)
            for note in cluster.notes:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(note.text)
                extra = []
                if board.has_votes and note.votes:
                    extra.append(ngettext(locale, DOTS, note.votes))
                if note.author:
                    extra.append(note.author)
                if extra:
                    paragraph.add_run(f" ({', '.join(extra)})").italic = True
    if board.has_topics:
        _add_topic_table(document, board, locale)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_topic_table(document: DocumentObject, board: MapBoard, locale: str) -> None:
    """Add the notes counted per topic and zone as a table under its own heading."""
    header, rows = topic_table(board, locale)
    document.add_heading(gettext(locale, TOPICS_HEADING), level=1)
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
