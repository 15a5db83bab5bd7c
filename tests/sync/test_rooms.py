"""The rooms of a process: one load per cold board, idle unload, shutdown saves."""

from __future__ import annotations

import asyncio

import pytest
from pycrdt import Doc, Map

from boards.engines import ENGINES
from server.parts import board_rooms
from server.store import Board, Store
from server.sync.connection import CLOSE_RESTART, Identity
from tests.support.channels import MemoryChannel
from tests.support.yproto import create_sync_message, create_update_message, read

pytestmark = pytest.mark.anyio

TIMEOUT_S = 10


async def step2_of(channel: MemoryChannel) -> bytes:
    async with asyncio.timeout(TIMEOUT_S):
        while True:
            kind, payload = read(await channel.sent.get())
            if kind == "sync-step2":
                assert isinstance(payload, bytes)
                return payload


def note_update(note_id: str, text: str) -> bytes:
    doc: Doc = Doc()
    updates: list[bytes] = []
    doc.observe(lambda event: updates.append(event.update))
    doc.get("notes", type=Map)[note_id] = Map({"text": text, "created": 1.0})
    return updates[0]


async def test_a_join_storm_on_a_cold_board_loads_it_once(store: Store, board: Board) -> None:
    store.boards.append(board.id, note_update("n1", "fra før"))
    await store.boards.flush()
    rooms = board_rooms(store)
    channels = [MemoryChannel() for _ in range(50)]
    tasks = [
        asyncio.create_task(
            rooms.serve(board.id, ENGINES["notes"], channel, Identity("participant", f"p{index}"))
        )
        for index, channel in enumerate(channels)
    ]
    for channel in channels:
        channel.push(create_sync_message(Doc()))
    for channel in channels:
        doc: Doc = Doc()
        doc.apply_update(await step2_of(channel))
        assert doc.get("notes", type=Map)["n1"]["text"] == "fra før"
    assert rooms.loads == 1
    for channel in channels:
        channel.hang_up()
    await asyncio.gather(*tasks)
    await rooms.close()


async def test_an_idle_room_is_saved_unloaded_and_loaded_again(store: Store, board: Board) -> None:
    rooms = board_rooms(store, idle_unload_s=0.05)
    channel = MemoryChannel()
    task = asyncio.create_task(
        rooms.serve(board.id, ENGINES["notes"], channel, Identity("participant", "p1"))
    )
    channel.push(create_update_message(note_update("n1", "gemt ved tomgang")))
    await step2_of_after_sync(channel)
    channel.hang_up()
    await task
    async with asyncio.timeout(TIMEOUT_S):
        while rooms.loaded(board.id) is not None or rooms._unloading:
            await asyncio.sleep(0.01)  # sleep-ok: polling for the unload timer
    counts = await store.boards.count_rows(board.id)
    assert counts["updates"] == 0  # compacted into the state on unload
    again = MemoryChannel()
    task = asyncio.create_task(
        rooms.serve(board.id, ENGINES["notes"], again, Identity("participant", "p1"))
    )
    again.push(create_sync_message(Doc()))
    doc: Doc = Doc()
    doc.apply_update(await step2_of(again))
    assert doc.get("notes", type=Map)["n1"]["text"] == "gemt ved tomgang"
    assert rooms.loads == 2
    again.hang_up()
    await task
    await rooms.close()


async def step2_of_after_sync(channel: MemoryChannel) -> None:
    channel.push(create_sync_message(Doc()))
    doc: Doc = Doc()
    doc.apply_update(await step2_of(channel))
    assert "n1" in doc.get("notes", type=Map)


async def test_close_ends_connections_with_1012_and_saves(store: Store, board: Board) -> None:
    rooms = board_rooms(store)
    channel = MemoryChannel()
    task = asyncio.create_task(
        rooms.serve(board.id, ENGINES["notes"], channel, Identity("participant", "p1"))
    )
    channel.push(create_update_message(note_update("n1", "gemt ved lukning")))
    await step2_of_after_sync(channel)
    await rooms.close()
    code, _ = await asyncio.wait_for(channel.closed, TIMEOUT_S)
    assert code == CLOSE_RESTART
    await task
    stored = await store.boards.load_document(board.id)
    doc: Doc = Doc()
    assert stored.state is not None
    doc.apply_update(stored.state)
    for update in stored.updates:
        doc.apply_update(update)
    assert doc.get("notes", type=Map)["n1"]["text"] == "gemt ved lukning"


async def test_a_board_in_use_is_re_indexed_for_search(
    store: Store, board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("server.sync.rooms.MAINTENANCE_INTERVAL_S", 0.01)
    monkeypatch.setattr("server.sync.rooms.INDEX_INTERVAL_S", 0.0)
    rooms = board_rooms(store)
    rooms.start()
    channel = MemoryChannel()
    serving = asyncio.create_task(
        rooms.serve(board.id, ENGINES["notes"], channel, Identity("participant", "p1"))
    )
    channel.push(create_sync_message(Doc()))
    await step2_of(channel)
    channel.push(create_update_message(note_update("n1", "kvarterløft i Vollsmose")))
    # Found by its text while the board is still open, with no compaction in between.
    async with asyncio.timeout(TIMEOUT_S):
        while not await store.library.search("kvarterløft", [board.id]):
            await asyncio.sleep(0.01)  # sleep-ok: the index is written in the background
    assert store.boards.rows_since_compaction(board.id) < 200
    channel.hang_up()
    await asyncio.wait_for(serving, TIMEOUT_S)
    await rooms.close()
