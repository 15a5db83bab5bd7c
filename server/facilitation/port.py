"""What the facilitation parts of a room may use of it: a narrow port, not the `Room`.

The parts (session, private writing, moderation, snapshots) read and write the board's
document, reach its connections and its store, and tell the rules what the server itself
wrote. They never call back into the room's own machinery: `server/parts.py` builds the
port, and is the one place that knows both the room and the rules.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from pycrdt import Doc

from boards.engines import Engine
from server.store import Store
from server.sync.connection import Connection, Identity
from server.sync.presence import Presence

if TYPE_CHECKING:
    from server.rules.base import Rules
    from server.sync.room import Room


class RoomPort:
    """One room as its facilitation parts see it."""

    def __init__(
        self,
        room: Room,
        store: Store,
        rules: Callable[[], Rules | None],
        reload: Callable[[], Awaitable[None]],
    ) -> None:
        self._room = room
        self._rules = rules
        self._reload = reload
        self.board_id = room.board_id
        self.engine: Engine | None = room.engine
        self.store = store

    @property
    def doc(self) -> Doc[Any]:
        """The board's live document."""
        return self._room.doc

    @property
    def presence(self) -> Presence:
        """Who is here (the session hides names on an anonymous board)."""
        return self._room.presence

    @property
    def connections(self) -> Mapping[int, Connection]:
        """The room's open connections, by id."""
        return self._room.connections

    @property
    def rules(self) -> Rules | None:
        """The board's rules, once loaded."""
        return self._rules()

    def broadcast(self, message: bytes) -> None:
        """Send one message to every connection."""
        self._room.broadcast(message)

    def end_connections(self, which: Callable[[Identity], bool], code: int, reason: str) -> None:
        """Close the connections whose identity `which` picks."""
        self._room.end_connections(which, code, reason)

    def notify(self, connection: Connection, code: str) -> None:
        """Tell one connection something in its language (a notice code)."""
        self._room.notify(connection, code)

    def after_server_write(self) -> None:
        """Let the rules copy what the server itself just wrote into the document."""
        rules = self._rules()
        if rules is not None:
            rules.after_server_write()

    async def reload_side_state(self) -> None:
        """Read the rules' and the facilitator's state again (after a snapshot restore)."""
        await self._reload()
