"""The rules of one board beyond syncing: permissions on the document, and dot votes.

The room calls in at three points: after applying a client's update (`review`), when a
client connects (`greeting`), and when a client sends one of Tavle's own commands
(`command`). What the engine does not use is left out (the notes engine has neither).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from pycrdt import Doc, Map

from boards.engines import Engine
from server.rules.guard import Guard, Undone
from server.rules.voting import Ballot, VoteRefused
from server.store import Store
from server.sync.broadcast import Throttled
from server.sync.limits import MAX_ITEMS_PER_PERSON
from server.sync.wire import encode_tavle

if TYPE_CHECKING:
    from server.sync.room import Connection

log = logging.getLogger(__name__)

Connections = Callable[[], Iterable["Connection"]]


@dataclass(frozen=True)
class Refusal:
    """Why an update was (partly) undone: a notice code and the texts that could not stay."""

    code: str
    texts: list[str] = field(default_factory=list)


class Rules(Protocol):
    """What a room asks of its board's rules (this module's and server/charter.py's)."""

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

    async def command(self, connection: Connection, payload: dict[str, Any]) -> str | None:
        """Carry out a client's command; return a notice code when it is refused."""
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


def make_rules(
    board_id: str,
    doc: Doc[Any],
    engine: Engine,
    store: Store,
    connections: Connections,
    *,
    max_items_per_person: int = MAX_ITEMS_PER_PERSON,
) -> Rules:
    """Return the rules the engine asks for."""
    if engine.rules == "charter":
        from server.rules.charter import CharterRules  # charter imports this module

        made: BoardRules | CharterRules = CharterRules(board_id, doc, engine, store, connections)
    else:
        made = BoardRules(board_id, doc, engine, store, connections)
    made.max_items_per_person = max_items_per_person
    return made


# Room-wide vote progress goes out at most this often; the voter hears back at once.
VOTE_BROADCAST_INTERVAL_S = 0.5


class RulesBase:
    """What every board's rules hold: the board, its document, its kind and its room."""

    def __init__(
        self,
        board_id: str,
        doc: Doc[Any],
        engine: Engine,
        store: Store,
        connections: Connections,
    ) -> None:
        self.board_id = board_id
        self.doc = doc
        self.engine = engine
        self.store = store
        self.connections = connections
        self.guard: Guard | None = None
        self.max_items_per_person = MAX_ITEMS_PER_PERSON

    async def start_guard(self) -> None:
        """Read who wrote what and start guarding the document's authored and fixed roots."""
        self.guard = Guard(
            self.doc,
            self.engine,
            await self.store.authors_of(self.board_id),
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


class BoardRules(RulesBase):
    """Permissions and votes of one board's room."""

    def __init__(
        self,
        board_id: str,
        doc: Doc[Any],
        engine: Engine,
        store: Store,
        connections: Connections,
    ) -> None:
        super().__init__(board_id, doc, engine, store, connections)
        self.ballot: Ballot | None = Ballot(board_id, store) if engine.votes else None
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

    async def command(self, connection: Connection, payload: dict[str, Any]) -> str | None:
        """Carry out a client's command; return a notice code when it is refused."""
        if self.ballot is None:
            return "invalid"
        kind = payload.get("type")
        identity = connection.identity
        try:
            if kind == "vote":
                if identity.participant_id is None:
                    return "not_allowed"
                await self._vote(connection, payload)
                return None
            if kind not in ("vote.start", "vote.end", "vote.results"):
                return "invalid"
            if identity.role != "facilitator":
                return "not_allowed"
            if kind == "vote.start":
                await self.ballot.start(
                    budget=payload.get("budget"),
                    per_note=payload.get("per_note"),
                    zone=payload.get("zone"),
                    show_live=payload.get("show_live", False),
                    zones=set(self.doc.get("zones", type=Map).keys()),
                )
            elif kind == "vote.end":
                await self.ballot.end()
            else:
                await self.ballot.show_results(payload.get("visible"), payload.get("top"))
        except VoteRefused as refused:
            return refused.code
        self._send_votes(self.connections())
        return None

    async def _vote(self, connection: Connection, payload: dict[str, Any]) -> None:
        assert self.ballot is not None
        participant_id = connection.identity.participant_id
        assert participant_id is not None
        note_id = payload.get("note")
        if not isinstance(note_id, str):
            raise VoteRefused("invalid")
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
