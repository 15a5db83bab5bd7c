"""What every board's rules are: the protocol the room's parts call, and its common base.

The room's parts (server/parts.py) call in at three points: after applying a client's
update (`review`), when a client connects (`greeting`), and for the commands the rules
register (`commands`, into server/rules/commands.py). The engines' rules are
server/rules/board.py (notes and maps: dot votes) and server/rules/charter.py; which an
engine takes, server/rules/engines.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from pycrdt import Doc

from boards.engines import Engine
from server.rules.commands import Command
from server.rules.guard import Guard, Undone
from server.store import Store
from server.sync.limits import MAX_ITEMS_PER_PERSON

if TYPE_CHECKING:
    from server.sync.connection import Connection

log = logging.getLogger(__name__)

Connections = Callable[[], Iterable["Connection"]]
# Whether the board is anonymous now (the facilitator's session says).
Anonymous = Callable[[], bool]
# The table group whose space a participant writes in now (None: the plenum's).
SpaceOf = Callable[[str | None], str | None]


def _plenum(participant_id: str | None) -> str | None:
    return None


@dataclass(frozen=True)
class Refusal:
    """Why an update was (partly) undone: a notice code and the texts that could not stay."""

    code: str
    texts: list[str] = field(default_factory=list)


class Rules(Protocol):
    """What a room asks of its board's rules (this module's and server/rules/charter.py's)."""

    async def load(self) -> None:
        """Read what the rules need from the store and start guarding the document."""
        ...

    def close(self) -> None:
        """Stop guarding and cancel pending broadcasts."""
        ...

    def review(self, connection: Connection, read_only: str | None) -> Refusal | None:
        """Undo what the connection's last update may not change, and say why.

        `read_only` is the notice code of why participants may not edit now, if so.
        """
        ...

    def greeting(self, connection: Connection) -> list[dict[str, Any]]:
        """Return the Tavle messages a new connection needs besides `hello` and `own`."""
        ...

    def commands(self) -> list[Command]:
        """Return the commands these rules carry out, with the capability each needs."""
        ...

    def after_server_write(self) -> None:
        """Copy what the server itself just wrote into the document (nothing to review)."""
        ...

    def adopt(self, item_ids: list[str], participant_id: str) -> None:
        """Record who wrote items the server placed for them (revealed private notes)."""
        ...

    async def snapshot_taken(self, label: str) -> None:
        """Note a snapshot (the charter keeps a version of each changed section)."""
        ...

    async def reload(self) -> None:
        """Read everything again from the document and the store (after a restore)."""
        ...


@dataclass(frozen=True)
class BoardContext:
    """What a board's rules are given: the board, its document, its kind and its room."""

    id: str
    doc: Doc[Any]
    engine: Engine
    store: Store
    connections: Connections
    anonymous: Anonymous  # whether the board is anonymous now
    max_items_per_person: int = MAX_ITEMS_PER_PERSON
    space_of: SpaceOf = _plenum  # server/facilitation/groups.py


class RulesBase:
    """What every board's rules hold: the board, its document, its kind and its room."""

    def __init__(self, board: BoardContext) -> None:
        self.board_id = board.id
        self.doc = board.doc
        self.engine = board.engine
        self.store = board.store
        self.connections = board.connections
        self.max_items_per_person = board.max_items_per_person
        self.space_of = board.space_of
        self.guard: Guard | None = None

    async def start_guard(self) -> None:
        """Read who wrote what and start guarding the document's authored and fixed roots."""
        self.guard = Guard(
            self.doc,
            self.engine,
            await self.store.people.authors_of(self.board_id),
            max_items_per_person=self.max_items_per_person,
        )
        self.guard.attach()

    def review_items(self, connection: Connection, read_only: bool) -> Undone | None:
        """Let the guard undo what the connection's last update may not change."""
        if self.guard is None:
            return None
        identity = connection.identity
        return self.guard.review(
            identity.key,
            identity.edits_all,
            read_only,
            checked=not identity.is_facilitator,
            limited=identity.participant_id is not None,
            space=self.space_of(identity.participant_id),
        )

    def stop_guard(self) -> None:
        """Stop guarding (the room unloads, or restarts its rules after a restore)."""
        if self.guard is not None:
            self.guard.detach()
            self.guard = None

    def after_server_write(self) -> None:
        """Copy what the server itself just wrote into the document."""
        if self.guard is not None:
            self.guard.absorb()

    def adopt(self, item_ids: list[str], participant_id: str) -> None:
        """Record who wrote items the server placed for them."""
        if self.guard is not None:
            self.guard.adopt(item_ids, participant_id)
