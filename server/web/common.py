"""Helpers the pages and the JSON API share: links, cookies and joining from a browser."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

import boards
from server import auth
from server.i18n import choose_locale
from server.service import BoardService, CreatedBoard, Membership, ServiceError
from server.store import Board, Event
from server.sync.capabilities import Capability
from server.sync.connection import Identity
from server.sync.jsonlimits import MAX_JSON_DEPTH, JsonTooDeep, parse_json

BOARD_COOKIE_PREFIX = "tavle_b_"
BOARD_COOKIE_MAX_AGE_S = 30 * 24 * 3600
# A team link, remembered per event (server/web/library.py).
TEAM_COOKIE_PREFIX = "tavle_t_"


def service_of(request: Request) -> BoardService:
    """Return the app's board service."""
    service: BoardService = request.app.state.service
    return service


def board_config(board: Board) -> dict[str, Any]:
    """Return what a page's script is told of its board: id, title, kind and engine.

    A kind's extras (issue 15) come along when it has them: `topics`, the guide sections a
    note may name (in the board's language), `amendZone`, the zone whose notes go to the
    guide as amendments, `actions`, whether notes may be made actions, and `sectionVote`, a
    charter's dot vote over its sections (its budget and question).
    """
    kind = boards.get_kind(board.kind)
    config: dict[str, Any] = {
        "id": board.id,
        "title": board.title,
        "kind": board.kind,
        "engine": kind.engine.name if kind else "notes",
    }
    if kind is not None and kind.topics_from:
        config["topics"] = [{"id": i, "title": t} for i, t in kind.topics(board.locale)]
        config["amendZone"] = kind.amend_zone
    if kind is not None and kind.actions:
        config["actions"] = True
    if kind is not None and kind.section_vote:
        # The charter's dot vote over its sections: its default budget and its question.
        titles = kind.data["section_vote"].get("title") or {}
        title = titles.get(board.locale) or titles.get("da") or ""
        config["sectionVote"] = {"budget": kind.section_vote, "title": title}
    return config


def public_base(request: Request) -> str:
    """Return the base URL for links: the configured public URL, else the request's."""
    return service_of(request).public_base(str(request.base_url))


def websocket_base(request: Request) -> str:
    """Return ws(s)://host of the public address (or the request's)."""
    return "ws" + public_base(request).removeprefix("http")


def join_url(request: Request, board: Board) -> str:
    """Return the address participants open to join a board."""
    return f"{public_base(request)}/join/{board.join_code}"


def board_links(request: Request, created: CreatedBoard) -> dict[str, str]:
    """Return the links a new board's facilitator needs."""
    board = created.board
    base = public_base(request)
    return {
        "join_url": join_url(request, board),
        "board_url": f"{base}/b/{board.id}",
        "facilitator_url": f"{base}/b/{board.id}?key={created.facilitator_token}",
    }


def board_token(request: Request, board_id: str) -> str | None:
    """Return the token this browser keeps for a board."""
    return request.cookies.get(BOARD_COOKIE_PREFIX + board_id)


def member_token(request: Request, board: Board) -> str | None:
    """Return the token this browser opens a board with: its own, or its event's team link."""
    token = board_token(request, board.id)
    if token is None and board.event_id:
        token = request.cookies.get(TEAM_COOKIE_PREFIX + board.event_id)
    return token


async def json_body(request: Request, not_json: str = "json_expected") -> Any:
    """Return the request's body parsed as JSON, nested at most MAX_JSON_DEPTH deep.

    Raises ServiceError: 400 `json_too_deep` for deeper nesting, 400 `not_json` (a
    message code) for a body that is not JSON.
    """
    body = await request.body()
    try:
        return parse_json(body)
    except JsonTooDeep as exc:
        raise ServiceError("json_too_deep", 400, limit=MAX_JSON_DEPTH) from exc
    except ValueError as exc:
        raise ServiceError(not_json, 400) from exc


async def json_object(request: Request) -> dict[str, Any]:
    """Return the request's body as a JSON object; 400 `json_expected` for anything else."""
    body = await json_body(request)
    if not isinstance(body, dict):
        raise ServiceError("json_expected", 400)
    return body


def text_field(body: dict[str, Any], key: str) -> str | None:
    """Return a text field of a JSON object (None when absent or null); 400 for another type."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ServiceError("json_expected", 400)
    return value


def bearer_token(request: Request) -> str | None:
    """Return the token of an `Authorization: Bearer` header, if there is one."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def board_and_identity(request: Request) -> tuple[Board, Identity]:
    """Return the board of the path and who is asking (bearer token, else this browser's).

    Raises ServiceError: 404 for an unknown board, 401 or 403 for a token that is not one
    of the board's.
    """
    service = service_of(request)
    board = await service.store.boards.get(request.path_params["board_id"])
    if board is None:
        raise ServiceError("board_unknown", 404)
    token = bearer_token(request) or member_token(request, board) or ""
    return board, await service.identify(board, token, choose_locale(request))


