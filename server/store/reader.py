"""Reads on connections of their own, beside the writer.

SQLite's WAL (and PostgreSQL's MVCC) lets readers run while the writer writes, so
listings, joins and full-text search no longer queue behind the writes of busy rooms. A
read sees every write that was committed before it started, and the writer commits
before it answers: a read asked for after a write returned sees that write. A read
asked for while a write is still on its way may or may not see it; the reads that must
come after the writes handed over before them (a room checking its own state) run on the
writer instead, and each repository says which those are.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from server.store.sql import Database
from server.store.writer import Location, connect

__all__ = ["READERS", "Reader"]

T = TypeVar("T")

# Connections that read at once. Two: the machine serving a workshop has a few cores,
# and the event loop and the writer want theirs.
READERS = 2


class Reader:
    """A few read-only connections, one per reading thread.

    Each thread opens its own connection and takes the next read as soon as it is done
    with one: no turn of the event loop hands a connection over between reads, so a join
    storm's many small reads are not held to the pace of a busy loop (they were, with a
    queue of idle connections: `docs/benchmarks.md`, "Issue 13").
    """

    def __init__(self, location: Location, *, size: int = READERS) -> None:
        self.location = location
        self.size = size
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[Database] = []
        self._executor = ThreadPoolExecutor(
            max_workers=size, thread_name_prefix="tavle-db-read", initializer=self._open_here
        )

    def _open_here(self) -> None:
        db = connect(self.location, read_only=True)
        self._local.db = db
        with self._lock:
            self._connections.append(db)

    async def open(self) -> None:
        """Open every reading thread's connection (after the writer has made the database)."""
        loop = asyncio.get_running_loop()
        # Each job holds its thread until all have started, so every thread is made.
        barrier = threading.Barrier(self.size)
        await asyncio.gather(
            *(loop.run_in_executor(self._executor, barrier.wait) for _ in range(self.size))
        )

    async def close(self) -> None:
        """Close every connection once the reads in progress are done."""
        await asyncio.get_running_loop().run_in_executor(None, self._executor.shutdown, True)
        with self._lock:
            for db in self._connections:
                db.close()
            self._connections.clear()

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run fn(db, *args) in one read transaction on a reading thread; return its result."""
        return await asyncio.get_running_loop().run_in_executor(
            self._executor, self._read, fn, args
        )

    def _read(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        db: Database = self._local.db
        # One transaction per read: its statements see one state of the database, as they
        # did when every read ran between the writer's jobs.
        with db.atomic():
            return fn(db, *args)
