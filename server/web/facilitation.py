"""What the facilitator reaches over HTTP: the join screen, who has joined, co-facilitators.

Everything that changes a live board (phase, lock, timer, removing someone) goes over the
board's websocket as a command, so it reaches every screen at once; these routes only
show things, or hand out a secret link.
"""

from __future__ import annotations

import json
from typing import Any

import segno
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from boards.limits import MAX_TITLE_CHARS
from server import auth
from server.service import ServiceError
from server.store import Board, parse_snapshot_id
from server.sync.capabilities import Capability
from server.sync.connection import CLOSE_BAD_TOKEN
from server.web.common import (
    board_links,
    join_url,
    member_who_can,
    public_base,
    service_of,
)
from server.web.history import steward_board
from server.web.pages import render

QR_SCALE = 10  # px per module; the SVG has a viewBox, so CSS sizes it to the screen


async def _facilitator_board(request: Request) -> Board:
    """Return the board of the path if the caller runs its session; raise otherwise."""
    board, _ = await member_who_can(request, Capability.RUN_SESSION)
    return board


def join_qr_svg(address: str) -> str:
    """Return an SVG QR code of the join address (dark on light, with its quiet zone)."""
    code = segno.make(address, error="m", micro=False)
    svg: str = code.svg_inline(
        scale=QR_SCALE, border=4, dark="#000000", light="#ffffff", omitsize=True
    )
    return svg


async def join_screen(request: Request) -> Response:
    """GET /b/{id}/join-screen: the code, a QR code and the count, for the projector."""
    board = await _facilitator_board(request)
    address = join_url(request, board)
    base = public_base(request)
    return render(
        request,
        "join_screen.html",
        {
            "board": board,
            "join_url": address,
            "join_host": base.split("://", 1)[-1] + "/join",
            "qr_svg": join_qr_svg(address),
        },
        config={"people_url": f"/api/boards/{board.id}/people", "board": {"id": board.id}},
    )


async def people(request: Request) -> Response:
    """GET /api/boards/{id}/people: who has joined and who is here now (facilitator)."""
    board = await _facilitator_board(request)
    service = service_of(request)
    rows = await service.store.people.participants_of(board.id)
    online: set[str] = await request.app.state.rooms.participants_here(board.id)
    participants: list[dict[str, Any]] = [
        {
            "id": row["id"],
            "name": row["name"],
            "removed": bool(row["removed"]),
            "online": row["id"] in online,
        }
        for row in rows
    ]
    return JSONResponse(
        {
            "joined": sum(1 for p in participants if not p["removed"]),
            "online": len(online),
            "joining_open": await service.joining_open(board.id),
            "participants": participants,
        },
        headers={"cache-control": "no-store"},
    )


async def add_cofacilitator(request: Request) -> Response:
    """POST /api/boards/{id}/cofacilitators: a second facilitator link, shown once."""
    board = await _facilitator_board(request)
    secret = auth.new_facilitator_secret()
    await service_of(request).store.facilitation.add_facilitator_key(
        board.id, auth.hash_secret(secret)
    )
    url = f"{public_base(request)}/b/{board.id}?key={secret}"
    return JSONResponse({"facilitator_url": url}, status_code=201)


async def revoke_cofacilitators(request: Request) -> Response:
    """DELETE /api/boards/{id}/cofacilitators: every co-facilitator link stops working."""
    board = await _facilitator_board(request)
    await service_of(request).store.facilitation.remove_facilitator_keys(board.id)
    # Open sockets of those links end now, as a removed participant's do.
    await request.app.state.rooms.end_links(
        board.id, "co-facilitator", CLOSE_BAD_TOKEN, "link revoked"
    )
    return Response(status_code=204)


async def snapshots(request: Request) -> Response:
    """GET /api/boards/{id}/snapshots: the board's snapshots, oldest first (facilitator)."""
    board = await _facilitator_board(request)
    rows = await service_of(request).store.facilitation.snapshots_of(board.id)
    items = [{**row, "counts": json.loads(row["counts"])} for row in rows]
    return JSONResponse({"snapshots": items}, headers={"cache-control": "no-store"})


async def _snapshot(request: Request, board: Board) -> dict[str, Any]:
    snapshot_id = parse_snapshot_id(request.path_params["snapshot_id"])
    if snapshot_id is None:
        raise ServiceError("snapshot_unknown", 404)
    row = await service_of(request).store.facilitation.get_snapshot(board.id, snapshot_id)
    if row is None:
        raise ServiceError("snapshot_unknown", 404)
    return row


async def snapshot_document(request: Request) -> Response:
    """GET /api/boards/{id}/snapshots/{sid}/document: the snapshot's Yjs update, read-only.

    For the facilitator, and for the team that carries the board on.
    """
    board = await steward_board(request)
    row = await _snapshot(request, board)
    return Response(
        row["document"],
        media_type="application/octet-stream",
        headers={"cache-control": "private, max-age=3600"},  # a snapshot never changes
    )


async def fork_snapshot(request: Request) -> Response:
    """POST /api/boards/{id}/snapshots/{sid}/fork: a new board that starts as the snapshot."""
    board = await _facilitator_board(request)
    row = await _snapshot(request, board)
    service = service_of(request)
    event = await service.store.boards.get_event(board.event_id) if board.event_id else None
    title = f"{board.title} – {row['label']}" if row["label"] else board.title  # noqa: RUF001
    created = await service.create_board(
        title=title[:MAX_TITLE_CHARS],
        kind=board.kind,
        locale=board.locale,
        event_name=event.name if event else None,
        event_date=event.date if event else None,
        document=row["document"],
        joins=lambda candidate: _same(candidate.id, board.event_id),
    )
    return JSONResponse(
        {"id": created.board.id, "title": created.board.title, **board_links(request, created)},
        status_code=201,
    )


async def _same(event_id: str, wanted: str | None) -> bool:
    """Say whether an event is the one wanted (a fork stays in its board's event)."""
    return event_id == wanted


routes = [
    Route("/b/{board_id}/join-screen", join_screen, methods=["GET"]),
    Route("/api/boards/{board_id}/people", people, methods=["GET"]),
    Route("/api/boards/{board_id}/cofacilitators", add_cofacilitator, methods=["POST"]),
    Route("/api/boards/{board_id}/cofacilitators", revoke_cofacilitators, methods=["DELETE"]),
    Route("/api/boards/{board_id}/snapshots", snapshots, methods=["GET"]),
    Route(
        "/api/boards/{board_id}/snapshots/{snapshot_id}/document",
        snapshot_document,
        methods=["GET"],
    ),
    Route("/api/boards/{board_id}/snapshots/{snapshot_id}/fork", fork_snapshot, methods=["POST"]),
]
