"""SQLite persistence: boards, participants, authorship and each board's update log.

Every database call runs on one writer thread with its own connection, so the event
loop never blocks on disk and writes are serialized (the datasette pattern). Updates
are buffered in memory and committed by the room's fan-out before it sends them
(`commit`, one transaction per fan-out window); a periodic flush is the backstop.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pycrdt import merge_updates
from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from server.charter_records import CharterRecords
from server.facilitation_records import FacilitationRecords
from server.library_records import LibraryRecords
from server.migrations import migrations
from server.records import Participant, PeopleAndVotes, utc_now

__all__ = ["BOARD_TABLES", "Board", "Event", "Participant", "Store", "StoredDocument", "utc_now"]

log = logging.getLogger(__name__)

T = TypeVar("T")

# Every table holding rows of a board, children first: deleting a board empties each.
BOARD_TABLES = (
    "votes",
    "vote_sessions",
    "reactions",
    "charter_versions",
    "board_sessions",
    "facilitator_keys",
    "private_items",
    "moderated_items",
    "snapshots",
    "board_keys",
    "board_search",
    "updates",
    "states",
    "items",
    "participants",
)


@dataclass(frozen=True)
class Board:
    """A board's row."""

    id: str
    event_id: str | None
    kind: str
    title: str
    locale: str
    created: str
    updated: str
    join_code: str
    facilitator_hash: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Board:
        """Build a board from its database row."""
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Event:
    """A named gathering that boards belong to."""

    id: str
    name: str
    date: str | None


@dataclass(frozen=True)
class StoredDocument:
    """What loading a board's document reads: its compacted state and newer updates."""

    state: bytes | None
    updates: list[bytes]


