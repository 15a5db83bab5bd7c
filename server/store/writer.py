"""The one connection that writes to the database, and the one thread it runs on.

Every write runs on the writer thread, so the event loop never blocks on disk and
writes are serialized (the datasette pattern). Reads that need not wait for the writes
before them run beside it on connections of their own (server/store/reader.py).

The database is a SQLite file (a `Path`, the embedded default) or a PostgreSQL server
(a `postgresql://` URL, for several processes: server/store/postgres.py).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from server.store.migrations import migrations
from server.store.postgres import connect_postgres
from server.store.postgres_migrations import apply_postgres_migrations
from server.store.sql import Database, SQLiteDatabase

__all__ = ["Location", "Writer", "connect", "utc_now"]

# Where the database is: a SQLite file, or a PostgreSQL server's URL.
Location = Path | str

T = TypeVar("T")

BUSY_TIMEOUT_MS = 5000


def utc_now() -> str:
    """Return the current time as an ISO 8601 string in UTC."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def connect(location: Location, *, read_only: bool = False) -> Database:
    """Open a connection to the database with the settings every connection keeps."""
    if isinstance(location, str):
        return connect_postgres(location, read_only=read_only)
    return connect_sqlite(location, read_only=read_only)


def connect_sqlite(path: Path, *, read_only: bool = False) -> SQLiteDatabase:
    """Open a connection to a SQLite file with the settings every connection keeps."""
    if read_only:
        # A reader that tried to write would fail here rather than race the writer.
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db = SQLiteDatabase(conn)
    # WAL is kept in the file; readers only check it (the writer opens first and sets it).
    db.enable_wal()
    # In WAL mode NORMAL syncs at checkpoints, not at each commit: a committed
    # transaction survives a crash of the process, not necessarily of the machine.
    db.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten with zeros, whatever SQLite's compiled default is:
    # a deleted board's names and texts must not stay readable in free pages.
    db.execute("PRAGMA secure_delete=ON")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return db


class Writer:
    """The database's one writing connection, reached only through its thread."""

    def __init__(self, location: Location) -> None:
        self.location = location
        # A commit may run on the event loop when the thread is idle (run_here_if_idle) only
        # on SQLite, where it is a tenth of a millisecond on a local file. A PostgreSQL
        # commit is a round trip to a server and may wait for a lock another process holds
        # (server/store/boards.py, fencing): it always runs on the thread.
        self._inline = isinstance(location, Path)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tavle-db")
        self._db: Database | None = None
        self._jobs = 0  # jobs handed to the writer thread and not yet finished

    async def open(self) -> None:
        """Open the database and apply its migrations."""
        await self.run(self._open)

    def _open(self, _db: None) -> None:
        if isinstance(self.location, Path):
            self.location.parent.mkdir(parents=True, exist_ok=True)
            db = connect_sqlite(self.location)
            migrations.apply(db)
            self._db = db
            return
        postgres = connect_postgres(self.location)
        apply_postgres_migrations(postgres)
        self._db = postgres

    async def close(self) -> None:
        """Close the connection once the jobs handed over so far are done."""
        if self._db is not None:
            await self.run(lambda db: db.close())
            self._db = None
        self._executor.shutdown(wait=True)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run fn(db, *args) on the writer thread and return its result."""
        loop = asyncio.get_running_loop()
        job = self._executor.submit(self._call, fn, args)
        self._jobs += 1
        # Counted done when the thread is done with it, not when its caller stops waiting:
        # a caller that is cancelled must not make `run_here_if_idle` use the connection
        # while the thread still does. Added before the caller's own callback, so the count
        # is down by the time the caller resumes.
        job.add_done_callback(lambda _: loop.call_soon_threadsafe(self._finished))
        return await asyncio.wrap_future(job)

    def _finished(self) -> None:
        self._jobs -= 1

    def _call(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        return fn(self._db, *args)

    async def run_here_if_idle(self, fn: Callable[..., T], *args: Any) -> T:
        """Run fn(db, *args) on the event loop if the writer thread has no job, else after them.

        For a write of a tenth of a millisecond in the hot path (committing the update
        log): a round trip through the thread made several milliseconds of every edit's
        latency on a busy event loop (docs/benchmarks.md). The event loop and the thread
        never use the connection at once: this runs here only while the thread is idle.
        """
        if self._jobs == 0 and self._db is not None and self._inline:
            return fn(self._db, *args)
        return await self.run(fn, *args)

    async def settle(self) -> None:
        """Return once every job handed to the writer before this call has finished."""
        if self._jobs:
            await self.run(_nothing)


def _nothing(_db: Database) -> None:
    """Do nothing (the writer runs jobs in order: this one ends after all before it)."""
