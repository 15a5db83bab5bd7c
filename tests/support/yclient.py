"""A pycrdt Provider over a real websocket: a Python Yjs client for tests."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable

import anyio
from pycrdt import Doc, Provider
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed


class WebsocketChannel:
    """pycrdt's Channel on a `websockets` client connection."""

    def __init__(self, websocket: ClientConnection, path: str) -> None:
        self.websocket = websocket
        self._path = path

    @property
    def path(self) -> str:
        return self._path

    def __aiter__(self) -> WebsocketChannel:
        return self

    async def __anext__(self) -> bytes:
        try:
            return await self.recv()
        except ConnectionClosed:
            raise StopAsyncIteration from None

    async def send(self, message: bytes) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self.websocket.send(message)

    async def recv(self) -> bytes:
        message = await self.websocket.recv()
        assert isinstance(message, bytes)
        return message


@contextlib.asynccontextmanager
async def yjs_client(ws_url: str, board_id: str, token: str) -> AsyncIterator[Doc]:
    """Connect a Doc to a board and keep it in sync inside the block."""
    doc: Doc = Doc()
    async with connect(f"{ws_url}/{board_id}?token={token}") as websocket:
        provider = Provider(doc, WebsocketChannel(websocket, board_id))
        async with provider:
            with anyio.fail_after(10):
                await provider.synced.wait()
            yield doc


async def wait_until(predicate: Callable[[], bool], doc: Doc, timeout_s: float = 10) -> None:
    """Wait until predicate holds, re-checking on every change of doc."""
    changed = anyio.Event()

    def on_change(_: object) -> None:
        changed.set()

    subscription = doc.observe(on_change)
    try:
        with anyio.fail_after(timeout_s):
            while not predicate():
                await changed.wait()
                changed = anyio.Event()
    finally:
        doc.unobserve(subscription)
