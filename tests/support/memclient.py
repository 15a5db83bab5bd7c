"""A Yjs client on an in-memory channel that stays in sync in the background."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from pycrdt import Doc, Map
from pycrdt._sync import write_var_uint

from server.sync import wire
from server.sync.connection import Identity
from server.sync.room import Room
from tests.support.channels import MemoryChannel
from tests.support.listener import Listener
from tests.support.yproto import create_sync_message, read, update_messages

TIMEOUT_S = 5
T = TypeVar("T")


class SyncedClient(Listener):
    """Connect a Doc to a room; apply what arrives, keep Tavle messages, send edits."""

    TIMEOUT_S = TIMEOUT_S

    def __init__(self, room: Room, identity: Identity, doc: Doc[Any] | None = None) -> None:
        # A doc of its own from before (an offline phone's IndexedDB copy), or a new one.
        super().__init__(doc)
        self.channel = MemoryChannel()
        self.serving = asyncio.create_task(room.serve(self.channel, identity))
        self._pump = asyncio.create_task(self._receive())
        self.channel.push(create_sync_message(self.doc))

    async def _receive(self) -> None:
        while True:
            kind, payload = read(await self.channel.sent.get())
            if kind in ("sync-step2", "update"):
                assert isinstance(payload, bytes)
                self.doc.apply_update(payload)
            elif kind == "tavle":
                assert isinstance(payload, dict)
                self.messages.append(payload)
            self.changed.set()

    def edit(self, change: Callable[[Doc[Any]], None]) -> None:
        """Make a change in the local doc and send its update, as a Yjs client does."""
        for message in update_messages(self.doc, change):
            self.channel.push(message)

    def command(self, payload: dict[str, Any]) -> None:
        """Send one of Tavle's own commands (message type 20)."""
        text = json.dumps(payload).encode()
        self.channel.push(bytes([wire.MESSAGE_TAVLE]) + write_var_uint(len(text)) + text)

    def last(self, kind: str) -> dict[str, Any] | None:
        found = [m for m in self.messages if m.get("type") == kind]
        return found[-1] if found else None

    async def leave(self) -> None:
        self.channel.hang_up()
        await asyncio.wait_for(self.serving, TIMEOUT_S)
        self._pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._pump


def synced(room: Room, *identities: Identity) -> tuple[SyncedClient, ...]:
    """Connect a synced client to a room for each identity, in order."""
    return tuple(SyncedClient(room, identity) for identity in identities)


async def leave_all(*clients: SyncedClient) -> None:
    """Hang up each client and wait until the room has let it go."""
    for client in clients:
        await client.leave()


async def settled(
    room: Room, clients: tuple[SyncedClient, ...], view: Callable[[Doc[Any]], T]
) -> T:
    """Wait until every client's doc shows what the room's shows through `view`, with no
    item on either side that the other lacks; return the room's view."""

    def same() -> bool:
        expected = view(room.doc)
        # Neither side lacks an item of the other's: the difference update holds no
        # structs (its first number, the count of clients with structs, is 0; the delete
        # set that follows is always sent whole). State vectors are not compared as
        # bytes: their entries may come in any order.
        return all(view(client.doc) == expected for client in clients) and all(
            room.doc.get_update(client.doc.get_state())[0] == 0
            and client.doc.get_update(room.doc.get_state())[0] == 0
            for client in clients
        )

    async with asyncio.timeout(TIMEOUT_S):
        while not same():
            await asyncio.sleep(0.01)  # sleep-ok: polling several clients at once
    return view(room.doc)


async def converged(room: Room, *clients: SyncedClient, root: str = "notes") -> dict[str, Any]:
    """Wait until every client holds what the room holds in a root map, and return that."""
    return await settled(room, clients, lambda doc: dict(doc.get(root, type=Map).to_py() or {}))
