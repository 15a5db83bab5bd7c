"""The rows of facilitation: the session state of each board and co-facilitator keys.

A mixin of the Store: every method runs its SQL on the store's writer thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlite_utils import Database

from .records import utc_now

T = TypeVar("T")


class FacilitationRecords:
    """Session state and co-facilitator keys; mixed into the Store, which provides `run`."""

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run fn(db, *args) on the writer thread and return its result."""
        raise NotImplementedError

    async def session_of(self, board_id: str) -> str | None:
        """Return a board's saved session state (JSON), if it has one."""
        return await self.run(self._session_of, board_id)

    @staticmethod
    def _session_of(db: Database, board_id: str) -> str | None:
        row = db.execute(
            "SELECT state FROM board_sessions WHERE board_id = ?", [board_id]
        ).fetchone()
        return str(row[0]) if row else None

    async def save_session(self, board_id: str, state: str) -> None:
        """Save a board's session state, unless the board is gone."""
        await self.run(self._save_session, board_id, state)

    @staticmethod
    def _save_session(db: Database, board_id: str, state: str) -> None:
        db.execute(
            "INSERT INTO board_sessions (board_id, state, updated)"
            " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)"
            " ON CONFLICT (board_id) DO UPDATE SET state = excluded.state,"
            " updated = excluded.updated",
            [board_id, state, utc_now(), board_id],
        )

    async def add_facilitator_key(self, board_id: str, key_hash: str) -> None:
        """Store the hash of a co-facilitator's secret."""
        await self.run(
            lambda db: db.table("facilitator_keys").insert(
                {"board_id": board_id, "key_hash": key_hash, "created": utc_now()}
            )
        )

    async def facilitator_key_exists(self, board_id: str, key_hash: str) -> bool:
        """Say whether a co-facilitator key of this board has this hash."""
        return await self.run(
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
        await self.run(
            lambda db: db.execute("DELETE FROM facilitator_keys WHERE board_id = ?", [board_id])
        )

    async def set_participant_removed(self, participant_id: str, removed: bool) -> None:
        """Remove a participant from their board (their token stops working), or undo it."""
        await self.run(
            lambda db: db.table("participants").update(participant_id, {"removed": int(removed)})
        )

    async def participants_of(self, board_id: str) -> list[dict[str, Any]]:
        """Return a board's participants, oldest first."""
        return await self.run(
            lambda db: list(
                db.table("participants").rows_where("board_id = ?", [board_id], order_by="created")
            )
        )

    async def has_participant_items(self, board_id: str) -> bool:
        """Say whether any participant has created an item on the board."""
        return await self.run(
            lambda db: (
                db.execute(
                    "SELECT 1 FROM items WHERE board_id = ? AND participant_id IS NOT NULL LIMIT 1",
                    [board_id],
                ).fetchone()
                is not None
            )
        )
