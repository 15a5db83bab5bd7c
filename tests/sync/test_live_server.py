"""A real server on a free port: Python Yjs clients, restarts, and bad connections."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest
from pycrdt import Doc, Map
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.support.live import LiveServer, bearer
from tests.support.liveboard import LiveBoard, live_board
from tests.support.wsclient import raw_client
from tests.support.yclient import wait_until, yjs_client

pytestmark = pytest.mark.anyio


@contextlib.asynccontextmanager
async def alice_and_bob(server: LiveServer) -> AsyncIterator[tuple[LiveBoard, Doc[Any], Doc[Any]]]:
    """Yield a notes board that Alice and Bob joined, each on a Python Yjs client."""
    board = live_board(server, "Storledermøde", "notes", "Alice", "Bob")
    async with (
        yjs_client(server.ws_url, board.id, board.token("Alice")) as doc_a,
        yjs_client(server.ws_url, board.id, board.token("Bob")) as doc_b,
    ):
        yield board, doc_a, doc_b


async def close_code_of(url: str, *messages: bytes) -> int:
    """Connect, send messages, and return the close code the server ends with."""
    async with connect(url, max_size=None) as websocket:
        for message in messages:
            await websocket.send(message)
        with anyio.fail_after(10), pytest.raises(ConnectionClosed) as closed:
            await _read_until_closed(websocket)
    assert closed.value.rcvd is not None
    return closed.value.rcvd.code


async def _read_until_closed(websocket: ClientConnection) -> None:
    while True:
        await websocket.recv()


async def test_tokens_stay_out_of_the_server_log(live_server: LiveServer) -> None:
    board = live_server.create_board()
    alice = live_server.join(board["join_code"], "Alice")
    async with yjs_client(live_server.ws_url, board["id"], alice["token"]):
        pass
    httpx.get(f"{live_server.url}/b/{board['id']}?key={board['facilitator_token']}")
    live_server.stop()
    log = live_server.log()
    assert f"/ws/{board['id']}" in log
    assert alice["token"] not in log
    assert board["facilitator_token"] not in log


async def test_two_python_clients_converge(live_server: LiveServer) -> None:
    async with alice_and_bob(live_server) as (_, doc_a, doc_b):
        doc_a.get("notes", type=Map)["n1"] = Map({"text": "Tillid", "created": 1.0})
        doc_b.get("notes", type=Map)["n2"] = Map({"text": "Vi leder sammen", "created": 2.0})
        notes_a, notes_b = doc_a.get("notes", type=Map), doc_b.get("notes", type=Map)
        await wait_until(lambda: "n1" in notes_b, doc_b)
        await wait_until(lambda: "n2" in notes_a, doc_a)
        assert notes_b["n1"]["text"] == "Tillid"
        assert notes_a["n2"]["text"] == "Vi leder sammen"


async def test_content_survives_a_restart(live_server: LiveServer) -> None:
    async with alice_and_bob(live_server) as (board, doc_a, doc_b):
        doc_a.get("notes", type=Map)["n1"] = Map({"text": "Overlever genstart", "created": 1.0})
        notes_b = doc_b.get("notes", type=Map)
        await wait_until(lambda: "n1" in notes_b, doc_b)  # the server has applied it
        # Stop at once, clients still attached: shutdown must save and end promptly.
        code, _seconds = live_server.stop(signal.SIGTERM, timeout_s=15)
        # uvicorn re-raises the signal once it has shut down cleanly.
        assert code in (0, -signal.SIGTERM)
        assert "Application shutdown complete" in live_server.log()
    live_server.start()
    async with yjs_client(live_server.ws_url, board.id, board.token("Alice")) as doc:
        assert doc.get("notes", type=Map)["n1"]["text"] == "Overlever genstart"


async def test_content_written_before_a_kill_survives(live_server: LiveServer) -> None:
    board = live_server.create_board()
    alice = live_server.join(board["join_code"], "Alice")
    database = live_server.data_dir / "tavle.db"
    async with yjs_client(live_server.ws_url, board["id"], alice["token"]) as doc:
        doc.get("notes", type=Map)["n1"] = Map({"text": "Skrevet", "created": 1.0})
        with anyio.fail_after(10):
            while not _logged_rows(database, board["id"]):
                await anyio.sleep(0.05)  # sleep-ok: polling the database file of another process
        live_server.stop(signal.SIGKILL)
    live_server.start()
    async with yjs_client(live_server.ws_url, board["id"], alice["token"]) as doc:
        assert doc.get("notes", type=Map)["n1"]["text"] == "Skrevet"


def _logged_rows(database: object, board_id: str) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        (count,) = db.execute(
            "SELECT count(*) FROM updates WHERE board_id = ?", [board_id]
        ).fetchone()
    return int(count)


@pytest.mark.parametrize("live_server", [{"TAVLE_MAX_MESSAGE_BYTES": "4096"}], indirect=True)
async def test_bad_connections_get_close_codes_while_a_healthy_client_syncs(
    live_server: LiveServer,
) -> None:
    async with alice_and_bob(live_server) as (board, doc_a, doc_b):
        url = f"{live_server.ws_url}/{board.id}"
        bob = board.token("Bob")
        assert await close_code_of(f"{url}?token=wrong") == 4401
        assert await close_code_of(url) == 4401
        assert await close_code_of(f"{live_server.ws_url}/no-such-board?token=x") == 4404
        assert await close_code_of(f"{url}?token={bob}", b"\x00\x02\x40\x01") == 1008
        assert await close_code_of(f"{url}?token={bob}", b"\x00\x02" + bytes(8192)) == 1009
        facilitator = board.token()
        assert await close_code_of(f"{url}?token={facilitator}x") == 4401
        # The room carries on for the healthy clients.
        doc_a.get("notes", type=Map)["after"] = Map({"text": "stadig i gang", "created": 1.0})
        notes_b = doc_b.get("notes", type=Map)
        await wait_until(lambda: "after" in notes_b, doc_b)


async def test_facilitator_token_connects_as_facilitator(live_server: LiveServer) -> None:
    board = live_server.create_board()
    async with yjs_client(live_server.ws_url, board["id"], board["facilitator_token"]) as doc:
        doc.get("notes", type=Map)["f1"] = Map({"text": "fra facilitator", "created": 1.0})
    response = httpx.get(
        f"{live_server.url}/api/boards/{board['id']}", headers=bearer(board["facilitator_token"])
    )
    assert response.json()["role"] == "facilitator"


async def test_edits_sent_just_before_a_client_closes_are_kept(live_server: LiveServer) -> None:
    board = live_server.create_board()
    alice = live_server.join(board["join_code"], "Alice")
    async with raw_client(live_server.ws_url, board["id"], alice["token"]) as phone:
        for index in range(20):
            await phone.edit(
                lambda doc, index=index: doc.get("notes", type=Map).__setitem__(
                    f"n{index}", Map({"text": "x" * 2000, "created": 1.0})
                )
            )
    # The socket is closed; everything it sent must still reach the board.
    async with raw_client(live_server.ws_url, board["id"], alice["token"]) as later:
        await later.until(lambda: len(later.root("notes")) == 20)
