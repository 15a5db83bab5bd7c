"""What a room needs from outside sync/: its document's storage and the parts above it.

Both are protocols: sync/ imports nothing else of server/. The app builds the real ones
(server/store for storage, server/parts.py for the parts) and hands them to `Rooms`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from server.sync.connection import Connection, Identity


class Fenced(Exception):
    """A newer owner of the board has begun: this process may write nothing more of it.

    Raised by a store's writes of a board's log once a newer fencing epoch is stored for
    it (server/cluster: one owner per board). The room stops serving the board.
    """


class StoredState(Protocol):
    """A board's document as storage holds it: a compacted state and the updates after it."""

    @property
    def state(self) -> bytes | None: ...

    @property
    def updates(self) -> Sequence[bytes]: ...


class DocumentStore(Protocol):
    """The update log of boards' documents (server/store)."""

    async def load_document(self, board_id: str) -> StoredState:
        """Read a board's compacted state and the updates written after it."""
        ...

    def append(self, board_id: str, update: bytes) -> None:
        """Queue an applied update for the log."""
        ...

    async def commit(self, board_id: str) -> None:
        """Return once every queued update of the board is on disk."""
        ...

    async def compact(self, board_id: str, state: bytes) -> None:
        """Replace the board's log with its whole state."""
        ...

    def rows_since_compaction(self, board_id: str) -> int:
        """Return how many log rows were written since the board's last compaction."""
        ...

    async def delete(self, board_id: str) -> None:
        """Delete a board and everything of it."""
        ...


class Notice(Protocol):
    """Why a client's update was (partly) undone: a notice code and what they had written."""

    @property
    def code(self) -> str: ...

    @property
    def texts(self) -> list[str]: ...


class RoomParts(Protocol):
    """Everything a room holds above syncing: the rules, facilitation, authorship, search.

    The room calls in at fixed points and never looks inside (server/parts.py).
    """

    async def load(self) -> None:
        """Read what the parts keep in the store; start guarding the document."""
        ...

    async def introduce(self, connection: Connection) -> list[dict[str, Any]]:
        """Return the Tavle messages a new connection needs before the document."""
        ...

    async def welcome(self, connection: Connection) -> list[dict[str, Any]]:
        """Return the Tavle messages a new connection needs after the document and presence."""
        ...

    def review(self, connection: Connection) -> Notice | None:
        """Undo what the connection's update just applied may not change, and say why."""
        ...

    async def command(self, connection: Connection, payload: dict[str, Any]) -> None:
        """Carry out one Tavle command, or tell the sender why not."""
        ...

    async def items_added(self, identity: Identity, item_ids: list[str]) -> None:
        """Record who added these items, and tell that person's screens."""
        ...

    async def index(self) -> None:
        """Keep the board's text for search and its counts for the library."""
        ...

    def close(self) -> None:
        """Stop guarding and cancel what is pending; the room is being unloaded."""
        ...


# (locale, notice code) -> the notice's text in that language.
NoticeText = Callable[[str, str], str]


def untranslated(_locale: str, code: str) -> str:
    """A notice's text where no catalog is given: its code."""
    return code
