"""A room's awareness table: who is here, owned per connection, never stored.

y-websocket clients re-send every awareness change they receive, their own or not, so a
relay that trusts them multiplies each cursor move by the number of clients. The table
accepts an entry only from the connection that owns its client id, and numbers what it
sends out itself (clients adopt a higher clock, even for their own state), so a phone
that reconnects, or a state removed and re-announced, is never ignored by the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from .wire import AwarenessEntry, check_state

# Client ids whose connection ended that a room remembers (see Presence._released).
MAX_RELEASED = 4096


@dataclass(frozen=True)
class PresenceChange:
    """An accepted entry as the room sends it, and the clock its owner knows it by.

    The owner must get its own entry back at its own clock: a client adopts a newer
    clock for its own state and then re-sends the state, which the room would number
    one higher again, without end.
    """

    entry: AwarenessEntry  # what every other connection receives
    owner: Hashable | None = None
    owner_clock: int = 0

    @property
    def for_owner(self) -> AwarenessEntry:
        """Return the entry as its owner receives it."""
        return AwarenessEntry(self.entry.client_id, self.owner_clock, self.entry.state)


@dataclass
class _Client:
    owner: Hashable  # the connection that owns this client id
    identity: Hashable  # the person behind it: a participant id, or the facilitator role
    clock_in: int  # the newest clock the owner sent
    clock_out: int  # the newest clock the room sent
    state: str


@dataclass
class Presence:
    """The awareness states of one room."""

    _clients: dict[int, _Client] = field(default_factory=dict)
    # Client ids whose connection ended: who they belonged to (only that person may bring
    # them back; others re-sending a stale state must not revive it) and the clock of the
    # removal the room sent (a comeback must go out with a newer one to be seen).
    _released: dict[int, tuple[Hashable, int]] = field(default_factory=dict)
    _announced: set[Hashable] = field(default_factory=set)
    # Applied to every accepted state (anonymous boards strip names), see `anonymize`.
    redact: Callable[[AwarenessEntry], AwarenessEntry] | None = None

    def apply(
        self, connection: Hashable, identity: Hashable, entries: list[AwarenessEntry]
    ) -> list[PresenceChange]:
        """Apply a connection's awareness entries; return what the room must send out."""
        first = connection not in self._announced
        self._announced.add(connection)
        accepted = []
        for index, entry in enumerate(entries):
            if self._may_claim(connection, identity, entry.client_id, first and index == 0):
                checked = check_state(entry)
                if self.redact is not None and not checked.removed:
                    checked = self.redact(checked)
                out = self._accept(connection, identity, checked)
                if out is not None:
                    accepted.append(out)
        return accepted

    def _may_claim(
        self, connection: Hashable, identity: Hashable, client_id: int, first: bool
    ) -> bool:
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
            self._clients[entry.client_id] = _Client(
                connection, identity, entry.clock, clock, entry.state
            )
            out = AwarenessEntry(entry.client_id, clock, entry.state)
            return PresenceChange(out, connection, entry.clock)
        if client.owner != connection:
            client.owner = connection
        elif entry.clock <= client.clock_in:
            return None
        client.clock_in = entry.clock
        client.clock_out = max(client.clock_out + 1, entry.clock)
        client.state = entry.state
        out = AwarenessEntry(entry.client_id, client.clock_out, entry.state)
        return PresenceChange(out, connection, entry.clock)

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
                del self._released[next(iter(self._released))]
            if client.state != "null":
                removal = AwarenessEntry(client_id, client.clock_out + 1, "null")
                removals.append(PresenceChange(removal))
        return removals

    def snapshot(self) -> list[AwarenessEntry]:
        """Return every present client's entry for a connection that just joined.

        Each clock moves on by one: a client that reconnects still remembers the clocks it
        saw before (while it forgot the states), and would ignore entries that are not newer.
        """
        entries = []
        for client_id, client in self._clients.items():
            if client.state != "null":
                client.clock_out += 1
                entries.append(AwarenessEntry(client_id, client.clock_out, client.state))
        return entries

    def has_announced(self, connection: Hashable) -> bool:
        """Say whether a connection has sent presence before."""
        return connection in self._announced

    def redact_all(self) -> list[AwarenessEntry]:
        """Apply `redact` to every present state; return the changed entries to send."""
        changed: list[AwarenessEntry] = []
        if self.redact is None:
            return changed
        for client_id, client in self._clients.items():
            if client.state == "null":
                continue
            redacted = self.redact(AwarenessEntry(client_id, client.clock_out, client.state))
            if redacted.state != client.state:
                client.state = redacted.state
                client.clock_out += 1
                changed.append(AwarenessEntry(client_id, client.clock_out, client.state))
        return changed

    def client_ids(self, connection: Hashable) -> list[int]:
        """Return the client ids a connection owns."""
        return [cid for cid, client in self._clients.items() if client.owner == connection]

    def states(self) -> dict[int, str]:
        """Return the present clients' states as JSON text."""
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
