"""A programme's pre-jekter: per event, each board with actions and where its actions stand.

Issue 15: the team link moves an action's status on between events, and the programme's
page shows the pre-jekter across events with their status. Who sees them is who sees the
programme (docs/programme.md, "Who sees what"); links to a board and to its action list
only go to a browser that can open the board.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date
from starlette.requests import Request

import boards
from server.afterwards.actions import (
    NO_ACTIONS,
    STATUSES,
    read_actions,
    status_name,
    stored_actions,
)
from server.i18n import gettext, ngettext, plural
from server.web.common import service_of

# How many actions of each status a pre-jekt has, as the summary line says it.
STATUS_COUNTS = {
    "idea": plural("1 idea", "{count} ideas"),
    "running": plural("1 running", "{count} running"),
    "tried": plural("1 tried", "{count} tried"),
    "scaled": plural("1 scaled", "{count} scaled"),
    "stopped": plural("1 stopped", "{count} stopped"),
}
# The formats of a board's action list (server/web/actions.py).
ACTION_FORMATS = ("csv", "docx")


async def board_actions(request: Request, board_id: str) -> list[dict[str, Any]]:
    """Return a board's actions as they are now: the live room's when it is in memory.

    A team's edit is in the room before the store has it, so read the room as every export
    does (server/web/exports.py, `live_source`), else the stored state.
    """
    room = request.app.state.rooms.loaded(board_id)
    if room is not None:
        return read_actions(room.doc)
    return await stored_actions(service_of(request).store, board_id)


def status_counts(actions: list[dict[str, Any]]) -> dict[str, int]:
    """Return how many actions have each status, in the statuses' order, leaving out none."""
    counts = dict.fromkeys(STATUSES, 0)
    for action in actions:
        counts[action["status"]] += 1
    return {status: count for status, count in counts.items() if count}


def summary(counts: dict[str, int], locale: str) -> str:
    """Return the counts as a line: "3 i gang · 1 afprøvet", or that there are no actions."""
    parts = [ngettext(locale, STATUS_COUNTS[s], n) for s, n in counts.items()]
    return " · ".join(parts) if parts else gettext(locale, NO_ACTIONS)


def date_title(day: str | None, locale: str) -> str:
    """Return a date (YYYY-MM-DD) as the reader writes dates ("1. maj 2027"), or ""."""
    try:
        return format_date(date.fromisoformat(day), format="long", locale=locale) if day else ""
    except ValueError:
        return day or ""


async def pre_jects(
    request: Request, events: list[dict[str, Any]], locale: str
) -> list[dict[str, Any]]:
    """Return, per event in order, its boards of a kind with actions, each with its actions.

    Args:
        request: the programme's request (its app holds the live rooms).
        events: the programme's events as its JSON lists them, boards with `reachable`.
        locale: the reader's language, for status names, dates and the summary.

    Returns:
        Only events with such a board: `{"id", "name", "date", "date_title", "boards":
        [{"id", "title", "kind_title", "round", "archived", "reachable", "url", "exports",
        "summary", "counts", "actions"}]}`; `url` and `exports` are None where this
        browser cannot open it.
    """
    found = []
    for event in events:
        rows = [
            _pre_ject(board, await board_actions(request, board["id"]), locale)
            for board in event["boards"]
            if (kind := boards.get_kind(board["kind"])) is not None and kind.actions
        ]
        if rows:
            found.append(
                {
                    "id": event["id"],
                    "name": event["name"],
                    "date": event["date"],
                    "date_title": date_title(event["date"], locale),
                    "boards": rows,
                }
            )
    return found


def _pre_ject(board: dict[str, Any], actions: list[dict[str, Any]], locale: str) -> dict[str, Any]:
    """Return one pre-jekt as the programme lists it; links only where the board opens."""
    base = f"/b/{board['id']}"
    reachable = bool(board["reachable"])
    counts = status_counts(actions)
    return {
        "id": board["id"],
        "title": board["title"],
        "kind_title": board["kind_title"],
        "round": board["round"],
        "archived": board["archived"],
        "reachable": reachable,
        "url": base if reachable else None,
        "exports": {f: f"{base}/export.actions.{f}" for f in ACTION_FORMATS} if reachable else None,
        "summary": summary(counts, locale),
        "counts": counts,
        "actions": [
            {
                "note": a["note"],
                "what": a["what"],
                "who": a["who"],
                "due": a["due"],
                "due_title": date_title(a["due"], locale),
                "status": a["status"],
                "status_title": status_name(a["status"], locale),
                "learning": a["learning"],
                "updated": a["updated"],
            }
            for a in actions
        ],
    }
