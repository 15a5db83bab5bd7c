"""A Yjs client on an in-memory channel that stays in sync in the background."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from typing import Any

from pycrdt import Doc, Map
from pycrdt._sync import write_var_uint

from server.sync import wire
from server.sync.room import Identity, Room
from tests.support.channels import MemoryChannel
from tests.support.yproto import create_sync_message, read, update_messages

TIMEOUT_S = 5


class SyncedClient:
    """Connect a Doc to a room; apply what arrives, keep Tavle messages, send edits."""

    def __init__(self, room: Room, identity: Identity, doc: Doc[Any] | None = None) -> None:
        # A doc of its own from before (an offline phone's IndexedDB copy), or a new one.
        self.doc: Doc[Any] = doc if doc is not None else Doc()
        self.channel = MemoryChannel()
        self.messages: list[dict[str, Any]] = []
        self._changed = asyncio.Event()
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
            self._changed.set()

    def edit(self, change: Callable[[Doc[Any]], None]) -> None:
        """Make a change in the local doc and send its update, as a Yjs client does."""
        for message in update_messages(self.doc, change):
            self.channel.push(message)

    def command(self, payload: dict[str, Any]) -> None:
        """Send one of Tavle's own commands (message type 20)."""
        text = json.dumps(payload).encode()
        self.channel.push(bytes([wire.MESSAGE_TAVLE]) + write_var_uint(len(text)) + text)

    def root(self, name: str) -> dict[str, Any]:
        return dict(self.doc.get(name, type=Map).to_py() or {})

    def last(self, kind: str) -> dict[str, Any] | None:
        found = [m for m in self.messages if m.get("type") == kind]
        return found[-1] if found else None

    def notices(self) -> list[str]:
        return [m["code"] for m in self.messages if m.get("type") == "notice"]

    async def until(self, predicate: Callable[[], bool], timeout_s: float = TIMEOUT_S) -> None:
        """Wait until predicate holds, re-checking whenever something arrives."""
        async with asyncio.timeout(timeout_s):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

    async def leave(self) -> None:
        self.channel.hang_up()
        await asyncio.wait_for(self.serving, TIMEOUT_S)
        self._pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._pump


async def converged(room: Room, *clients: SyncedClient, root: str = "notes") -> dict[str, Any]:
    """Wait until every client holds what the room holds, and return that."""

    def server_view() -> dict[str, Any]:
        return dict(room.doc.get(root, type=Map).to_py() or {})

    def same() -> bool:
        expected = server_view()
        # Neither side lacks an item of the other's: the difference update holds no
        # structs (its first number, the count of clients with structs, is 0; the delete
        # set that follows is always sent whole). State vectors are not compared as
        # bytes: their entries may come in any order.
        return all(client.root(root) == expected for client in clients) and all(
            room.doc.get_update(client.doc.get_state())[0] == 0
            and client.doc.get_update(room.doc.get_state())[0] == 0
            for client in clients
        )

    async with asyncio.timeout(TIMEOUT_S):
        while not same():
            await asyncio.sleep(0.01)  # sleep-ok: polling several clients at once
    return server_view()
