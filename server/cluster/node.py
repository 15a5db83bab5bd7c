"""This process among several: its boards, owned here or relayed, behind Rooms' interface.

`Cluster` stands where `sync.rooms.Rooms` stands in the embedded default, and keeps one
`Rooms` for the boards this process owns (loading, compaction, unloading as before).
The web layer calls the same methods on either.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
from collections.abc import Callable

from redis.asyncio import Redis
from redis.exceptions import RedisError

from boards.engines import Engine
from server.cluster.bus import Bus, Message
from server.cluster.lease import Leases, lease_key, log_key
from server.cluster.seat import READ_BLOCK_MS, Seat, identity_from
from server.store import Store
from server.sync import wire
from server.sync.connection import (
    CLOSE_DELETED,
    CLOSE_RESTART,
    LINK_KINDS,
    Channel,
    Connection,
    Identity,
)
from server.sync.room import Room, RoomOptions
from server.sync.rooms import Rooms

log = logging.getLogger(__name__)

# An owner that stops renewing loses its board to another process after this long.
LEASE_TTL_MS = 3000
HERE_TTL_S = 5


def default_node_id() -> str:
    """Name this process by its host and process id."""
    return f"{socket.gethostname()}-{os.getpid()}"


class Cluster:
    """The boards of this process, with Redis between it and the others."""

    def __init__(self, rooms: Rooms, store: Store, redis_url: str, node: str | None = None) -> None:
        self.rooms = rooms
        self.store = store
        self.node = node or default_node_id()
        self.options: RoomOptions = rooms.options or RoomOptions()
        self.redis: Redis = Redis.from_url(
            redis_url, socket_connect_timeout=1.0, socket_timeout=2.0
        )
        # Blocking reads of the live logs wait on connections of their own.
        self.reader: Redis = Redis.from_url(
            redis_url, socket_connect_timeout=1.0, socket_timeout=READ_BLOCK_MS / 1000 + 3
        )
        self.leases = Leases(self.redis, ttl_ms=LEASE_TTL_MS)
        self.bus = Bus(self.redis, self.node, self._on_message, self._undelivered)
        self.bus.before_publish = self._flush_sends
        self.seats: dict[str, Seat] = {}
        # Messages for edges' clients this turn: (node, board, epoch) -> payload -> ids.
        self._sends: dict[tuple[str, str, int], dict[bytes, list[int]]] = {}
        rooms.on_unloaded = self._unloaded

    @property
    def notice_text(self) -> Callable[[str, str], str]:
        return self.rooms.notice_text

    async def start(self) -> None:
        """Join the others: subscribe, beat, and start the rooms' maintenance."""
        await self.bus.start()
        self.rooms.start()
        log.info("Tavle process %s joined through Redis", self.node)

    # -- the interface of Rooms ------------------------------------------------------

    async def serve(
        self, board_id: str, engine: Engine | None, channel: Channel, identity: Identity
    ) -> None:
        """Serve one client on a board, owning it or relaying to its owner."""
        seat = self.seats.get(board_id)
        if seat is None or seat.closed:
            seat = self.seats[board_id] = Seat(self, board_id, engine)
        await seat.serve(channel, identity)

    def loaded(self, board_id: str) -> Room | None:
        """Return the board's room if this process owns it."""
        seat = self.seats.get(board_id)
        return seat.room if seat is not None else None

    async def participants_here(self, board_id: str) -> set[str]:
        """Return who has a connection to the board on any process."""
        room = self.loaded(board_id)
        if room is not None:
            return room.participants_here()
        try:
            raw = await self.redis.get(here_key(board_id))
        except RedisError:
            return set()
        return set(json.loads(raw)) if raw else set()

    async def publish_here(self, board_id: str, participants: set[str]) -> None:
        """Say, for the other processes' people lists, who is on the board (owner only)."""
        await self.redis.set(here_key(board_id), json.dumps(sorted(participants)), ex=HERE_TTL_S)

    async def end_links(self, board_id: str, kind: str, code: int, reason: str) -> None:
        """Close the connections of revoked links, on whichever process owns the board."""
        self.post_everyone(["end", board_id, kind, code, reason])

    async def delete(self, board_id: str) -> None:
        """Delete a board everywhere: every process closes its sockets, then the rows go."""
        self.post_everyone(["delete", board_id, self.node])
        seat = self.seats.pop(board_id, None)
        if seat is not None:
            seat.close_sockets(CLOSE_DELETED, "board deleted")
            await seat.release()
        await self.rooms.delete(board_id)
        try:
            await self.redis.delete(log_key(board_id), lease_key(board_id), here_key(board_id))
        except RedisError:
            log.warning("board %s: its Redis keys stay until they expire", board_id)

    async def close(self) -> None:
        """Close every socket, save the boards owned here, give their leases up."""
        for seat in list(self.seats.values()):
            seat.close_sockets(CLOSE_RESTART, "server restarting")
        await self.rooms.close()
        for seat in list(self.seats.values()):
            await seat.release()
        await self.bus.close()
        await self.reader.aclose()
        await self.redis.aclose()

    # -- between processes ------------------------------------------------------------

    def post(self, node: str, message: Message) -> None:
        """Send a message to a process, after what was sent to it before."""
        self._flush_sends(node)
        self.bus.post(node, message)

    def post_everyone(self, message: Message) -> None:
        self._flush_sends()
        self.bus.post_everyone(message)

    def post_send(self, node: str, board_id: str, epoch: int, remote_id: int, data: bytes) -> None:
        """Queue a message for an edge's client; identical ones go out once with all ids."""
        group = self._sends.setdefault((node, board_id, epoch), {})
        group.setdefault(data, []).append(remote_id)
        self.bus.wake()

    def _flush_sends(self, only: str | None = None) -> None:
        for key in [key for key in self._sends if only is None or key[0] == only]:
            node, board_id, epoch = key
            groups = self._sends.pop(key)
            self.bus.post(
                node, ["send", board_id, epoch, [[data, ids] for data, ids in groups.items()]]
            )

    def _on_message(self, message: Message) -> None:
        kind, board_id = message[0], message[1]
        seat = self.seats.get(board_id)
        if kind == "join":
            _, _, node, remote_id, fields, whole_state = message
            if seat is None or seat.holder is None:
                self.post(node, ["rejoin", board_id, remote_id])
                return
            seat.joined(node, remote_id, identity_from(fields), bool(whole_state))
        elif kind == "frame":
            _, _, node, remote_id, data = message
            if seat is None or seat.holder is None:
                self.post(node, ["rejoin", board_id, remote_id])
                return
            seat.relayed(node, remote_id, data)
        elif kind == "leave":
            if seat is not None:
                seat.left(message[2], message[3])
        elif kind == "send":
            if seat is not None:
                _, _, epoch, groups = message
                for data, ids in groups:
                    for remote_id in ids:
                        seat.from_owner(epoch, remote_id, data)
        elif kind == "close":
            if seat is not None:
                _, _, epoch, remote_id, code, reason = message
                seat.closed_by_owner(epoch, remote_id, code, reason)
        elif kind == "rejoin":
            if seat is not None:
                seat.rejoin(message[2])
        elif kind == "end":
            room = seat.room if seat is not None else None
            which = LINK_KINDS.get(message[2])
            if room is not None and which is not None:
                room.end_connections(which, message[3], message[4])
        elif kind == "delete":
            if message[2] != self.node and seat is not None:
                self.seats.pop(board_id, None)
                seat.close_sockets(CLOSE_DELETED, "board deleted")
                if seat.room is not None:
                    seat.room = None
                    self.rooms.discard(board_id, CLOSE_DELETED, "board deleted")
                asyncio.get_running_loop().create_task(seat.release())
        else:
            log.warning("an unknown relayed message %r", kind)

    def _undelivered(self, node: str) -> None:
        for seat in list(self.seats.values()):
            if seat.owner is not None and seat.owner.node == node:
                seat.undelivered()

    def slow_down(self, connection: Connection) -> None:
        """Warn a client of this process's that it sends too fast."""
        text = self.notice_text(connection.identity.locale, "slow_down")
        connection.send(wire.encode_notice("slow_down", text))

    def forget(self, seat: Seat) -> None:
        if self.seats.get(seat.board_id) is seat:
            del self.seats[seat.board_id]

    def _unloaded(self, board_id: str) -> None:
        seat = self.seats.get(board_id)
        if seat is not None and seat.holder is not None and self.rooms.loaded(board_id) is None:
            asyncio.get_running_loop().create_task(seat.release())


def here_key(board_id: str) -> str:
    return f"tavle:here:{board_id}"


__all__ = ["Cluster", "default_node_id"]
