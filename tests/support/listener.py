"""What the test clients share, on a memory channel or a real websocket: a doc kept in
sync, Tavle's messages kept for the test to read, and waiting on either."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

from pycrdt import Doc, Map

from tests.support.items import Change


class Listener:
    """A client's doc and the Tavle messages it received, and ways to wait on them.

    A subclass receives: it applies updates to `doc`, appends Tavle messages to
    `messages` and sets `changed` after each message. It sends with `command` and `edit`.
    """

    TIMEOUT_S: float = 5

    def __init__(self, doc: Doc[Any] | None = None) -> None:
        self.doc: Doc[Any] = doc if doc is not None else Doc()
        self.messages: list[dict[str, Any]] = []
        self.changed = asyncio.Event()

    def command(self, payload: dict[str, Any]) -> object:
        raise NotImplementedError

    def edit(self, change: Change) -> object:
        raise NotImplementedError

    def root(self, name: str) -> dict[str, Any]:
        return dict(self.doc.get(name, type=Map).to_py() or {})

    def notices(self) -> list[str]:
        return [m["code"] for m in self.messages if m.get("type") == "notice"]

    async def until(self, predicate: Callable[[], bool], timeout_s: float | None = None) -> None:
        """Wait until predicate holds, re-checking whenever something arrives."""
        async with asyncio.timeout(timeout_s or self.TIMEOUT_S):
            while not predicate():
                self.changed.clear()
                await self.changed.wait()

    async def refused(self, payload: dict[str, Any], code: str) -> None:
        """Send a command the server must refuse; wait for the notice `code` it answers."""
        await self._told(code, lambda: self.command(payload))

    async def undone(self, change: Change, code: str) -> None:
        """Make an edit the server must undo; wait for the notice `code` that says why."""
        await self._told(code, lambda: self.edit(change))

    async def _told(self, code: str, send: Callable[[], object]) -> None:
        before = self.notices().count(code)
        sent = send()
        if inspect.isawaitable(sent):
            await sent
        await self.until(lambda: self.notices().count(code) > before)
