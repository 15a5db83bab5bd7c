"""A board's seat on its owner, in one process with a stand-in for Redis and the room."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from server.cluster.lease import Holder
from server.cluster.seat import Seat
from server.sync.connection import Connection, Identity
from server.sync.room import RoomOptions
from tests.support.channels import MemoryChannel

pytestmark = pytest.mark.anyio


class _Room:
    """Greets its first joiner slowly, as a room whose store read takes its time."""

    def __init__(self) -> None:
        self.connections: dict[int, Connection] = {}
        self.fanout = SimpleNamespace(publish=None, on_fenced=None)
        self.greeting: list[str | None] = []
        self.first_may_finish = asyncio.Event()

    async def attach(self, connection: Connection, *, whole_state: bool = False) -> None:
        self.connections[connection.id] = connection
        self.greeting.append(connection.identity.participant_id)
        if len(self.greeting) == 1:
            await self.first_may_finish.wait()

    def detach(self, connection: Connection) -> None:
        self.connections.pop(connection.id, None)

    def participants_here(self) -> set[str]:
        return set()


class _Leases:
    async def acquire(self, board_id: str, node: str, floor: int) -> Holder:
        return Holder(node, floor + 1)

    async def renew(self, board_id: str, holder: Holder) -> bool:
        return True

    async def release(self, board_id: str, holder: Holder) -> None:
        return None


class _Host:
    """What the seat asks of its process, without Redis: this process owns every board."""

    node = "a"

    def __init__(self, room: _Room) -> None:
        self.options = RoomOptions()
        self.leases = _Leases()
        self.store = SimpleNamespace(
            boards=SimpleNamespace(
                stored_epoch=self._zero, fence=self._nothing, unfence=lambda board_id: None
            )
        )
        self.rooms = SimpleNamespace(get=self._room)
        self.room = room
        self.forgotten = False

    async def _zero(self, board_id: str) -> int:
        return 0

    async def _nothing(self, *args: Any) -> None:
        return None

    async def _room(self, board_id: str, engine: Any) -> _Room:
        return self.room

    def forget(self, seat: Seat) -> None:
        self.forgotten = True


async def test_the_owner_greets_joiners_side_by_side() -> None:
    room = _Room()
    seat = Seat(_Host(room), "board", None)  # type: ignore[arg-type]
    channels = [MemoryChannel(), MemoryChannel()]
    anne = asyncio.create_task(
        seat.serve(channels[0], Identity(role="participant", participant_id="anne"))
    )
    async with asyncio.timeout(5):
        while room.greeting != ["anne"]:
            await asyncio.sleep(0.01)  # sleep-ok: waiting for the first greeting to start
    bo = asyncio.create_task(
        seat.serve(channels[1], Identity(role="participant", participant_id="bo"))
    )
    # Anne's greeting still waits on its store read; Bo's begins all the same.
    async with asyncio.timeout(5):
        while room.greeting != ["anne", "bo"]:
            await asyncio.sleep(0.01)  # sleep-ok: waiting for the second greeting
    room.first_may_finish.set()
    for channel in channels:
        channel.hang_up()
    await asyncio.gather(anne, bo)
    assert room.connections == {}
    await seat.release()
