"""The store: update log round trip, compaction, deletion, reads beside the writer.

Every test that takes `store` (or `database_location`) runs on SQLite and on PostgreSQL
(tests/conftest.py); the few about SQLite's own file take `sqlite_store`.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import sqlite3
import threading
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
import pytest
from pycrdt import Array, Doc, Map, Text

from server.store import BOARD_TABLES, Event, Participant, Store
from server.store.postgres import to_pyformat
from server.store.sql import Database
from server.sync.ports import Fenced
from tests.support.postgres import PostgresCluster
from tests.support.stores import make_board, opened_store

pytestmark = pytest.mark.anyio

TIMEOUT_S = 5.0


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[Store]:
    """A store on a fresh SQLite file, for the tests of SQLite's own settings and file."""
    async with opened_store(tmp_path / "tavle.db") as store:
        yield store


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

    def rows_mentioning(db: Database, board_id: str) -> dict[str, int]:
        found = {}
        for table, columns in table_columns(db).items():
            column = "board_id" if "board_id" in columns else "id" if table == "boards" else None
            if column:
                (count,) = db.execute(
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


async def test_deleting_a_board_empties_every_table_it_has_rows_in(store: Store) -> None:
    event = Event(id="e1", name="Storledermøde", date="2027-03-14")
    board = await store.boards.create(replace(make_board(), event_id=event.id), b"", event)
    await store.people.add_participant(Participant("p1", board.id, "Mette", removed=False))
    await store.facilitation.save_session(board.id, '{"anonymous": true}')
    await store.people.record_authors(board.id, ["n1"], "p1", "participant")
    session_id = await store.people.open_vote(
        {
            "board_id": board.id,
            "budget": 3,
            "per_note": 2,
            "zone": None,
            "show_live": 0,
            "status": "open",
            "results_visible": 0,
            "opened": "2027-03-14T10:00:00",
        }
    )
    await store.people.set_dots(session_id, board.id, "p1", "n1", 2)
    await store.charter.set_reaction(board.id, "example", "ex1", "p1", "like")
    await store.charter.add_version(
        {"board_id": board.id, "section_id": "s1", "kind": "accepted", "wording": "w", "text": "t"}
    )
    await store.facilitation.add_facilitator_key(board.id, "co-hash")
    await store.facilitation.put_private_item(
        {
            "board_id": board.id,
            "item_id": "i1",
            "participant_id": "p1",
            "root": "notes",
            "fields": "{}",
            "created": "2027-03-14T10:00:00",
        }
    )
    await store.facilitation.put_moderated(
        {
            "board_id": board.id,
            "root": "notes",
            "item_id": "i2",
            "fields": "{}",
            "action": "hide",
            "created": "2027-03-14T10:00:00",
        }
    )
    snapshot = await store.facilitation.add_snapshot(
        {
            "board_id": board.id,
            "label": "Før",
            "kind": "manual",
            "document": b"\x00\x00",
            "extras": "{}",
            "counts": "{}",
        }
    )
    assert snapshot > 0
    await store.library.add_board_key(board.id, "ro-hash", "viewer")
    await store.library.add_event_key(event.id, "team-hash")
    await store.library.set_search_text(board.id, board.title, "borgerne", {"notes": 1})
    await store.boards.fence(board.id, 1, "node-a")
    store.boards.append(board.id, b"\x00\x00")
    await store.boards.commit(board.id)
    before = await store.boards.count_rows(board.id)
    assert all(before[table] > 0 for table in (*BOARD_TABLES, "boards")), before
    # Written while the board was anonymous: the rows say so, on either database.
    assert await store.people.named_authors_of(board.id) == {}

    await store.boards.delete(board.id)
    after = await store.boards.count_rows(board.id)
    assert set(after.values()) == {0}, after
    assert await store.boards.get_event(event.id) is None
    assert await store.library.event_of_key("team-hash") is None


async def test_search_finds_words_as_typed_and_marks_them(store: Store) -> None:
    board = await store.boards.create(make_board(), b"", None)
    other = await store.boards.create(make_board(), b"", None)
    text = "Sundhedsplejerske på hjemmebesøg hos Ærø-familien; frivillige og ældre borgere"
    await store.library.set_search_text(board.id, "Værdi for borgerne", text, {"notes": 1})
    await store.library.set_search_text(other.id, "Andet", "kvarterløft", {"notes": 1})
    both = [board.id, other.id]
    for query in ("hjemmebesøg", "ÆLDRE", "ærø", "sundhedsplejerske frivillige", "værdi"):
        found = await store.library.search(query, both)
        assert [row["board_id"] for row in found] == [board.id], query
    found = await store.library.search("hjemmebesøg", both)
    assert "[hjemmebesøg]" in found[0]["snippet"]
    # Every word must occur; what people type is never search syntax.
    assert await store.library.search("hjemmebesøg kvarterløft", both) == []
    assert await store.library.search('"; DROP TABLE boards; --', both) == []
    assert await store.library.search("kvarterløft OR borgere", both) == []
    assert await store.library.search("kvarterløft", [board.id]) == []


async def test_authors_are_recorded_once(store: Store) -> None:
    board = await store.boards.create(make_board(), b"\x00\x00", None)
    recorded = await store.people.record_authors(board.id, ["a", "b"], "p1", "participant")
    assert recorded == ["a", "b"]
    assert await store.people.record_authors(board.id, ["b", "c"], "p2", "participant") == ["c"]
    assert await store.people.items_of(board.id, "p1", "participant") == ["a", "b"]
    assert await store.people.record_authors(board.id, ["f"], None, "facilitator") == ["f"]
    assert await store.people.items_of(board.id, None, "facilitator") == ["f"]


def table_columns(db: Database) -> dict[str, list[str]]:
    """Return every table of Tavle's schema with its columns, read from the database."""
    if db.dialect.is_postgresql:
        rows = db.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
        ).fetchall()
    else:
        rows = db.execute(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p"
            " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid"
        ).fetchall()
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        tables.setdefault(table, []).append(column)
    return tables


