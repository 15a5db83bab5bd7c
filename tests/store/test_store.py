"""The store: update log round trip, compaction, deletion, reads beside the writer."""

from __future__ import annotations

import asyncio
import contextlib
import random
import sqlite3
import threading
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pycrdt import Array, Doc, Map, Text
from sqlite_utils import Database

from server.store import Participant, Store
from tests.support.stores import make_board

pytestmark = pytest.mark.anyio

TIMEOUT_S = 5.0


def random_edits(seed: int, count: int) -> tuple[Doc, list[bytes]]:
    """Make count random edits in a doc; return it and the update of each edit."""
    rng = random.Random(seed)
    doc: Doc = Doc()
    updates: list[bytes] = []
    doc.observe(lambda event: updates.append(event.update))
    notes = doc.get("notes", type=Map)
    text = doc.get("charter", type=Text)
    order = doc.get("order", type=Array)
    for index in range(count):
        choice = rng.random()
        if choice < 0.4 or not notes:
            notes[f"n{index}"] = Map({"text": f"note {index}", "created": float(index)})
        elif choice < 0.6:
            key = rng.choice(list(notes.keys()))
            notes[key]["text"] = f"edited {index}"
        elif choice < 0.7:
            del notes[rng.choice(list(notes.keys()))]
        elif choice < 0.9:
            text.insert(rng.randint(0, len(text)), rng.choice(["tillid ", "mod ", "ansvar "]))
        else:
            order.append(index)
    return doc, updates


def loaded(stored_state: bytes | None, updates: list[bytes]) -> dict[str, object]:
    doc: Doc = Doc()
    if stored_state:
        doc.apply_update(stored_state)
    for update in updates:
        doc.apply_update(update)
    return {
        "notes": doc.get("notes", type=Map).to_py(),
        "charter": str(doc.get("charter", type=Text)),
        "order": doc.get("order", type=Array).to_py(),
    }


def expected(doc: Doc) -> dict[str, object]:
    return {
        "notes": doc.get("notes", type=Map).to_py(),
        "charter": str(doc.get("charter", type=Text)),
        "order": doc.get("order", type=Array).to_py(),
    }


async def test_update_log_round_trip(store: Store) -> None:
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    doc, updates = random_edits(seed=1, count=300)
    for index, update in enumerate(updates):
        store.boards.append(board.id, update)
        if index % 50 == 0:
            await store.boards.flush()
    stored = await store.boards.load_document(board.id)
    assert loaded(stored.state, stored.updates) == expected(doc)
    # One row per board per flush window, not one per update.
    assert (await store.boards.count_rows(board.id))["updates"] <= 8


async def test_compaction_keeps_content_and_empties_the_log(store: Store) -> None:
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    doc, updates = random_edits(seed=2, count=500)
    half = len(updates) // 2
    for update in updates[:half]:
        store.boards.append(board.id, update)
    await store.boards.flush()
    # The live document holds everything so far, including updates still queued.
    live: Doc = Doc()
    for update in updates[: half + 10]:
        live.apply_update(update)
    for update in updates[half : half + 10]:
        store.boards.append(board.id, update)
    await store.boards.compact(board.id, live.get_update())
    assert (await store.boards.count_rows(board.id))["updates"] == 0
    for update in updates[half + 10 :]:
        store.boards.append(board.id, update)
    await store.boards.flush()
    stored = await store.boards.load_document(board.id)
    assert loaded(stored.state, stored.updates) == expected(doc)


