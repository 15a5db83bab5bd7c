"""Nothing another phone saw is lost when the server process dies (issue 11 §7).

An update is committed to SQLite's WAL before the room sends it to anyone, so "a phone
received it" implies "it survives kill -9", even when the phone that wrote it never
comes back. The store here never flushes on its own (a long flush interval), so only the
fan-out's commit can have put an update on disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from pycrdt import Doc, Map
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from boards.engines import ENGINES
from server.parts import board_room
from server.store import Board, Store
from server.sync import wire
from server.sync.connection import Identity
from server.sync.room import Room
from tests.support.channels import MemoryChannel
from tests.support.live import LiveServer
from tests.support.memclient import SyncedClient
from tests.support.stores import make_board, opened_store
from tests.support.wsclient import TIMEOUT_S, RawClient, raw_client
from tests.support.yproto import create_sync_message, read, update_messages

pytestmark = pytest.mark.anyio

ANNE = Identity("participant", "anne")
BENT = Identity("participant", "bent")
# The longest flush interval the settings allow: on its own the store would wait this long.
SLOW_FLUSH = {"TAVLE_FLUSH_INTERVAL_S": "1"}


def stored_notes(database: Path, board_id: str) -> dict[str, Any]:
    """Read a board's notes from the database file, as another process would."""
    doc: Doc[Any] = Doc()
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        state = db.execute("SELECT data FROM states WHERE board_id = ?", [board_id]).fetchone()
        if state is not None:
            doc.apply_update(state[0])
        for (data,) in db.execute(
            "SELECT data FROM updates WHERE board_id = ? ORDER BY id", [board_id]
        ):
            doc.apply_update(data)
    return dict(doc.get("notes", type=Map).to_py() or {})


@pytest.fixture
async def slow_store(tmp_path: Path) -> AsyncIterator[Store]:
    async with opened_store(tmp_path / "tavle.db", flush_interval_s=60) as store:
        yield store


async def notes_room(store: Store, **options: float) -> tuple[Room, Board]:
    """Create a notes board and load its room (`options`: the room's, as `board_room` takes)."""
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    room = board_room(board.id, store, ENGINES["notes"], **options)
    await room.load()
    return room, board


async def test_a_participants_update_is_on_disk_before_another_phone_gets_it(
    slow_store: Store,
) -> None:
    room, board = await notes_room(slow_store, fanout_window_s=0.015)
    anne, bent = SyncedClient(room, ANNE), SyncedClient(room, BENT)
    for index in range(5):
        key = f"anne-{index}"
        anne.edit(lambda doc, key=key: doc.get("notes", type=Map).__setitem__(key, Map(note(key))))
        await bent.until(lambda key=key: key in bent.root("notes"))
        # Read at the moment Bent has it, before the room runs again.
        assert set(bent.root("notes")) <= set(stored_notes(slow_store.path, board.id))
    await anne.leave()
    await bent.leave()


async def test_a_server_write_is_on_disk_before_a_phone_gets_it(slow_store: Store) -> None:
    room, board = await notes_room(slow_store)
    bent = SyncedClient(room, BENT)
    await bent.until(lambda: bent.last("own") is not None)
    with room.doc.transaction():
        room.doc.get("notes", type=Map)["server-1"] = Map(note("written by the server"))
    await bent.until(lambda: "server-1" in bent.root("notes"))
    assert "server-1" in stored_notes(slow_store.path, board.id)
    await bent.leave()


async def test_a_joining_phones_first_sync_holds_only_stored_updates(slow_store: Store) -> None:
    room, board = await notes_room(slow_store)
    anne = SyncedClient(room, ANNE)
    await anne.until(lambda: anne.last("own") is not None)
    bent = MemoryChannel()
    serving = asyncio.create_task(room.serve(bent, BENT))
    await _until_tavle(bent, "own")  # greeted; his first sync has not been asked for yet
    async with _writer_held(slow_store):
        anne.edit(lambda doc: doc.get("notes", type=Map).__setitem__("late", Map(note("late"))))
        await asyncio.wait_for(_applied(room, "late"), TIMEOUT_S)
        bent.push(create_sync_message(Doc()))
        # Asking for presence next: the room answers messages in order, so its answer to
        # step 1 comes before this one unless it is held for the commit.
        bent.push(bytes([wire.MESSAGE_QUERY_AWARENESS]))
        first = await _next_of(bent, ("sync-step2", "awareness"))
        assert first == "awareness", "the first sync went out before its updates were stored"
    await _next_of(bent, ("sync-step2",))
    assert "late" in stored_notes(slow_store.path, board.id)
    bent.hang_up()
    await asyncio.wait_for(serving, TIMEOUT_S)
    await anne.leave()


