"""The JSON API, for scripts and the tests: create boards, join them, read them."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from server.afterwards import board_json
from server.i18n import choose_locale
from server.service import BoardService, ServiceError
from server.sync.jsonlimits import JsonTooDeep
from server.web.common import (
    bearer_token,
    board_links,
    event_joiner,
    join_from_browser,
    join_url,
    json_object,
    remember_board,
    text_field,
)


async def create_board(request: Request) -> Response:
    """POST /api/boards: create a board; answer with its links and facilitator secret."""
    service: BoardService = request.app.state.service
    body = await json_object(request)
    service.check_organiser(bearer_token(request) or text_field(body, "password"))
    created = await service.create_board(
        title=text_field(body, "title") or "",
        kind=text_field(body, "kind"),
        locale=text_field(body, "locale"),
        event_name=text_field(body, "event"),
        event_date=text_field(body, "event_date"),
        # An existing event of that name is joined only by one of its facilitators: the
        # browser's links, or a facilitator token of one of its boards in `event_token`.
        joins=await event_joiner(request, text_field(body, "event_token")),
    )
    board = created.board
    response = JSONResponse(
        {
            "id": board.id,
            "title": board.title,
            "kind": board.kind,
            "locale": board.locale,
            "event": created.event.name if created.event else None,
            "event_date": created.event.date if created.event else None,
            "join_code": board.join_code,
            "facilitator_token": created.facilitator_token,
            **board_links(request, created),
        },
        status_code=201,
    )
    return response


async def import_board(request: Request) -> Response:
    """POST /api/import: a new board from a JSON export (docs/formats.md)."""
    service: BoardService = request.app.state.service
    service.check_organiser(bearer_token(request))
    body = await request.body()
    try:
        # Parsing and checking megabytes in a worker thread keeps other requests answered
        # (docs/benchmarks.md, "Importing a big board").
        prepared = await asyncio.to_thread(board_json.prepare_import, body)
        created = await board_json.import_board(service, prepared, await event_joiner(request))
    except board_json.ImportRefused as refused:
        params = {"version": board_json.VERSION, **refused.params}
        raise ServiceError(refused.code, 400, **params) from refused
    except JsonTooDeep as exc:
        raise ServiceError("json_too_deep", 400, limit=exc.max_depth) from exc
    except ValueError as exc:
        raise ServiceError("import_not_tavle", 400) from exc
    board = created.board
    return JSONResponse(
        {
            "id": board.id,
            "title": board.title,
            "kind": board.kind,
            "join_code": board.join_code,
            "facilitator_token": created.facilitator_token,
            **board_links(request, created),
        },
        status_code=201,
    )


async def join_board(request: Request) -> Response:
    """POST /api/join: join by code; the same token (or browser) gives the same participant."""
    service: BoardService = request.app.state.service
    body = await json_object(request)
    membership = await join_from_browser(
        request,
        text_field(body, "code") or "",
        text_field(body, "name") or "",
        text_field(body, "token"),
        text_field(body, "table"),
    )
    board = membership.board
    response = JSONResponse(
        {
            "board_id": board.id,
            "token": membership.token,
            "role": "participant",
            "participant_id": membership.participant.id,
            "name": membership.participant.name,
            "board_url": f"{service.public_base(str(request.base_url))}/b/{board.id}",
        }
    )
    remember_board(request, response, board.id, membership.token)
    return response


async def read_board(request: Request) -> Response:
    """GET /api/boards/{id}: a board's metadata, for anyone holding one of its tokens."""
    service: BoardService = request.app.state.service
    board = await service.store.boards.get(request.path_params["board_id"])
    if board is None:
        raise ServiceError("board_unknown", 404)
    identity = await service.identify(board, bearer_token(request) or "", choose_locale(request))
    event = await service.store.boards.get_event(board.event_id) if board.event_id else None
    # The code makes anyone a participant: a read-only link (or a team) never learns it,
    # as on the board's page (server/web/pages.py).
    shows_code = identity.role in ("facilitator", "participant")
    return JSONResponse(
        {
            "id": board.id,
            "title": board.title,
            "kind": board.kind,
            "locale": board.locale,
            "created": board.created,
            "event": event.name if event else None,
            "event_date": event.date if event else None,
            "join_code": board.join_code if shows_code else None,
            "join_url": join_url(request, board) if shows_code else None,
            "role": identity.role,
        }
    )


async def health(request: Request) -> Response:
    """GET /healthz: the server is up and its database answers."""
    service: BoardService = request.app.state.service
    await service.store.writer.run(lambda db: db.execute("SELECT 1").fetchone())
    return JSONResponse({"ok": True})


routes = [
    Route("/api/boards", create_board, methods=["POST"]),
    Route("/api/join", join_board, methods=["POST"]),
    Route("/api/import", import_board, methods=["POST"]),
    Route("/api/boards/{board_id}", read_board, methods=["GET"]),
]
