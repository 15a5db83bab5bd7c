"""The rows of facilitation: session state, co-facilitator keys, private and moderated
items, and snapshots."""

from __future__ import annotations

import re
from typing import Any

from server.store.reader import Reader
from server.store.sql import Database, insert_returning_id
from server.store.writer import Writer, utc_now

__all__ = ["SNAPSHOT_TABLES", "FacilitationRecords", "parse_snapshot_id"]

SNAPSHOT_ID = re.compile(r"[0-9]{1,18}")  # ASCII digits within SQLite's integer range


def parse_snapshot_id(text: str) -> int | None:
    """Return a snapshot id from an address or query, or None if it cannot be one."""
    return int(text) if SNAPSHOT_ID.fullmatch(text) else None


# The rows beside a board's document that a snapshot keeps and a restore puts back
# (vote sessions first: votes refer to them).
SNAPSHOT_TABLES = (
    "vote_sessions",
    "votes",
    "reactions",
    "private_items",
    "moderated_items",
    "board_sessions",
)


class FacilitationRecords:
    """Session state, co-facilitator keys, private writing, moderation and snapshots.

    One read runs on the writer, after the writes handed to it before it: `side_state`,
    so that a snapshot keeps every vote, reaction and private note the room has stored.
    """

    def __init__(self, writer: Writer, reader: Reader) -> None:
        self._writer = writer
        self._reader = reader

    # -- the session -------------------------------------------------------------

    async def session_of(self, board_id: str) -> str | None:
        """Return a board's saved session state (JSON), if it has one."""
        return await self._reader.run(self._session_of, board_id)

    @staticmethod
    def _session_of(db: Database, board_id: str) -> str | None:
        row = db.execute(
            "SELECT state FROM board_sessions WHERE board_id = ?", [board_id]
        ).fetchone()
        return str(row[0]) if row else None

    async def save_session(self, board_id: str, state: str) -> None:
        """Save a board's session state, unless the board is gone."""
        await self._writer.run(self._save_session, board_id, state)

    @staticmethod
    def _save_session(db: Database, board_id: str, state: str) -> None:
        db.execute(
            "INSERT INTO board_sessions (board_id, state, updated)"
            " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)"
            " ON CONFLICT (board_id) DO UPDATE SET state = excluded.state,"
            " updated = excluded.updated",
            [board_id, state, utc_now(), board_id],
        )

    # -- co-facilitators ---------------------------------------------------------

    async def add_facilitator_key(self, board_id: str, key_hash: str) -> None:
        """Store the hash of a co-facilitator's secret."""
        await self._writer.run(
            lambda db: db.table("facilitator_keys").insert(
                {"board_id": board_id, "key_hash": key_hash, "created": utc_now()}
            )
        )

    async def facilitator_key_exists(self, board_id: str, key_hash: str) -> bool:
        """Say whether a co-facilitator key of this board has this hash."""
        return await self._reader.run(
            lambda db: (
                db.execute(
                    "SELECT 1 FROM facilitator_keys WHERE board_id = ? AND key_hash = ?",
                    [board_id, key_hash],
                ).fetchone()
                is not None
            )
        )

    async def remove_facilitator_keys(self, board_id: str) -> None:
        """Revoke every co-facilitator key of a board."""
        await self._writer.run(
            lambda db: db.execute("DELETE FROM facilitator_keys WHERE board_id = ?", [board_id])
        )

    # -- private writing ---------------------------------------------------------

    async def private_items_of(self, board_id: str) -> list[dict[str, Any]]:
        """Return a board's private items, oldest first."""
        return await self._reader.run(
            lambda db: list(
                db.table("private_items").rows_where("board_id = ?", [board_id], order_by="created")
            )
        )

    async def put_private_item(self, row: dict[str, Any]) -> None:
        """Insert or replace a private item, marked if its board is anonymous now."""
        await self._writer.run(self._put_private_item, row)

    @staticmethod
    def _put_private_item(db: Database, row: dict[str, Any]) -> None:
        with db.atomic():
            db.table("private_items").upsert(row, pk=("board_id", "item_id"))
            dialect = db.dialect
            db.execute(
                f"UPDATE private_items SET anonymous = {dialect.greatest}(anonymous,"  # noqa: S608
                f" {dialect.anonymous_now}) WHERE board_id = ? AND item_id = ?",
                [row["board_id"], row["board_id"], row["item_id"]],
            )

    async def delete_private_items(self, board_id: str, item_ids: list[str]) -> None:
        """Delete private items (deleted by their author, or revealed)."""
        await self._writer.run(self._delete_private_items, board_id, item_ids)

    @staticmethod
    def _delete_private_items(db: Database, board_id: str, item_ids: list[str]) -> None:
        with db.atomic():
            for item_id in item_ids:
                db.execute(
                    "DELETE FROM private_items WHERE board_id = ? AND item_id = ?",
                    [board_id, item_id],
                )

    # -- moderation --------------------------------------------------------------

    async def moderated_of(self, board_id: str) -> list[dict[str, Any]]:
        """Return a board's hidden and deleted items, oldest first."""
        return await self._reader.run(
            lambda db: list(
                db.table("moderated_items").rows_where(
                    "board_id = ?", [board_id], order_by="created"
                )
            )
        )

    async def put_moderated(self, row: dict[str, Any]) -> None:
        """Keep an item the facilitator took out of the document."""
        await self._writer.run(
            lambda db: db.table("moderated_items").upsert(row, pk=("board_id", "root", "item_id"))
        )

    async def delete_moderated(self, board_id: str, root: str, item_id: str) -> None:
        """Forget a moderated item (it was restored)."""
        await self._writer.run(
            lambda db: db.execute(
                "DELETE FROM moderated_items WHERE board_id = ? AND root = ? AND item_id = ?",
                [board_id, root, item_id],
            )
        )

    # -- snapshots ---------------------------------------------------------------

    async def side_state(self, board_id: str) -> dict[str, list[dict[str, Any]]]:
        """Return every row kept beside a board's document, by table (for a snapshot).

        On the writer: a vote or a private note the room handed over a moment before is
        in the snapshot, as it is in the room.
        """
        return await self._writer.run(self._side_state, board_id)

    @staticmethod
    def _side_state(db: Database, board_id: str) -> dict[str, list[dict[str, Any]]]:
        return {
            table: list(db.table(table).rows_where("board_id = ?", [board_id]))
            for table in (*SNAPSHOT_TABLES, "items")
        }

    async def restore_side_state(
        self, board_id: str, side: dict[str, list[dict[str, Any]]]
    ) -> None:
        """Put a snapshot's side rows back; authorship only grows (items stay attributed)."""
        await self._writer.run(self._restore_side_state, board_id, side)

    @staticmethod
    def _restore_side_state(
        db: Database, board_id: str, side: dict[str, list[dict[str, Any]]]
    ) -> None:
        with db.atomic():
            for table in reversed(SNAPSHOT_TABLES):  # children first
                db.execute(f"DELETE FROM {table} WHERE board_id = ?", [board_id])  # noqa: S608
            for table in SNAPSHOT_TABLES:
                rows = [{**row, "board_id": board_id} for row in side.get(table, [])]
                if rows:
                    db.table(table).insert_all(rows)
            items = [{**row, "board_id": board_id} for row in side.get("items", [])]
            if items:
                db.table("items").insert_all(items, ignore=True)

    async def add_snapshot(self, row: dict[str, Any]) -> int:
        """Store a snapshot; return its id (0 if the board is gone)."""
        return await self._writer.run(self._add_snapshot, row)

    @staticmethod
    def _add_snapshot(db: Database, row: dict[str, Any]) -> int:
        return insert_returning_id(
            db,
            "INSERT INTO snapshots (board_id, label, kind, created, document, extras, counts)"
            " SELECT :board_id, :label, :kind, :created, :document, :extras, :counts"
            " WHERE EXISTS (SELECT 1 FROM boards WHERE id = :board_id)",
            {"created": utc_now(), **row},
        )

    async def snapshots_of(self, board_id: str) -> list[dict[str, Any]]:
        """Return a board's snapshots without their contents, oldest first."""
        return await self._reader.run(
            lambda db: list(
                db.query(
                    "SELECT id, label, kind, created, counts FROM snapshots"
                    " WHERE board_id = ? ORDER BY id",
                    [board_id],
                )
            )
        )

    async def get_snapshot(self, board_id: str, snapshot_id: int) -> dict[str, Any] | None:
        """Return one snapshot of a board, with its document and side rows."""
        return await self._reader.run(self._get_snapshot, board_id, snapshot_id)

    @staticmethod
    def _get_snapshot(db: Database, board_id: str, snapshot_id: int) -> dict[str, Any] | None:
        rows = list(
            db.table("snapshots").rows_where(
                "board_id = ? AND id = ?", [board_id, snapshot_id], limit=1
            )
        )
        return rows[0] if rows else None

    # -- importing ---------------------------------------------------------------

    async def import_rows(self, board_id: str, rows: dict[str, Any]) -> None:
        """Write an imported board's side rows (server/afterwards/board_json.py `side_rows`)."""
        await self._writer.run(self._import_rows, board_id, rows)

    @staticmethod
    def _import_rows(db: Database, board_id: str, rows: dict[str, Any]) -> None:
        with db.atomic():
            db.execute("DELETE FROM board_sessions WHERE board_id = ?", [board_id])
            for table in ("items", "reactions", "charter_versions", "private_items"):
                if rows.get(table):
                    db.table(table).insert_all(rows[table], ignore=True)
            for table in ("moderated_items", "board_sessions"):
                if rows.get(table):
                    db.table(table).insert_all(rows[table], replace=True)
            for entry in rows.get("votes", []):
                session = {k: v for k, v in entry["session"].items() if k != "id"}
                session_id = db.table("vote_sessions").insert(session).last_pk
                dots = [{**dot, "session_id": session_id} for dot in entry["dots"]]
                if dots:
                    db.table("votes").insert_all(dots, ignore=True)
