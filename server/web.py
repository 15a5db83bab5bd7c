"""Helpers the pages and the JSON API share: links, cookies and joining from a browser."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from . import auth
from .i18n import choose_locale
from .room import Identity
from .service import BoardService, CreatedBoard, Membership, ServiceError
from .store import Board

BOARD_COOKIE_PREFIX = "tavle_b_"
BOARD_COOKIE_MAX_AGE_S = 30 * 24 * 3600
# A team link, remembered per event (server/library_api.py).
TEAM_COOKIE_PREFIX = "tavle_t_"


def service_of(request: Request) -> BoardService:
    """Return the app's board service."""
    service: BoardService = request.app.state.service
    return service


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
    board = await service.store.get_board(request.path_params["board_id"])
    if board is None:
        raise ServiceError("board_unknown", 404)
    token = bearer_token(request) or member_token(request, board) or ""
    return board, await service.identify(board, token, choose_locale(request))


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
    request: Request, code: str, name: str, token: str | None = None
) -> Membership:
    """Join by code, rejoining as the participant this browser already is when it is one."""
    service = service_of(request)
    normalized = auth.normalize_join_code(code)
    if token is None and normalized:
        board = await service.store.board_by_code(normalized)
        if board is not None:
            token = board_token(request, board.id)
    return await service.join(code, name, token)
