"""Sending at once: in order with what is queued, and through uvicorn's own protocol."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from websockets.asyncio.client import connect

from server.app import create_app
from server.cli import websocket_options
from server.settings import Settings
from server.sync.connection import Connection, Identity, pump
from server.sync.limits import RoomLimits
from server.web import ws
from server.web.ws import WebSocketChannel
from tests.support.channels import MemoryChannel

pytestmark = pytest.mark.anyio

ALICE = Identity(role="participant", participant_id="alice")


class _Quiet:
    async def receive(self, connection: Connection, message: bytes) -> None:
        return None

    def slow_down(self, connection: Connection) -> None:
        return None


async def test_messages_stay_in_order_when_the_channel_backs_up_and_drains() -> None:
    channel = MemoryChannel(slow=True)
    connection = Connection(identity=ALICE, outbox_size=16)
    task = asyncio.create_task(pump(connection, channel, _Quiet, RoomLimits(), 1 << 20))
    connection.send(b"1")  # the channel is blocked: queued, and its writer waits
    connection.send(b"2")
    assert connection.unsent == 2
    channel.catch_up()
    # The channel takes messages at once again, but two are still queued: these queue too.
    connection.send(b"3")
    assert connection.unsent == 3
    async with asyncio.timeout(5):
        sent = [await channel.sent.get() for _ in range(3)]  # the writer task sent them
    assert connection.unsent == 0
    connection.send(b"4")  # nothing waits: straight to the channel
    assert connection.unsent == 0
    assert [*sent, *channel.drain()] == [b"1", b"2", b"3", b"4"]
    channel.hang_up()
    await task


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.asynccontextmanager
async def _uvicorn(app: Any, settings: Settings, **config: Any) -> AsyncIterator[int]:
    """Run an app on real uvicorn with `tavle serve`'s websocket options; yield its port."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            **config,
            **websocket_options(settings),
        )
    )
    serving = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(10):
            while not server.started:
                await asyncio.sleep(0.01)  # sleep-ok: uvicorn offers no event for it
        yield port
    finally:
        server.should_exit = True
        await serving


@contextlib.asynccontextmanager
async def _served(
    *, compression: bool, **options: Any
) -> AsyncIterator[tuple[Any, WebSocketChannel]]:
    """Serve one websocket on real uvicorn, set up as `tavle serve` sets it; yield a client
    connected to it (websockets' own) and the server's channel to that client."""
    channels: asyncio.Queue[WebSocketChannel] = asyncio.Queue()
    finished = asyncio.Event()

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            return
        websocket = WebSocket(scope, receive, send)
        await websocket.accept()
        channels.put_nowait(WebSocketChannel(websocket, send))
        await finished.wait()

    deflate = {} if compression else {"compression": None}
    async with _uvicorn(app, Settings(websocket_compression=compression), lifespan="off") as port:
        try:
            async with connect(f"ws://127.0.0.1:{port}/", **deflate, **options) as client:
                yield client, await channels.get()
        finally:
            finished.set()  # the app's handler returns before uvicorn shuts down


async def test_under_uvicorn_frames_go_straight_to_the_socket_in_order() -> None:
    async with _served(compression=False) as (client, channel):
        assert channel.sends_directly
        connection = Connection(identity=ALICE, outbox_size=512)
        connection.send_now = channel.send_now
        for i in range(200):
            connection.send(b"message %d" % i)
        # Every one went out at once (a writer task would have been needed otherwise).
        assert connection.unsent == 0
        got = [await client.recv() for _ in range(200)]
        assert got == [b"message %d" % i for i in range(200)]


async def test_under_uvicorn_a_socket_that_is_not_read_falls_back_to_the_queue() -> None:
    async with _served(compression=False, max_queue=1) as (client, channel):
        transport = client.transport
        transport.pause_reading()  # the phone stops reading: the kernel buffers fill
        big = bytes(64 * 1024)
        written = 0
        async with asyncio.timeout(10):
            while channel.send_now(big):
                written += 1
        # uvicorn's transport went over its high-water mark and paused the protocol: the
        # direct path refuses, and what follows waits in the connection's outbox.
        assert written > 0
        assert not channel.send_now(b"after")
        transport.abort()  # the phone is gone; nothing waits for it to read


async def test_under_uvicorn_with_compression_every_message_takes_the_asgi_send() -> None:
    async with _served(compression=True) as (client, channel):
        assert not channel.sends_directly
        assert not channel.send_now(b"x")
        await channel.send(b"compressed")
        assert await client.recv() == b"compressed"


async def test_a_closed_socket_takes_nothing_at_once() -> None:
    async with _served(compression=False) as (client, channel):
        await client.close()  # returns once the server's closing frame came back
        assert not channel.send_now(b"late")


async def test_tavles_own_app_hands_rooms_a_channel_that_sends_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A wrapper around the ASGI send (a middleware, say) would hide uvicorn's protocol and
    # quietly turn writing at once off; the app as `tavle serve` builds it must not.
    made: list[WebSocketChannel] = []

    class Recorded(WebSocketChannel):
        def __init__(self, websocket: WebSocket, send: Send) -> None:
            super().__init__(websocket, send)
            made.append(self)

    monkeypatch.setattr(ws, "WebSocketChannel", Recorded)
    settings = Settings(data_dir=tmp_path, open_creation=True)
    async with _uvicorn(create_app(settings), settings) as port:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            response = await http.post("/api/boards", json={"title": "Tavle", "kind": "notes"})
        board = response.json()
        url = f"ws://127.0.0.1:{port}/ws/{board['id']}?token={board['facilitator_token']}"
        async with connect(url, compression=None) as client:
            await client.recv()  # the room's greeting: the channel exists
            assert [channel.sends_directly for channel in made] == [True]