async def test_migrations_are_recorded_and_reopening_is_harmless(store: Store) -> None:
    def names(db: Database) -> list[str]:
        table = "tavle_migrations" if db.dialect.is_postgresql else "_sqlite_migrations"
        return [row[0] for row in db.execute(f"SELECT name FROM {table} ORDER BY name")]

    applied = await store.writer.run(names)
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
        "0011_programmes",
        "0012_table_groups",
    ]
    second = Store(store.location)
    await second.open()
    await second.close()
    assert await store.writer.run(names) == applied


async def test_both_databases_have_the_same_tables_and_columns(
    store: Store, tmp_path: Path
) -> None:
    async with opened_store(tmp_path / "reference.db") as sqlite:
        expected = await sqlite.writer.run(table_columns)
    found = await store.writer.run(table_columns)
    # SQLite's search index and migration record are its own; so are PostgreSQL's.
    for own in ("_sqlite_migrations", "tavle_migrations"):
        expected.pop(own, None)
        found.pop(own, None)
    expected = {table: columns for table, columns in expected.items() if "_fts" not in table}
    found = {table: columns for table, columns in found.items() if "_fts" not in table}
    if "search" in found.get("board_search", []):
        found["board_search"].remove("search")  # PostgreSQL's tsvector column
    assert found == expected


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
    refused: tuple[type[Exception], str] = (
        (sqlite3.OperationalError, "readonly")
        if store.path is not None
        else (psycopg.errors.ReadOnlySqlTransaction, "read-only transaction")
    )
    with pytest.raises(refused[0], match=refused[1]):
        await store.reader.run(lambda db: db.execute("DELETE FROM boards"))
    assert await store.boards.get(board.id) == board


@pytest.fixture
async def postgres_store(postgres_url: str) -> AsyncIterator[Store]:
    """A store on a fresh PostgreSQL database, for the tests of PostgreSQL's settings."""
    async with opened_store(postgres_url) as store:
        yield store


async def test_every_postgresql_connection_keeps_its_settings(postgres_store: Store) -> None:
    store = postgres_store
    names = ("transaction_read_only", "transaction_isolation", "lock_timeout")

    def settings(db: Database) -> dict[str, str]:
        with db.atomic():
            return {name: db.execute(f"SHOW {name}").fetchone()[0] for name in names}

    together = threading.Barrier(store.reader.size, timeout=TIMEOUT_S)

    def settings_together(db: Database) -> dict[str, str]:
        together.wait()
        return settings(db)

    writing = {"transaction_read_only": "off", "transaction_isolation": "read committed"}
    assert await store.writer.run(settings) == {**writing, "lock_timeout": "5s"}
    reading = {"transaction_read_only": "on", "transaction_isolation": "repeatable read"}
    readers = [store.reader.run(settings_together) for _ in range(store.reader.size)]
    expected = {**reading, "lock_timeout": "5s"}
    assert await asyncio.gather(*readers) == [expected] * store.reader.size


async def test_every_connection_keeps_the_same_settings(sqlite_store: Store) -> None:
    store = sqlite_store
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


