"""The store: update log round trip, compaction, deletion."""

from __future__ import annotations

import random

import pytest
from pycrdt import Array, Doc, Map, Text

from server.store import Participant, Store
from tests.conftest import make_board

pytestmark = pytest.mark.anyio


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
    board = await store.create_board(make_board(), b"\x00\x00", None)
    doc, updates = random_edits(seed=1, count=300)
    for index, update in enumerate(updates):
        store.append(board.id, update)
        if index % 50 == 0:
            await store.flush()
    stored = await store.load_document(board.id)
    assert loaded(stored.state, stored.updates) == expected(doc)
    # One row per board per flush window, not one per update.
    assert (await store.count_rows(board.id))["updates"] <= 8


async def test_compaction_keeps_content_and_empties_the_log(store: Store) -> None:
    board = await store.create_board(make_board(), b"\x00\x00", None)
    doc, updates = random_edits(seed=2, count=500)
    half = len(updates) // 2
    for update in updates[:half]:
        store.append(board.id, update)
    await store.flush()
    # The live document holds everything so far, including updates still queued.
    live: Doc = Doc()
    for update in updates[: half + 10]:
        live.apply_update(update)
    for update in updates[half : half + 10]:
        store.append(board.id, update)
    await store.compact(board.id, live.get_update())
    assert (await store.count_rows(board.id))["updates"] == 0
    for update in updates[half + 10 :]:
        store.append(board.id, update)
    await store.flush()
    stored = await store.load_document(board.id)
    assert loaded(stored.state, stored.updates) == expected(doc)


async def test_deleting_a_board_leaves_no_row_in_any_table(store: Store) -> None:
    board = await store.create_board(make_board(), b"\x00\x00", None)
    keep = await store.create_board(make_board(), b"\x00\x00", None)
    await store.add_participant(Participant("p1", board.id, "Mette", removed=False))
    await store.record_authors(board.id, ["n1"], "p1", "participant")
    _, updates = random_edits(seed=3, count=20)
    for update in updates:
        store.append(board.id, update)
        store.append(keep.id, update)
    await store.flush()
    store.append(board.id, updates[0])  # still queued when the board goes
    await store.delete_board(board.id)
    await store.flush()

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

    gone = await store.run(rows_mentioning, board.id)
    assert set(gone) >= {"boards", "updates", "states", "items", "participants"}
    assert all(count == 0 for count in gone.values()), gone
    kept = await store.run(rows_mentioning, keep.id)
    assert kept["updates"] > 0
    assert kept["boards"] == 1


async def test_authors_are_recorded_once(store: Store) -> None:
    board = await store.create_board(make_board(), b"\x00\x00", None)
    assert await store.record_authors(board.id, ["a", "b"], "p1", "participant") == ["a", "b"]
    assert await store.record_authors(board.id, ["b", "c"], "p2", "participant") == ["c"]
    assert await store.items_of(board.id, "p1", "participant") == ["a", "b"]
    assert await store.record_authors(board.id, ["f"], None, "facilitator") == ["f"]
    assert await store.items_of(board.id, None, "facilitator") == ["f"]


async def test_migrations_are_recorded_and_reopening_is_harmless(store: Store) -> None:
    applied = await store.run(
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
    ]
    second = Store(store.path)
    await second.open()
    await second.close()
