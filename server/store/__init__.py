"""Persistence: one writer, readers beside it, and one repository per concern.

`Store` opens the database and composes the repositories, each given the writer and
the reader:

- `store.boards` (boards.py): boards, events, each board's update log and compaction,
  deleting a board whole. It is all a room needs of storage (sync.ports.DocumentStore).
- `store.people` (people.py): participants, who wrote which item, dot votes.
- `store.charter` (charter.py): reactions and versions of a charter's wording.
- `store.facilitation` (facilitation.py): session state, co-facilitator keys, private
  and moderated items, snapshots.
- `store.library` (library.py): search text, the library's listing, links, retention.
- `store.programmes` (programmes.py): programmes of events, meeting kinds, rounds.

Writes run in order on the writer thread (writer.py); most reads run beside it on
read-only connections (reader.py). The schema is numbered migrations (migrations.py).

The database is a SQLite file, the embedded default, or PostgreSQL for several
processes sharing one database (issue 14): the repositories are the same for both, and
the few differences of SQL are in sql.py (the dialects), postgres.py (the adapter) and
postgres_migrations.py (the schema).
"""

from __future__ import annotations

from pathlib import Path

from server.store.boards import BOARD_TABLES, Board, BoardRecords, Event, StoredDocument
from server.store.charter import CharterRecords
from server.store.facilitation import FacilitationRecords, parse_snapshot_id
from server.store.library import LibraryRecords
from server.store.people import Participant, PeopleRecords
from server.store.programmes import MEETING_KINDS, Programme, ProgrammeRecords
from server.store.reader import READERS, Reader
from server.store.writer import Location, Writer, utc_now

__all__ = [
    "BOARD_TABLES",
    "MEETING_KINDS",
    "Board",
    "Event",
    "Location",
    "Participant",
    "Programme",
    "Store",
    "StoredDocument",
    "parse_snapshot_id",
    "utc_now",
]


class Store:
    """The database: its writer, its readers and the repositories that use them."""

    def __init__(
        self, location: Location, *, flush_interval_s: float = 0.25, readers: int = READERS
    ) -> None:
        """Describe the store; `location` is a SQLite file or a `postgresql://` URL."""
        if isinstance(location, str) and not location.startswith(("postgresql://", "postgres://")):
            raise ValueError(
                f"a store is a SQLite file's Path or a postgresql:// URL, not {location!r}"
            )
        self.location = location
        # The SQLite file, for the tools that read it directly; None on PostgreSQL.
        self.path: Path | None = location if isinstance(location, Path) else None
        self.writer = Writer(location)
        self.reader = Reader(location, size=readers)
        self.boards = BoardRecords(self.writer, self.reader, flush_interval_s=flush_interval_s)
        self.people = PeopleRecords(self.writer, self.reader)
        self.charter = CharterRecords(self.writer, self.reader)
        self.facilitation = FacilitationRecords(self.writer, self.reader)
        self.library = LibraryRecords(self.writer, self.reader)
        self.programmes = ProgrammeRecords(self.writer, self.reader)

    async def open(self) -> None:
        """Open the database, apply migrations, open the readers and start flushing."""
        await self.writer.open()
        await self.reader.open()
        self.boards.start()

    async def close(self) -> None:
        """Write everything pending, then close the readers and the writer."""
        await self.boards.stop()
        await self.reader.close()
        await self.writer.close()
