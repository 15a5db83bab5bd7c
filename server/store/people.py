"""The rows about people on a board: participants, who wrote what, and dot votes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils.db import NotFoundError

from server.store.reader import Reader
from server.store.sql import Database, insert_returning_id
from server.store.writer import Writer, utc_now

__all__ = ["Participant", "PeopleRecords"]


@dataclass(frozen=True)
class Participant:
    """A person who joined a board with its code."""

    id: str
    board_id: str
    name: str
    removed: bool
    table: str | None = None  # the table number typed at join (table groups)


class PeopleRecords:
    """Participants, authorship and dot votes.

    Two reads run on the writer, after the writes handed to it before them:
    `items_of` (a phone's greeting must not miss an item whose author is being
    recorded) and `has_participant_items` (an item being recorded must stop the board
    from turning anonymous).
    """

    def __init__(self, writer: Writer, reader: Reader) -> None:
        self._writer = writer
        self._reader = reader

    # -- participants ------------------------------------------------------------

    async def add_participant(self, participant: Participant) -> Participant:
        """Insert a participant."""
        return await self._writer.run(self._add_participant, participant)

    @staticmethod
    def _add_participant(db: Database, participant: Participant) -> Participant:
        db.table("participants").insert(
            {
                "id": participant.id,
                "board_id": participant.board_id,
                "name": participant.name,
                "created": utc_now(),
                "removed": int(participant.removed),
                "table_label": participant.table,
            },
            pk="id",
        )
        return participant

    async def add_participants(self, participants: list[Participant]) -> None:
        """Insert many participants in one transaction (an imported board's people)."""
        await self._writer.run(self._add_participants, participants)

    @classmethod
    def _add_participants(cls, db: Database, participants: list[Participant]) -> None:
        with db.atomic():
            for participant in participants:
                cls._add_participant(db, participant)

    async def get_participant(self, participant_id: str) -> Participant | None:
        """Return a participant by id."""
        return await self._reader.run(self._get_participant, participant_id)

    @staticmethod
    def _get_participant(db: Database, participant_id: str) -> Participant | None:
        try:
            row = db.table("participants").get(participant_id)
        except NotFoundError:
            return None
        return Participant(
            id=row["id"],
            board_id=row["board_id"],
            name=row["name"],
            removed=bool(row["removed"]),
            table=row.get("table_label"),
        )

    async def rename_participant(self, participant_id: str, name: str) -> None:
        """Change the display name a participant joined with."""
        await self._writer.run(
            lambda db: db.table("participants").update(participant_id, {"name": name})
        )

    async def set_participant_removed(self, participant_id: str, removed: bool) -> None:
        """Remove a participant from their board (their token stops working), or undo it."""
        await self._writer.run(
            lambda db: db.table("participants").update(participant_id, {"removed": int(removed)})
        )

    async def set_table(self, participant_id: str, table: str | None) -> None:
        """Keep the table number a participant gave (joining again may change it)."""
        await self._writer.run(
            lambda db: db.table("participants").update(participant_id, {"table_label": table})
        )

    async def set_groups(self, board_id: str, groups: dict[str, str | None]) -> None:
        """Put participants of a board in table groups (None: in none), in one transaction."""
        await self._writer.run(self._set_groups, board_id, groups)

    @staticmethod
    def _set_groups(db: Database, board_id: str, groups: dict[str, str | None]) -> None:
        with db.atomic():
            for participant_id, group_id in groups.items():
                db.execute(
                    "UPDATE participants SET group_id = ? WHERE id = ? AND board_id = ?",
                    [group_id, participant_id, board_id],
                )

    async def participants_of(self, board_id: str) -> list[dict[str, Any]]:
        """Return a board's participants, oldest first."""
        return await self._reader.run(
            lambda db: list(
                db.table("participants").rows_where("board_id = ?", [board_id], order_by="created")
            )
        )

    async def participant_names(self, board_id: str) -> dict[str, str]:
        """Return the display name of each participant of a board."""
        return await self._reader.run(
            lambda db: {
                row["id"]: row["name"]
                for row in db.table("participants").rows_where("board_id = ?", [board_id])
            }
        )

    # -- authorship --------------------------------------------------------------

    async def record_authors(
        self, board_id: str, item_ids: list[str], participant_id: str | None, role: str
    ) -> list[str]:
        """Record who created new items; return the ids that had no author yet."""
        return await self._writer.run(
            self._record_authors, board_id, item_ids, participant_id, role
        )

    @staticmethod
    def _record_authors(
        db: Database, board_id: str, item_ids: list[str], participant_id: str | None, role: str
    ) -> list[str]:
        now = utc_now()
        new: list[str] = []
        with db.atomic():
            for item_id in item_ids:
                cursor = db.execute(
                    "INSERT INTO items"  # noqa: S608 (the dialect's SQL is a constant)
                    " (board_id, item_id, participant_id, role, created, anonymous)"
                    f" SELECT ?, ?, ?, ?, ?, {db.dialect.anonymous_now}"
                    " WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)"
                    " ON CONFLICT DO NOTHING",
                    [board_id, item_id, participant_id, role, now, board_id, board_id],
                )
                if cursor.rowcount:
                    new.append(item_id)
        return new

    async def items_of(self, board_id: str, participant_id: str | None, role: str) -> list[str]:
        """Return the ids of the items this participant (or the facilitator) created.

        On the writer: a phone greeted while its author's newest item is being recorded
        gets that item here or in the message that follows the recording, never neither.
        """
        return await self._writer.run(self._items_of, board_id, participant_id, role)

    @staticmethod
    def _items_of(db: Database, board_id: str, participant_id: str | None, role: str) -> list[str]:
        if participant_id is None:
            sql = "SELECT item_id FROM items WHERE board_id = ? AND role = ? ORDER BY created"
            params: list[Any] = [board_id, role]
        else:
            sql = "SELECT item_id FROM items WHERE board_id = ? AND participant_id = ?"
            params = [board_id, participant_id]
        return [row[0] for row in db.execute(sql, params).fetchall()]

    async def has_participant_items(self, board_id: str) -> bool:
        """Say whether any participant has created an item on the board.

        On the writer: an item whose author is being recorded counts, so a board never
        turns anonymous with a named item written a moment before.
        """
        return await self._writer.run(
            lambda db: (
                db.execute(
                    "SELECT 1 FROM items WHERE board_id = ? AND participant_id IS NOT NULL LIMIT 1",
                    [board_id],
                ).fetchone()
                is not None
            )
        )

    async def named_authors_of(self, board_id: str) -> dict[str, str]:
        """Return the participant who created each item, leaving out the anonymous ones.

        An item written while its board was anonymous keeps its author for permissions
        (sync.connection.Identity) but is never attributed, even after anonymity is
        turned off.
        """
        return await self._reader.run(
            lambda db: {
                item: participant
                for item, participant in db.execute(
                    "SELECT item_id, participant_id FROM items WHERE board_id = ?"
                    " AND participant_id IS NOT NULL AND anonymous = 0",
                    [board_id],
                ).fetchall()
            }
        )

    async def authors_of(self, board_id: str) -> dict[str, str]:
        """Return who created each item of a board, as identity keys (sync.connection.Identity)."""
        return await self._reader.run(self._authors_of, board_id)

    @staticmethod
    def _authors_of(db: Database, board_id: str) -> dict[str, str]:
        rows = db.execute(
            "SELECT item_id, participant_id, role FROM items WHERE board_id = ?", [board_id]
        ).fetchall()
        return {item: participant or f"{role}:" for item, participant, role in rows}

    # -- dot votes ---------------------------------------------------------------

    async def latest_vote(
        self, board_id: str
    ) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """Return the board's latest vote session and its dots, if it ever had a vote."""
        return await self._reader.run(self._latest_vote, board_id)

    @staticmethod
    def _latest_vote(
        db: Database, board_id: str
    ) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        rows = list(
            db.table("vote_sessions").rows_where(
                "board_id = ?", [board_id], order_by="id desc", limit=1
            )
        )
        if not rows:
            return None
        dots = list(db.table("votes").rows_where("session_id = ?", [rows[0]["id"]]))
        return rows[0], dots

    async def open_vote(self, session: dict[str, Any]) -> int:
        """Store a new vote session; return its id."""
        return await self._writer.run(self._open_vote, session)

    @staticmethod
    def _open_vote(db: Database, session: dict[str, Any]) -> int:
        with db.atomic():
            db.execute(
                "UPDATE vote_sessions SET status = 'closed', closed = ? "
                "WHERE board_id = ? AND status = 'open'",
                [utc_now(), session["board_id"]],
            )
            return insert_returning_id(
                db,
                "INSERT INTO vote_sessions (board_id, budget, per_note, zone, show_live, status,"
                " results_visible, opened) VALUES (:board_id, :budget, :per_note, :zone,"
                " :show_live, :status, :results_visible, :opened)",
                session,
            )

    async def update_vote(self, session_id: int, **fields: Any) -> None:
        """Change a vote session's status or visibility."""
        await self._writer.run(lambda db: db.table("vote_sessions").update(session_id, fields))

    async def set_dots(
        self, session_id: int, board_id: str, participant_id: str, note_id: str, dots: int
    ) -> None:
        """Record how many dots a participant has on a note (0 removes the row)."""
        await self._writer.run(self._set_dots, session_id, board_id, participant_id, note_id, dots)

    @staticmethod
    def _set_dots(
        db: Database, session_id: int, board_id: str, participant_id: str, note_id: str, dots: int
    ) -> None:
        if dots > 0:
            # Once placed while the board was anonymous, a dot stays unnamed for good.
            dialect = db.dialect
            db.execute(
                "INSERT INTO votes (session_id, board_id, participant_id, note_id, dots, anonymous)"  # noqa: S608
                f" VALUES (?, ?, ?, ?, ?, {dialect.anonymous_now})"
                " ON CONFLICT (session_id, participant_id, note_id) DO UPDATE SET"
                " dots = excluded.dots,"
                f" anonymous = {dialect.greatest}(votes.anonymous, excluded.anonymous)",
                [session_id, board_id, participant_id, note_id, dots, board_id],
            )
        else:
            db.execute(
                "DELETE FROM votes WHERE session_id = ? AND participant_id = ? AND note_id = ?",
                [session_id, participant_id, note_id],
            )
