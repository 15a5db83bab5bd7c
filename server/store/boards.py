"""The rows of boards and events, each board's update log, and deleting a board whole.

Updates are buffered in memory and committed by the room's fan-out before it sends them
(`commit`, one transaction per fan-out window); a periodic flush is the backstop. A
board's document is its compacted state plus the log rows written after it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from pycrdt import merge_updates
from sqlite_utils.db import NotFoundError

from server.store.reader import Reader
from server.store.sql import Database
from server.store.writer import Writer, utc_now
from server.sync.ports import Fenced

__all__ = ["BOARD_TABLES", "Board", "BoardRecords", "Event", "StoredDocument"]

log = logging.getLogger(__name__)

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
    "board_owners",
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
    # The round this board continues, in an earlier event of its programme (issue 15).
    previous_board_id: str | None = None

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


class BoardRecords:
    """Boards, events and update logs: what a room stores of its document."""

    def __init__(self, writer: Writer, reader: Reader, *, flush_interval_s: float) -> None:
        self._writer = writer
        self._reader = reader
        self.flush_interval_s = flush_interval_s
        self._pending: dict[str, list[bytes]] = {}
        self._rows_since_compaction: dict[str, int] = {}
        # The fencing epoch under which this process writes each board it owns (issue 14);
        # a board without one (the embedded default, one process) is written unchecked.
        self._epochs: dict[str, int] = {}
        self._flusher: asyncio.Task[None] | None = None

    # -- the update log ----------------------------------------------------------

    def start(self) -> None:
        """Start flushing queued updates every flush interval (the backstop to `commit`)."""
        self._flusher = asyncio.create_task(self._flush_forever(), name="tavle-store-flusher")

    async def stop(self) -> None:
        """Stop the periodic flush and write everything still queued."""
        if self._flusher is not None:
            self._flusher.cancel()
            await asyncio.gather(self._flusher, return_exceptions=True)
            self._flusher = None
        await self.flush()

    def append(self, board_id: str, update: bytes) -> None:
        """Queue an applied update; it is written within one flush window."""
        self._pending.setdefault(board_id, []).append(update)

    async def fence(self, board_id: str, epoch: int, node: str) -> None:
        """Write the board's log from now on only under `epoch`, the newest lease's.

        Stores the epoch unless a newer one is stored already; then raises Fenced.
        """
        self._epochs[board_id] = epoch
        await self._writer.run(self._fence, board_id, epoch, node)

    async def stored_epoch(self, board_id: str) -> int:
        """Return the newest owner's epoch the store has seen for a board (0: none)."""
        return await self._reader.run(lambda db: _stored_epoch(db, board_id) or 0)

    def unfence(self, board_id: str) -> None:
        """Forget the board's epoch: this process no longer owns it."""
        self._epochs.pop(board_id, None)
        self._pending.pop(board_id, None)

    @staticmethod
    def _fence(db: Database, board_id: str, epoch: int, node: str) -> None:
        with db.atomic():
            stored = _stored_epoch(db, board_id, lock=True)
            if stored is not None and stored > epoch:
                raise Fenced(board_id)
            # Never lower the epoch, even when another process's first fence of the board
            # inserts its row between the check above and this write (on PostgreSQL the
            # row to lock did not exist yet; on SQLite the file's write lock rules it out).
            cursor = db.execute(
                "INSERT INTO board_owners (board_id, epoch, node, since)"
                " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)"
                " ON CONFLICT (board_id) DO UPDATE SET epoch = excluded.epoch,"
                " node = excluded.node, since = excluded.since"
                " WHERE board_owners.epoch <= excluded.epoch",
                [board_id, epoch, node, utc_now(), board_id],
            )
            if not cursor.rowcount and (_stored_epoch(db, board_id, lock=True) or 0) > epoch:
                raise Fenced(board_id)

    async def commit(self, board_id: str) -> None:
        """Commit every queued update of a board; return once the database holds them.

        Raises Fenced, writing nothing, once a newer owner's epoch is stored for the board.

        While the writer thread has jobs, the commit queues behind them, even with
        nothing to write: the thread runs jobs in order, so a flush or compaction that
        took these updates earlier has committed them by the time this returns.
        """
        updates = self._pending.pop(board_id, [])
        batch = {board_id: updates} if updates else {}
        try:
            written, fenced = await self._writer.run_here_if_idle(
                self._write_batch, batch, self._epochs.copy()
            )
        except BaseException:
            # Keep them queued, ahead of newer ones, for the next commit or flush.
            self._pending[board_id] = updates + self._pending.get(board_id, [])
            raise
        if fenced:
            # The epoch stays: every later write of this process for the board fails too.
            self._pending.pop(board_id, None)
            raise Fenced(board_id)
        if written:
            self._rows_since_compaction[board_id] = self.rows_since_compaction(board_id) + 1

    def rows_since_compaction(self, board_id: str) -> int:
        """Return how many log rows were written since the board's last compaction."""
        return self._rows_since_compaction.get(board_id, 0)

    async def flush(self) -> None:
        """Write every queued update now."""
        batch, self._pending = self._pending, {}
        if batch:
            written, fenced = await self._writer.run(self._write_batch, batch, self._epochs.copy())
            for board_id in fenced:
                log.warning("board %s has a newer owner: its queued updates are dropped", board_id)
                self._pending.pop(board_id, None)
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
    def _write_batch(
        db: Database, batch: dict[str, list[bytes]], epochs: dict[str, int]
    ) -> tuple[list[str], list[str]]:
        """Write each board's queued updates as one row; return the boards written and fenced."""
        if not batch:
            return [], []
        now = utc_now()
        written: list[str] = []
        fenced: list[str] = []
        with db.atomic():
            for board_id, updates in batch.items():
                epoch = epochs.get(board_id)
                if epoch is not None and (_stored_epoch(db, board_id, lock=True) or 0) > epoch:
                    fenced.append(board_id)
                    continue
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
        return written, fenced

    async def load_document(self, board_id: str) -> StoredDocument:
        """Read a board's compacted state and the updates written after it."""
        await self.flush()
        # The read runs beside the writer: first let the writer finish what it was handed
        # (a commit or a compaction of this board), so the read finds the whole log.
        await self._writer.settle()
        return await self._reader.run(self._load_document, board_id)

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
        epoch = self._epochs.get(board_id)
        if not await self._writer.run(self._compact, board_id, state, epoch):
            raise Fenced(board_id)

    @staticmethod
    def _compact(db: Database, board_id: str, state: bytes, epoch: int | None) -> bool:
        """Write the state; return False, writing nothing, when a newer owner has begun."""
        with db.atomic():
            exists = db.execute("SELECT 1 FROM boards WHERE id = ?", [board_id]).fetchone()
            if not exists:
                return True
            if epoch is not None and (_stored_epoch(db, board_id, lock=True) or 0) > epoch:
                return False
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
        return True

    # -- boards and events -------------------------------------------------------

    async def create(self, board: Board, state: bytes, event: Event | None) -> Board:
        """Insert a board with its seeded state (and its event when it is new)."""
        return await self._writer.run(self._create, board, state, event)

    @staticmethod
    def _create(db: Database, board: Board, state: bytes, event: Event | None) -> Board:
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
        return await self._reader.run(self._find_events, name, date)

    @staticmethod
    def _find_events(db: Database, name: str, date: str | None) -> list[Event]:
        rows = db.execute(
            f"SELECT id, name, date FROM events WHERE name = ? AND date {db.dialect.is_} ?"  # noqa: S608
            " ORDER BY created",
            [name, date],
        ).fetchall()
        return [Event(id=row[0], name=row[1], date=row[2]) for row in rows]

    async def get_event(self, event_id: str) -> Event | None:
        """Return an event by id."""
        return await self._reader.run(self._get_event, event_id)

    @staticmethod
    def _get_event(db: Database, event_id: str) -> Event | None:
        try:
            row = db.table("events").get(event_id)
        except NotFoundError:
            return None
        return Event(id=row["id"], name=row["name"], date=row["date"])

    async def get(self, board_id: str) -> Board | None:
        """Return a board by id."""
        return await self._reader.run(self._get, board_id)

    @staticmethod
    def _get(db: Database, board_id: str) -> Board | None:
        try:
            return Board.from_row(db.table("boards").get(board_id))
        except NotFoundError:
            return None

    async def by_code(self, join_code: str) -> Board | None:
        """Return the board with this join code."""
        return await self._reader.run(self._by_code, join_code)

    @staticmethod
    def _by_code(db: Database, join_code: str) -> Board | None:
        rows = list(db.table("boards").rows_where("join_code = ?", [join_code], limit=1))
        return Board.from_row(rows[0]) if rows else None

    async def join_code_taken(self, join_code: str) -> bool:
        """Say whether a join code is in use."""
        return await self.by_code(join_code) is not None

    async def of_event(self, event_id: str) -> list[str]:
        """Return the ids of an event's boards."""
        return await self._reader.run(
            lambda db: [
                row[0] for row in db.execute("SELECT id FROM boards WHERE event_id = ?", [event_id])
            ]
        )

    # -- deleting ----------------------------------------------------------------

    async def delete(self, board_id: str) -> None:
        """Delete a board and every row that belongs to it."""
        self._pending.pop(board_id, None)
        self._rows_since_compaction.pop(board_id, None)
        await self._writer.run(self._delete, board_id)
        await self._writer.run(self._scrub)

    async def delete_event(self, event_id: str) -> list[str]:
        """Delete an event with every board of it; return the boards' ids."""
        board_ids = await self.of_event(event_id)
        for board_id in board_ids:
            await self.delete(board_id)
        await self._writer.run(self._delete_event, event_id)
        await self._writer.run(self._scrub)
        return board_ids

    @staticmethod
    def _delete(db: Database, board_id: str) -> None:
        with db.atomic():
            row = db.execute("SELECT event_id FROM boards WHERE id = ?", [board_id]).fetchone()
            for table in BOARD_TABLES:
                db.execute(f"DELETE FROM {table} WHERE board_id = ?", [board_id])  # noqa: S608
            db.execute("DELETE FROM boards WHERE id = ?", [board_id])
            # Later rounds stay, without their link to this one (docs/programme.md).
            db.execute(
                "UPDATE boards SET previous_board_id = NULL WHERE previous_board_id = ?",
                [board_id],
            )
            event_id = row[0] if row else None
            left = db.execute("SELECT 1 FROM boards WHERE event_id = ?", [event_id]).fetchone()
            if event_id is not None and left is None:
                # The event's last board: its team links and the event itself go too.
                BoardRecords._delete_event(db, event_id)

    @staticmethod
    def _delete_event(db: Database, event_id: str) -> None:
        with db.atomic():
            row = db.execute("SELECT programme_id FROM events WHERE id = ?", [event_id]).fetchone()
            db.execute("DELETE FROM event_keys WHERE event_id = ?", [event_id])
            db.execute("DELETE FROM events WHERE id = ?", [event_id])
            if row is not None and row[0] is not None:
                # A programme's last event: the programme (its name) goes too.
                db.execute(
                    "DELETE FROM programmes WHERE id = ?"
                    " AND NOT EXISTS (SELECT 1 FROM events WHERE programme_id = ?)",
                    [row[0], row[0]],
                )

    @staticmethod
    def _scrub(db: Database) -> None:
        """Leave no byte of deleted rows in the search index, the free pages or the WAL."""
        if db.dialect.is_postgresql:
            # PostgreSQL has no secure_delete: a deleted row stays in its page, invisible,
            # until VACUUM reclaims it, and in the WAL until the segment is recycled. VACUUM
            # now takes the deleted rows out of the tables and their indexes (the search
            # index too) at once rather than whenever autovacuum comes by; the freed space
            # is reused, not zeroed (docs/architecture.md, "PostgreSQL"). SKIP_LOCKED:
            # never wait here for a vacuum that is running already.
            tables = ", ".join((*BOARD_TABLES, "boards", "event_keys", "events", "programmes"))
            db.execute(f"VACUUM (SKIP_LOCKED) {tables}")
            return
        # FTS5 only marks a deleted document in a newer segment; the terms stay in the
        # older ones until they are merged. Merging everything drops them now.
        db.execute("INSERT INTO board_search_fts(board_search_fts) VALUES('optimize')")
        # Older versions of the changed pages live on in the WAL until a checkpoint;
        # TRUNCATE copies the zeroed pages into the file and empties the WAL. It waits
        # (up to the busy timeout) for reads in progress on the readers' connections.
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            log.warning("a reader held the database: the WAL keeps deleted data until later")

    async def count_rows(self, board_id: str) -> dict[str, int]:
        """Count the rows each table holds for a board (for tests and operators)."""
        return await self._reader.run(self._count_rows, board_id)

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


def _stored_epoch(db: Database, board_id: str, *, lock: bool = False) -> int | None:
    """Return the newest owner's fencing epoch stored for a board, if any.

    `lock`, in a writing transaction: on PostgreSQL the row stays locked until the
    transaction ends, so a fence by another process waits for this transaction's write,
    or this one waits for the fence.
    """
    suffix = db.dialect.lock_owner_row if lock else ""
    row = db.execute(
        f"SELECT epoch FROM board_owners WHERE board_id = ?{suffix}",  # noqa: S608
        [board_id],
    ).fetchone()
    return int(row[0]) if row else None
