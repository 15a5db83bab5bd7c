"""The rows of the library: search text, archiving, team and read-only links, retention."""

from __future__ import annotations

import json
from typing import Any

from server.store.reader import Reader
from server.store.sql import Database, SQLiteDatabase
from server.store.writer import Writer, utc_now

__all__ = ["SEARCH_LIMIT", "LibraryRecords"]

SEARCH_LIMIT = 50


class LibraryRecords:
    """Search, the library's listing, archiving, links, and what retention may delete."""

    def __init__(self, writer: Writer, reader: Reader) -> None:
        self._writer = writer
        self._reader = reader

    # -- search ------------------------------------------------------------------

    async def set_search_text(
        self, board_id: str, title: str, content: str, counts: dict[str, int]
    ) -> None:
        """Keep what a search finds of a board, and its item counts for the library."""
        await self._writer.run(self._set_search_text, board_id, title, content, counts)

    @staticmethod
    def _set_search_text(
        db: Database, board_id: str, title: str, content: str, counts: dict[str, int]
    ) -> None:
        if db.execute("SELECT 1 FROM boards WHERE id = ?", [board_id]).fetchone() is None:
            return
        db.table("board_search").upsert(
            {
                "board_id": board_id,
                "title": title,
                "content": content,
                "counts": json.dumps(counts),
            },
            pk="board_id",
        )

    async def search(self, query: str, board_ids: list[str]) -> list[dict[str, Any]]:
        """Return the boards among `board_ids` whose title or text match, best first."""
        return await self._reader.run(self._search, query, board_ids)

    @staticmethod
    def _search(db: Database, query: str, board_ids: list[str]) -> list[dict[str, Any]]:
        if not board_ids or not query.strip():
            return []
        if isinstance(db, SQLiteDatabase):
            return _search_sqlite(db, query, board_ids)
        return _search_postgresql(db, query, board_ids)

    # -- the listing -------------------------------------------------------------

    async def listing(self, event_ids: list[str], board_ids: list[str]) -> list[dict[str, Any]]:
        """Return the boards of these events and these boards, with their event and counts."""
        return await self._reader.run(self._listing, event_ids, board_ids)

    @staticmethod
    def _listing(db: Database, event_ids: list[str], board_ids: list[str]) -> list[dict[str, Any]]:
        if not event_ids and not board_ids:
            return []
        events = ",".join("?" for _ in event_ids) or "NULL"
        boards = ",".join("?" for _ in board_ids) or "NULL"
        # Only "?" placeholders are joined into the SQL; the values go as parameters.
        rows = db.query(
            "SELECT b.id, b.title, b.kind, b.locale, b.created, b.updated, b.archived,"  # noqa: S608
            " b.event_id, e.name AS event_name, e.date AS event_date, s.counts,"
            " b.previous_board_id, e.meeting_kind, e.programme_id, p.name AS programme_name,"
            " (SELECT max(created) FROM updates u WHERE u.board_id = b.id) AS last_update"
            " FROM boards b LEFT JOIN events e ON e.id = b.event_id"
            " LEFT JOIN programmes p ON p.id = e.programme_id"
            " LEFT JOIN board_search s ON s.board_id = b.id"
            f" WHERE b.event_id IN ({events}) OR b.id IN ({boards})"
            # NULLS as SQLite orders them, spelled out for PostgreSQL (boards of no event).
            " ORDER BY e.date DESC NULLS LAST, e.name NULLS FIRST, b.created",
            [*event_ids, *board_ids],
        )
        return [
            {
                **row,
                "archived": bool(row["archived"]),
                "counts": json.loads(row["counts"]) if row["counts"] else {},
                "last_activity": max(row["updated"], row["last_update"] or ""),
            }
            for row in rows
        ]

    async def set_archived(self, board_id: str, archived: bool) -> None:
        """Archive a board (it leaves the library's main list) or bring it back."""
        await self._writer.run(
            lambda db: db.execute(
                "UPDATE boards SET archived = ? WHERE id = ?", [int(archived), board_id]
            )
        )

    async def boards_by_ids(self, board_ids: list[str]) -> list[dict[str, Any]]:
        """Return the rows of these boards that exist (id, event and facilitator hash)."""
        return await self._reader.run(self._boards_by_ids, board_ids)

    @staticmethod
    def _boards_by_ids(db: Database, board_ids: list[str]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for start in range(0, len(board_ids), 500):  # SQLite's limit on parameters
            chunk = board_ids[start : start + 500]
            marks = ",".join("?" for _ in chunk)
            rows += db.query(
                f"SELECT id, event_id, facilitator_hash FROM boards WHERE id IN ({marks})",  # noqa: S608
                chunk,
            )
        return rows

    async def co_facilitated(self, keys: dict[str, str]) -> set[str]:
        """Return the boards among `keys` (board id -> key hash) whose co-facilitator key it is."""
        return await self._reader.run(
            lambda db: {
                board_id
                for board_id, key_hash in keys.items()
                if db.execute(
                    "SELECT 1 FROM facilitator_keys WHERE board_id = ? AND key_hash = ?",
                    [board_id, key_hash],
                ).fetchone()
            }
        )

    # -- links -------------------------------------------------------------------

    async def add_board_key(self, board_id: str, key_hash: str, role: str) -> None:
        """Store the hash of a board link's secret (a read-only link)."""
        await self._writer.run(
            lambda db: db.table("board_keys").insert(
                {"board_id": board_id, "key_hash": key_hash, "role": role, "created": utc_now()}
            )
        )

    async def board_key_role(self, board_id: str, key_hash: str) -> str | None:
        """Return the role a board link gives, if this board has it."""
        return await self._reader.run(
            lambda db: _first(
                db,
                "SELECT role FROM board_keys WHERE board_id = ? AND key_hash = ?",
                [board_id, key_hash],
            )
        )

    async def add_event_key(self, event_id: str, key_hash: str) -> None:
        """Store the hash of an event's team link."""
        await self._writer.run(
            lambda db: db.table("event_keys").insert(
                {"event_id": event_id, "key_hash": key_hash, "created": utc_now()}
            )
        )

    async def event_of_key(self, key_hash: str) -> str | None:
        """Return the event a team link opens, if any."""
        return await self._reader.run(
            lambda db: _first(db, "SELECT event_id FROM event_keys WHERE key_hash = ?", [key_hash])
        )

    # -- retention ---------------------------------------------------------------

    async def untouched_events(self, before: str) -> list[dict[str, Any]]:
        """Return events whose boards have all been untouched since `before` (ISO time)."""
        return await self._reader.run(
            lambda db: list(
                db.query(
                    "SELECT e.id, e.name, e.date, max(b.updated) AS last_activity"
                    " FROM events e LEFT JOIN boards b ON b.event_id = e.id"
                    " GROUP BY e.id HAVING coalesce(max(b.updated), e.created) < ?",
                    [before],
                )
            )
        )

    async def untouched_loose_boards(self, before: str) -> list[str]:
        """Return boards of no event untouched since `before` (ISO time)."""
        return await self._reader.run(
            lambda db: [
                row[0]
                for row in db.execute(
                    "SELECT id FROM boards WHERE event_id IS NULL AND updated < ?", [before]
                )
            ]
        )


def _search_sqlite(db: SQLiteDatabase, query: str, board_ids: list[str]) -> list[dict[str, Any]]:
    """Search with SQLite's FTS5 index: best first, with a snippet of the text around the hit."""
    names = {f"board{index}": board_id for index, board_id in enumerate(board_ids)}
    rows = db.table("board_search").search(
        query,
        columns=["board_id"],
        where="board_id IN (" + ", ".join(f":{name}" for name in names) + ")",
        where_args=names,
        limit=SEARCH_LIMIT,
        quote=True,  # what people type is text, not FTS syntax
    )
    found = []
    for row in rows:
        snippet = db.execute(
            "SELECT snippet(board_search_fts, 1, '[', ']', '…', 12) FROM board_search_fts"
            " WHERE board_search_fts MATCH ? AND rowid ="
            " (SELECT rowid FROM board_search WHERE board_id = ?)",
            [db.quote_fts(query), row["board_id"]],
        ).fetchone()
        found.append({"board_id": row["board_id"], "snippet": snippet[0] if snippet else ""})
    return found


def _search_postgresql(db: Database, query: str, board_ids: list[str]) -> list[dict[str, Any]]:
    """Search with PostgreSQL's full-text search, as _search_sqlite does with FTS5.

    `plainto_tsquery` reads what people type as words that must all occur, and nothing
    in it as syntax, as the quoted words of the SQLite search do. The snippet is the
    text around the hits, each marked [like this], at most about 12 words.
    """
    rows = db.execute(
        "SELECT board_id, ts_headline('simple', coalesce(content, ''), q,"
        ' \'StartSel="[", StopSel="]", MaxWords=12, MinWords=4, ShortWord=0\')'
        " FROM board_search, plainto_tsquery('simple', ?) AS q"
        " WHERE search @@ q AND board_id = ANY(?)"
        " ORDER BY ts_rank(search, q) DESC, board_id LIMIT ?",
        [query, board_ids, SEARCH_LIMIT],
    ).fetchall()
    return [{"board_id": board_id, "snippet": snippet} for board_id, snippet in rows]


def _first(db: Database, sql: str, params: list[Any]) -> str | None:
    """Return the first column of the first row a query finds, if it finds one."""
    row = db.execute(sql, params).fetchone()
    return None if row is None else str(row[0])
