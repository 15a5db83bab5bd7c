"""Time the server's CPU per socket write: queued through a writer task and the ASGI
send, against written at once to uvicorn's transport (server/web/ws.py, `send_now`).

Real parts: uvicorn with the websocket implementation `tavle serve` uses, Tavle's own
`Connection`, `pump` and `WebSocketChannel`, and N websocket clients in a Node process
(`ws`, from bench/node_modules) that read and drop what they get. The server broadcasts
M messages of a note's size to every client, as a fan-out does, and counts its own
process's CPU time (time.process_time: the clients run in another process) until every
message has left the server. Run:

    .venv/bin/python bench/send_path.py [--clients 500] [--messages 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import time
from pathlib import Path

import uvicorn
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket

from server.cli import websocket_options
from server.settings import Settings
from server.sync.connection import Connection, Identity, pump
from server.sync.limits import RoomLimits
from server.web.ws import WebSocketChannel

BENCH = Path(__file__).resolve().parent
CLIENTS_JS = """
const WebSocket = require(process.argv[1]);
const [url, count] = [process.argv[2], +process.argv[3]];
for (let i = 0; i < count; i++) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.on('message', () => {});
}
"""


class _Ignore:
    async def receive(self, connection: Connection, message: bytes) -> None:
        return None

    def slow_down(self, connection: Connection) -> None:
        return None


async def main(clients: int, messages: int, rounds: int, size: int) -> None:
    connections: list[Connection] = []
    channels: list[WebSocketChannel] = []
    everyone = asyncio.Event()

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            return
        websocket = WebSocket(scope, receive, send)
        await websocket.accept()
        channel = WebSocketChannel(websocket, send)
        connection = Connection(
            identity=Identity(role="participant", participant_id=None), outbox_size=4096
        )
        connections.append(connection)
        channels.append(channel)
        if len(connections) == clients:
            everyone.set()
        await pump(connection, channel, _Ignore, RoomLimits(), 1 << 20)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = websocket_options(Settings())  # as `tavle serve` has them
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", **options
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn has no event for it)
        await asyncio.sleep(0.01)
    node = await asyncio.create_subprocess_exec(
        "node",
        "-e",
        CLIENTS_JS,
        str(BENCH / "node_modules" / "ws"),
        f"ws://127.0.0.1:{port}/",
        str(clients),
        stdout=asyncio.subprocess.DEVNULL,
    )
    try:
        await asyncio.wait_for(everyone.wait(), 60)
        assert all(channel.sends_directly for channel in channels)
        payload = os.urandom(size)
        results: dict[str, list[float]] = {"queued": [], "at once": []}
        for _ in range(rounds):
            for mode in results:
                for connection, channel in zip(connections, channels, strict=True):
                    connection.send_now = channel.send_now if mode == "at once" else None
                started = time.process_time()
                for _ in range(messages):
                    message = bytes(payload)  # a new message each time, as a fan-out's
                    for connection in connections:
                        connection.send(message)
                    # Let the writer tasks run until every queued message has gone.
                    while any(connection.unsent for connection in connections):  # noqa: ASYNC110
                        await asyncio.sleep(0)
                used = time.process_time() - started
                results[mode].append(used / (messages * clients) * 1e6)
        print(f"{clients} clients, {messages} messages of {size} bytes each, {rounds} rounds")
        print("server CPU per socket write (µs): median (rounds)")
        for mode, figures in results.items():
            rounded = ", ".join(f"{figure:.2f}" for figure in figures)
            print(f"  {mode:8} {statistics.median(figures):.2f} ({rounded})")
    finally:
        if node.returncode is None:
            node.terminate()
        await node.wait()
        server.should_exit = True
        await serving


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--messages", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", type=int, default=200)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.clients, arguments.messages, arguments.rounds, arguments.size))
