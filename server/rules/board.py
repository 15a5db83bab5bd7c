"""The rules of a board of notes (the map and notes engines): permissions and dot votes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pycrdt import Map

from server.rules.base import BoardContext, Refusal, RulesBase
from server.rules.commands import Command, Refused
from server.rules.voting import Ballot
from server.sync.broadcast import Throttled
from server.sync.capabilities import Capability
from server.sync.wire import encode_tavle

if TYPE_CHECKING:
    from server.sync.connection import Connection

# Room-wide vote progress goes out at most this often; the voter hears back at once.
VOTE_BROADCAST_INTERVAL_S = 0.5


class BoardRules(RulesBase):
    """Permissions and votes of one board's room."""

    def __init__(self, board: BoardContext) -> None:
        super().__init__(board)
        self.ballot: Ballot | None = Ballot(board.id, board.store) if board.engine.votes else None
        self._vote_broadcast = Throttled(
            VOTE_BROADCAST_INTERVAL_S, lambda: self._send_votes(self.connections())
        )

    async def load(self) -> None:
        """Read what the rules need from the store and start guarding the document."""
        if self.engine.authored or self.engine.facilitator_only:
            await self.start_guard()
        if self.ballot is not None:
            await self.ballot.load()

    def close(self) -> None:
        """Stop guarding and cancel pending broadcasts."""
        self.stop_guard()
        self._vote_broadcast.cancel()

    def review(self, connection: Connection, read_only: str | None) -> Refusal | None:
        """Undo what the connection's last update may not change, and say why."""
        undone = self.review_items(connection, read_only is not None)
        if undone is None or not undone.count:
            return None
        code = "item_limit" if undone.limit_reached else "reverted"
        return Refusal(read_only or code, undone.texts)

    async def snapshot_taken(self, label: str) -> None:
        """Nothing to note: a map's history is its snapshots."""

    async def reload(self) -> None:
        """Read the authors, the document's items and the votes again."""
        self.close()
        if self.ballot is not None:
            self.ballot = Ballot(self.board_id, self.store)
        await self.load()

    def greeting(self, connection: Connection) -> list[dict[str, Any]]:
        """Return the Tavle messages a new connection needs besides `hello` and `own`."""
        if self.ballot is None:
            return []
        return [self.ballot.view(connection.identity.participant_id, self._clusters_of())]

    def commands(self) -> list[Command]:
        """Dot votes: participants vote, the facilitator starts, ends and shows results."""
        if self.ballot is None:
            return []
        return [
            Command("vote", Capability.VOTE, self._vote),
            Command("vote.start", Capability.RUN_SESSION, self._start_vote),
            Command("vote.end", Capability.RUN_SESSION, self._end_vote),
            Command("vote.results", Capability.RUN_SESSION, self._show_results),
        ]

    async def _start_vote(self, connection: Connection, payload: dict[str, Any]) -> None:
        assert self.ballot is not None
        await self.ballot.start(
            budget=payload.get("budget"),
            per_note=payload.get("per_note"),
            zone=payload.get("zone"),
            show_live=payload.get("show_live", False),
            zones=set(self.doc.get("zones", type=Map).keys()),
        )
        self._send_votes(self.connections())

    async def _end_vote(self, connection: Connection, payload: dict[str, Any]) -> None:
        assert self.ballot is not None
        await self.ballot.end()
        self._send_votes(self.connections())

    async def _show_results(self, connection: Connection, payload: dict[str, Any]) -> None:
        assert self.ballot is not None
        await self.ballot.show_results(payload.get("visible"), payload.get("top"))
        self._send_votes(self.connections())

    async def _vote(self, connection: Connection, payload: dict[str, Any]) -> None:
        assert self.ballot is not None
        participant_id = connection.identity.participant_id
        assert participant_id is not None
        note_id = payload.get("note")
        if not isinstance(note_id, str):
            raise Refused("invalid")
        note = self.doc.get("notes", type=Map).get(note_id)
        zone = note.get("zone") if isinstance(note, Map) else None
        dots = self.ballot.place(participant_id, note_id, payload.get("delta"), zone)
        await self.ballot.save_dots(participant_id, note_id, dots)
        # The voter's own screens hear back at once; everyone else soon after.
        self._send_votes(
            c for c in self.connections() if c.identity.participant_id == participant_id
        )
        self._vote_broadcast.request()

    def _send_votes(self, receivers: Iterable[Connection]) -> None:
        assert self.ballot is not None
        clusters_of = self._clusters_of()
        for connection in receivers:
            view = self.ballot.view(connection.identity.participant_id, clusters_of)
            connection.send(encode_tavle(view))

    def _clusters_of(self) -> dict[str, str]:
        """Return the cluster of each clustered note."""
        clusters: dict[str, str] = {}
        for note_id, note in self.doc.get("notes", type=Map).items():
            if isinstance(note, Map):
                cluster = note.get("cluster")
                if isinstance(cluster, str) and cluster:
                    clusters[note_id] = cluster
        return clusters
