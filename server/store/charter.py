"""The rows a charter keeps outside its document: reactions and versions of the wording."""

from __future__ import annotations

from typing import Any

from server.store.reader import Reader
from server.store.sql import Database, insert_returning_id
from server.store.writer import Writer, utc_now

__all__ = ["CharterRecords"]


class CharterRecords:
    """Votes on proposals, likes of examples, and versions of each section's wording."""

    def __init__(self, writer: Writer, reader: Reader) -> None:
        self._writer = writer
        self._reader = reader

    async def reactions_of(self, board_id: str) -> list[dict[str, Any]]:
        """Return every reaction on a board."""
        return await self._reader.run(
            lambda db: list(db.table("reactions").rows_where("board_id = ?", [board_id]))
        )

    async def set_reaction(
        self, board_id: str, target: str, target_id: str, participant_id: str, value: str | None
    ) -> None:
        """Record a participant's reaction to a target, or remove it (value None)."""
        await self._writer.run(
            self._set_reaction, board_id, target, target_id, participant_id, value
        )

    @staticmethod
    def _set_reaction(
        db: Database,
        board_id: str,
        target: str,
        target_id: str,
        participant_id: str,
        value: str | None,
    ) -> None:
        if value is None:
            db.execute(
                "DELETE FROM reactions WHERE board_id = ? AND target = ? AND target_id = ?"
                " AND participant_id = ?",
                [board_id, target, target_id, participant_id],
            )
            return
        # Once given while the board was anonymous, a reaction stays unnamed for good.
        dialect = db.dialect
        db.execute(
            "INSERT INTO reactions"  # noqa: S608 (the dialect's SQL is a constant)
            " (board_id, target, target_id, participant_id, value, updated, anonymous)"
            f" VALUES (?, ?, ?, ?, ?, ?, {dialect.anonymous_now})"
            " ON CONFLICT (board_id, target, target_id, participant_id) DO UPDATE SET"
            " value = excluded.value, updated = excluded.updated,"
            f" anonymous = {dialect.greatest}(reactions.anonymous, excluded.anonymous)",
            [board_id, target, target_id, participant_id, value, utc_now(), board_id],
        )

    async def add_version(self, version: dict[str, Any]) -> int:
        """Store a version of a section's wording; return its id."""
        return await self._writer.run(self._add_version, version)

    @staticmethod
    def _add_version(db: Database, version: dict[str, Any]) -> int:
        row = {"created": utc_now(), **version}
        # A proposal made while the board was anonymous names no one when it is accepted,
        # even after anonymity was turned off in between.
        return insert_returning_id(
            db,
            "INSERT INTO charter_versions (board_id, section_id, kind, wording, text,"
            " proposal_id, proposer, reason, votes_for, votes_against, created)"
            " SELECT :board_id, :section_id, :kind, :wording, :text, :proposal_id,"
            " CASE WHEN EXISTS (SELECT 1 FROM items WHERE items.board_id = :board_id"
            " AND item_id = :proposal_id AND anonymous = 1) THEN NULL ELSE :proposer END,"
            " :reason, :votes_for, :votes_against, :created"
            " WHERE EXISTS (SELECT 1 FROM boards WHERE id = :board_id)",
            {
                "proposal_id": None,
                "proposer": None,
                "reason": None,
                "votes_for": None,
                "votes_against": None,
                **row,
            },
        )

    async def versions_of(self, board_id: str) -> list[dict[str, Any]]:
        """Return every version of a board's wording, oldest first."""
        return await self._reader.run(
            lambda db: list(
                db.table("charter_versions").rows_where("board_id = ?", [board_id], order_by="id")
            )
        )
