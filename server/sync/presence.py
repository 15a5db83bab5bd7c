"""A room's awareness table: who is here, owned per connection, never stored.

y-websocket clients re-send every awareness change they receive, their own or not, so a
relay that trusts them multiplies each cursor move by the number of clients. The table
accepts an entry only from the connection that owns its client id, and numbers what it
sends out itself (clients adopt a higher clock, even for their own state), so a phone
that reconnects, or a state removed and re-announced, is never ignored by the others.

Others never see a client's own id: every item a Yjs client writes carries that id, so
presence under it would tie a person, as they join and leave, to their notes (on an
anonymous board, to the facilitator too: issue 11 §4). The room sends each present
client under a random pseudonym of its own, and its owner alone gets it back under its
real id. A pseudonym re-sent by a client (y-websocket clients re-send all they receive)
is never accepted as anyone's.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from boards.limits import MAX_NAME_CHARS
from server.sync.connection import Identity
from server.sync.wire import AwarenessEntry, check_state

# Client ids whose connection ended that a room remembers (see Presence._released).
MAX_RELEASED = 4096


@dataclass(frozen=True)
class PresenceChange:
    """An accepted entry as the room sends it, and the clock its owner knows it by.

    The owner must get its own entry back at its own clock: a client adopts a newer
    clock for its own state and then re-sends the state, which the room would number
    one higher again, without end.
    """

    entry: AwarenessEntry  # what every other connection receives, under a pseudonym
    owner: Hashable | None = None
    owner_clock: int = 0
    client_id: int = 0  # the owner's own client id
    # The owner took the id over from an older connection of theirs: it was greeted with
    # its own entry under the pseudonym, which must go, or it would see itself twice.
    taken_over: bool = False

    @property
    def for_owner(self) -> list[AwarenessEntry]:
        """Return the entries its owner receives: its own, under its own id."""
        own = [AwarenessEntry(self.client_id, self.owner_clock, self.entry.state)]
        if self.taken_over:
            own.append(AwarenessEntry(self.entry.client_id, self.entry.clock, "null"))
        return own


@dataclass
class _Client:
    owner: Hashable  # the connection that owns this client id
    identity: Hashable  # the person behind it: a participant id, or the facilitator role
    clock_in: int  # the newest clock the owner sent
    clock_out: int  # the newest clock the room sent
    state: str
    alias: int  # the pseudonym others know this client by


@dataclass
class Presence:
    """The awareness states of one room."""

    _clients: dict[int, _Client] = field(default_factory=dict)
    # Client ids whose connection ended: who they belonged to (only that person may bring
    # them back; others re-sending a stale state must not revive it) and the clock of the
    # removal the room sent (a comeback must go out with a newer one to be seen).
    _released: dict[int, tuple[Hashable, int]] = field(default_factory=dict)
    _announced: set[Hashable] = field(default_factory=set)
    # Each client id's pseudonym, kept while the room lives so a comeback keeps it, and
    # every pseudonym handed out, which no connection may claim.
    _aliases: dict[int, int] = field(default_factory=dict)
    _issued: set[int] = field(default_factory=set)
    # Applied to every accepted state (anonymous boards strip names), see `anonymize`.
    redact: Callable[[AwarenessEntry], AwarenessEntry] | None = None
    # Where `redact_all` sends its changes (the room's fan-out), so each owner gets its
    # own entry under its own id.
    publish: Callable[[list[PresenceChange]], None] | None = None

    def apply(
        self,
        connection: Hashable,
        identity: Hashable,
        entries: list[AwarenessEntry],
        *,
        vouch: Callable[[AwarenessEntry], AwarenessEntry] | None = None,
    ) -> list[PresenceChange]:
        """Apply a connection's awareness entries; return what the room must send out.

        `vouch` rewrites an accepted state with what the server knows of its sender
        (`vouch_for`), before `redact`.
        """
        first = connection not in self._announced
        self._announced.add(connection)
        accepted = []
        for index, entry in enumerate(entries):
            if self._may_claim(connection, identity, entry.client_id, first and index == 0):
                checked = check_state(entry)
                if vouch is not None and not checked.removed:
                    checked = vouch(checked)
                if self.redact is not None and not checked.removed:
                    checked = self.redact(checked)
                out = self._accept(connection, identity, checked)
                if out is not None:
                    accepted.append(out)
        return accepted

    def _may_claim(
        self, connection: Hashable, identity: Hashable, client_id: int, first: bool
    ) -> bool:
        if client_id in self._issued:
            # Someone's pseudonym, re-sent: it belongs to the room, never to a client.
            return False
        client = self._clients.get(client_id)
        if client is not None:
            if client.owner == connection:
                return True
            # A client announces its own id first, right after it connects. The same
            # person's new connection may take the id over from an old one that has
            # not been noticed dead yet.
            return first and client.identity == identity
        released = self._released.get(client_id)
        return released is None or released[0] == identity

    def _accept(
        self, connection: Hashable, identity: Hashable, entry: AwarenessEntry
    ) -> PresenceChange | None:
        client = self._clients.get(entry.client_id)
        if client is None:
            if entry.removed:
                return None
            _, removed_at = self._released.pop(entry.client_id, (None, -1))
            clock = max(entry.clock, removed_at + 1)
            alias = self._alias(entry.client_id)
            self._clients[entry.client_id] = _Client(
                connection, identity, entry.clock, clock, entry.state, alias
            )
            out = AwarenessEntry(alias, clock, entry.state)
            return PresenceChange(out, connection, entry.clock, entry.client_id)
        taken_over = client.owner != connection
        if taken_over:
            client.owner = connection
        elif entry.clock <= client.clock_in:
            return None
        client.clock_in = entry.clock
        client.clock_out = max(client.clock_out + 1, entry.clock)
        client.state = entry.state
        out = AwarenessEntry(client.alias, client.clock_out, entry.state)
        return PresenceChange(out, connection, entry.clock, entry.client_id, taken_over)

    def _alias(self, client_id: int) -> int:
        alias = self._aliases.get(client_id)
        if alias is None:
            # Random, so nothing about it leads back to the client id; 32 bits like a
            # Yjs client id, and never one in use here.
            alias = secrets.randbits(32)
            while alias in self._issued or alias in self._clients:
                alias = secrets.randbits(32)
            self._aliases[client_id] = alias
            self._issued.add(alias)
        return alias

    def drop(self, connection: Hashable) -> list[PresenceChange]:
        """Remove every client id a closed connection owned; return the removals to send."""
        self._announced.discard(connection)
        removals = []
        for client_id, client in list(self._clients.items()):
            if client.owner != connection:
                continue
            del self._clients[client_id]
            self._released[client_id] = (client.identity, client.clock_out + 1)
            if len(self._released) > MAX_RELEASED:
                # Forget the oldest: a state re-sent after this long has timed out anyway.
                forgotten = next(iter(self._released))
                del self._released[forgotten]
                self._issued.discard(self._aliases.pop(forgotten, -1))
            if client.state != "null":
                removal = AwarenessEntry(client.alias, client.clock_out + 1, "null")
                removals.append(PresenceChange(removal))
        return removals

    def snapshot(self) -> list[AwarenessEntry]:
        """Return every present client's entry for a connection that just joined.

        Each clock moves on by one: a client that reconnects still remembers the clocks it
        saw before (while it forgot the states), and would ignore entries that are not newer.
        """
        entries = []
        for client in self._clients.values():
            if client.state != "null":
                client.clock_out += 1
                entries.append(AwarenessEntry(client.alias, client.clock_out, client.state))
        return entries

    def has_announced(self, connection: Hashable) -> bool:
        """Say whether a connection has sent presence before."""
        return connection in self._announced

    def redact_all(self) -> list[AwarenessEntry]:
        """Apply `redact` to every present state; return the changed entries to send.

        With `publish` set, the changes go there instead (each owner then gets its own
        entry under its own id) and nothing is returned for the caller to broadcast.
        """
        changed: list[PresenceChange] = []
        if self.redact is None:
            return []
        for client_id, client in self._clients.items():
            if client.state == "null":
                continue
            redacted = self.redact(AwarenessEntry(client.alias, client.clock_out, client.state))
            if redacted.state != client.state:
                client.state = redacted.state
                client.clock_out += 1
                out = AwarenessEntry(client.alias, client.clock_out, client.state)
                changed.append(PresenceChange(out, client.owner, client.clock_in, client_id))
        if self.publish is not None:
            if changed:
                self.publish(changed)
            return []
        return [change.entry for change in changed]

    def client_ids(self, connection: Hashable) -> list[int]:
        """Return the client ids a connection owns."""
        return [cid for cid, client in self._clients.items() if client.owner == connection]

    def alias_of(self, client_id: int) -> int | None:
        """Return the pseudonym a client id is known by to others, if it has one."""
        return self._aliases.get(client_id)

    def states(self) -> dict[int, str]:
        """Return the present clients' states as JSON text, by their own client ids."""
        return {cid: c.state for cid, c in self._clients.items() if c.state != "null"}


