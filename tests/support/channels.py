"""In-memory channels for driving a Room without a network."""

from __future__ import annotations

import asyncio

from server.sync.connection import ChannelClosed


class MemoryChannel:
    """One client's end of a room connection, kept in queues."""

    def __init__(self, *, slow: bool = False) -> None:
        self.incoming: asyncio.Queue[bytes | None] = asyncio.Queue()
        self.sent: asyncio.Queue[bytes] = asyncio.Queue()
        self.closed: asyncio.Future[tuple[int, str]] = asyncio.get_running_loop().create_future()
        self.gone = False
        self._blocked = asyncio.Event()
        if not slow:
            self._blocked.set()

    # The room's side.
    async def receive(self) -> bytes:
        message = await self.incoming.get()
        if message is None:
            raise ChannelClosed
        return message

    async def send(self, message: bytes) -> None:
        await self._blocked.wait()
        if self.gone:
            raise ChannelClosed  # as uvicorn does once the client has closed
        await self.sent.put(message)

    def send_now(self, message: bytes) -> bool:
        # A slow channel that is blocked takes nothing at once: the room must queue.
        if not self._blocked.is_set() or self.gone:
            return False
        self.sent.put_nowait(message)
        return True

    async def close(self, code: int, reason: str) -> None:
        if not self.closed.done():
            self.closed.set_result((code, reason))

    # The client's side.
    def push(self, message: bytes) -> None:
        self.incoming.put_nowait(message)

    def catch_up(self) -> None:
        """A slow client starts reading again: what waits goes out, and more at once."""
        self._blocked.set()

    def hang_up(self) -> None:
        self.gone = True
        self.incoming.put_nowait(None)

    def drain(self) -> list[bytes]:
        out = []
        while not self.sent.empty():
            out.append(self.sent.get_nowait())
        return out
