"""Deleted means gone from the disk: no byte of a deleted board stays in its files (issue 11 §8).

Rows going is not enough: SQLite leaves deleted content in free pages unless
`secure_delete` is on, older page versions stay in the WAL until a checkpoint, and FTS5
keeps a deleted document's terms in older index segments until they are merged.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
from pathlib import Path

import httpx
import pytest
from pycrdt import Map

from tests.support.live import LiveServer
from tests.support.liveboard import LEAD, live_board

pytestmark = pytest.mark.anyio

# Distinctive words, each unlike any other text in the database (FTS5 stores terms with
# their shared prefix left out, so each starts with letters no other term starts with).
TITLE = "Qzxtitelord Kommune"
NAME = "Qzynavnord Hansen"
NOTE = "Qzwnotetekst om borgerne"
LABEL = "Qzvsnapshotmærke"
SECRETS = ("qzxtitelord", "qzynavnord", "qzwnotetekst", "qzvsnapshotm")


def disk_bytes(data_dir: Path) -> bytes:
    """Return the database file and its WAL, lowercased, as one block of bytes."""
    files = [data_dir / "tavle.db", data_dir / "tavle.db-wal"]
    return b"".join(path.read_bytes() for path in files if path.exists()).lower()


def found(data_dir: Path) -> list[str]:
    data = disk_bytes(data_dir)
    return [secret for secret in SECRETS if secret.encode() in data]


async def test_a_deleted_boards_names_and_texts_leave_the_disk(live_server: LiveServer) -> None:
    board = live_board(live_server, TITLE, "notes", NAME)
    async with board.clients(LEAD, NAME) as (lead, phone):
        await phone.edit(
            lambda doc: doc.get("notes", type=Map).__setitem__(
                "anne-1", Map({"text": NOTE, "created": 1.0})
            )
        )
        await lead.until(lambda: "anne-1" in lead.root("notes"))
        await lead.command({"type": "snapshot.take", "label": LABEL})
        await lead.until(lambda: len(lead.last("snapshots").get("items", [])) == 1)
    # A clean restart compacts the board and indexes its text for search.
    live_server.stop(signal.SIGTERM)
    live_server.start()
    database = live_server.data_dir / "tavle.db"
    with contextlib.closing(sqlite3.connect(database)) as db:
        (indexed,) = db.execute(
            "SELECT count(*) FROM board_search_fts WHERE board_search_fts MATCH 'qzwnotetekst'"
        ).fetchone()
    assert indexed == 1
    assert found(live_server.data_dir) == list(SECRETS)  # the test can see them at all

    deleted = await asyncio.to_thread(
        httpx.delete, f"{live_server.url}/api/boards/{board.id}", headers=board.headers()
    )
    assert deleted.status_code == 204
    assert found(live_server.data_dir) == []


async def test_a_deleted_events_name_and_boards_leave_the_disk(live_server: LiveServer) -> None:
    event = "Qzuarrangement Storledermøde"
    board = live_server.create_board(TITLE, event=event)
    live_server.join(board["join_code"], NAME)
    database = live_server.data_dir / "tavle.db"
    with contextlib.closing(sqlite3.connect(database)) as db:
        (event_id,) = db.execute(
            "SELECT event_id FROM boards WHERE id = ?", [board["id"]]
        ).fetchone()
    assert b"qzuarrangement" in disk_bytes(live_server.data_dir)
    cookie = {f"tavle_b_{board['id']}": board["facilitator_token"]}
    # Same-origin, as the library page sends it.
    headers = {"accept": "application/json", "origin": live_server.url}
    with httpx.Client(base_url=live_server.url, cookies=cookie, headers=headers) as lead:
        deleted = await asyncio.to_thread(lead.delete, f"/api/events/{event_id}")
    assert deleted.status_code == 204
    data = disk_bytes(live_server.data_dir)
    assert b"qzuarrangement" not in data
    assert b"qzxtitelord" not in data
    assert b"qzynavnord" not in data


async def test_a_programmes_name_leaves_the_disk_with_its_last_event(
    live_server: LiveServer,
) -> None:
    # Issue 15: a programme exists while it has an event; its name must not outlive them.
    board = live_server.create_board(TITLE, kind="charter", event="Qzsforste Storledermøde")
    lead = {"authorization": f"Bearer {board['facilitator_token']}", "accept": "application/json"}
    carried = await asyncio.to_thread(
        httpx.post,
        f"{live_server.url}/api/boards/{board['id']}/carry",
        json={"event": {"name": "Qzrandet Temadag"}, "programme": "Qzqforlobsnavn"},
        headers=lead,
    )
    assert carried.status_code == 201
    later = carried.json()
    assert b"qzqforlobsnavn" in disk_bytes(live_server.data_dir)
    # The earlier round goes: the later one stays, unlinked, and the programme with it.
    deleted = await asyncio.to_thread(
        httpx.delete, f"{live_server.url}/api/boards/{board['id']}", headers=lead
    )
    assert deleted.status_code == 204
    with contextlib.closing(sqlite3.connect(live_server.data_dir / "tavle.db")) as db:
        row = db.execute(
            "SELECT previous_board_id FROM boards WHERE id = ?", [later["id"]]
        ).fetchone()
    assert row == (None,)
    assert b"qzsforste" not in disk_bytes(live_server.data_dir)
    assert b"qzqforlobsnavn" in disk_bytes(live_server.data_dir)
    later_lead = {**lead, "authorization": f"Bearer {later['facilitator_token']}"}
    deleted = await asyncio.to_thread(
        httpx.delete, f"{live_server.url}/api/boards/{later['id']}", headers=later_lead
    )
    assert deleted.status_code == 204
    data = disk_bytes(live_server.data_dir)
    assert b"qzqforlobsnavn" not in data
    assert b"qzrandet" not in data