def anonymize(entry: AwarenessEntry) -> AwarenessEntry:
    """Return an entry whose `user` carries no name (an anonymous board's presence).

    Presence is keyed by the same client id as every Yjs item its client writes, so a
    name here would tell everyone who wrote what.
    """
    value = json.loads(entry.state)
    user = value.get("user") if isinstance(value, dict) else None
    if not isinstance(user, dict) or user.get("name") in (None, ""):
        return entry
    value["user"] = {**user, "name": ""}
    return AwarenessEntry(entry.client_id, entry.clock, json.dumps(value, separators=(",", ":")))


def vouch_for(identity: Identity) -> Callable[[AwarenessEntry], AwarenessEntry]:
    """Return a rewrite that gives a state's `user` the sender's real role and name.

    A device says who it is in presence; a modified one could say it is the facilitator,
    or another participant. The server knows: a participant's name is the one they
    joined with, and everyone's role is their link's. Other roles keep the name their
    device gives, cut to the length a name may have.
    """

    def vouch(entry: AwarenessEntry) -> AwarenessEntry:
        value = json.loads(entry.state)
        user = value.get("user") if isinstance(value, dict) else None
        if not isinstance(user, dict):
            return entry
        name = user.get("name")
        if identity.name is not None:
            name = identity.name
        elif not isinstance(name, str):
            name = ""
        stamped = {**user, "name": name[:MAX_NAME_CHARS], "role": identity.role}
        if stamped == user:
            return entry
        value["user"] = stamped
        state = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return AwarenessEntry(entry.client_id, entry.clock, state)

    return vouch
