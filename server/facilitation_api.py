"""What the facilitator reaches over HTTP: the join screen, who has joined, co-facilitators.

Everything that changes a live board (phase, lock, timer, removing someone) goes over the
board's websocket as a command, so it reaches every screen at once; these routes only
show things, or hand out a secret link.
"""

from __future__ import annotations

from typing import Any

import segno
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import auth
from .i18n import choose_locale
from .pages import render
from .service import ServiceError
from .store import Board
from .web import board_token, join_url, public_base, service_of

QR_SCALE = 10  # px per module; the SVG has a viewBox, so CSS sizes it to the screen


async def _facilitator_board(request: Request) -> Board:
    """Return the board of the path if the caller is its facilitator; raise otherwise."""
    service = service_of(request)
    board = await service.store.get_board(request.path_params["board_id"])
    if board is None:
        raise ServiceError("board_unknown", 404)
    header = request.headers.get("authorization", "")
    scheme, _, bearer = header.partition(" ")
    token = (bearer.strip() if scheme.lower() == "bearer" else "") or board_token(request, board.id)
    try:
        identity = await service.identify(board, token or "", choose_locale(request))
    except ServiceError as exc:
        raise ServiceError("facilitator_only", 403) from exc
    if identity.role != "facilitator":
        raise ServiceError("facilitator_only", 403)
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
    rows = await service.store.participants_of(board.id)
    room = request.app.state.rooms.loaded(board.id)
    online: set[str] = set()
    if room is not None:
        online = {
            c.identity.participant_id
            for c in room.connections.values()
            if c.identity.participant_id
        }
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
    await service_of(request).store.add_facilitator_key(board.id, auth.hash_secret(secret))
    url = f"{public_base(request)}/b/{board.id}?key={secret}"
    return JSONResponse({"facilitator_url": url}, status_code=201)


async def revoke_cofacilitators(request: Request) -> Response:
    """DELETE /api/boards/{id}/cofacilitators: every co-facilitator link stops working."""
    board = await _facilitator_board(request)
    await service_of(request).store.remove_facilitator_keys(board.id)
    return Response(status_code=204)


routes = [
    Route("/b/{board_id}/join-screen", join_screen, methods=["GET"]),
    Route("/api/boards/{board_id}/people", people, methods=["GET"]),
    Route("/api/boards/{board_id}/cofacilitators", add_cofacilitator, methods=["POST"]),
    Route("/api/boards/{board_id}/cofacilitators", revoke_cofacilitators, methods=["DELETE"]),
]
