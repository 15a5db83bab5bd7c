"""PostgreSQL behind the repositories' SQLite-shaped calls (issue 14: several processes).

Why an adapter rather than a second set of repositories: the repositories are plain
SQL plus a handful of sqlite-utils calls (`table(...).insert/upsert/get/rows_where/
update/insert_all`, `query`, `atomic`). Nearly all of that SQL means the same on both
databases, so one copy of it, with the few real differences asked of `db.dialect`
(server/store/sql.py), keeps the two backends from drifting apart. `PostgresDatabase`
gives a psycopg 3 connection that subset:

- `execute(sql, params)` takes sqlite3's placeholders (`?` and `:name`) and passes
  them to psycopg as `%s` and `%(name)s`; a literal `%` is doubled. Python booleans go
  in as 0 and 1, as sqlite3 stores them (the columns are integers on both).
- `atomic()` is a psycopg transaction; nested, it is a savepoint, as in sqlite-utils.
- `table(name)` writes the INSERT, upsert (`ON CONFLICT … DO UPDATE`) and SELECT that
  sqlite-utils would, reading each table's primary key from PostgreSQL's catalog.

Connections are used as SQLite's are (server/store/writer.py and reader.py): one
writing connection on the writer thread, in autocommit mode so that a statement outside
`atomic()` is its own transaction, and a few reading connections whose transactions are
READ ONLY and REPEATABLE READ (a read's statements see one state, as on SQLite's WAL).
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import psycopg
from psycopg.rows import dict_row
from sqlite_utils.db import NotFoundError

from server.store.sql import POSTGRESQL, Dialect, Params

__all__ = ["PostgresDatabase", "connect_postgres"]

# How long a statement waits for a lock held by another connection before it fails:
# the counterpart of SQLite's busy timeout (server/store/writer.py).
LOCK_TIMEOUT_MS = 5000

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@functools.lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """Return sqlite3-style SQL (`?`, `:name`) with psycopg's placeholders (`%s`, `%(name)s`).

    Quoted strings and identifiers are copied as they are, apart from `%`, which psycopg
    reads everywhere in a query that has parameters. A `::` cast is not a name.
    """
    out: list[str] = []
    index, length = 0, len(sql)
    while index < length:
        char = sql[index]
        if char in "'\"":
            end = sql.find(char, index + 1)
            end = length - 1 if end < 0 else end
            out.append(sql[index : end + 1].replace("%", "%%"))
            index = end + 1
            continue
        if char == "?":
            out.append("%s")
        elif char == "%":
            out.append("%%")
        elif char == ":" and sql.startswith("::", index):
            out.append("::")
            index += 2
            continue
        elif char == ":" and (name := _NAME.match(sql, index + 1)):
            out.append(f"%({name.group()})s")
            index = name.end()
            continue
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def _params(params: Params) -> Params:
    if isinstance(params, dict):
        return {name: _value(value) for name, value in params.items()}
    return [_value(value) for value in params]


def quote(name: str) -> str:
    """Return a table or column name quoted as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


class PostgresDatabase:
    """A psycopg connection that answers the calls the repositories make of a database."""

    dialect: Dialect = POSTGRESQL

    def __init__(self, open_connection: Callable[[], psycopg.Connection[Any]]) -> None:
        self._open_connection = open_connection
        self._conn = open_connection()
        self._depth = 0  # atomic() blocks open
        self._primary_keys: dict[str, tuple[str, ...]] = {}

    @property
    def conn(self) -> psycopg.Connection[Any]:
        """Return the connection, opened anew if the last one was lost between transactions.

        A server restart or a network cut closes the connection; the statement that met it
        failed (its caller logs it, and phones re-send what was not stored). The next job
        connects again instead of failing for as long as the process lives. Inside a
        transaction nothing is reopened: its statements so far are gone with the old one.
        """
        if self._conn.closed and self._depth == 0:
            self._conn = self._open_connection()
        return self._conn

    def execute(self, sql: str, parameters: Params | None = None) -> psycopg.Cursor[Any]:
        """Run one statement with sqlite3-style placeholders; return its cursor."""
        if parameters is None:
            return self.conn.execute(sql.encode())
        return self.conn.execute(to_pyformat(sql).encode(), _params(parameters))

    def query(self, sql: str, params: Params | None = None) -> Iterator[dict[str, Any]]:
        """Run a query; return its rows as dicts."""
        cursor = self.conn.cursor(row_factory=dict_row)
        if params is None:
            cursor.execute(sql.encode())
        else:
            cursor.execute(to_pyformat(sql).encode(), _params(params))
        return iter(cursor.fetchall())

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """Run the block in a transaction (a savepoint inside another)."""
        with self.conn.transaction():
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1

    def table(self, table_name: str) -> PostgresTable:
        """Return one table's rows, read and written the way sqlite-utils does."""
        return PostgresTable(self, table_name)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def primary_key(self, table: str) -> tuple[str, ...]:
        """Return the columns of a table's primary key (read once per connection)."""
        if table not in self._primary_keys:
            rows = self.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                " WHERE i.indrelid = to_regclass(?) AND i.indisprimary"
                " ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)",
                [table],
            ).fetchall()
            if not rows:
                raise RuntimeError(f"table {table!r} has no primary key in PostgreSQL")
            self._primary_keys[table] = tuple(row[0] for row in rows)
        return self._primary_keys[table]


