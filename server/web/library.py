"""The library: a facilitator's and a team's boards by event, search, links, deletion.

Who sees what: a browser holding a board's facilitator link (a cookie, or a bearer
token) sees that board and every board of its event; a team link (`/t/{secret}`, a
cookie per event) sees its event's boards and opens them as the team. Deleting needs the
facilitator.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

import boards
from server import auth
from server.afterwards.engines import afterwards_of
from server.i18n import choose_locale
from server.service import ServiceError
from server.store import Board, Store
from server.web.common import (
    TEAM_COOKIE_PREFIX,
    access,
    json_body,
    public_base,
    remember,
    service_of,
)
from server.web.pages import render
from server.web.programmes import meeting_kind_title, programme_url

log = logging.getLogger(__name__)

RETENTION_WARNING_DAYS = 14
RETENTION_CHECK_INTERVAL_S = 3600


async def _facilitated_board(request: Request) -> Board:
    """Return the board of the path if the caller is its facilitator."""
    board = await service_of(request).store.boards.get(request.path_params["board_id"])
    if board is None:
        raise ServiceError("board_unknown", 404)
    facilitated, _, _ = await access(request)
    if board.id not in facilitated:
        raise ServiceError("facilitator_only", 403)
    return board


def deletes_on(last_activity: str, retention_days: int | None) -> str | None:
    """Return the day an untouched board or event will be deleted, if retention is set."""
    if retention_days is None or not last_activity:
        return None
    moment = datetime.fromisoformat(last_activity) + timedelta(days=retention_days)
    return moment.date().isoformat()


async def library(request: Request) -> Response:
    """GET /api/library[?q=...]: the caller's boards by event, or the ones a search finds."""
    store = service_of(request).store
    facilitated, facilitator_events, team_events = await access(request)
    rows = await store.library.listing(
        sorted(facilitator_events | team_events), sorted(facilitated)
    )
    query = request.query_params.get("q", "").strip()
    snippets: dict[str, str] | None = None
    if query:
        found = await store.library.search(query, [row["id"] for row in rows])
        snippets = {hit["board_id"]: hit["snippet"] for hit in found}
        rows = [row for row in rows if row["id"] in snippets]
        rows.sort(key=lambda row: list(snippets).index(row["id"]))
    retention = request.app.state.settings.retention_days
    locale = choose_locale(request)
    now = datetime.now(UTC)
    events: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = row["event_id"] or ""
        event = events.setdefault(
            key,
            {
                "id": row["event_id"],
                "name": row["event_name"],
                "date": row["event_date"],
                "role": "facilitator" if key in facilitator_events or not key else "team",
                # Its programme and kind of meeting (docs/programme.md).
                "meeting_kind": row["meeting_kind"],
                "meeting_kind_title": meeting_kind_title(row["meeting_kind"], locale),
                "programme": {
                    "id": row["programme_id"],
                    "name": row["programme_name"],
                    "url": programme_url(row["programme_id"]),
                }
                if row["programme_id"]
                else None,
                "boards": [],
                "last_activity": "",
            },
        )
        role = "facilitator" if row["id"] in facilitated or key in facilitator_events else "team"
        kind = boards.get_kind(row["kind"])
        formats = afterwards_of(kind.engine).formats if kind else ()
        event["boards"].append(
            {
                "id": row["id"],
                "title": row["title"],
                "kind": row["kind"],
                "kind_title": kind.text("title", locale) if kind else row["kind"],
                # What this reader may export (the complete JSON is the facilitator's).
                "formats": [f for f in formats if f != "json" or role == "facilitator"],
                "created": row["created"],
                "last_activity": row["last_activity"],
                "archived": row["archived"],
                "counts": row["counts"],
                "role": role,
                "snippet": snippets.get(row["id"]) if snippets is not None else None,
                "previous_board_id": row["previous_board_id"],
                # What carrying it on asks (a map's notes: all, or the top-voted).
                "engine": kind.engine.name if kind else None,
                "votes": bool(kind and kind.engine.votes),
                # A pre-jekt's action list (export.actions.csv, .docx; server/web/actions.py).
                "actions": bool(kind and kind.actions),
            }
        )
        event["last_activity"] = max(event["last_activity"], row["last_activity"])
    for event in events.values():
        event["deletes_on"] = deletes_on(event["last_activity"], retention)
        warn_from = now + timedelta(days=RETENTION_WARNING_DAYS)
        event["deletion_soon"] = bool(
            event["deletes_on"] and event["deletes_on"] <= warn_from.date().isoformat()
        )
    return JSONResponse(
        {"events": list(events.values()), "retention_days": retention, "query": query or None},
        headers={"cache-control": "no-store"},
    )


async def library_page(request: Request) -> Response:
    """GET /library: the page; the client fills it from /api/library."""
    return render(request, "library.html", {}, config={"libraryUrl": "/api/library"})


