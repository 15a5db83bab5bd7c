"""A charter's dot vote over its sections, on boards whose kind declares `section_vote`.

The LUS guide's plenum picks the themes common to every conversation this way (issue 15).
The dots are the map's: `Ballot` (server/rules/voting.py) keeps them, with a section's id
as the voted item's, so budgets, the per-item limit, hidden results and the store's tables
are one implementation. Only a kind that declares the vote takes these commands: its
budget is the kind's default, and a charter of principles was never meant to be ranked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pycrdt import Map

import boards
from server.rules.commands import Command, Refused
from server.rules.voting import Ballot
from server.store import Store
from server.sync.broadcast import Throttled
from server.sync.capabilities import Capability
from server.sync.wire import encode_tavle

if TYPE_CHECKING:
    from server.rules.base import Connections
    from server.sync.connection import Connection

# Room-wide vote progress goes out at most this often; the voter hears back at once.
VOTE_BROADCAST_INTERVAL_S = 0.5
# A section of this role frames the charter; it is no theme to vote on.
PREAMBLE = "preamble"


async def declared_budget(store: Store, board_id: str) -> int:
    """Return the section vote's budget the board's kind declares (0: the kind has none)."""
    board = await store.boards.get(board_id)
    kind = boards.get_kind(board.kind) if board is not None else None
    return kind.section_vote if kind is not None else 0


class SectionVote:
    """The dot vote over one charter's sections: its commands and each receiver's view."""

    def __init__(
        self,
        board_id: str,
        store: Store,
        sections: Map[Any],
        connections: Connections,
        budget: int,
    ) -> None:
        self.ballot = Ballot(board_id, store)
        self.sections = sections
        self.connections = connections
        self.budget = budget  # the kind's: what `vote.start` takes without one
        self._broadcast = Throttled(
            VOTE_BROADCAST_INTERVAL_S, lambda: self._send(self.connections())
        )

    async def load(self) -> None:
        """Read the board's latest vote and its dots (again, after a restore)."""
        self.ballot = Ballot(self.ballot.board_id, self.ballot.store)
        await self.ballot.load()

    def close(self) -> None:
        """Cancel a pending broadcast."""
        self._broadcast.cancel()

    def view(self, connection: Connection) -> dict[str, Any]:
        """Return the `vote` message for one connection (docs/protocol.md, "Charter")."""
        return self.ballot.view(connection.identity.participant_id, {})

    def commands(self) -> list[Command]:
        """Participants vote; the facilitator starts, ends and shows the results."""
        return [
            Command("vote", Capability.VOTE, self._vote),
            Command("vote.start", Capability.RUN_SESSION, self._start),
            Command("vote.end", Capability.RUN_SESSION, self._end),
            Command("vote.results", Capability.RUN_SESSION, self._results),
        ]

    async def _start(self, connection: Connection, payload: dict[str, Any]) -> None:
        await self.ballot.start(
            budget=payload.get("budget", self.budget),
            per_note=payload.get("per_note", 1),
            zone=payload.get("zone"),  # a charter has no zones: any zone is `invalid`
            show_live=payload.get("show_live", False),
            zones=set(),
        )
        self._send(self.connections())

    async def _end(self, connection: Connection, payload: dict[str, Any]) -> None:
        await self.ballot.end()
        self._send(self.connections())

    async def _results(self, connection: Connection, payload: dict[str, Any]) -> None:
        await self.ballot.show_results(payload.get("visible"), payload.get("top"))
        self._send(self.connections())

    async def _vote(self, connection: Connection, payload: dict[str, Any]) -> None:
        participant_id = connection.identity.participant_id
        if participant_id is None:
            raise Refused("not_allowed")
        section_id = payload.get("section")
        if not isinstance(section_id, str):
            raise Refused("invalid")
        dots = self.ballot.place(
            participant_id, section_id, payload.get("delta"), self._votable(section_id)
        )
        await self.ballot.save_dots(participant_id, section_id, dots)
        # The voter's own screens hear back at once; everyone else soon after.
        self._send(c for c in self.connections() if c.identity.participant_id == participant_id)
        self._broadcast.request()

    def _votable(self, section_id: str) -> str | None:
        """Return "" for a section one may vote on, None for no such section or a preamble."""
        section = self.sections.get(section_id)
        if not isinstance(section, Map) or section.get("role") == PREAMBLE:
            return None
        return ""

    def _send(self, receivers: Iterable[Connection]) -> None:
        for connection in receivers:
            connection.send(encode_tavle(self.view(connection)))
