"""A store on a fresh database, and boards to put in it, for tests below the HTTP layer."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from server import auth
from server.store import Board, Store, utc_now


def make_board(board_id: str | None = None, code: str | None = None) -> Board:
    """Return a new notes board's row (not yet stored), its facilitator secret `f1_secret`."""
    now = utc_now()
    return Board(
        id=board_id or auth.new_board_id(),
        event_id=None,
        kind="notes",
        title="Test",
        locale="da",
        created=now,
        updated=now,
        join_code=code or auth.new_join_code(),
        facilitator_hash=auth.hash_secret("f1_secret"),
    )


@contextlib.asynccontextmanager
async def opened_store(
    location: Path | str, flush_interval_s: float = 0.05
) -> AsyncIterator[Store]:
    """Open a store on a SQLite file or a PostgreSQL URL; close it when the block ends."""
    store = Store(location, flush_interval_s=flush_interval_s)
    await store.open()
    try:
        yield store
    finally:
        await store.close()
