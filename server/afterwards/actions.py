"""A pre-jekt's actions: the notes its team carries on after the seminar, as plain data.

The map document's root `actions` holds one item per note made an action, under the
note's id (docs/formats.md, engine `map`). `read_actions` turns it into plain dicts, the
action list's CSV and Word files are written from those, and `stored_actions` reads them
from a stored board for pages that list pre-jekter across events.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from docx import Document
from pycrdt import Doc, Map

from server.afterwards.spreadsheet import csv_text
from server.i18n import _, gettext
from server.store import Store
from server.sync.room import apply_stored

STATUSES = ("idea", "running", "tried", "scaled", "stopped")
# The statuses as the team reads them (docs/glossary.md).
STATUS_NAMES = {
    "idea": _("Idea"),
    "running": _("Running"),
    "tried": _("Tried"),
    "scaled": _("Scaled"),
    "stopped": _("Stopped"),
}
CSV_HEADER = ("what", "who", "due", "status", "learning", "note", "zone", "updated")
NO_ACTIONS = _("No actions yet.")
ACTIONS_HEADING = _("Actions")


def read_actions(doc: Doc[Any]) -> list[dict[str, Any]]:
    """Return a board's actions, soonest due first (undated last), as plain dicts.

    Each has `note` (the note's id), `what`, `who`, `due` (YYYY-MM-DD or ""), `status`
    (one of STATUSES), `learning`, `updated` (ISO 8601 UTC, or ""), and the note's own
    `note_text` and `zone` (the zone's title), "" when the note is gone.
    """
    notes = doc.get("notes", type=Map)
    zones = doc.get("zones", type=Map)
    actions: list[dict[str, Any]] = []
    for note_id, action in doc.get("actions", type=Map).items():
        if not isinstance(action, Map):
            continue
        note = notes.get(note_id)
        zone = zones.get(_text(note, "zone")) if isinstance(note, Map) else None
        status = _text(action, "status")
        actions.append(
            {
                "note": note_id,
                "what": _text(action, "what"),
                "who": _text(action, "who"),
                "due": _text(action, "due"),
                "status": status if status in STATUSES else "idea",
                "learning": _text(action, "learning"),
                "updated": _stamp(action.get("updated")),
                "note_text": _text(note, "text"),
                "zone": _text(zone, "title"),
            }
        )
    actions.sort(key=lambda a: (a["due"] == "", a["due"], a["what"].casefold(), a["note"]))
    return actions


async def stored_actions(store: Store, board_id: str) -> list[dict[str, Any]]:
    """Return a stored board's actions (`read_actions`), as the store last saved them."""
    doc: Doc[Any] = Doc()
    apply_stored(doc, await store.boards.load_document(board_id))
    return read_actions(doc)


def status_name(status: str, locale: str) -> str:
    """Return a status as the reader's language names it."""
    return gettext(locale, STATUS_NAMES.get(status, STATUS_NAMES["idea"]))


def actions_csv(actions: list[dict[str, Any]], locale: str) -> str:
    """Return one row per action: what, who, due, status, learning, note, zone, updated."""
    rows = [
        (
            a["what"],
            a["who"],
            a["due"],
            status_name(a["status"], locale),
            a["learning"],
            a["note_text"],
            a["zone"],
            a["updated"],
        )
        for a in actions
    ]
    return csv_text(CSV_HEADER, rows, locale)


def actions_docx(title: str, actions: list[dict[str, Any]], locale: str) -> bytes:
    """Return the action list as a Word document: a table of what, who, when and status."""
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = locale
    document.add_heading(title, level=0)
    document.add_heading(gettext(locale, ACTIONS_HEADING), level=1)
    if not actions:
        document.add_paragraph(gettext(locale, NO_ACTIONS))
    else:
        headings = [_("What"), _("Who"), _("By when"), _("Progress"), _("Learning")]
        table = document.add_table(rows=1, cols=len(headings))
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, headings, strict=True):
            cell.paragraphs[0].add_run(gettext(locale, heading)).bold = True
        for action in actions:
            cells = table.add_row().cells
            values = (
                action["what"],
                action["who"],
                action["due"],
                status_name(action["status"], locale),
                action["learning"],
            )
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _text(value: Any, key: str) -> str:
    field = value.get(key) if isinstance(value, Map) else None
    return field if isinstance(field, str) else ""


def _stamp(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return datetime.fromtimestamp(value / 1000, UTC).isoformat(timespec="seconds")
    return ""
