"""A room's parts above syncing: its rules, the facilitator's session, authorship, search.

The room (server/sync/room.py) knows none of them: it calls `BoardParts` at fixed points
through the `RoomParts` protocol (sync/ports.py). This module is the one place that knows
both the room and what sits on it; the facilitation parts get a `RoomPort`, the rules a
document and a way to reach the connections.
"""

from __future__ import annotations

from typing import Any

from boards.engines import Engine
from boards.search import search_text
from server.facilitation.parts import Facilitation
from server.facilitation.port import RoomPort
from server.i18n import gettext
from server.i18n.messages import NOTICE_MESSAGES
from server.rules.base import BoardContext, Refusal, Rules
from server.rules.board import BoardRules
from server.rules.charter import CharterRules
from server.rules.commands import Command, Commands, Refused
from server.rules.engines import make_rules
from server.rules.reactions import Reactions
from server.rules.voting import Ballot
from server.store import Store
from server.sync import wire
from server.sync.capabilities import Capability
from server.sync.connection import Connection, Identity
from server.sync.room import Room, RoomOptions
from server.sync.rooms import Rooms


def notice_text(locale: str, code: str) -> str:
    """Return a notice's text in the reader's language."""
    return gettext(locale, NOTICE_MESSAGES[code])


class BoardParts:
    """The rules and the facilitation of one room, as the room's `RoomParts`."""

    def __init__(self, room: Room, store: Store) -> None:
        self.room = room
        self.store = store
        self.rules: Rules | None = None
        self.port = RoomPort(room, store, lambda: self.rules, self._reload)
        self.facilitation = Facilitation(self.port)
        self.commands = Commands()

    async def load(self) -> None:
        """Read the session, private notes and moderation, then the rules."""
        await self.facilitation.load()
        engine = self.room.engine
        if engine is not None:
            board = BoardContext(
                self.room.board_id,
                self.room.doc,
                engine,
                self.store,
                lambda: list(self.room.connections.values()),
                lambda: self.facilitation.session.state.anonymous,
                self.room.limits.max_items_per_person,
                self.facilitation.groups.space_of,
            )
            self.rules = make_rules(board)
            await self.rules.load()
        self.commands = Commands([*self.facilitation.commands(), *self._rule_commands()])

    def _rule_commands(self) -> list[Command]:
        return self.rules.commands() if self.rules is not None else []

    def close(self) -> None:
        """Stop the rules' guards and the timer."""
        if self.rules is not None:
            self.rules.close()
        self.facilitation.close()

    async def introduce(self, connection: Connection) -> list[dict[str, Any]]:
        """The session, one's private notes, and the facilitator's lists."""
        return await self.facilitation.greeting(connection)

    async def welcome(self, connection: Connection) -> list[dict[str, Any]]:
        """The items one wrote, then what the rules show (votes, reactions)."""
        identity = connection.identity
        own = await self.store.people.items_of(
            self.room.board_id, identity.participant_id, identity.role
        )
        messages = [{"type": "own", "items": own, "replace": True}]
        if self.rules is not None:
            messages += self.rules.greeting(connection)
        return messages

    def review(self, connection: Connection) -> Refusal | None:
        """Undo what the connection's update may not change, in this phase too."""
        if self.rules is None:
            return None
        # A read-only link's updates never reach here: the room does not apply them.
        read_only = None
        if not connection.identity.edits_all:
            read_only = self.facilitation.session.read_only_reason()
        return self.rules.review(connection, read_only)

    async def command(self, connection: Connection, payload: dict[str, Any]) -> None:
        """Carry out one Tavle command, or tell the sender why not (server/rules/commands.py)."""
        kind = str(payload["type"])
        command = self.commands.get(kind)
        identity = connection.identity
        if command is None:
            self.room.notify(connection, "invalid")
            return
        if not identity.can(command.needs):
            read_only = identity.capabilities == {Capability.READ}
            self.room.notify(connection, "read_only_viewer" if read_only else "not_allowed")
            return
        if command.phased and not identity.can(Capability.EDIT_ALL):
            refusal = self.facilitation.session.command_refusal(kind)
            if refusal is not None:
                self.room.notify(connection, refusal)
                return
        try:
            await command.run(connection, payload)
        except Refused as refused:
            self.room.notify(connection, refused.code)

    async def items_added(self, identity: Identity, item_ids: list[str]) -> None:
        """Record who added these items, and tell that person's screens."""
        recorded = await self.store.people.record_authors(
            self.room.board_id, item_ids, identity.participant_id, identity.role
        )
        if recorded:
            message = wire.encode_tavle({"type": "own", "items": recorded, "replace": False})
            for connection in self.room.connections.values():
                if connection.identity.key == identity.key:
                    connection.send(message)

    async def index(self) -> None:
        """Keep the board's text for search, and its counts for the library."""
        engine = self.room.engine
        if engine is None:
            return
        text, counts = search_text(self.room.doc, engine)
        board = await self.store.boards.get(self.room.board_id)
        if board is not None:
            await self.store.library.set_search_text(self.room.board_id, board.title, text, counts)

    @property
    def anonymous(self) -> bool:
        """Whether the board is anonymous now."""
        return self.facilitation.session.state.anonymous

    def reactions(self) -> Reactions | None:
        """A charter's live votes on proposals and likes of examples."""
        return self.rules.reactions if isinstance(self.rules, CharterRules) else None

    def ballot(self) -> Ballot | None:
        """A map's live dot vote, if it has one."""
        return self.rules.ballot if isinstance(self.rules, BoardRules) else None

    async def _reload(self) -> None:
        """Read the rules' and the facilitator's state again (after a snapshot restore)."""
        if self.rules is not None:
            await self.rules.reload()
            for connection in list(self.room.connections.values()):
                for message in self.rules.greeting(connection):
                    connection.send(wire.encode_tavle(message))
        await self.facilitation.reload()


def board_room(board_id: str, store: Store, engine: Engine | None, **options: Any) -> Room:
    """Return a board's room with its parts (load it before serving).

    `options` are `RoomOptions` fields.
    """
    return Room(
        board_id,
        store.boards,
        engine=engine,
        make_parts=lambda room: BoardParts(room, store),
        notice_text=notice_text,
        options=RoomOptions(**options),
    )


def board_rooms(store: Store, options: RoomOptions | None = None, **rooms: Any) -> Rooms:
    """Return the rooms of one process, each room with its parts.

    `rooms` are `Rooms`' own settings (how long an idle room stays, when to compact).
    """
    return Rooms(
        store.boards,
        make_parts=lambda room: BoardParts(room, store),
        notice_text=notice_text,
        options=options,
        **rooms,
    )


def parts_of(room: Room) -> BoardParts:
    """Return a loaded room's parts (the web side's way to its votes and session)."""
    parts = room.parts
    if not isinstance(parts, BoardParts):
        raise LookupError(f"room {room.board_id} has no board parts")
    return parts
