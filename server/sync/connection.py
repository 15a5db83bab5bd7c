"""A connection to a room: who is on the other end, its channel, its bounded outbox.

The room knows nothing of Starlette: it talks to each client through a `Channel`.
Close codes are listed in docs/protocol.md ("Close codes").
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from server.sync.capabilities import ROLE_CAPABILITIES, Capability
from server.sync.limits import MessageBudget, RoomLimits

log = logging.getLogger(__name__)

CLOSE_NORMAL = 1000
CLOSE_GOING_AWAY = 1001
CLOSE_POLICY = 1008
CLOSE_TOO_BIG = 1009
CLOSE_INTERNAL = 1011
CLOSE_RESTART = 1012
CLOSE_TRY_AGAIN = 1013
CLOSE_BAD_TOKEN = 4401
CLOSE_REMOVED = 4403
CLOSE_UNKNOWN_BOARD = 4404
CLOSE_DELETED = 4410

# Origins of client transactions are small ints: pycrdt hands observers hash(origin).
_connection_ids = itertools.count(1)


class ChannelClosed(Exception):
    """The other side of a channel went away."""


class Channel(Protocol):
    """A message stream to one client (a websocket, or a queue in tests)."""

    async def receive(self) -> bytes:
        """Return the next message; raise ChannelClosed when the client is gone."""
        ...

    async def send(self, message: bytes) -> None:
        """Send one message."""
        ...

    def send_now(self, message: bytes) -> bool:
        """Send one message in this turn if the channel can without waiting; say if it did."""
        ...

    async def close(self, code: int, reason: str) -> None:
        """Close the channel with a websocket close code."""
        ...


@dataclass(frozen=True)
class Identity:
    """Who is on the other end of a connection, as the server authenticated them."""

    role: str  # "participant", "facilitator", "team" (a team link) or "viewer" (read-only)
    participant_id: str | None
    locale: str = "da"
    # The hash of the link's secret when it is one that can be revoked (a co-facilitator's,
    # a team's or a read-only link): revoking it closes its connections at once.
    link_hash: str | None = field(default=None, compare=False)
    # A participant's name as they joined: presence shows it, whatever their device says.
    name: str | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        """Return a key that is the same for every connection of one person."""
        return self.participant_id or f"{self.role}:"

    @property
    def capabilities(self) -> frozenset[Capability]:
        """Return what this person may do on the board (server/sync/capabilities.py)."""
        return ROLE_CAPABILITIES.get(self.role, frozenset())

    def can(self, capability: Capability) -> bool:
        """Say whether this person may do one thing."""
        return capability in self.capabilities

    @property
    def is_facilitator(self) -> bool:
        """Say whether this is the facilitator (or a co-facilitator): they run the session."""
        return self.can(Capability.RUN_SESSION)

    @property
    def edits_all(self) -> bool:
        """Say whether they may change anyone's items, whatever the session's phase.

        The facilitator, and a team that carries the board on after the session.
        """
        return self.can(Capability.EDIT_ALL)


# Connections that an operation elsewhere ends by name (a revoked kind of link), so that
# the process owning the board can be asked to by another (server/cluster).
LINK_KINDS: dict[str, Callable[[Identity], bool]] = {
    "co-facilitator": lambda identity: identity.is_facilitator and identity.link_hash is not None,
}


class CloseConnection(Exception):
    """End one connection with a close code."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"{code} {reason}")
        self.code = code
        self.reason = reason


