"""What the repositories may ask of a database, and the few spots where SQL differs.

The repositories are written once, against the part of sqlite-utils' `Database` they
use (`Database` below). On SQLite that is sqlite-utils itself (`SQLiteDatabase`); on
PostgreSQL it is the adapter in postgres.py. Where the two SQL dialects differ, the
repositories ask `db.dialect` for that one piece of SQL, so each difference is spelled
out here, once, beside its SQLite original.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

import sqlite_utils

__all__ = [
    "POSTGRESQL",
    "SQLITE",
    "Cursor",
    "Database",
    "Dialect",
    "SQLiteDatabase",
    "Table",
    "insert_returning_id",
]

Params = Sequence[Any] | dict[str, Any]


class Cursor(Protocol):
    """The result of `Database.execute`: rows as tuples, and how many rows it changed."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Table(Protocol):
    """The part of sqlite-utils' `Table` the repositories use; rows are dicts."""

    last_pk: Any

    def get(self, pk_values: str | int) -> dict[str, Any]: ...

    def rows_where(
        self,
        where: str | None = None,
        where_args: Params | None = None,
        order_by: str | None = None,
        select: str = "*",
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]: ...

    def insert(self, record: dict[str, Any], pk: str = ...) -> Table: ...

    def insert_all(
        self, records: Sequence[dict[str, Any]], *, ignore: bool = ..., replace: bool = ...
    ) -> Table: ...

    def upsert(self, record: dict[str, Any], pk: str | tuple[str, ...] = ...) -> Table: ...

    def update(self, pk_values: str | int, updates: dict[str, Any] | None = None) -> Table: ...


class Database(Protocol):
    """The part of sqlite-utils' `Database` the repositories use, and the dialect."""

    @property
    def dialect(self) -> Dialect: ...

    def execute(self, sql: str, parameters: Params | None = None) -> Cursor: ...

    def query(self, sql: str, params: Params | None = None) -> Iterator[dict[str, Any]]: ...

    def atomic(self) -> AbstractContextManager[Any]: ...

    def table(self, table_name: str) -> Table: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Dialect:
    """The pieces of SQL that differ between SQLite and PostgreSQL."""

    name: str
    # The board's anonymity now, for a row about to be written: 1 or 0. One parameter,
    # the board's id. The session state is JSON text: {"anonymous": true, …}.
    anonymous_now: str
    # The larger of two values of a row (SQLite's scalar max(); PostgreSQL's GREATEST).
    greatest: str
    # `a IS ?` compares with NULL as a value in SQLite; PostgreSQL spells it out.
    is_: str
    # After a read of the row that says who owns a board: PostgreSQL locks it until the
    # transaction ends, so a fence and a commit of another process cannot interleave.
    # SQLite needs nothing: it has one writer at a time for the whole file.
    lock_owner_row: str

    @property
    def is_postgresql(self) -> bool:
        return self.name == "postgresql"


SQLITE = Dialect(
    name="sqlite",
    anonymous_now=(
        "COALESCE((SELECT json_extract(state, '$.anonymous') FROM board_sessions"
        " WHERE board_sessions.board_id = ?), 0)"
    ),
    greatest="max",
    is_="IS",
    lock_owner_row="",
)

POSTGRESQL = Dialect(
    name="postgresql",
    anonymous_now=(
        "COALESCE((SELECT CAST((CAST(state AS jsonb) ->> 'anonymous') = 'true' AS INTEGER)"
        " FROM board_sessions WHERE board_sessions.board_id = ?), 0)"
    ),
    greatest="GREATEST",
    is_="IS NOT DISTINCT FROM",
    lock_owner_row=" FOR UPDATE",
)


class SQLiteDatabase(sqlite_utils.Database):
    """sqlite-utils' Database, saying which dialect it speaks."""

    dialect: Dialect = SQLITE


def insert_returning_id(db: Database, sql: str, params: Params) -> int:
    """Run an INSERT of at most one row; return the new row's id, or 0 if none was made."""
    if db.dialect.is_postgresql:
        row = db.execute(sql + " RETURNING id", params).fetchone()
        return int(row[0]) if row else 0
    # SQLite keeps the last id of the connection when nothing was inserted: ask rowcount.
    assert isinstance(db, SQLiteDatabase)
    cursor = db.execute(sql, params)
    return int(cursor.lastrowid or 0) if cursor.rowcount else 0