async def test_a_deleted_board_leaves_no_byte_on_disk_after_reads(sqlite_store: Store) -> None:
    store = sqlite_store
    assert store.path is not None
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


async def test_an_owner_fenced_by_a_newer_epoch_writes_nothing_more(
    database_location: Path | str,
) -> None:
    """Two processes on one database: the older owner's log writes and compaction are refused."""
    path = database_location
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


async def test_a_lost_postgresql_connection_is_opened_again_for_the_next_write(
    postgres_store: Store, postgres: PostgresCluster
) -> None:
    store = postgres_store
    board = await store.boards.create(make_board(), b"", None)
    await store.people.add_participant(Participant("p1", board.id, "Mette", removed=False))
    with postgres.admin() as admin:
        # Every connection of the test's database ends, as when its server restarts.
        admin.execute(
            b"SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            b" WHERE datname = current_database() AND pid <> pg_backend_pid()"
            b" OR application_name = 'tavle'"
        )
    with pytest.raises(psycopg.OperationalError):
        await store.people.rename_participant("p1", "Mette Lost")
    await store.people.rename_participant("p1", "Mette Again")
    # Each reading connection fails the one read that finds it lost, then connects again.
    lost = 0
    for _ in range(store.reader.size * 3):
        try:
            participant = await store.people.get_participant("p1")
        except psycopg.OperationalError:
            lost += 1
            continue
        assert participant is not None
        assert participant.name == "Mette Again"
    assert lost <= store.reader.size


async def test_a_snapshots_side_rows_and_an_imports_rows_go_back_in(store: Store) -> None:
    board = await store.boards.create(make_board(), b"", None)
    await store.people.add_participant(Participant("p1", board.id, "Mette", removed=False))
    await store.people.record_authors(board.id, ["n1"], "p1", "participant")
    session = {
        "board_id": board.id,
        "budget": 3,
        "per_note": 2,
        "zone": None,
        "show_live": 1,
        "status": "open",
        "results_visible": 1,
        "opened": "2027-03-14T10:00:00",
    }
    session_id = await store.people.open_vote(session)
    await store.people.set_dots(session_id, board.id, "p1", "n1", 2)
    await store.charter.set_reaction(board.id, "example", "ex1", "p1", "like")
    await store.facilitation.save_session(board.id, '{"phase": "write"}')
    side = await store.facilitation.side_state(board.id)
    await store.people.set_dots(session_id, board.id, "p1", "n1", 0)
    await store.charter.set_reaction(board.id, "example", "ex1", "p1", None)
    await store.people.update_vote(session_id, status="closed", results_top=5)

    await store.facilitation.restore_side_state(board.id, side)
    assert await store.facilitation.side_state(board.id) == side

    copy = await store.boards.create(make_board(), b"", None)
    latest = await store.people.latest_vote(board.id)
    assert latest is not None
    vote, dots = latest
    await store.facilitation.import_rows(
        copy.id,
        {
            "items": [{**row, "board_id": copy.id} for row in side["items"]],
            "board_sessions": [{"board_id": copy.id, "state": "{}", "updated": "now"}],
            "votes": [
                {
                    "session": {**vote, "board_id": copy.id},
                    "dots": [
                        {k: v for k, v in {**dot, "board_id": copy.id}.items() if k != "session_id"}
                        for dot in dots
                    ],
                }
            ],
        },
    )
    imported = await store.people.latest_vote(copy.id)
    assert imported is not None
    assert imported[0]["id"] != vote["id"]
    assert [dot["dots"] for dot in imported[1]] == [2]
    assert await store.people.authors_of(copy.id) == {"n1": "p1"}
    assert await store.facilitation.session_of(copy.id) == "{}"


@pytest.mark.parametrize(
    ("sqlite", "psycopg_sql"),
    [
        ("SELECT 1 FROM t WHERE a = ? AND b IS ?", "SELECT 1 FROM t WHERE a = %s AND b IS %s"),
        ("VALUES (:board_id, :x_1)", "VALUES (%(board_id)s, %(x_1)s)"),
        ("SELECT '?', 'a:b', '50%' WHERE c LIKE ?", "SELECT '?', 'a:b', '50%%' WHERE c LIKE %s"),
        ('SELECT CAST(x AS jsonb), y::text, "q?"', 'SELECT CAST(x AS jsonb), y::text, "q?"'),
    ],
)
def test_sqlite_placeholders_become_psycopgs(sqlite: str, psycopg_sql: str) -> None:
    assert to_pyformat(sqlite) == psycopg_sql
