"""Reads on connections of their own, beside the writer.

SQLite's WAL lets readers run while the writer writes, so listings, joins and full-text
search no longer queue behind the writes of busy rooms. A read sees every write that
was committed before it started, and the writer commits before it answers: a read asked
for after a write returned sees that write. A read asked for while a write is still on
its way may or may not see it; the reads that must come after the writes handed over
before them (a room checking its own state) run on the writer instead, and each
repository says which those are.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from server.store.writer import connect

__all__ = ["READERS", "Reader"]

T = TypeVar("T")

# Connections that read at once. Two: the machine serving a workshop has a few cores,
# and the event loop and the writer want theirs.
READERS = 2


class Reader:
    """A few read-only connections, each used by one read at a time."""

    def __init__(self, path: Path, *, size: int = READERS) -> None:
        self.path = path
        self.size = size
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="tavle-db-read")
        self._connections: list[Database] = []
        self._idle: asyncio.Queue[Database] = asyncio.Queue()

    async def open(self) -> None:
        """Open the connections (after the writer: it creates and migrates the database)."""
        loop = asyncio.get_running_loop()
        for _ in range(self.size):
            db = await loop.run_in_executor(self._executor, _connect_read_only, self.path)
            self._connections.append(db)
            self._idle.put_nowait(db)

    async def close(self) -> None:
        """Close every connection once the reads in progress are done."""
        for _ in self._connections:
            db = await self._idle.get()
            db.conn.close()
        self._connections.clear()
        self._executor.shutdown(wait=True)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run fn(db, *args) in one read transaction on an idle connection; return its result."""
        db = await self._idle.get()
        loop = asyncio.get_running_loop()
        try:
            job = self._executor.submit(_read, db, fn, args)
        except BaseException:
            self._idle.put_nowait(db)
            raise
        # The connection is free again when the thread is done with it, not when the
        # caller stops waiting: a cancelled caller must not hand it to a second read.
        job.add_done_callback(lambda _: loop.call_soon_threadsafe(self._idle.put_nowait, db))
        return await asyncio.wrap_future(job)


def _connect_read_only(path: Path) -> Database:
    return connect(path, read_only=True)


def _read(db: Database, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
    # One transaction per read: its statements see one state of the database, as they
    # did when every read ran between the writer's jobs.
    with db.atomic():
        return fn(db, *args)
