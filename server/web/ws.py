"""The websocket route: authenticate, accept, hand a channel to the board's room."""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.frames import Frame, Opcode
from websockets.protocol import State

import boards
from server.cluster.node import Cluster
from server.i18n import choose_locale, gettext
from server.i18n.messages import ERROR_MESSAGES
from server.service import BoardService, ServiceError
from server.sync.connection import (
    CLOSE_BAD_TOKEN,
    CLOSE_REMOVED,
    CLOSE_TOO_BIG,
    CLOSE_UNKNOWN_BOARD,
    ChannelClosed,
)
from server.sync.rooms import Rooms

log = logging.getLogger(__name__)

BOARD_SOCKET_PREFIX = "/ws/"


class _Frames:
    """The last message framed: a fan-out sends the same bytes to every socket in a row,
    and a server's frames are unmasked, so one frame serves them all."""

    def __init__(self) -> None:
        self.message = b""
        self.frame = Frame(Opcode.BINARY, b"").serialize(mask=False)

    def of(self, message: bytes) -> bytes:
        if message is not self.message:
            self.frame = Frame(Opcode.BINARY, message).serialize(mask=False)
            self.message = message
        return self.frame


_frames = _Frames()


def _direct_protocol(send: Send) -> WebSocketsSansIOProtocol | None:
    """Return uvicorn's websocket protocol behind `send` if frames may be written to its
    transport directly: uvicorn's sans-I/O protocol without compression (a compressed
    frame differs per socket). Anything else returns None and sends the ASGI way."""
    protocol = getattr(send, "__self__", None)
    if not isinstance(protocol, WebSocketsSansIOProtocol) or protocol.conn.extensions:
        return None
    return protocol


class WebSocketChannel:
    """A room channel over a Starlette websocket, sending on the server's own ASGI send.

    Under uvicorn (`tavle serve`), a message can also go out at once: its frame is
    written straight to the socket's transport, skipping the ASGI send's per-message
    work, when the socket is open and its buffer below uvicorn's high-water mark
    (docs/architecture.md, "Writing at once"). A test checks that this path is taken, so
    an upgrade of uvicorn that changes its protocol fails there rather than going slow.
    """

    def __init__(self, websocket: WebSocket, send: Send) -> None:
        self.websocket = websocket
        self._send = send
        self._protocol = _direct_protocol(send)

    @property
    def sends_directly(self) -> bool:
        """Say whether messages can be written to the transport at once."""
        return self._protocol is not None

    def send_now(self, message: bytes) -> bool:
        """Write a message's frame to the socket now if it is open and not backed up."""
        protocol = self._protocol
        if (
            protocol is None
            or not protocol.writable.is_set()
            or protocol.close_sent
            or protocol.disconnected
            or protocol.conn.state is not State.OPEN
            or protocol.transport.is_closing()
        ):
            return False
        protocol.transport.write(_frames.of(message))
        return True

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
            await self._send({"type": "websocket.send", "bytes": message})
        except (OSError, RuntimeError) as exc:  # uvicorn's ClientDisconnected is an OSError
            raise ChannelClosed from exc

    async def close(self, code: int, reason: str) -> None:
        """Close with a code, unless the socket is gone already."""
        if self.websocket.application_state == WebSocketState.CONNECTED:
            await self.websocket.close(code, close_reason(reason))


class BoardSockets:
    """Serve /ws/{board_id} before the framework's routing and exception wrappers.

    Every message of a board's fan-out goes through `send`; each wrapper around it costs
    every delivery a Python call (measured: a seventh of the server's time with 300
    clients, docs/benchmarks.md). So this middleware takes board sockets first and hands
    the room the server's own send.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "websocket" or not path.startswith(BOARD_SOCKET_PREFIX):
            await self.app(scope, receive, send)
            return
        board_id = path[len(BOARD_SOCKET_PREFIX) :]
        if not board_id or "/" in board_id:
            await self.app(scope, receive, send)
            return
        scope["path_params"] = {"board_id": board_id}
        await board_socket(WebSocket(scope, receive, send), send)


async def board_socket(websocket: WebSocket, send: Send) -> None:
    """Serve /ws/{board_id}?token=…"""
    service: BoardService = websocket.app.state.service
    rooms: Rooms | Cluster = websocket.app.state.rooms
    locale = choose_locale(websocket)
    board_id = websocket.path_params["board_id"]
    # Accept before refusing: stock y-websocket clients retry forever after a refused
    # upgrade, but stop on a 44xx close code.
    await websocket.accept()
    board = await service.store.boards.get(board_id)
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
    channel = WebSocketChannel(websocket, send)
    await rooms.serve(board.id, kind.engine if kind else None, channel, identity)


async def _refuse(websocket: WebSocket, code: int, message_code: str, locale: str) -> None:
    await websocket.close(code, close_reason(gettext(locale, ERROR_MESSAGES[message_code])))


def close_reason(text: str) -> str:
    """Cut a close reason to the 123 bytes of UTF-8 a close frame allows."""
    return text.encode("utf-8")[:123].decode("utf-8", "ignore")


__all__ = ["CLOSE_TOO_BIG", "BoardSockets", "WebSocketChannel", "board_socket"]