async def test_deleting_a_board_leaves_no_row_in_any_table(store: Store) -> None:
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    keep = await store.boards.create(make_board(), b"\x00\x00", None)
    await store.people.add_participant(Participant("p1", board.id, "Mette", removed=False))
    await store.people.record_authors(board.id, ["n1"], "p1", "participant")
    _, updates = random_edits(seed=3, count=20)
    for update in updates:
        store.boards.append(board.id, update)
        store.boards.append(keep.id, update)
    await store.boards.flush()
    store.boards.append(board.id, updates[0])  # still queued when the board goes
    await store.boards.delete(board.id)
    await store.boards.flush()

    def rows_mentioning(db: object, board_id: str) -> dict[str, int]:
        found = {}
        for (table,) in db.execute(  # type: ignore[attr-defined]
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall():
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()]  # type: ignore[attr-defined]
            column = "board_id" if "board_id" in columns else "id" if table == "boards" else None
            if column:
                (count,) = db.execute(  # type: ignore[attr-defined]
                    f"SELECT count(*) FROM {table} WHERE {column} = ?", [board_id]
                ).fetchone()
                found[table] = count
        return found

    gone = await store.writer.run(rows_mentioning, board.id)
    assert set(gone) >= {"boards", "updates", "states", "items", "participants"}
    assert all(count == 0 for count in gone.values()), gone
    kept = await store.writer.run(rows_mentioning, keep.id)
    assert kept["updates"] > 0
    assert kept["boards"] == 1


async def test_authors_are_recorded_once(store: Store) -> None:
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    recorded = await store.people.record_authors(board.id, ["a", "b"], "p1", "participant")
    assert recorded == ["a", "b"]
    assert await store.people.record_authors(board.id, ["b", "c"], "p2", "participant") == ["c"]
    assert await store.people.items_of(board.id, "p1", "participant") == ["a", "b"]
    assert await store.people.record_authors(board.id, ["f"], None, "facilitator") == ["f"]
    assert await store.people.items_of(board.id, None, "facilitator") == ["f"]


