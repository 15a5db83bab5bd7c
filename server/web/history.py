"""A board's past for the facilitator and the team: its timeline, and comparing two points."""

from __future__ import annotations

import json
from typing import Any

from pycrdt import Map
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import boards
from server.afterwards.engines import MAP, afterwards_of
from server.afterwards.source import Source, snapshot_source
from server.i18n import choose_locale
from server.service import ServiceError
from server.store import Board, parse_snapshot_id
from server.sync.capabilities import Capability
from server.sync.connection import Identity
from server.web.common import board_config, member_token, member_who_can, service_of
from server.web.exports import formats_of, is_anonymous, live_source
from server.web.pages import render


async def steward_board(request: Request) -> Board:
    """Return the board of the path if the caller is its facilitator or its event's team."""
    board, _ = await steward(request)
    return board


async def steward(request: Request) -> tuple[Board, Identity]:
    """Return the board of the path and its facilitator or team; raise for anyone else."""
    return await member_who_can(request, Capability.SNAPSHOT)


async def timeline(request: Request) -> Response:
    """GET /api/boards/{id}/timeline: snapshots and accepted amendments, oldest first."""
    board = await steward_board(request)
    store = service_of(request).store
    anonymous = await is_anonymous(store, board)
    points: list[dict[str, Any]] = [
        {
            "point": f"snapshot:{row['id']}",
            "type": "snapshot",
            "id": row["id"],
            "label": row["label"],
            "kind": row["kind"],
            "created": row["created"],
            "counts": json.loads(row["counts"]),
        }
        for row in await store.facilitation.snapshots_of(board.id)
    ]
    source = await live_source(request, board)
    titles = {
        key: str(section.get("title") or "")
        for key, section in source.doc.get("sections", type=Map).items()
        if isinstance(section, Map)
    }
    points += [
        {
            "point": None,
            "type": "amendment",
            "id": row["id"],
            "section": row["section_id"],
            "section_title": titles.get(row["section_id"], ""),
            "proposer": None if anonymous else row["proposer"],
            "reason": row["reason"],
            "votes_for": row["votes_for"],
            "votes_against": row["votes_against"],
            "created": row["created"],
        }
        for row in await store.charter.versions_of(board.id)
        if row["kind"] == "amendment"
    ]
    points.sort(key=lambda point: point["created"])
    return JSONResponse({"points": points}, headers={"cache-control": "no-store"})


async def _point(request: Request, board: Board, name: str) -> Source:
    if name == "live":
        return await live_source(request, board)
    kind, _, number = name.partition(":")
    snapshot_id = parse_snapshot_id(number)
    if kind != "snapshot" or snapshot_id is None:
        raise ServiceError("snapshot_unknown", 404)
    row = await service_of(request).store.facilitation.get_snapshot(board.id, snapshot_id)
    if row is None:
        raise ServiceError("snapshot_unknown", 404)
    return snapshot_source(board, row)


async def _round(request: Request, board: Board, other_id: str) -> tuple[Source, bool]:
    """Return another round of the board (`round:{board id}`) as it is now, and whether
    the caller is its facilitator; raise unless the caller is its facilitator or team.

    Two boards are rounds of one another when one chain of carried rounds leads to both
    (docs/programme.md).
    """
    service = service_of(request)
    other = await service.store.boards.get(other_id)
    if other is None or other.kind != board.kind:
        raise ServiceError("round_unknown", 404)
    first = service.store.programmes.first_round
    if await first(other.id) != await first(board.id):
        raise ServiceError("round_unknown", 404)
    token = member_token(request, other) or ""
    try:
        identity = await service.identify(other, token, choose_locale(request))
    except ServiceError as exc:
        raise ServiceError("round_unknown", 404) from exc
    if not identity.can(Capability.SNAPSHOT):
        raise ServiceError("round_unknown", 404)
    return await live_source(request, other), identity.can(Capability.RUN_SESSION)


async def compare(request: Request) -> Response:
    """GET /api/boards/{id}/compare?from=snapshot:1&to=live: what changed between two points.

    A point is `live`, `snapshot:{id}`, or `round:{board id}`: another round of the board
    as it is now (issue 15).
    """
    board, identity = await steward(request)
    facilitator = identity.can(Capability.RUN_SESSION)
    points: list[Source] = []
    for name in (request.query_params.get("from", ""), request.query_params.get("to", "live")):
        if name.startswith("round:"):
            source, facilitates = await _round(request, board, name.removeprefix("round:"))
            facilitator = facilitator and facilitates
            points.append(source)
        else:
            points.append(await _point(request, board, name))
    kind = boards.get_kind(board.kind)
    afterwards = afterwards_of(kind.engine) if kind is not None else MAP  # a kind since removed
    result = afterwards.compare(points[0], points[1], facilitator)
    return JSONResponse(result, headers={"cache-control": "no-store"})


async def live_document(request: Request) -> Response:
    """GET /api/boards/{id}/document: the board's document now, as one Yjs update."""
    board = await steward_board(request)
    source = await live_source(request, board)
    return Response(
        source.doc.get_update(),
        media_type="application/octet-stream",
        headers={"cache-control": "no-store"},
    )


async def history_page(request: Request) -> Response:
    """GET /b/{id}/history: the timeline and comparisons (the client fills it in)."""
    board, identity = await steward(request)
    store = service_of(request).store
    previous = await store.boards.get(board.previous_board_id) if board.previous_board_id else None
    return render(
        request,
        "history.html",
        {
            "board": board,
            # Its rounds: the earlier one's history, and the later ones' (issue 15).
            "previous_round": previous,
            "next_rounds": await store.programmes.next_rounds(board.id),
        },
        config={
            "board": board_config(board),
            "history": {
                "timelineUrl": f"/api/boards/{board.id}/timeline",
                "compareUrl": f"/api/boards/{board.id}/compare",
                "liveDocumentUrl": f"/api/boards/{board.id}/document",
                "snapshotDocumentUrl": f"/api/boards/{board.id}/snapshots/{{id}}/document",
                "exportUrl": f"/b/{board.id}/export.{{format}}",
                # The complete JSON holds names and private notes: the facilitator's only.
                "formats": [
                    fmt
                    for fmt in formats_of(board)
                    if fmt != "json" or identity.can(Capability.RUN_SESSION)
                ],
            },
        },
    )


routes = [
    Route("/b/{board_id}/history", history_page, methods=["GET"]),
    Route("/api/boards/{board_id}/document", live_document, methods=["GET"]),
    Route("/api/boards/{board_id}/timeline", timeline, methods=["GET"]),
    Route("/api/boards/{board_id}/compare", compare, methods=["GET"]),
]