@dataclass(eq=False)
class Connection:
    """One client of a room."""

    identity: Identity
    outbox_size: int
    id: int = field(default_factory=lambda: next(_connection_ids))
    outbox: asyncio.Queue[bytes] = field(init=False)
    closing: CloseConnection | None = None
    ended: asyncio.Event = field(default_factory=asyncio.Event)
    # The channel's way of sending at once (set by `pump`), and how many messages are
    # queued or being written: only a connection with none may send at once, in order.
    send_now: Callable[[bytes], bool] | None = None
    unsent: int = 0

    def __post_init__(self) -> None:
        self.outbox = asyncio.Queue(self.outbox_size)

    # Whether the client is served by another process, which fans updates out to it
    # itself (server/cluster): the room's fan-out sends it everything but updates.
    relayed: ClassVar[bool] = False

    def send(self, message: bytes) -> None:
        """Send a message at once if nothing is waiting and the socket takes it, else queue
        it; close the connection when it is too far behind.

        Most messages of a busy room go out at once: a queued message costs its writer
        task a wake-up and the server's send path, 2.5 times a direct write
        (docs/benchmarks.md, "Writing at once").
        """
        if self.ended.is_set():
            return
        if self.unsent == 0 and self.send_now is not None and self.send_now(message):
            return
        try:
            self.outbox.put_nowait(message)
        except asyncio.QueueFull:
            self.end(CloseConnection(CLOSE_TRY_AGAIN, "too slow to keep up"))
            return
        self.unsent += 1

    def end(self, reason: CloseConnection) -> None:
        """Ask the connection's tasks to stop and close with reason."""
        if not self.ended.is_set():
            self.closing = reason
            self.ended.set()


class Target(Protocol):
    """What a connection's messages go to: its board's room, or a relay to the room."""

    async def receive(self, connection: Connection, message: bytes) -> None:
        """Handle one message; raise CloseConnection to end the connection."""
        ...

    def slow_down(self, connection: Connection) -> None:
        """Warn the connection that it sends too fast."""
        ...


async def pump(
    connection: Connection,
    channel: Channel,
    target: Callable[[], Target],
    limits: RoomLimits,
    max_message_bytes: int,
) -> None:
    """Carry messages both ways until the client leaves, misbehaves or is ended.

    Reads go to `target()`, asked afresh for each message: a board's room may move
    between processes while the socket stays (server/cluster). Sends drain the
    connection's outbox. When either side ends, the other is cancelled; the reason, if
    any, is left in `connection.closing`.
    """
    connection.send_now = channel.send_now
    tasks = [
        asyncio.create_task(_read(connection, channel, target, limits, max_message_bytes)),
        asyncio.create_task(_write(connection, channel)),
        asyncio.create_task(connection.ended.wait()),
    ]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        connection.send_now = None
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    for task in done:
        if task.cancelled() or task.exception() is None:
            continue
        error = task.exception()
        if isinstance(error, CloseConnection):
            connection.end(error)
        else:
            log.error("a connection failed", exc_info=error)
            connection.end(CloseConnection(CLOSE_INTERNAL, "internal error"))


async def close_channel(connection: Connection, channel: Channel) -> None:
    """Close the channel with the connection's reason, if it was ended with one."""
    if connection.closing is None:
        return
    try:
        await channel.close(connection.closing.code, connection.closing.reason)
    except Exception:
        log.debug("closing a connection that was already closed")


async def _write(connection: Connection, channel: Channel) -> None:
    while True:
        message = await connection.outbox.get()
        try:
            await channel.send(message)
            connection.unsent -= 1
        except ChannelClosed:
            # The client has gone, but what it sent before it went may still wait to be
            # read: a phone that adds a note and closes the page at once. Stop writing
            # and let the reader finish; it ends the connection when it reaches the end.
            await asyncio.get_running_loop().create_future()


async def _read(
    connection: Connection,
    channel: Channel,
    target: Callable[[], Target],
    limits: RoomLimits,
    max_message_bytes: int,
) -> None:
    loop = asyncio.get_running_loop()
    budget = MessageBudget(limits.messages_per_s, limits.message_burst, loop.time())
    while True:
        try:
            message = await channel.receive()
        except ChannelClosed:
            return
        if len(message) > max_message_bytes:
            raise CloseConnection(CLOSE_TOO_BIG, "message too big")
        verdict = budget.spend(loop.time())
        if verdict == "close":
            raise CloseConnection(CLOSE_POLICY, "too many messages")
        if verdict == "warn":
            target().slow_down(connection)
        await target().receive(connection, message)