async def test_migrations_are_recorded_and_reopening_is_harmless(store: Store) -> None:
    applied = await store.writer.run(
        lambda db: [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations").fetchall()]
    )
    assert applied == [
        "0001_boards_and_updates",
        "0002_votes",
        "0003_charter",
        "0004_facilitation",
        "0005_private_moderation_snapshots",
        "0006_library",
        "0007_events_not_by_name",
        "0008_written_while_anonymous",
        "0009_results_top",
        "0010_board_owners",
    ]
    second = Store(store.path)
    await second.open()
    await second.close()


# -- the writer and the readers ------------------------------------------------------


@contextlib.asynccontextmanager
async def writer_held(store: Store) -> AsyncIterator[asyncio.Task[None]]:
    """Keep the writer thread busy until the block ends; yield the task that waits on it."""
    loop = asyncio.get_running_loop()
    holding: asyncio.Future[None] = loop.create_future()
    release = threading.Event()

    def hold(_db: Database) -> None:
        loop.call_soon_threadsafe(holding.set_result, None)
        release.wait(TIMEOUT_S * 4)

    held = asyncio.create_task(store.writer.run(hold))
    await holding
    try:
        yield held
    finally:
        release.set()
        await asyncio.gather(held, return_exceptions=True)


async def test_reads_do_not_wait_for_a_busy_writer(store: Store) -> None:
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    await store.people.add_participant(Participant("p1", board.id, "Mette", removed=False))
    await store.library.set_search_text(board.id, board.title, "kvarterløft", {"notes": 1})
    async with writer_held(store), asyncio.timeout(TIMEOUT_S):
        assert await store.boards.get(board.id) == board
        assert await store.people.participant_names(board.id) == {"p1": "Mette"}
        found = await store.library.search("kvarterløft", [board.id])
        assert [row["board_id"] for row in found] == [board.id]


async def test_a_read_sees_every_write_that_returned_before_it(store: Store) -> None:
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    await store.people.add_participant(Participant("p1", board.id, "Mette", removed=False))
    for index in range(100):
        await store.people.rename_participant("p1", f"Mette {index}")
        participant = await store.people.get_participant("p1")
        assert participant is not None
        assert participant.name == f"Mette {index}"


async def test_loading_a_document_waits_for_a_commit_on_its_way(store: Store) -> None:
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    doc, updates = random_edits(seed=4, count=40)
    async with writer_held(store):
        for update in updates:
            store.boards.append(board.id, update)
        committing = asyncio.create_task(store.boards.commit(board.id))
        await asyncio.sleep(0)  # sleep-ok: one turn, in which the commit takes the queue
        loading = asyncio.create_task(store.boards.load_document(board.id))
        await asyncio.sleep(0)  # sleep-ok: one turn, in which the load starts waiting
        assert not loading.done()
    await committing
    stored = await asyncio.wait_for(loading, TIMEOUT_S)
    assert loaded(stored.state, stored.updates) == expected(doc)


async def test_a_cancelled_write_keeps_the_connection_until_the_writer_is_done(
    store: Store,
) -> None:
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    _, updates = random_edits(seed=5, count=1)
    async with writer_held(store) as held:
        held.cancel()
        # The job still runs on the writer thread, so the commit may not use the
        # connection on the event loop: it waits for the thread.
        store.boards.append(board.id, updates[0])
        committing = asyncio.create_task(store.boards.commit(board.id))
        await asyncio.sleep(0)  # sleep-ok: one turn, in which the commit starts
        assert not committing.done()
    await asyncio.wait_for(committing, TIMEOUT_S)
    assert (await store.boards.count_rows(board.id))["updates"] == 1


async def test_readers_cannot_write(store: Store) -> None:
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        await store.reader.run(lambda db: db.execute("DELETE FROM boards"))
    assert await store.boards.get(board.id) == board


async def test_every_connection_keeps_the_same_settings(store: Store) -> None:
    names = ("journal_mode", "synchronous", "secure_delete", "foreign_keys", "busy_timeout")
    expected = {
        "journal_mode": "wal",
        "synchronous": 1,  # NORMAL
        "secure_delete": 1,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }

    def settings(db: Database) -> dict[str, Any]:
        return {name: db.execute(f"PRAGMA {name}").fetchone()[0] for name in names}

    # Every reader at once: each waits for the others, so no connection answers twice.
    together = threading.Barrier(store.reader.size, timeout=TIMEOUT_S)

    def settings_together(db: Database) -> dict[str, Any]:
        together.wait()
        return settings(db)

    assert await store.writer.run(settings) == expected
    readers = [store.reader.run(settings_together) for _ in range(store.reader.size)]
    assert await asyncio.gather(*readers) == [expected] * store.reader.size


async def test_a_deleted_board_leaves_no_byte_on_disk_after_reads(store: Store) -> None:
    secret = "qzxreaderord"
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    await store.people.add_participant(Participant("p1", board.id, secret, removed=False))
    await store.library.set_search_text(board.id, secret, f"{secret} borgerne", {"notes": 1})
    # Reads on every reader touch the rows and the search index before the deletion.
    for _ in range(store.reader.size * 2):
        assert await store.library.search(secret, [board.id])
        assert await store.people.participant_names(board.id) == {"p1": secret}
    await store.boards.delete(board.id)
    files = [store.path, store.path.with_name(store.path.name + "-wal")]
    data = b"".join(path.read_bytes() for path in files if path.exists()).lower()
    assert secret.encode() not in data


async def test_an_owner_fenced_by_a_newer_epoch_writes_nothing_more(tmp_path: Any) -> None:
    """Two processes on one database: the older owner's log writes and compaction are refused."""
    from server.sync.ports import Fenced
    from tests.support.stores import opened_store

    path = tmp_path / "tavle.db"
    async with opened_store(path) as old, opened_store(path) as new:
        board = make_board()
        await old.boards.create(board, b"", None)
        await old.boards.fence(board.id, 1, "old")
        _, updates = random_edits(seed=3, count=4)
        old.boards.append(board.id, updates[0])
        await old.boards.commit(board.id)

        await new.boards.fence(board.id, 2, "new")
        old.boards.append(board.id, updates[1])
        with pytest.raises(Fenced):
            await old.boards.commit(board.id)
        with pytest.raises(Fenced):
            await old.boards.fence(board.id, 1, "old")
        new.boards.append(board.id, updates[2])
        await new.boards.commit(board.id)

        stored = await new.boards.load_document(board.id)
        assert stored.updates == [updates[0], updates[2]]
        # The old owner's compaction would drop the new owner's rows: refused as well.
        with pytest.raises(Fenced):
            await old.boards.compact(board.id, b"")
        assert (await new.boards.load_document(board.id)).updates == [updates[0], updates[2]]