@contextlib.asynccontextmanager
async def _writer_held(store: Store) -> AsyncIterator[None]:
    """Keep the store's writer thread busy, so no commit finishes, until the block ends."""
    loop = asyncio.get_running_loop()
    holding: asyncio.Future[None] = loop.create_future()
    release = threading.Event()

    def hold(_db: object) -> None:
        loop.call_soon_threadsafe(holding.set_result, None)
        release.wait(TIMEOUT_S)

    held = asyncio.create_task(store.writer.run(hold))
    await holding
    try:
        yield
    finally:
        release.set()
        await held


async def _until_tavle(channel: MemoryChannel, kind: str) -> None:
    async with asyncio.timeout(TIMEOUT_S):
        while True:
            got, payload = read(await channel.sent.get())
            if got == "tavle" and isinstance(payload, dict) and payload["type"] == kind:
                return


async def _next_of(channel: MemoryChannel, kinds: tuple[str, ...]) -> str:
    async with asyncio.timeout(TIMEOUT_S):
        while True:
            got, _ = read(await channel.sent.get())
            if got in kinds:
                return got


async def _applied(room: Room, key: str) -> None:
    notes = room.doc.get("notes", type=Map)
    while key not in notes:
        await asyncio.sleep(0.005)  # sleep-ok: polling an in-memory condition


def note(text: str) -> dict[str, Any]:
    return {"text": text, "created": 1.0}


@pytest.mark.parametrize("live_server", [SLOW_FLUSH], indirect=True)
async def test_every_update_another_phone_received_survives_kill_9(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board()
    writer_token = live_server.join(board["join_code"], "Anne")["token"]
    reader_token = live_server.join(board["join_code"], "Bent")["token"]
    ws = f"{live_server.ws_url}/{board['id']}"
    async with (
        raw_client(live_server.ws_url, board["id"], writer_token) as writer,
        connect(f"{ws}?token={reader_token}") as socket,
    ):
        reader = RawClient(socket)
        # The reader's own loop: it ends once the socket is closed and every message
        # that reached this process has been applied.
        receiving = asyncio.create_task(reader.receive())
        await socket.send(create_sync_message(reader.doc))
        await asyncio.wait_for(reader.synced.wait(), TIMEOUT_S)
        burst = asyncio.create_task(_write_burst(writer, reader))
        await reader.until(lambda: len(reader.root("notes")) >= 20)
        live_server.stop(signal.SIGKILL)
        await asyncio.wait_for(receiving, TIMEOUT_S)
        burst.cancel()
        await asyncio.gather(burst, return_exceptions=True)
    received = set(reader.root("notes"))
    assert len(received) >= 20
    live_server.start()
    # The writer never comes back; what the room holds now is only what it had stored.
    fresh = live_server.join(board["join_code"], "Carl")["token"]
    async with raw_client(live_server.ws_url, board["id"], fresh) as late:
        kept = set(late.root("notes"))
    assert received <= kept, f"lost {len(received - kept)} of {len(received)} received edits"


async def _write_burst(writer: RawClient, reader: RawClient) -> None:
    """Add notes one after another, each once the reader has the one before, until killed."""
    with contextlib.suppress(ConnectionClosed):
        for index in range(2000):
            key = f"burst-{index:04d}"
            for message in update_messages(
                writer.doc,
                lambda doc, key=key: doc.get("notes", type=Map).__setitem__(key, Map(note(key))),
            ):
                await writer.websocket.send(message)
            # Paced by delivery, not by time: at most one edit is on its way at the kill.
            await reader.until(lambda key=key: key in reader.root("notes"))
