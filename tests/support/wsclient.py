"""A raw Yjs client over a real websocket: it sends whatever updates and commands a test
makes, as a modified browser could, and keeps its doc in sync with what arrives."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

from pycrdt import Doc
from pycrdt._sync import write_var_uint
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from server.sync import wire
from tests.support.listener import Listener
from tests.support.yproto import create_sync_message, read, update_messages

TIMEOUT_S = 10


class RawClient(Listener):
    """A doc on a websocket, with Tavle's messages kept for the test to read."""

    TIMEOUT_S = TIMEOUT_S

    def __init__(self, websocket: ClientConnection) -> None:
        super().__init__()
        self.websocket = websocket
        self.awareness: dict[int, str] = {}  # client id -> its presence state, as sent
        self.synced = asyncio.Event()
        self.sync_requests = 0  # the server's sync step 1s: it asks for what it lacks

    async def receive(self) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for message in self.websocket:
                assert isinstance(message, bytes)
                kind, payload = read(message)
                if kind in ("sync-step2", "update"):
                    assert isinstance(payload, bytes)
                    self.doc.apply_update(payload)
                    if kind == "sync-step2":
                        self.synced.set()
                elif kind == "sync-step1":
                    self.sync_requests += 1
                elif kind == "awareness":
                    assert isinstance(payload, list)
                    for entry in payload:
                        self.awareness[entry.client_id] = entry.state
                elif kind == "tavle":
                    assert isinstance(payload, dict)
                    self.messages.append(payload)
                self.changed.set()

    async def edit(self, change: Callable[[Doc[Any]], None]) -> None:
        for message in update_messages(self.doc, change):
            await self.websocket.send(message)

    async def send_update(self, update: bytes) -> None:
        """Send a hand-made Yjs update, as a modified client could."""
        await self.websocket.send(wire.create_update_message(update))

    async def closed(self) -> tuple[int | None, str]:
        """Wait until the server closes the socket; return its code and reason."""
        async with asyncio.timeout(TIMEOUT_S):
            await self.websocket.wait_closed()
        return self.websocket.close_code, self.websocket.close_reason or ""

    async def command(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload).encode()
        await self.websocket.send(bytes([wire.MESSAGE_TAVLE]) + write_var_uint(len(text)) + text)

    def last(self, kind: str) -> dict[str, Any]:
        found = [m for m in self.messages if m.get("type") == kind]
        return found[-1] if found else {}


@contextlib.asynccontextmanager
async def raw_client(ws_url: str, board_id: str, token: str) -> AsyncIterator[RawClient]:
    async with connect(f"{ws_url}/{board_id}?token={token}") as websocket:
        client = RawClient(websocket)
        receiving = asyncio.create_task(client.receive())
        await websocket.send(create_sync_message(client.doc))
        async with asyncio.timeout(TIMEOUT_S):
            await client.synced.wait()
        try:
            yield client
        finally:
            receiving.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await receiving
