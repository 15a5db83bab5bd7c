"""One board on one process: its owner, or an edge relaying to the owner elsewhere.

Owner: holds the lease, keeps the board's `Room`, and serves two kinds of connection:
its own clients' sockets and *remote* connections, the clients of edges, whose
messages arrive through the bus and whose replies go back through it. After each
fan-out window is stored, the owner appends the window's update to the board's live log
(a Redis Stream) before it sends it to its own clients; edges read the log and send it
to theirs. Presence and the server's own messages reach remote connections through the
bus. Nothing a client sent reaches another client before the owner applied and
reviewed it, and no whole state or sync step 2 ever goes on a shared channel.

Edge: relays each of its clients' messages to the owner, reads the log, and watches the
lease. When the owner is gone, it takes the lease and becomes the owner itself, keeping
its clients' sockets (each gets the whole state, and sends what the board lacks); when
another process took over, it joins its clients there afresh. An owner that finds its
lease lost (paused or cut off past it) or its writes refused (Fenced) steps down: it
sends nothing more and closes its sockets, so its clients reconnect.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from pycrdt import merge_updates
from redis.exceptions import RedisError

from boards.engines import Engine
from server.cluster.lease import Holder, log_key
from server.sync import wire
from server.sync.connection import (
    CLOSE_INTERNAL,
    CLOSE_RESTART,
    CLOSE_TRY_AGAIN,
    Channel,
    CloseConnection,
    Connection,
    Identity,
    close_channel,
    pump,
)
from server.sync.room import Room

if TYPE_CHECKING:
    from redis.asyncio import Redis

    from server.cluster.bus import Bus, Message
    from server.cluster.lease import Leases
    from server.store import Store
    from server.sync.room import RoomOptions
    from server.sync.rooms import Rooms

log = logging.getLogger(__name__)

RENEW_INTERVAL_S = 1.0
WATCH_INTERVAL_S = 0.5
# Entries of the live log older than this are trimmed: an edge further behind syncs anew.
LOG_GRACE_MS = 120_000
# Windows an owner keeps while Redis is unreachable; beyond them its clients are told to
# come back later (1013): they hold their edits and send them again.
MAX_BUFFERED_WINDOWS = 5000
# Windows appended to the live log in one round trip, at most.
APPEND_BATCH = 64
READ_BLOCK_MS = 2000


@dataclass(eq=False)
class RemoteConnection(Connection):
    """A client of an edge, as the owner's room sees it."""

    relayed = True
    node: str = ""
    remote_id: int = 0
    seat: Seat | None = None
    inbox: asyncio.Queue[bytes] = field(default_factory=asyncio.Queue)
    task: asyncio.Task[None] | None = None

    def send(self, message: bytes) -> None:
        """Send through the bus to the edge that holds the client's socket."""
        if self.ended.is_set() or self.seat is None:
            return
        self.seat.post_to_edge(self.node, self.remote_id, message)

    def end(self, reason: CloseConnection) -> None:
        """Close the client's socket on its edge, and let the connection go here."""
        if self.ended.is_set():
            return
        super().end(reason)
        if self.seat is not None:
            self.seat.end_remote(self, tell_edge=True)


class Host(Protocol):
    """What a seat needs of its process (server/cluster/node.py, `Cluster`)."""

    node: str
    options: RoomOptions
    store: Store
    rooms: Rooms
    leases: Leases
    redis: Redis
    reader: Redis
    bus: Bus

    def post(self, node: str, message: Message) -> None: ...

    def post_send(
        self, node: str, board_id: str, epoch: int, remote_id: int, data: bytes
    ) -> None: ...

    async def publish_here(self, board_id: str, participants: set[str]) -> None: ...

    def slow_down(self, connection: Connection) -> None: ...

    def forget(self, seat: Seat) -> None: ...