async def open_team_link(request: Request) -> Response:
    """GET /t/{secret}: remember an event's team link in this browser, go to the library."""
    secret = request.path_params["secret"]
    event_id = await service_of(request).store.library.event_of_key(auth.hash_secret(secret))
    if event_id is None:
        raise ServiceError("token_invalid", 404)
    response = RedirectResponse("/library", status_code=303)
    remember(request, response, TEAM_COOKIE_PREFIX + event_id, secret)
    return response


async def team_link(request: Request) -> Response:
    """POST /api/events/{event_id}/team-link: a new team link for the event (facilitator)."""
    event_id = request.path_params["event_id"]
    _, facilitator_events, _ = await access(request, event_id)
    if event_id not in facilitator_events:
        raise ServiceError("facilitator_only", 403)
    secret = auth.new_team_secret()
    await service_of(request).store.library.add_event_key(event_id, auth.hash_secret(secret))
    return JSONResponse({"team_url": f"{public_base(request)}/t/{secret}"}, status_code=201)


async def read_only_link(request: Request) -> Response:
    """POST /api/boards/{id}/read-only-link: a link that shows the board, never edits it."""
    board = await _facilitated_board(request)
    secret = auth.new_viewer_secret()
    await service_of(request).store.library.add_board_key(
        board.id, auth.hash_secret(secret), "viewer"
    )
    url = f"{public_base(request)}/b/{board.id}?key={secret}"
    return JSONResponse({"read_only_url": url}, status_code=201)


async def archive(request: Request) -> Response:
    """POST /api/boards/{id}/archive {"archived": bool}: facilitator or team."""
    store = service_of(request).store
    board = await store.boards.get(request.path_params["board_id"])
    if board is None:
        raise ServiceError("board_unknown", 404)
    facilitated, facilitator_events, team_events = await access(request)
    reach = facilitator_events | team_events
    if board.id not in facilitated and (board.event_id is None or board.event_id not in reach):
        raise ServiceError("facilitator_only", 403)
    body = await json_body(request)
    if not isinstance(body, dict) or not isinstance(body.get("archived"), bool):
        raise ServiceError("json_expected", 400)
    await store.library.set_archived(board.id, body["archived"])
    return JSONResponse({"id": board.id, "archived": body["archived"]})


async def delete_board(request: Request) -> Response:
    """DELETE /api/boards/{id}: the board and every row of it, now (facilitator)."""
    board = await _facilitated_board(request)
    await request.app.state.rooms.delete(board.id)
    return Response(status_code=204)


async def delete_event(request: Request) -> Response:
    """DELETE /api/events/{event_id}: every board of the event, and the event (facilitator)."""
    event_id = request.path_params["event_id"]
    _, facilitator_events, _ = await access(request, event_id)
    if event_id not in facilitator_events:
        raise ServiceError("facilitator_only", 403)
    await delete_event_everywhere(request.app.state.rooms, service_of(request).store, event_id)
    return Response(status_code=204)


async def delete_event_everywhere(rooms: Any, store: Store, event_id: str) -> list[str]:
    """Delete an event's boards (closing their rooms) and then the event."""
    board_ids = await store.boards.of_event(event_id)
    for board_id in board_ids:
        await rooms.delete(board_id)
    await store.boards.delete_event(event_id)
    return board_ids


async def apply_retention(rooms: Any, store: Store, retention_days: int) -> int:
    """Delete events and loose boards untouched for longer than retention; return boards."""
    cutoff = (datetime.now(UTC) - timedelta(days=retention_days)).isoformat()
    deleted = 0
    for event in await store.library.untouched_events(cutoff):
        deleted += len(await delete_event_everywhere(rooms, store, event["id"]))
        log.info("retention: deleted event %s, untouched since %s", event["id"], cutoff)
    for board_id in await store.library.untouched_loose_boards(cutoff):
        await rooms.delete(board_id)
        deleted += 1
        log.info("retention: deleted board %s", board_id)
    return deleted


async def keep_retention(rooms: Any, store: Store, retention_days: int) -> None:
    """Apply the retention period now and then every hour, until cancelled."""
    while True:
        try:
            await apply_retention(rooms, store, retention_days)
        except Exception:
            log.exception("applying the retention period failed")
        await asyncio.sleep(RETENTION_CHECK_INTERVAL_S)


routes = [
    Route("/library", library_page, methods=["GET"]),
    Route("/t/{secret}", open_team_link, methods=["GET"]),
    Route("/api/library", library, methods=["GET"]),
    Route("/api/events/{event_id}/team-link", team_link, methods=["POST"]),
    Route("/api/events/{event_id}", delete_event, methods=["DELETE"]),
    Route("/api/boards/{board_id}/read-only-link", read_only_link, methods=["POST"]),
    Route("/api/boards/{board_id}/archive", archive, methods=["POST"]),
    Route("/api/boards/{board_id}", delete_board, methods=["DELETE"]),
]
