"""Send what a room produces to its connections: encoded once, coalesced when busy.

Updates and presence changes that arrive while a flush waits go out as one message: one
merged update, and one awareness message holding each client's latest entry. The room
spends a budget of socket writes a second (a socket write is the largest cost the server
has, docs/benchmarks.md): a flush costs one write per receiver, and the budget refills
continuously up to a tenth of a second's worth. A room within its budget sends each
change at once, in the event-loop turn it came in; a room beyond it waits until the
budget covers the next flush, and everything that arrived meanwhile goes out together,
which turns N changes to M receivers into far fewer messages. `window_s` sets a shortest
time between flushes besides (0 by default). Each connection gets the same bytes, except
that an update is never echoed to the connection it came from.

Updates are stored before anyone gets them: a window's updates go out only once
`persist` (the store's commit of the board) has returned, so a phone that saw an edit
implies the edit survives a crash of the process (issue 11 §7). Updates applied while a
commit is in flight wait for it and form the next window; presence never waits for disk.

With several processes (server/cluster), `publish` appends each stored window to the
board's live log, which other processes read to serve their own clients: a receiver
that is `relayed` gets its updates that way, and everything else from here. The budget
is the room's over all of them: its flushes set every process's pace. A store that
refuses a window because a newer owner has begun (Fenced) stops the fan-out for good.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol

from pycrdt import create_awareness_message, merge_updates
from pycrdt._sync import write_var_uint

from server.sync import wire
from server.sync.ports import Fenced
from server.sync.presence import PresenceChange
from server.sync.wire import AwarenessEntry

# How many presence updates a room remembers to recognise echoes: echoes come back within
# a round trip, a few flush windows.
RECENT_AWARENESS = 64
# The socket writes a room may make at once after a quiet spell: this long's budget.
SEND_BURST_S = 0.1

log = logging.getLogger(__name__)


class Receiver(Protocol):
    """A connection as the fan-out sees it."""

    id: int

    @property
    def relayed(self) -> bool:
        """Say whether another process sends it the updates."""
        ...

    def send(self, message: bytes) -> None:
        """Queue a message for the client."""


def _encode_entries(entries: list[AwarenessEntry]) -> bytes:
    """Encode entries without the count that starts an awareness update."""
    return wire.encode_awareness_update(entries)[len(write_var_uint(len(entries))) :]


def _merged(updates: list[bytes]) -> bytes:
    return updates[0] if len(updates) == 1 else merge_updates(*updates)


class Fanout:
    """Coalesce a room's outgoing updates and presence into few, shared messages."""

    def __init__(
        self,
        receivers: Mapping[int, Receiver],
        *,
        window_s: float,
        sends_per_s: float = float("inf"),
        persist: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.receivers = receivers
        # Appends a stored window's merged update to the board's live log (server/cluster).
        self.publish: Callable[[bytes], Awaitable[None]] | None = None
        # Called once when the store refuses a window: this process owns the board no more.
        self.on_fenced: Callable[[], None] | None = None
        self.fenced = False
        # Commits the updates applied so far; None sends at once (tests of the fan-out).
        self.persist = persist
        self._storing: asyncio.Task[None] | None = None
        self.window_s = window_s
        # A flush costs one send per receiver; a big room waits longer between flushes
        # so the whole room, on every process, stays within this many sends a second.
        self.sends_per_s = sends_per_s
        self._updates: list[tuple[int | None, bytes]] = []
        self._awareness: dict[int, PresenceChange] = {}
        self._scheduled: asyncio.Handle | None = None
        self._last_flush = float("-inf")
        # Socket writes the room may still make now, and when that was last worked out.
        self._allowance = 0.0
        self._allowance_at = float("-inf")
        self.messages_sent = 0  # for benchmarks and tests
        # The presence updates sent lately. Every y-websocket client sends back what it
        # receives, re-encoded byte for byte the same; the room drops those echoes unread.
        self.recent_awareness: OrderedDict[bytes, None] = OrderedDict()
        self._waiting: set[asyncio.Task[None]] = set()
        # Updates queued and updates sent, counted, so a waiter knows when its turn came.
        self._queued = 0
        self._sent = 0

    def update(self, origin: int | None, update: bytes) -> None:
        """Queue an applied update; origin is the connection it came from, if any."""
        self._updates.append((origin, update))
        self._queued += 1
        self._schedule()

    def awareness(self, changes: list[PresenceChange]) -> None:
        """Queue presence changes; a later one of the same client replaces an earlier one."""
        for change in changes:
            self._awareness[change.entry.client_id] = change
        self._schedule()

    def _schedule(self) -> None:
        if self._scheduled is not None:
            return
        loop = asyncio.get_running_loop()
        now = loop.time()
        cost = self._flush_cost()
        short = cost - self._refill(now, cost)
        delay = max(self._last_flush + self.window_s - now, short / self.sends_per_s)
        if delay > 0:
            self._scheduled = loop.call_later(delay, self.flush)
        else:
            self._scheduled = loop.call_soon(self.flush)

    def _flush_cost(self) -> int:
        """Return the socket writes a flush makes, wherever the receivers are.

        A relayed receiver's updates are written by the process that serves it, which
        sends each stored window as it reads it (server/cluster): this owner's windows set
        the pace of every process's writes. Counting them all keeps the room within one
        budget however many processes serve it, and no process beyond it.
        """
        return len(self.receivers)

    def _refill(self, now: float, cost: int) -> float:
        """Bring the allowance up to `now` and return it; it always can hold one flush."""
        if self.sends_per_s == float("inf"):
            self._allowance = float("inf")
            return self._allowance
        most = max(self.sends_per_s * SEND_BURST_S, cost)
        earned = (now - self._allowance_at) * self.sends_per_s
        self._allowance = min(most, self._allowance + earned)
        self._allowance_at = now
        return self._allowance

    def flush(self) -> None:
        """Send everything queued now."""
        if self._scheduled is not None:
            self._scheduled.cancel()
            self._scheduled = None
        now = asyncio.get_running_loop().time()
        self._last_flush = now
        cost = self._flush_cost()
        self._allowance = self._refill(now, cost) - cost
        changes, self._awareness = list(self._awareness.values()), {}
        if changes:
            self._send_awareness(changes)
        if self._storing is not None:
            # A commit is in flight: its updates go out first, these are the next window.
            return
        updates, self._updates = self._updates, []
        if not updates:
            return
        if self.fenced:
            return
        if self.persist is None:
            self._send_updates(updates, _merged([update for _, update in updates]))
        else:
            self._storing = asyncio.create_task(self._store_then_send(updates))

    async def _store_then_send(self, updates: list[tuple[int | None, bytes]]) -> None:
        assert self.persist is not None
        try:
            await self.persist()
        except Fenced:
            self._storing = None
            self._stop_fenced()
            return
        except Exception:
            # SQLite itself failed (the updates stay queued in the store for its next
            # write). The clients still hold their edits; keep the room live.
            log.exception("committing a window of updates failed; sending it unstored")
        finally:
            self._storing = None
        if self.fenced:
            return
        merged = _merged([update for _, update in updates])
        if self.publish is not None:
            try:
                await self.publish(merged)
            except Exception:
                # Other processes' clients miss this window and sync again (server/cluster).
                log.exception("appending a window to the live log failed")
        self._send_updates(updates, merged)
        if self._updates:
            self._schedule()

    def _stop_fenced(self) -> None:
        """Send nothing more: what is applied here but not stored must reach no one."""
        if self.fenced:
            return
        self.fenced = True
        self._updates.clear()
        if self._scheduled is not None:
            self._scheduled.cancel()
            self._scheduled = None
        for task in self._waiting:
            task.cancel()
        if self.on_fenced is not None:
            self.on_fenced()

    async def stored(self) -> None:
        """Wait until every update queued so far has been committed and sent."""
        target = self._queued
        while self._sent < target:
            if self.fenced:
                raise Fenced("the board has a newer owner")
            if self._storing is None:
                self.flush()
            if self._storing is None:
                return  # nothing is queued or on its way: nothing left to wait for
            await asyncio.shield(self._storing)

    def send_when_stored(self, receiver: Receiver, message: bytes) -> None:
        """Send a message built from the document once what it may hold is committed.

        A sync step 2 carries every update applied so far, some perhaps still on their
        way to disk; it must not reach a phone before they are stored.
        """
        if self._sent == self._queued:
            receiver.send(message)
            return

        async def send_after() -> None:
            await self.stored()
            receiver.send(message)

        task = asyncio.create_task(send_after())
        self._waiting.add(task)
        task.add_done_callback(self._waiting.discard)

    def is_echo(self, update: bytes) -> bool:
        """Say whether an awareness update is one this room sent out lately."""
        return update in self.recent_awareness

    def _send_awareness(self, changes: list[PresenceChange]) -> None:
        payload = wire.encode_awareness_update([change.entry for change in changes])
        self.recent_awareness[payload] = None
        if len(self.recent_awareness) > RECENT_AWARENESS:
            self.recent_awareness.popitem(last=False)
        everyone = create_awareness_message(payload)
        # Others know a client by a pseudonym (server/sync/presence.py); its owner gets its own
        # entry under its own id instead. Each entry is encoded once and joined per owner.
        owners = {change.owner for change in changes if change.owner is not None}
        encoded = [_encode_entries([change.entry]) for change in changes] if owners else []
        for receiver in self.receivers.values():
            if receiver.id in owners:
                parts = []
                count = 0
                for change, part in zip(changes, encoded, strict=True):
                    if change.owner == receiver.id:
                        own = change.for_owner
                        parts.append(_encode_entries(own))
                        count += len(own)
                    else:
                        parts.append(part)
                        count += 1
                body = write_var_uint(count) + b"".join(parts)
                receiver.send(create_awareness_message(body))
            else:
                receiver.send(everyone)
            self.messages_sent += 1

    def _send_updates(self, updates: list[tuple[int | None, bytes]], merged: bytes) -> None:
        self._sent += len(updates)
        everything = wire.create_update_message(merged)
        origins = {origin for origin, _ in updates}
        for receiver in self.receivers.values():
            if receiver.relayed:
                continue
            if receiver.id not in origins:
                receiver.send(everything)
                self.messages_sent += 1
                continue
            others = [update for origin, update in updates if origin != receiver.id]
            if others:
                receiver.send(wire.create_update_message(_merged(others)))
                self.messages_sent += 1