async def member_who_can(request: Request, needs: Capability) -> tuple[Board, Identity]:
    """Return the board of the path and who is asking, if they may do `needs`.

    The one check of a request against the capability vocabulary (server/sync/
    capabilities.py), as the command registry is for websocket commands. Raises
    ServiceError: 404 for an unknown board, 403 `facilitator_only` for anyone else.
    """
    try:
        board, identity = await board_and_identity(request)
    except ServiceError as exc:
        if exc.status == 404:
            raise
        raise ServiceError("facilitator_only", 403) from exc
    if not identity.can(needs):
        raise ServiceError("facilitator_only", 403)
    return board, identity


async def access(
    request: Request, event_id: str | None = None
) -> tuple[set[str], set[str], set[str]]:
    """Return the boards this caller facilitates, and the events it reaches as facilitator
    and as team. A bearer facilitator token counts for the board of the path, or for any
    board of `event_id`."""
    service = service_of(request)
    store = service.store
    facilitated: set[str] = set()
    tokens = {
        name.removeprefix(BOARD_COOKIE_PREFIX): value
        for name, value in request.cookies.items()
        if name.startswith(BOARD_COOKIE_PREFIX) and value.startswith("f1_")
    }
    bearer = bearer_token(request)
    board_id = request.path_params.get("board_id")
    if bearer and bearer.startswith("f1_") and isinstance(board_id, str):
        tokens[board_id] = bearer
    elif bearer and bearer.startswith("f1_") and event_id is not None:
        for candidate in await store.boards.of_event(event_id):
            tokens.setdefault(candidate, bearer)
    facilitator_events: set[str] = set()
    # One query for all the browser's boards: a facilitator's browser holds one cookie
    # per board it ran, hundreds after a few seasons (docs/benchmarks.md, "Afterwards").
    rows = await store.library.boards_by_ids(list(tokens))
    events = {row["id"]: row["event_id"] for row in rows}
    others: dict[str, str] = {}
    for row in rows:
        if auth.secret_matches(tokens[row["id"]], row["facilitator_hash"]):
            facilitated.add(row["id"])
        else:
            others[row["id"]] = auth.hash_secret(tokens[row["id"]])
    if others:
        facilitated |= await store.library.co_facilitated(others)
    facilitator_events = {events[board_id] for board_id in facilitated if events[board_id]}
    team_events: set[str] = set()
    team_tokens = [
        value for name, value in request.cookies.items() if name.startswith(TEAM_COOKIE_PREFIX)
    ]
    if bearer and bearer.startswith("t1_"):
        team_tokens.append(bearer)
    for token in team_tokens:
        event_id = await store.library.event_of_key(auth.hash_secret(token))
        if event_id is not None:
            team_events.add(event_id)
    return facilitated, facilitator_events, team_events


async def event_joiner(
    request: Request, token: str | None = None
) -> Callable[[Event], Awaitable[bool]]:
    """Return who may put a new board into an existing event: its facilitators only.

    The browser's facilitator links count, and `token`, a facilitator token a script
    sends for the event (an event is never joined by its name alone).
    """
    _, facilitator_events, _ = await access(request)
    service = service_of(request)

    async def joins(event: Event) -> bool:
        if event.id in facilitator_events:
            return True
        return token is not None and await service.facilitates_event(token, event)

    return joins


def remember_board(request: Request, response: Response, board_id: str, token: str) -> None:
    """Keep a board's token in this browser, so it comes back as the same person."""
    remember(request, response, BOARD_COOKIE_PREFIX + board_id, token)


def remember(request: Request, response: Response, name: str, token: str) -> None:
    """Keep a token in this browser's cookies (script cannot read them)."""
    response.set_cookie(
        name,
        token,
        max_age=BOARD_COOKIE_MAX_AGE_S,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


async def join_from_browser(
    request: Request, code: str, name: str, token: str | None = None, table: str | None = None
) -> Membership:
    """Join by code, rejoining as the participant this browser already is when it is one."""
    service = service_of(request)
    normalized = auth.normalize_join_code(code)
    if token is None and normalized:
        board = await service.store.boards.by_code(normalized)
        if board is not None:
            token = board_token(request, board.id)
    return await service.join(code, name, token, table)