class Store(PeopleAndVotes, CharterRecords, FacilitationRecords, LibraryRecords):
    """The database, reached only through the writer thread."""

    def __init__(self, path: Path, *, flush_interval_s: float = 0.25) -> None:
        self.path = path
        self.flush_interval_s = flush_interval_s
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tavle-db")
        self._db: Database | None = None
        self._pending: dict[str, list[bytes]] = {}
        self._rows_since_compaction: dict[str, int] = {}
        self._flusher: asyncio.Task[None] | None = None
        self._flush_wakeup = asyncio.Event()
        self._jobs = 0  # jobs handed to the writer thread and not yet finished

    # -- lifecycle ---------------------------------------------------------------

    async def open(self) -> None:
        """Open the database, apply migrations and start the flusher."""
        await self.run(self._open)
        self._flusher = asyncio.create_task(self._flush_forever(), name="tavle-store-flusher")

    def _open(self, _db: None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # The event loop may commit the update log itself while the writer thread is idle
        # (see `commit`); the two never use the connection at the same time.
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        db = Database(conn)
        db.enable_wal()
        # In WAL mode NORMAL syncs at checkpoints, not at each commit: a committed
        # transaction survives a crash of the process, not necessarily of the machine.
        db.execute("PRAGMA synchronous=NORMAL")
        # Deleted rows are overwritten with zeros, whatever SQLite's compiled default is:
        # a deleted board's names and texts must not stay readable in free pages.
        db.execute("PRAGMA secure_delete=ON")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=5000")
        migrations.apply(db)
        self._db = db

    async def close(self) -> None:
        """Write everything pending, stop the flusher and close the database."""
        if self._flusher is not None:
            self._flusher.cancel()
            await asyncio.gather(self._flusher, return_exceptions=True)
            self._flusher = None
        await self.flush()
        await self.run(lambda db: db.conn.close())
        self._executor.shutdown(wait=True)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run fn(db, *args) on the writer thread and return its result."""
        loop = asyncio.get_running_loop()
        self._jobs += 1
        try:
            return await loop.run_in_executor(self._executor, self._call, fn, args)
        finally:
            self._jobs -= 1

    def _call(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        return fn(self._db, *args)

    # -- the update log ----------------------------------------------------------

    def append(self, board_id: str, update: bytes) -> None:
        """Queue an applied update; it is written within one flush window."""
        self._pending.setdefault(board_id, []).append(update)

    async def commit(self, board_id: str) -> None:
        """Commit every queued update of a board; return once SQLite's WAL holds them.

        While the writer thread has jobs, the commit queues behind them, even with
        nothing to write: the thread runs jobs in order, so a flush or compaction that
        took these updates earlier has committed them by the time this returns.
        """
        updates = self._pending.pop(board_id, [])
        batch = {board_id: updates} if updates else {}
        try:
            if self._jobs == 0 and self._db is not None:
                # The writer thread has nothing queued or running, so nothing written
                # earlier can be waiting there: commit here, a tenth of a millisecond,
                # rather than a round trip through the thread (which a busy event loop
                # made several milliseconds of every edit's latency; docs/benchmarks.md).
                written = self._write_batch(self._db, batch)
            else:
                written = await self.run(self._write_batch, batch)
        except BaseException:
            # Keep them queued, ahead of newer ones, for the next commit or flush.
            self._pending[board_id] = updates + self._pending.get(board_id, [])
            raise
        if written:
            self._rows_since_compaction[board_id] = self.rows_since_compaction(board_id) + 1

    def rows_since_compaction(self, board_id: str) -> int:
        """Return how many log rows were written since the board's last compaction."""
        return self._rows_since_compaction.get(board_id, 0)

    async def flush(self) -> None:
        """Write every queued update now."""
        batch, self._pending = self._pending, {}
        if batch:
            written = await self.run(self._write_batch, batch)
            for board_id in written:
                self._rows_since_compaction[board_id] = self.rows_since_compaction(board_id) + 1

    async def _flush_forever(self) -> None:
        while True:
            await asyncio.sleep(self.flush_interval_s)
            try:
                await self.flush()
            except Exception:
                # The batch stays lost only if SQLite itself is gone; clients still hold
                # their edits and re-send them on reconnect (see docs/architecture.md).
                log.exception("writing the update log failed")

    @staticmethod
    def _write_batch(db: Database, batch: dict[str, list[bytes]]) -> list[str]:
        if not batch:
            return []
        now = utc_now()
        written: list[str] = []
        with db.atomic():
            for board_id, updates in batch.items():
                data = updates[0] if len(updates) == 1 else merge_updates(*updates)
                # Plain SQL: this runs once per fan-out window of every busy board, and
                # sqlite-utils' insert_all cost more than the write (issue 11 §7 profile).
                # A board deleted while its updates waited must not come back as orphans.
                cursor = db.execute(
                    "INSERT INTO updates (board_id, data, created) SELECT ?, ?, ?"
                    " WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)",
                    [board_id, data, now, board_id],
                )
                if cursor.rowcount:
                    written.append(board_id)
        return written

    async def load_document(self, board_id: str) -> StoredDocument:
        """Read a board's compacted state and the updates written after it."""
        await self.flush()
        return await self.run(self._load_document, board_id)

    @staticmethod
    def _load_document(db: Database, board_id: str) -> StoredDocument:
        state_row = db.execute(
            "SELECT data, last_update_id FROM states WHERE board_id = ?", [board_id]
        ).fetchone()
        state, after = (state_row[0], state_row[1]) if state_row else (None, 0)
        updates = [
            row[0]
            for row in db.execute(
                "SELECT data FROM updates WHERE board_id = ? AND id > ? ORDER BY id",
                [board_id, after],
            ).fetchall()
        ]
        return StoredDocument(state=state, updates=updates)

    async def compact(self, board_id: str, state: bytes) -> None:
        """Replace the board's log with state, which must hold every update queued so far.

        Call it with the encoded state of the live document in the same event-loop turn:
        the updates still queued for the board are then part of state and are dropped.
        """
        self._pending.pop(board_id, None)
        self._rows_since_compaction[board_id] = 0
        await self.run(self._compact, board_id, state)

    @staticmethod
    def _compact(db: Database, board_id: str, state: bytes) -> None:
        with db.atomic():
            exists = db.execute("SELECT 1 FROM boards WHERE id = ?", [board_id]).fetchone()
            if not exists:
                return
            (upto,) = db.execute(
                "SELECT coalesce(max(id), 0) FROM updates WHERE board_id = ?", [board_id]
            ).fetchone()
            previous = db.execute(
                "SELECT last_update_id FROM states WHERE board_id = ?", [board_id]
            ).fetchone()
            upto = max(upto, previous[0] if previous else 0)
            db.table("states").upsert(
                {"board_id": board_id, "data": state, "last_update_id": upto, "updated": utc_now()},
                pk="board_id",
            )
            db.execute("DELETE FROM updates WHERE board_id = ? AND id <= ?", [board_id, upto])
            db.execute("UPDATE boards SET updated = ? WHERE id = ?", [utc_now(), board_id])

    # -- boards and events -------------------------------------------------------

    async def create_board(self, board: Board, state: bytes, event: Event | None) -> Board:
        """Insert a board with its seeded state (and its event when it is new)."""
        return await self.run(self._create_board, board, state, event)

    @staticmethod
    def _create_board(db: Database, board: Board, state: bytes, event: Event | None) -> Board:
        with db.atomic():
            if event is not None:
                db.table("events").insert(
                    {"id": event.id, "name": event.name, "date": event.date, "created": utc_now()},
                    pk="id",
                )
            db.table("boards").insert(board.__dict__, pk="id")
            db.table("states").insert(
                {"board_id": board.id, "data": state, "last_update_id": 0, "updated": utc_now()},
                pk="board_id",
            )
        return board

    async def find_events(self, name: str, date: str | None) -> list[Event]:
        """Return the events with this name and date, oldest first."""
        return await self.run(self._find_events, name, date)

    @staticmethod
    def _find_events(db: Database, name: str, date: str | None) -> list[Event]:
        rows = db.execute(
            "SELECT id, name, date FROM events WHERE name = ? AND date IS ? ORDER BY created",
            [name, date],
        ).fetchall()
        return [Event(id=row[0], name=row[1], date=row[2]) for row in rows]

    async def get_event(self, event_id: str) -> Event | None:
        """Return an event by id."""
        return await self.run(self._get_event, event_id)

    @staticmethod
    def _get_event(db: Database, event_id: str) -> Event | None:
        try:
            row = db.table("events").get(event_id)
        except NotFoundError:
            return None
        return Event(id=row["id"], name=row["name"], date=row["date"])

    async def get_board(self, board_id: str) -> Board | None:
        """Return a board by id."""
        return await self.run(self._get_board, board_id)

    @staticmethod
    def _get_board(db: Database, board_id: str) -> Board | None:
        try:
            return Board.from_row(db.table("boards").get(board_id))
        except NotFoundError:
            return None

    async def board_by_code(self, join_code: str) -> Board | None:
        """Return the board with this join code."""
        return await self.run(self._board_by_code, join_code)

    @staticmethod
    def _board_by_code(db: Database, join_code: str) -> Board | None:
        rows = list(db.table("boards").rows_where("join_code = ?", [join_code], limit=1))
        return Board.from_row(rows[0]) if rows else None

    async def join_code_taken(self, join_code: str) -> bool:
        """Say whether a join code is in use."""
        return await self.board_by_code(join_code) is not None

    async def delete_board(self, board_id: str) -> None:
        """Delete a board and every row that belongs to it."""
        self._pending.pop(board_id, None)
        self._rows_since_compaction.pop(board_id, None)
        await self.run(self._delete_board, board_id)
        await self.run(self._scrub)

    async def delete_event(self, event_id: str) -> list[str]:
        """Delete an event with every board of it; return the boards' ids."""
        board_ids = await super().delete_event(event_id)
        await self.run(self._scrub)
        return board_ids

    @staticmethod
    def _scrub(db: Database) -> None:
        """Leave no byte of deleted rows in the search index, the free pages or the WAL."""
        # FTS5 only marks a deleted document in a newer segment; the terms stay in the
        # older ones until they are merged. Merging everything drops them now.
        db.execute("INSERT INTO board_search_fts(board_search_fts) VALUES('optimize')")
        # Older versions of the changed pages live on in the WAL until a checkpoint;
        # TRUNCATE copies the zeroed pages into the file and empties the WAL.
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            log.warning("a reader held the database: the WAL keeps deleted data until later")

    @staticmethod
    def _delete_board(db: Database, board_id: str) -> None:
        with db.atomic():
            row = db.execute("SELECT event_id FROM boards WHERE id = ?", [board_id]).fetchone()
            for table in BOARD_TABLES:
                db.execute(f"DELETE FROM {table} WHERE board_id = ?", [board_id])  # noqa: S608
            db.execute("DELETE FROM boards WHERE id = ?", [board_id])
            event_id = row[0] if row else None
            left = db.execute("SELECT 1 FROM boards WHERE event_id = ?", [event_id]).fetchone()
            if event_id is not None and left is None:
                # The event's last board: its team links and the event itself go too.
                db.execute("DELETE FROM event_keys WHERE event_id = ?", [event_id])
                db.execute("DELETE FROM events WHERE id = ?", [event_id])

    async def count_rows(self, board_id: str) -> dict[str, int]:
        """Count the rows each table holds for a board (for tests and operators)."""
        return await self.run(self._count_rows, board_id)

    @staticmethod
    def _count_rows(db: Database, board_id: str) -> dict[str, int]:
        counts = {
            table: db.execute(
                f"SELECT count(*) FROM {table} WHERE board_id = ?",  # noqa: S608
                [board_id],
            ).fetchone()[0]
            for table in BOARD_TABLES
        }
        counts["boards"] = db.execute(
            "SELECT count(*) FROM boards WHERE id = ?", [board_id]
        ).fetchone()[0]
        return counts
