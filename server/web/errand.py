"""One command to a board's live room from an HTTP request, on the path a client's takes.

A room carries out commands only for its connections, after the checks every command meets
(server/rules/commands.py, server/parts.py). When a request must change another board — a
pilot's note sent to a guide as an amendment (server/web/pilot.py) — the server opens a
short connection of its own to that board's room through the app's rooms (`serve`, the
same in one process and with several, server/cluster/node.py, which loads the board or
relays to its owner), sends the command, waits for the room's answer and hangs up.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from typing import Any, Protocol

from boards.engines import Engine
from server.sync import wire
from server.sync.connection import Channel, ChannelClosed, Identity

# A room answers a command within milliseconds; this covers loading a cold board first.
ERRAND_TIMEOUT_S = 10.0


class Serving(Protocol):
    """What an errand needs of the app's rooms (sync.rooms.Rooms, cluster.node.Cluster)."""

    async def serve(
        self, board_id: str, engine: Engine | None, channel: Channel, identity: Identity
    ) -> None: ...


class ErrandFailed(Exception):
    """The room did not answer in time, or closed the errand's connection."""


class _Channel:
    """The errand's end of its connection: what the room sends is queued here."""

    def __init__(self) -> None:
        self.to_room: asyncio.Queue[bytes | None] = asyncio.Queue()
        self.from_room: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

    async def receive(self) -> bytes:
        message = await self.to_room.get()
        if message is None:
            raise ChannelClosed
        return message

    async def send(self, message: bytes) -> None:
        decoder = wire.Decoder(message)
        if decoder.read_var_uint() == wire.MESSAGE_TAVLE:
            self.from_room.put_nowait(json.loads(decoder.read_var_string()))

    def send_now(self, message: bytes) -> bool:
        return False

    async def close(self, code: int, reason: str) -> None:
        self.from_room.put_nowait(None)


# What the caller makes of each Tavle message the room sends: a result to stop with, or None
# to keep waiting.
Outcome = Callable[[dict[str, Any]], Any]


async def errand(
    rooms: Serving,
    board_id: str,
    engine: Engine,
    identity: Identity,
    command: dict[str, Any],
    *,
    before: Outcome,
    after: Outcome,
    timeout_s: float = ERRAND_TIMEOUT_S,
) -> Any:
    """Send one command to a board's room as `identity`, and return what the room answered.

    `before` reads the messages a new connection gets (up to its `own`): a result there
    (the item already exists: a retry) ends the errand unsent. `after` reads what follows
    the command: `own` naming the new item, or a `notice` refusing it.

    Raises:
        ErrandFailed: the room did not answer within `timeout_s`, or closed the connection.
    """
    channel = _Channel()
    serving = asyncio.create_task(rooms.serve(board_id, engine, channel, identity))
    try:
        async with asyncio.timeout(timeout_s):
            while True:
                message = await _next(channel)
                result = before(message)
                if result is not None:
                    return result
                if message.get("type") == "own" and message.get("replace"):
                    break
            channel.to_room.put_nowait(wire.encode_tavle(command))
            while True:
                result = after(await _next(channel))
                if result is not None:
                    return result
    except TimeoutError as exc:
        raise ErrandFailed(f"board {board_id} did not answer") from exc
    finally:
        channel.to_room.put_nowait(None)
        try:
            async with asyncio.timeout(timeout_s):
                await serving
        except TimeoutError:
            serving.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await serving


async def _next(channel: _Channel) -> dict[str, Any]:
    message = await channel.from_room.get()
    if message is None:
        raise ErrandFailed("the room closed the connection")
    return message
