"""Programmes and rounds: the programme page, its JSON, and carrying a board on (issue 15).

Who sees what (docs/programme.md): a browser that reaches any event of a programme (as a
facilitator of one of its boards, or through the event's team link) sees the programme:
its events in order, their boards' titles and rounds. Opening a board still needs that
board's or its event's link. Carrying a board into the next event needs its facilitator;
the new round's facilitator link goes to the carrying browser, whose reach then covers the
new event. Setting an event's programme or meeting kind needs the event's facilitator.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import boards
from boards.limits import MAX_EVENT_CHARS, MAX_TITLE_CHARS
from server import auth
from server.afterwards.rounds import ALL, MAX_TOP, TOP, Carry, NoVotes, next_round_document
from server.i18n import _, choose_locale, gettext
from server.service import ServiceError
from server.store import MEETING_KINDS, Board, Event, Programme, utc_now
from server.web.common import (
    access,
    board_links,
    json_object,
    remember_board,
    service_of,
    text_field,
)
from server.web.exports import live_source
from server.web.pages import render
from server.web.programme_actions import pre_jects

MEETING_KIND_TITLES = {
    "seminar-12-12": _("12-12 seminar"),
    "theme-day": _("Theme day"),
    "storledermoede": _("Large leadership meeting"),
    "leader-network": _("Leader network"),
}


def meeting_kind_title(kind: str | None, locale: str) -> str | None:
    """Return a meeting kind's name in the locale (None for an event of no kind)."""
    return gettext(locale, MEETING_KIND_TITLES[kind]) if kind in MEETING_KIND_TITLES else None


def programme_url(programme_id: str) -> str:
    """Return the path of a programme's page."""
    return f"/programmes/{programme_id}"


def _text(body: dict[str, Any], key: str) -> str | None:
    """Return a text field of a body without its outer spaces (see `text_field`)."""
    value = text_field(body, key)
    return value.strip() if value is not None else None


