"""The websocket route: authenticate, accept, hand a channel to the board's room."""

from __future__ import annotations

import logging

from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

import boards

from .i18n import choose_locale, gettext
from .messages import ERROR_MESSAGES
from .room import (
    CLOSE_BAD_TOKEN,
    CLOSE_REMOVED,
    CLOSE_TOO_BIG,
    CLOSE_UNKNOWN_BOARD,
    ChannelClosed,
)
from .rooms import Rooms
from .service import BoardService, ServiceError

log = logging.getLogger(__name__)


class WebSocketChannel:
    """A room channel over a Starlette websocket."""

    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket

    async def receive(self) -> bytes:
        """Return the next binary message."""
        try:
            message = await self.websocket.receive()
        except (WebSocketDisconnect, RuntimeError) as exc:
            raise ChannelClosed from exc
        if message["type"] == "websocket.disconnect":
            raise ChannelClosed
        data = message.get("bytes")
        if data is None:
            # A text frame is not part of the protocol; an empty one fails as malformed.
            data = (message.get("text") or "").encode("utf-8") or b"\xff"
        return bytes(data)

    async def send(self, message: bytes) -> None:
        """Send one binary message."""
        try:
            await self.websocket.send_bytes(message)
        except (WebSocketDisconnect, RuntimeError) as exc:
            raise ChannelClosed from exc

    async def close(self, code: int, reason: str) -> None:
        """Close with a code, unless the socket is gone already."""
        if self.websocket.application_state == WebSocketState.CONNECTED:
            await self.websocket.close(code, close_reason(reason))


async def board_socket(websocket: WebSocket) -> None:
    """Serve /ws/{board_id}?token=…"""
    service: BoardService = websocket.app.state.service
    rooms: Rooms = websocket.app.state.rooms
    locale = choose_locale(websocket)
    board_id = websocket.path_params["board_id"]
    # Accept before refusing: stock y-websocket clients retry forever after a refused
    # upgrade, but stop on a 44xx close code.
    await websocket.accept()
    board = await service.store.get_board(board_id)
    if board is None:
        await _refuse(websocket, CLOSE_UNKNOWN_BOARD, "board_unknown", locale)
        return
    try:
        identity = await service.identify(board, websocket.query_params.get("token", ""), locale)
    except ServiceError as exc:
        code = CLOSE_REMOVED if exc.status == 403 else CLOSE_BAD_TOKEN
        await _refuse(websocket, code, exc.code, locale)
        return
    kind = boards.get_kind(board.kind)
    await rooms.serve(
        board.id, kind.engine if kind else None, WebSocketChannel(websocket), identity
    )


async def _refuse(websocket: WebSocket, code: int, message_code: str, locale: str) -> None:
    await websocket.close(code, close_reason(gettext(locale, ERROR_MESSAGES[message_code])))


def close_reason(text: str) -> str:
    """Cut a close reason to the 123 bytes of UTF-8 a close frame allows."""
    return text.encode("utf-8")[:123].decode("utf-8", "ignore")


__all__ = ["CLOSE_TOO_BIG", "WebSocketChannel", "board_socket"]