class Seat:
    """A board on this process."""

    def __init__(self, cluster: Host, board_id: str, engine: Engine | None) -> None:
        self.cluster = cluster
        self.board_id = board_id
        self.engine = engine
        self.lock = asyncio.Lock()
        # As owner: the lease held and the room; as edge: whose lease it is.
        self.holder: Holder | None = None
        self.room: Room | None = None
        self.owner: Holder | None = None
        self.local: dict[int, Connection] = {}  # sockets here, served as edge
        self.remote: dict[tuple[str, int], RemoteConnection] = {}  # edges' clients
        self._tasks: list[asyncio.Task[None]] = []
        self._seq = 0
        self._buffer: deque[tuple[int, bytes]] = deque()
        # One append at a time, in order; set while Redis is unreachable (the renewal retries).
        self._appending = asyncio.Lock()
        self._log_down = False
        self._appends: set[asyncio.Task[None]] = set()
        self._last_entry = b"0-0"
        self._last_seen: tuple[int, int] | None = None  # (epoch, seq) read from the log
        # Cleared while this edge takes the board over and takes its clients in.
        self.adopted = asyncio.Event()
        self.adopted.set()
        self._relay = _Relay(self)
        self.closed = False

    # -- serving a socket here -----------------------------------------------------

    async def serve(self, channel: Channel, identity: Identity) -> None:
        """Serve one client's socket, as owner or edge, until it leaves."""
        options = self.cluster.options
        connection = Connection(identity=identity, outbox_size=options.outbox_size)
        try:
            await self._take_in(connection)
            await pump(
                connection,
                channel,
                lambda: self._target(connection),
                options.limits,
                options.max_message_bytes,
            )
        except (RedisError, OSError):
            log.warning("board %s: Redis is unreachable; the client will retry", self.board_id)
            connection.end(CloseConnection(CLOSE_TRY_AGAIN, "try again later"))
        finally:
            self._let_go(connection)
        await close_channel(connection, channel)

    async def _take_in(self, connection: Connection) -> None:
        """Find who owns the board (one joiner at a time), then greet side by side.

        The greeting waits on reads of the store; under the lock, a thousand phones
        joining the owner at once were greeted one after another (synced p99 1.7 s
        against one process's 0.6 s, docs/benchmarks.md). The room holds the connection
        from the first line of `attach`, so an owner that steps down meanwhile closes it.
        """
        async with self.lock:
            if self.room is None and self.owner is None:
                await self._find_owner()
            room = self.room
            if room is None:
                self.local[connection.id] = connection
                self._join(connection, whole_state=False)
                return
        await room.attach(connection)

    def _target(self, connection: Connection) -> Any:
        if self.room is not None and connection.id in self.room.connections:
            return self.room
        return self._relay

    def _let_go(self, connection: Connection) -> None:
        if self.room is not None:
            self.room.detach(connection)
        if self.local.pop(connection.id, None) is not None and self.owner is not None:
            self.cluster.bus.post(
                self.owner.node, ["leave", self.board_id, self.node, connection.id]
            )
        self._maybe_idle()

    @property
    def node(self) -> str:
        return self.cluster.node

    # -- who owns the board ------------------------------------------------------------

    async def _find_owner(self) -> None:
        """Take the lease if it is free, else relay to whoever holds it."""
        leases = self.cluster.leases
        while True:
            floor = await self.cluster.store.boards.stored_epoch(self.board_id)
            holder = await leases.acquire(self.board_id, self.node, floor)
            if holder is not None:
                await self._become_owner(holder)
                return
            current = await leases.holder(self.board_id)
            if current is not None:
                await self._become_edge(current)
                return
            # Released between the two calls: try again.

    async def _become_owner(self, holder: Holder) -> None:
        self.holder = holder
        self.owner = None
        self._stop_tasks()
        self._seq = 0
        self._buffer.clear()
        self._tasks.append(asyncio.create_task(self._renew_forever(), name="tavle-lease"))
        await self.cluster.store.boards.fence(self.board_id, holder.epoch, self.node)
        room = await self.cluster.rooms.get(self.board_id, self.engine)
        self._own(room)
        log.info("board %s: owned by %s, epoch %d", self.board_id, self.node, holder.epoch)

    def _own(self, room: Room) -> None:
        self.room = room
        room.fanout.publish = self._append
        room.fanout.on_fenced = lambda: self.step_down("a newer owner's epoch is stored")

    async def _become_edge(self, holder: Holder) -> None:
        self.owner = holder
        self._last_seen = None
        if not self._tasks:
            newest: Any = await self.cluster.redis.xrevrange(log_key(self.board_id), count=1)
            self._last_entry = bytes(newest[0][0]) if newest else b"0-0"
            self._tasks = [
                asyncio.create_task(self._read_log(), name="tavle-log-reader"),
                asyncio.create_task(self._watch(), name="tavle-lease-watch"),
            ]
        log.info("board %s: relayed to %s (epoch %d)", self.board_id, holder.node, holder.epoch)

    async def _watch(self) -> None:
        """As edge: notice when the owner is gone or another took over."""
        while True:
            await asyncio.sleep(WATCH_INTERVAL_S)
            try:
                current = await self.cluster.leases.holder(self.board_id)
                if current == self.owner:
                    continue
                async with self.lock:
                    if self.room is not None or self.closed:
                        return
                    if current is None:
                        floor = await self.cluster.store.boards.stored_epoch(self.board_id)
                        holder = await self.cluster.leases.acquire(self.board_id, self.node, floor)
                        if holder is not None:
                            await self._take_over(holder)
                            return
                        current = await self.cluster.leases.holder(self.board_id)
                    if current is not None and current != self.owner:
                        self.owner = current
                        self._last_seen = None
                        log.info("board %s: now owned by %s", self.board_id, current.node)
                        for connection in self.local.values():
                            self._join(connection, whole_state=True)
            except RedisError:
                log.warning("board %s: cannot watch its lease; Redis is unreachable", self.board_id)

    async def _take_over(self, holder: Holder) -> None:
        """Become the owner of a board whose owner is gone; keep this process's sockets."""
        started = time.monotonic()
        connections = list(self.local.values())
        self.adopted.clear()
        try:
            # Stops reading the log (this task, the watcher, ends by returning).
            await self._become_owner(holder)
            room = self.room
            assert room is not None
            for connection in connections:
                self.local.pop(connection.id, None)
            # Greeted side by side: each greeting waits on reads of the store.
            await asyncio.gather(
                *(
                    room.attach(connection, whole_state=True)
                    for connection in connections
                    if not connection.ended.is_set()
                )
            )
        finally:
            self.adopted.set()
        log.info(
            "board %s: taken over in %.0f ms with %d clients",
            self.board_id,
            (time.monotonic() - started) * 1000,
            len(connections),
        )

    async def _renew_forever(self) -> None:
        """As owner: keep the lease; publish who is here; flush the log when Redis is back."""
        while True:
            await asyncio.sleep(RENEW_INTERVAL_S)
            holder = self.holder
            if holder is None:
                return
            try:
                kept = await self.cluster.leases.renew(self.board_id, holder)
            except RedisError:
                log.warning("board %s: cannot renew its lease; Redis is unreachable", self.board_id)
                continue
            if not kept:
                self.step_down("its lease was lost")
                return
            try:
                if self._log_down:
                    await self._flush_buffer()
                await self._drop_dead_edges()
                if self.room is not None:
                    await self.cluster.publish_here(self.board_id, self.room.participants_here())
            except RedisError:
                log.warning("board %s: Redis is unreachable", self.board_id)

    def step_down(self, why: str) -> None:
        """Stop owning the board: send nothing more, close the sockets here, forget the rest."""
        if self.holder is None:
            return
        log.warning("board %s: %s; this process (%s) steps down", self.board_id, why, self.node)
        self.holder = None
        self._stop_tasks()
        self._buffer.clear()
        room, self.room = self.room, None
        for connection in list(self.remote.values()):
            self.end_remote(connection, tell_edge=False)
        if room is not None:
            room.fanout.fenced = True
            self.cluster.rooms.discard(self.board_id, CLOSE_RESTART, "board moved")
        self.cluster.forget(self)

    def _stop_tasks(self) -> None:
        current = asyncio.current_task()
        for task in self._tasks:
            if task is not current:
                task.cancel()
        self._tasks = []

    # -- the owner's side ----------------------------------------------------------------

    async def _append(self, update: bytes) -> None:
        """Start appending a stored window to the live log, in order, and return at once.

        The window is in the store already: that, not the log, is what makes it durable
        (a new owner loads the store and gives its clients the whole state). Waiting for
        Redis here would hold the owner's own clients back by a round trip and a turn of a
        busy event loop (docs/benchmarks.md, "one board over two processes").
        """
        holder = self.holder
        if holder is None:
            return
        self._seq += 1
        self._buffer.append((self._seq, update))
        if len(self._buffer) > MAX_BUFFERED_WINDOWS:
            self._overflow()
            return
        if self._log_down:
            return  # kept in order; the renewal appends them when Redis is back
        task = asyncio.create_task(self._append_now())
        self._appends.add(task)
        task.add_done_callback(self._appends.discard)

    async def _append_now(self) -> None:
        try:
            await self._flush_buffer()
        except RedisError:
            self._log_down = True
            log.warning("board %s: Redis is unreachable; buffering the live log", self.board_id)

    async def _flush_buffer(self) -> None:
        """Append the buffered windows in order, as many as are waiting in one round trip;
        an entry leaves the buffer once appended."""
        async with self._appending:
            while self._buffer:
                holder = self.holder
                if holder is None:
                    return
                windows = list(itertools.islice(self._buffer, APPEND_BATCH))
                min_id = f"{int(time.time() * 1000) - LOG_GRACE_MS}-0"
                if not await self.cluster.leases.append(
                    self.board_id, holder.epoch, windows, min_id
                ):
                    self.step_down("the live log has a newer epoch")
                    return
                for _ in windows:
                    self._buffer.popleft()
            self._log_down = False

    def _overflow(self) -> None:
        log.error("board %s: the live log's buffer is full; clients must come back", self.board_id)
        self._buffer.clear()
        if self.room is not None:
            self.room.close_all(CLOSE_TRY_AGAIN, "try again later")
        # Edges' clients missed windows that will not come: they sync again.
        self.step_down("Redis was unreachable for too long")

    def post_to_edge(self, node: str, remote_id: int, message: bytes) -> None:
        holder = self.holder
        if holder is not None:
            self.cluster.post_send(node, self.board_id, holder.epoch, remote_id, message)

    def joined(self, node: str, remote_id: int, identity: Identity, whole_state: bool) -> None:
        """An edge's client joined: take it into the room."""
        room = self.room
        if room is None or self.holder is None:
            self._refuse(node, remote_id)
            return
        key = (node, remote_id)
        previous = self.remote.pop(key, None)
        if previous is not None:
            self.end_remote(previous, tell_edge=False)
        connection = RemoteConnection(
            identity=identity,
            outbox_size=1,
            node=node,
            remote_id=remote_id,
            seat=self,
        )
        self.remote[key] = connection
        connection.task = asyncio.create_task(self._serve_remote(room, connection, whole_state))

    async def _serve_remote(
        self, room: Room, connection: RemoteConnection, whole_state: bool
    ) -> None:
        try:
            await room.attach(connection, whole_state=whole_state)
            while True:
                message = await connection.inbox.get()
                await room.receive(connection, message)
        except CloseConnection as reason:
            connection.end(reason)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("a relayed connection to board %s failed", self.board_id)
            connection.end(CloseConnection(CLOSE_INTERNAL, "internal error"))

    def relayed(self, node: str, remote_id: int, message: bytes) -> None:
        connection = self.remote.get((node, remote_id))
        if connection is None or connection.ended.is_set():
            self._refuse(node, remote_id)
            return
        connection.inbox.put_nowait(message)

    def left(self, node: str, remote_id: int) -> None:
        connection = self.remote.get((node, remote_id))
        if connection is not None:
            connection.ended.set()
            self.end_remote(connection, tell_edge=False)

    def end_remote(self, connection: RemoteConnection, *, tell_edge: bool) -> None:
        """Let an edge's client go here; with `tell_edge`, the edge closes its socket."""
        key = (connection.node, connection.remote_id)
        if self.remote.get(key) is connection:
            del self.remote[key]
        connection.ended.set()
        if connection.task is not None and connection.task is not asyncio.current_task():
            connection.task.cancel()
        if self.room is not None:
            self.room.detach(connection)
        if tell_edge and connection.closing is not None and self.holder is not None:
            closing = connection.closing
            self.cluster.post(
                connection.node,
                [
                    "close",
                    self.board_id,
                    self.holder.epoch,
                    connection.remote_id,
                    closing.code,
                    closing.reason,
                ],
            )

    def _refuse(self, node: str, remote_id: int) -> None:
        """Tell an edge that this process does not serve that client: it joins again."""
        self.cluster.post(node, ["rejoin", self.board_id, remote_id])

    async def _drop_dead_edges(self) -> None:
        nodes = sorted({node for node, _ in self.remote})
        alive = await self.cluster.bus.alive(nodes)
        for connection in list(self.remote.values()):
            if connection.node not in alive:
                self.end_remote(connection, tell_edge=False)

    # -- the edge's side ------------------------------------------------------------------

    def _join(self, connection: Connection, *, whole_state: bool) -> None:
        assert self.owner is not None
        identity = connection.identity
        self.cluster.bus.post(
            self.owner.node,
            [
                "join",
                self.board_id,
                self.node,
                connection.id,
                [
                    identity.role,
                    identity.participant_id,
                    identity.locale,
                    identity.link_hash,
                    identity.name,
                ],
                whole_state,
            ],
        )

    def relay(self, connection: Connection, message: bytes) -> None:
        if self.owner is None:
            connection.end(CloseConnection(CLOSE_TRY_AGAIN, "try again later"))
            return
        self.cluster.bus.post(
            self.owner.node, ["frame", self.board_id, self.node, connection.id, message]
        )

    def from_owner(self, epoch: int, remote_id: int, message: bytes) -> None:
        if self.owner is None or epoch < self.owner.epoch:
            return
        connection = self.local.get(remote_id)
        if connection is not None:
            connection.send(message)

    def closed_by_owner(self, epoch: int, remote_id: int, code: int, reason: str) -> None:
        if self.owner is None or epoch < self.owner.epoch:
            return
        connection = self.local.get(remote_id)
        if connection is not None:
            connection.end(CloseConnection(code, reason))

    def rejoin(self, remote_id: int) -> None:
        """The owner does not know this client (it restarted, or gave the board up)."""
        connection = self.local.get(remote_id)
        if connection is None or self.owner is None:
            return
        owner = self.owner

        async def again() -> None:
            # The watcher takes the lease over if it is free meanwhile; else join again.
            await asyncio.sleep(WATCH_INTERVAL_S * 2)
            if self.owner == owner and connection.id in self.local:
                self._join(connection, whole_state=True)

        task = asyncio.create_task(again())
        self._tasks.append(task)

    def undelivered(self) -> None:
        """Messages of this board's clients could not reach the owner: they reconnect."""
        for connection in list(self.local.values()):
            connection.end(CloseConnection(CLOSE_TRY_AGAIN, "try again later"))

    async def _read_log(self) -> None:
        """As edge: send the owner's stored windows to this process's clients."""
        key = log_key(self.board_id)
        while True:
            try:
                answer: Any = await self.cluster.reader.xread(
                    {key: self._last_entry}, block=READ_BLOCK_MS, count=500
                )
            except RedisError:
                await asyncio.sleep(0.5)
                continue
            for _, entries in answer or []:
                updates: list[bytes] = []
                for entry_id, fields in entries:
                    self._last_entry = bytes(entry_id)
                    if self._skipped(int(fields[b"e"]), int(fields[b"s"])):
                        updates = []  # every client gets the whole state instead
                    else:
                        updates.append(bytes(fields[b"u"]))
                self._deliver(updates)

    def _skipped(self, epoch: int, seq: int) -> bool:
        """Note an entry's place; on a gap in the owner's sequence, sync every client."""
        last = self._last_seen
        self._last_seen = (epoch, seq)
        if last is None or last[0] != epoch or seq <= last[1] + 1:
            return False
        # Windows were trimmed away before this edge read them.
        log.warning("board %s: the live log skipped %d windows", self.board_id, seq - last[1])
        for connection in self.local.values():
            self._join(connection, whole_state=True)
        return True

    def _deliver(self, updates: list[bytes]) -> None:
        """Send what one read brought as one message: the owner's windows that queued up
        while this process was busy reach its clients merged, as a busy owner's would."""
        if not updates:
            return
        update = updates[0] if len(updates) == 1 else merge_updates(*updates)
        message = wire.create_update_message(update)
        for connection in self.local.values():
            connection.send(message)

    # -- ending -----------------------------------------------------------------------------

    def _maybe_idle(self) -> None:
        if self.room is None and self.holder is None and not self.local:
            self.close()

    def close(self) -> None:
        """Stop relaying (no client here is left) and forget the seat."""
        self.closed = True
        self._stop_tasks()
        self.owner = None
        self.cluster.forget(self)

    async def release(self) -> None:
        """The room was unloaded (idle) or the process stops: give the lease up."""
        self._stop_tasks()
        holder = self.holder
        self.room = None
        if holder is not None:
            with contextlib.suppress(RedisError):
                await self._flush_buffer()
                await self.cluster.leases.release(self.board_id, holder)
        self.holder = None
        self.cluster.store.boards.unfence(self.board_id)
        self.cluster.forget(self)

    def close_sockets(self, code: int, reason: str) -> None:
        """Close every socket of the board here (it was deleted)."""
        for connection in list(self.local.values()):
            connection.end(CloseConnection(code, reason))
        for connection in list(self.remote.values()):
            self.end_remote(connection, tell_edge=False)


class _Relay:
    """An edge's target for a client's messages: the owner, through the bus."""

    def __init__(self, seat: Seat) -> None:
        self.seat = seat

    async def receive(self, connection: Connection, message: bytes) -> None:
        seat = self.seat
        if seat.holder is not None:
            # This process is taking the board over: the client's turn comes once the
            # room has taken it in (in order: its reader waits here).
            await seat.adopted.wait()
            if seat.room is not None:
                await seat.room.receive(connection, message)
                return
        seat.relay(connection, message)

    def slow_down(self, connection: Connection) -> None:
        self.seat.cluster.slow_down(connection)


def identity_from(fields: list[Any]) -> Identity:
    """Rebuild an edge client's identity from a join message."""
    role, participant_id, locale, link_hash, name = fields
    return Identity(
        role=str(role),
        participant_id=participant_id,
        locale=str(locale),
        link_hash=link_hash,
        name=name,
    )


__all__ = ["RemoteConnection", "Seat", "identity_from"]