def _meeting_kind(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if value not in MEETING_KINDS:
        raise ServiceError("meeting_kind_unknown", 400)
    return str(value)


def _name(value: str | None, missing: str, limit: int, too_long: str) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise ServiceError(missing, 400)
    if len(name) > limit:
        raise ServiceError(too_long, 400, limit=limit)
    return name


# -- the programme -------------------------------------------------------------------


async def _visible_programme(request: Request) -> tuple[Programme, list[dict[str, Any]]]:
    """Return the programme of the path and its outline, if the caller reaches an event of it.

    A programme the caller does not reach answers as an unknown one: its name is not told.
    """
    store = service_of(request).store
    programme = await store.programmes.get(request.path_params["programme_id"])
    if programme is None:
        raise ServiceError("programme_unknown", 404)
    outline = await store.programmes.outline(programme.id)
    _, facilitator_events, team_events = await access(request)
    if not any(event["id"] in facilitator_events | team_events for event in outline):
        raise ServiceError("programme_unknown", 404)
    return programme, outline


async def programme_json(request: Request) -> Response:
    """GET /api/programmes/{id}: the events in order, each with its boards and their rounds."""
    programme, outline = await _visible_programme(request)
    events = await _events(request, outline)
    return JSONResponse(
        {
            "id": programme.id,
            "name": programme.name,
            "created": programme.created,
            "events": events,
            "pre_jects": await pre_jects(request, events, choose_locale(request)),
        },
        headers={"cache-control": "no-store"},
    )


async def _events(request: Request, outline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the programme's events as its JSON lists them: boards, rounds, reach."""
    facilitated, facilitator_events, team_events = await access(request)
    locale = choose_locale(request)
    previous = {b["id"]: b["previous_board_id"] for e in outline for b in e["boards"]}
    events = []
    for event in outline:
        role = (
            "facilitator"
            if event["id"] in facilitator_events
            else "team"
            if event["id"] in team_events
            else None
        )
        rows = []
        for board in event["boards"]:
            kind = boards.get_kind(board["kind"])
            rows.append(
                {
                    "id": board["id"],
                    "title": board["title"],
                    "kind": board["kind"],
                    "kind_title": kind.text("title", locale) if kind else board["kind"],
                    "engine": kind.engine.name if kind else None,
                    "created": board["created"],
                    "archived": board["archived"],
                    "round": board["round"],
                    # The earlier round, while it exists and is in this programme.
                    "previous_board_id": board["previous_board_id"]
                    if board["previous_board_id"] in previous
                    else None,
                    "chain": _first_of_chain(board["id"], previous),
                    # Whether this browser can open it (and compare it: facilitator or team).
                    "reachable": role is not None or board["id"] in facilitated,
                }
            )
        events.append(
            {
                "id": event["id"],
                "name": event["name"],
                "date": event["date"],
                "meeting_kind": event["meeting_kind"],
                "meeting_kind_title": meeting_kind_title(event["meeting_kind"], locale),
                "role": role,
                "boards": rows,
            }
        )
    return events


def _first_of_chain(board_id: str, previous: dict[str, str | None]) -> str:
    """Return the first round, within the programme, of the chain a board is in."""
    current, seen = board_id, {board_id}
    while (earlier := previous.get(current)) is not None and earlier in previous:
        if earlier in seen:
            break
        seen.add(earlier)
        current = earlier
    return current


async def programme_page(request: Request) -> Response:
    """GET /programmes/{id}: the programme's page; the client fills in the events from its
    JSON, the pre-jekter are written here (readable without the client)."""
    programme, outline = await _visible_programme(request)
    events = await _events(request, outline)
    return render(
        request,
        "programme.html",
        {
            "programme": programme,
            "pre_jects": await pre_jects(request, events, choose_locale(request)),
        },
        config={"programme": {"id": programme.id, "url": f"/api/programmes/{programme.id}"}},
        headers={"cache-control": "no-store"},
    )


async def create_programme(request: Request) -> Response:
    """POST /api/programmes {"name", "event_id"}: a programme, starting with an event of yours."""
    body = await json_object(request)
    store = service_of(request).store
    name = _name(_text(body, "name"), "programme_name_missing", MAX_TITLE_CHARS, "title_too_long")
    event_id = _text(body, "event_id") or ""
    event, _ = await _facilitated_event(request, event_id)
    if event["programme_id"] is not None:
        raise ServiceError("event_in_programme", 400)
    programme = Programme(id=auth.new_board_id(), name=name, created=utc_now())
    await store.programmes.create(programme, [event_id])
    return JSONResponse(
        {"id": programme.id, "name": programme.name, "url": programme_url(programme.id)},
        status_code=201,
    )


async def _facilitated_event(request: Request, event_id: str) -> tuple[dict[str, Any], set[str]]:
    """Return an event and the events this browser facilitates; 404 for an unknown event,
    403 when the caller is not its facilitator."""
    event = await service_of(request).store.programmes.event(event_id)
    if event is None:
        raise ServiceError("event_unknown", 404)
    _, facilitator_events, _ = await access(request, event_id)
    if event_id not in facilitator_events:
        raise ServiceError("facilitator_only", 403)
    return event, facilitator_events


async def rename_programme(request: Request) -> Response:
    """PATCH /api/programmes/{id} {"name"}: rename (a facilitator of one of its events)."""
    programme, outline = await _visible_programme(request)
    _, facilitator_events, _ = await access(request)
    if not any(event["id"] in facilitator_events for event in outline):
        raise ServiceError("facilitator_only", 403)
    body = await json_object(request)
    name = _name(_text(body, "name"), "programme_name_missing", MAX_TITLE_CHARS, "title_too_long")
    await service_of(request).store.programmes.rename(programme.id, name)
    return JSONResponse({"id": programme.id, "name": name})


async def update_event(request: Request) -> Response:
    """PATCH /api/events/{id} {"programme_id"?, "meeting_kind"?}: the event's facilitator.

    `programme_id` must be a programme the caller facilitates an event of, or null to take
    the event out of its programme.
    """
    event_id = request.path_params["event_id"]
    store = service_of(request).store
    event, facilitator_events = await _facilitated_event(request, event_id)
    body = await json_object(request)
    programme_id = event["programme_id"]
    if "programme_id" in body:
        programme_id = _text(body, "programme_id") or None
        if programme_id is not None and programme_id != event["programme_id"]:
            outline = await store.programmes.outline(programme_id)
            if not any(other["id"] in facilitator_events for other in outline):
                raise ServiceError("programme_unknown", 404)
    kind = _meeting_kind(body["meeting_kind"]) if "meeting_kind" in body else event["meeting_kind"]
    await store.programmes.set_event(event_id, programme_id=programme_id, meeting_kind=kind)
    return JSONResponse(
        {
            "id": event_id,
            "programme_id": programme_id,
            "meeting_kind": kind,
            "meeting_kind_title": meeting_kind_title(kind, choose_locale(request)),
        }
    )


# -- carrying a board into the next event ----------------------------------------------


def _carry_of(body: dict[str, Any], event_name: str) -> Carry:
    """Read which notes go on: "all" (the default), or "top" with a number."""
    notes = body.get("notes", ALL)
    if notes == ALL:
        return Carry(event_name)
    top = body.get("top")
    if notes != TOP or isinstance(top, bool) or not isinstance(top, int) or not 0 < top <= MAX_TOP:
        raise ServiceError("carry_notes", 400, limit=MAX_TOP)
    return Carry(event_name, TOP, top)


async def carry(request: Request) -> Response:
    """POST /api/boards/{id}/carry: the board goes on as a new round in a later event.

    Body: `{"event_id": …}` (an event the caller facilitates) or `{"event": {"name",
    "date"?, "meeting_kind"?}}` (a new one); `"notes": "all" | "top"` with `"top": N` for
    a map; `"title"` (else the board's); `"programme"`, the name of a new programme when
    the board's event is in none (else the event's name). Answers with the new board's
    links and its facilitator secret, which this browser keeps as on creating a board.
    """
    service = service_of(request)
    store = service.store
    board = await store.boards.get(request.path_params["board_id"])
    if board is None:
        raise ServiceError("board_unknown", 404)
    facilitated, facilitator_events, _ = await access(request)
    if board.id not in facilitated:
        raise ServiceError("facilitator_only", 403)
    body = await json_object(request)
    source_event = await store.programmes.event(board.event_id) if board.event_id else None
    if source_event is None:
        raise ServiceError("carry_needs_event", 400)
    title = _name(
        _text(body, "title") or board.title, "title_missing", MAX_TITLE_CHARS, "title_too_long"
    )
    choice = _carry_of(body, source_event["name"])
    target, new_event, kind_of_new = await _target(request, body, source_event, facilitator_events)
    kind = boards.get_kind(board.kind)
    if kind is None:
        raise ServiceError("kind_unknown", 400, kind=board.kind)
    # The document first: a refusal must leave no programme or event behind.
    source = await live_source(request, board)
    if choice.notes == TOP and source.vote_open:
        # Half a vote's tally is no result: end the vote first (or carry all notes).
        raise ServiceError("carry_vote_open", 409)
    try:
        document = next_round_document(source.doc, kind.engine, choice, source.dots)
    except NoVotes as exc:
        raise ServiceError("carry_no_votes", 400) from exc
    programme_id = source_event["programme_id"] or (target or {}).get("programme_id")
    if programme_id is None:
        name = _text(body, "programme") or source_event["name"]
        programme = Programme(
            id=auth.new_board_id(),
            name=_name(name, "programme_name_missing", MAX_TITLE_CHARS, "title_too_long"),
            created=utc_now(),
        )
        await store.programmes.create(programme, [source_event["id"]])
        programme_id = programme.id
    for event in (source_event, target):
        if event is not None and event["programme_id"] is None:
            await store.programmes.set_event(
                event["id"], programme_id=programme_id, meeting_kind=event["meeting_kind"]
            )
    if new_event is not None:
        await store.programmes.add_event(programme_id, new_event.__dict__, kind_of_new)
        into = new_event
    else:
        assert target is not None  # one of the two, as _target checked
        into = Event(id=target["id"], name=target["name"], date=target["date"])
    created = await service.create_board(
        title=title,
        kind=board.kind,
        locale=board.locale,
        document=document,
        joins=None,
        into=into,
        previous_board_id=board.id,
    )
    made: Board = created.board
    response = JSONResponse(
        {
            "id": made.id,
            "title": made.title,
            "kind": made.kind,
            "event_id": into.id,
            "event": into.name,
            "previous_board_id": board.id,
            "programme_id": programme_id,
            "programme_url": programme_url(programme_id),
            "join_code": made.join_code,
            "facilitator_token": created.facilitator_token,
            **board_links(request, created),
        },
        status_code=201,
    )
    # Like a board made on the home page: this browser is the new round's facilitator.
    remember_board(request, response, made.id, created.facilitator_token)
    return response


async def _target(
    request: Request,
    body: dict[str, Any],
    source_event: dict[str, Any],
    facilitator_events: set[str],
) -> tuple[dict[str, Any] | None, Event | None, str | None]:
    """Return the existing event the round goes into, or the new one, and its meeting kind."""
    event_id, described = body.get("event_id"), body.get("event")
    if (event_id is None) == (described is None):
        raise ServiceError("carry_target", 400)
    if event_id is not None:
        if not isinstance(event_id, str):
            raise ServiceError("carry_target", 400)
        target = await service_of(request).store.programmes.event(event_id)
        if target is None:
            raise ServiceError("event_unknown", 404)
        if event_id not in facilitator_events:
            raise ServiceError("facilitator_only", 403)
        if event_id == source_event["id"]:
            raise ServiceError("carry_same_event", 400)
        programme = source_event["programme_id"]
        if target["programme_id"] not in (None, programme) and programme is not None:
            raise ServiceError("event_in_programme", 400)
        return target, None, None
    if not isinstance(described, dict):
        raise ServiceError("carry_target", 400)
    name = _name(_text(described, "name"), "event_name_missing", MAX_EVENT_CHARS, "event_too_long")
    date = _text(described, "date") or None
    if date is not None and not _is_date(date):
        raise ServiceError("event_date_invalid", 400)
    kind = _meeting_kind(described.get("meeting_kind"))
    return None, Event(id=auth.new_board_id(), name=name, date=date), kind


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


routes = [
    Route("/programmes/{programme_id}", programme_page, methods=["GET"]),
    Route("/api/programmes", create_programme, methods=["POST"]),
    Route("/api/programmes/{programme_id}", programme_json, methods=["GET"]),
    Route("/api/programmes/{programme_id}", rename_programme, methods=["PATCH"]),
    Route("/api/events/{event_id}", update_event, methods=["PATCH"]),
    Route("/api/boards/{board_id}/carry", carry, methods=["POST"]),
]
