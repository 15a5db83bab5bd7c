"""The rows of programmes: events in order, each event's meeting kind, and rounds of boards.

A programme holds events (`events.programme_id`); a board that continues an earlier
board, in a later event, names it (`boards.previous_board_id`). Both are read here; a
new round's board row is written by `BoardRecords.create` like any board's
(docs/programme.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server.store.reader import Reader
from server.store.sql import Database
from server.store.writer import Writer, utc_now

__all__ = ["MEETING_KINDS", "Programme", "ProgrammeRecords"]

# The kinds of meeting a municipality's leaders hold (DESIGN.md); an event may have none.
MEETING_KINDS = ("seminar-12-12", "theme-day", "storledermoede", "leader-network")
# A chain of rounds longer than this is a loop in broken data, not a programme.
MAX_ROUNDS = 1000


@dataclass(frozen=True)
class Programme:
    """A series of events whose boards carry the same work on."""

    id: str
    name: str
    created: str


class ProgrammeRecords:
    """Programmes, the events in them, and which board continues which."""

    def __init__(self, writer: Writer, reader: Reader) -> None:
        self._writer = writer
        self._reader = reader

    # -- programmes ----------------------------------------------------------------

    async def create(self, programme: Programme, event_ids: list[str]) -> Programme:
        """Insert a programme and put these events (of no programme yet) in it."""
        return await self._writer.run(self._create, programme, event_ids)

    @staticmethod
    def _create(db: Database, programme: Programme, event_ids: list[str]) -> Programme:
        with db.atomic():
            db.table("programmes").insert(programme.__dict__, pk="id")
            for event_id in event_ids:
                db.execute(
                    "UPDATE events SET programme_id = ? WHERE id = ? AND programme_id IS NULL",
                    [programme.id, event_id],
                )
        return programme

    async def get(self, programme_id: str) -> Programme | None:
        """Return a programme by id."""
        return await self._reader.run(self._get, programme_id)

    @staticmethod
    def _get(db: Database, programme_id: str) -> Programme | None:
        row = db.execute(
            "SELECT id, name, created FROM programmes WHERE id = ?", [programme_id]
        ).fetchone()
        return None if row is None else Programme(id=row[0], name=row[1], created=row[2])

    async def rename(self, programme_id: str, name: str) -> None:
        """Give a programme another name."""
        await self._writer.run(
            lambda db: db.execute(
                "UPDATE programmes SET name = ? WHERE id = ?", [name, programme_id]
            )
        )

    # -- events --------------------------------------------------------------------

    async def event(self, event_id: str) -> dict[str, Any] | None:
        """Return an event's row with its programme and meeting kind, if it exists."""
        return await self._reader.run(self._event, event_id)

    @staticmethod
    def _event(db: Database, event_id: str) -> dict[str, Any] | None:
        rows = list(
            db.query(
                "SELECT id, name, date, programme_id, meeting_kind FROM events WHERE id = ?",
                [event_id],
            )
        )
        return rows[0] if rows else None

    async def set_event(
        self, event_id: str, *, programme_id: str | None, meeting_kind: str | None
    ) -> None:
        """Put an event in a programme (or none) and set its meeting kind (or none).

        A programme left without events is deleted with it, as an event without boards is.
        """
        await self._writer.run(self._set_event, event_id, programme_id, meeting_kind)

    @staticmethod
    def _set_event(
        db: Database, event_id: str, programme_id: str | None, meeting_kind: str | None
    ) -> None:
        with db.atomic():
            row = db.execute("SELECT programme_id FROM events WHERE id = ?", [event_id]).fetchone()
            db.execute(
                "UPDATE events SET programme_id = ?, meeting_kind = ? WHERE id = ?",
                [programme_id, meeting_kind, event_id],
            )
            if row is not None and row[0] is not None and row[0] != programme_id:
                db.execute(
                    "DELETE FROM programmes WHERE id = ?"
                    " AND NOT EXISTS (SELECT 1 FROM events WHERE programme_id = ?)",
                    [row[0], row[0]],
                )

    async def add_event(
        self, programme_id: str, event: dict[str, Any], meeting_kind: str | None
    ) -> None:
        """Insert a new event (id, name, date) into a programme, before its first board."""
        await self._writer.run(
            lambda db: db.table("events").insert(
                {
                    "id": event["id"],
                    "name": event["name"],
                    "date": event["date"],
                    "created": utc_now(),
                    "programme_id": programme_id,
                    "meeting_kind": meeting_kind,
                },
                pk="id",
            )
        )

    # -- the page of a programme -------------------------------------------------

    async def outline(self, programme_id: str) -> list[dict[str, Any]]:
        """Return the programme's events in order (by date, undated last), each with its boards.

        Each board has its `previous_board_id` and its `round`: 1 for a board that continues
        none in the programme, one more than its previous round's otherwise.
        """
        return await self._reader.run(self._outline, programme_id)

    @staticmethod
    def _outline(db: Database, programme_id: str) -> list[dict[str, Any]]:
        events = [
            {**row, "boards": []}
            for row in db.query(
                "SELECT id, name, date, meeting_kind, created FROM events"
                " WHERE programme_id = ? ORDER BY date NULLS LAST, created, id",
                [programme_id],
            )
        ]
        by_id = {event["id"]: event for event in events}
        boards = list(
            db.query(
                "SELECT b.id, b.title, b.kind, b.event_id, b.previous_board_id, b.created,"
                " b.archived FROM boards b JOIN events e ON e.id = b.event_id"
                " WHERE e.programme_id = ? ORDER BY b.created, b.id",
                [programme_id],
            )
        )
        previous = {board["id"]: board["previous_board_id"] for board in boards}
        for board in boards:
            board["archived"] = bool(board["archived"])
            board["round"] = _round_number(board["id"], previous)
            by_id[board["event_id"]]["boards"].append(board)
        return events

    # -- rounds --------------------------------------------------------------------

    async def first_round(self, board_id: str) -> str | None:
        """Return the first round of the chain a board is in (itself if it continues none)."""
        return await self._reader.run(self._first_round, board_id)

    @staticmethod
    def _first_round(db: Database, board_id: str) -> str | None:
        seen: list[str] = []
        current: str | None = board_id
        while current is not None and current not in seen and len(seen) < MAX_ROUNDS:
            row = db.execute(
                "SELECT previous_board_id FROM boards WHERE id = ?", [current]
            ).fetchone()
            if row is None:
                break
            seen.append(current)
            current = row[0]
        return seen[-1] if seen else None

    async def next_rounds(self, board_id: str) -> list[dict[str, Any]]:
        """Return the boards that continue this one (id, title, event's name), oldest first."""
        return await self._reader.run(
            lambda db: list(
                db.query(
                    "SELECT b.id, b.title, e.name AS event_name FROM boards b"
                    " LEFT JOIN events e ON e.id = b.event_id"
                    " WHERE b.previous_board_id = ? ORDER BY b.created, b.id",
                    [board_id],
                )
            )
        )


def _round_number(board_id: str, previous: dict[str, str | None]) -> int:
    """Return the round of a board: how many boards of the programme lead up to it, plus one."""
    number, current, seen = 1, previous.get(board_id), {board_id}
    while current is not None and current in previous and current not in seen:
        seen.add(current)
        number += 1
        current = previous[current]
    return number