class PostgresTable:
    """One table: the sqlite-utils `Table` methods the repositories call."""

    def __init__(self, db: PostgresDatabase, name: str) -> None:
        self.db = db
        self.name = name
        self.last_pk: Any = None

    def _single_key(self) -> str:
        (key,) = self.db.primary_key(self.name)
        return key

    def get(self, pk_values: str | int) -> dict[str, Any]:
        """Return the row with this primary key; raise NotFoundError when there is none."""
        key = self._single_key()
        rows = list(self.rows_where(f"{quote(key)} = ?", [pk_values], limit=1))
        if not rows:
            raise NotFoundError
        return rows[0]

    def rows_where(
        self,
        where: str | None = None,
        where_args: Params | None = None,
        order_by: str | None = None,
        select: str = "*",
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Return the rows that match a WHERE clause, as dicts."""
        sql = f"SELECT {select} FROM {quote(self.name)}"  # noqa: S608 (the caller's SQL, as in sqlite-utils)
        if where is not None:
            sql += f" WHERE {where}"
        if order_by is not None:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self.db.query(sql, where_args if where_args is not None else [])

    def insert(self, record: dict[str, Any], pk: str = "id") -> PostgresTable:
        """Insert one row (a clash on its primary key raises); keep its key in `last_pk`."""
        del pk  # the table has its key already; sqlite-utils uses it to create one
        keys = self.db.primary_key(self.name)
        columns = list(record)
        row = self.db.execute(
            f"INSERT INTO {quote(self.name)} ({', '.join(map(quote, columns))})"  # noqa: S608
            f" VALUES ({', '.join('?' for _ in columns)})"
            f" RETURNING {', '.join(map(quote, keys))}",
            [record[column] for column in columns],
        ).fetchone()
        assert row is not None  # an INSERT … VALUES returns its row, or raises
        self.last_pk = row[0] if len(keys) == 1 else tuple(row)
        return self

    def insert_all(
        self, records: Sequence[dict[str, Any]], *, ignore: bool = False, replace: bool = False
    ) -> PostgresTable:
        """Insert rows; on a clash keep the old row (ignore) or overwrite it (replace).

        As in sqlite-utils, the columns are those of every row together; a row without
        one of them gets NULL there. `replace` updates the clashing row's columns, where
        SQLite's INSERT OR REPLACE deletes it and inserts anew: the same for Tavle's rows,
        which always carry every column.
        """
        if not records:
            return self
        columns = list(dict.fromkeys(column for record in records for column in record))
        sql = (
            f"INSERT INTO {quote(self.name)} ({', '.join(map(quote, columns))})"  # noqa: S608
            f" VALUES ({', '.join('%s' for _ in columns)})"
        )
        if ignore:
            sql += " ON CONFLICT DO NOTHING"
        elif replace:
            sql += self._on_conflict_update(self.db.primary_key(self.name), columns)
        with self.db.conn.cursor() as cursor:
            cursor.executemany(
                sql.encode(), [[_value(record.get(c)) for c in columns] for record in records]
            )
        return self

    def upsert(self, record: dict[str, Any], pk: str | tuple[str, ...] = "id") -> PostgresTable:
        """Insert a row, or update the columns it carries where its key exists."""
        keys = (pk,) if isinstance(pk, str) else tuple(pk)
        columns = list(record)
        self.db.execute(
            f"INSERT INTO {quote(self.name)} ({', '.join(map(quote, columns))})"  # noqa: S608
            f" VALUES ({', '.join('?' for _ in columns)})"
            + self._on_conflict_update(keys, columns),
            [record[column] for column in columns],
        )
        self.last_pk = record[keys[0]] if len(keys) == 1 else tuple(record[k] for k in keys)
        return self

    def update(self, pk_values: str | int, updates: dict[str, Any] | None = None) -> PostgresTable:
        """Change some columns of the row with this key; raise NotFoundError when there is none."""
        key = self._single_key()
        fields = updates or {}
        if fields:
            cursor = self.db.execute(
                f"UPDATE {quote(self.name)} SET "  # noqa: S608
                + ", ".join(f"{quote(column)} = ?" for column in fields)
                + f" WHERE {quote(key)} = ?",
                [*fields.values(), pk_values],
            )
            found = cursor.rowcount > 0
        else:
            found = (
                self.db.execute(
                    f"SELECT 1 FROM {quote(self.name)} WHERE {quote(key)} = ?",  # noqa: S608
                    [pk_values],
                ).fetchone()
                is not None
            )
        if not found:
            raise NotFoundError
        self.last_pk = pk_values
        return self

    @staticmethod
    def _on_conflict_update(keys: Sequence[str], columns: Sequence[str]) -> str:
        others = [column for column in columns if column not in keys]
        if not others:
            return " ON CONFLICT DO NOTHING"
        target = ", ".join(map(quote, keys))
        sets = ", ".join(f"{quote(column)} = excluded.{quote(column)}" for column in others)
        return f" ON CONFLICT ({target}) DO UPDATE SET {sets}"


def connect_postgres(url: str, *, read_only: bool = False) -> PostgresDatabase:
    """Open a connection with the settings every connection of its kind keeps."""

    def open_connection() -> psycopg.Connection[Any]:
        conn = psycopg.connect(url, autocommit=True, application_name="tavle")
        if read_only:
            # A reader that tried to write would fail here rather than race the writer;
            # and a read's statements see one state of the database (reader.py).
            conn.execute(
                b"SET SESSION CHARACTERISTICS AS TRANSACTION"
                b" ISOLATION LEVEL REPEATABLE READ, READ ONLY"
            )
        conn.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}".encode())
        return conn

    return PostgresDatabase(open_connection)
