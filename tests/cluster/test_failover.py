"""A process dies or stalls while clients type: another takes the board over, nothing is lost.

Writers are honest Yjs clients (pycrdt) over real websockets that keep their document
across reconnects, as y-websocket with y-indexeddb does: on a new socket they send what
they hold. Each writes numbered notes, so what reached whom can be counted.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from pycrdt import Doc, Map
from redis import Redis
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from server.sync import wire
from tests.support.items import note
from tests.support.live import LiveServer
from tests.support.liveboard import LEAD, live_board
from tests.support.redis import RedisServer
from tests.support.yproto import create_sync_message, read, update_messages

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

WRITERS = 50
EDIT_INTERVAL_S = 0.25


class Writer:
    """One phone: a document, a socket to whichever process takes it, numbered notes."""

    def __init__(self, name: str, token: str, board_id: str, urls: list[str]) -> None:
        self.name = name
        self.token = token
        self.board_id = board_id
        self.urls = urls  # the first is where it connects first; others after a drop
        self.doc: Doc[Any] = Doc()
        self.socket: ClientConnection | None = None
        self.written = 0
        self.reconnects = 0
        self.closes: list[tuple[int | None, str | None]] = []
        self.connected = asyncio.Event()
        self.synced = asyncio.Event()  # the server sent its first state: it decided who owns
        self.changed = asyncio.Event()  # set whenever an update arrives

    def notes(self) -> dict[str, Any]:
        return self.doc.get("notes", type=Map).to_py() or {}

    async def run(self, stop: asyncio.Event) -> None:
        attempt = 0
        while not stop.is_set():
            url = self.urls[min(attempt, len(self.urls) - 1)]
            try:
                async with connect(f"{url}/{self.board_id}?token={self.token}") as socket:
                    self.socket = socket
                    await socket.send(create_sync_message(self.doc))
                    if attempt:
                        self.reconnects += 1
                        # What this phone holds that the board may lack (y-websocket
                        # answers the server's step 1 with it).
                        await socket.send(wire.create_update_message(self.doc.get_update()))
                    self.connected.set()
                    await self._receive(socket)
                    self.closes.append((socket.close_code, socket.close_reason))
            except (OSError, InvalidStatus, ConnectionClosed):
                pass
            self.socket = None
            self.connected.clear()
            attempt += 1
            await asyncio.sleep(0.1)  # sleep-ok: a phone's pause before it reconnects

    async def _receive(self, socket: ClientConnection) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for message in socket:
                assert isinstance(message, bytes)
                kind, payload = read(message)
                if kind in ("sync-step2", "update"):
                    assert isinstance(payload, bytes)
                    self.doc.apply_update(payload)
                    self.changed.set()
                    if kind == "sync-step2":
                        self.synced.set()
                elif kind == "sync-step1":
                    # As y-websocket does: answer with what the server lacks.
                    assert isinstance(payload, bytes)
                    missing = self.doc.get_update(payload)
                    await socket.send(wire.create_sync_step2_message(missing))

    async def until(self, predicate: Callable[[], bool], timeout_s: float = 10.0) -> None:
        """Wait until predicate holds, checking again whenever an update arrives."""
        async with asyncio.timeout(timeout_s):
            while not predicate():
                self.changed.clear()
                await self.changed.wait()

    async def until_seen(self, item: str, timeout_s: float = 10.0) -> None:
        await self.until(lambda: item in self.notes(), timeout_s)

    async def write(self) -> None:
        """Add the next numbered note, sent at once if a socket is open."""
        self.written += 1
        item = f"{self.name}-{self.written:04d}"

        def change(doc: Doc[Any]) -> None:
            doc.get("notes", type=Map)[item] = Map(note(f"{self.name} {self.written}"))

        messages = update_messages(self.doc, change)
        if self.socket is not None:
            with contextlib.suppress(ConnectionClosed):
                for message in messages:
                    await self.socket.send(message)


@contextlib.asynccontextmanager
async def connected(first: Writer, *others: Writer) -> AsyncIterator[None]:
    """Connect `first` (its process so owns the board), then the others; stop them after."""
    stop = asyncio.Event()
    running = [asyncio.create_task(first.run(stop))]
    await asyncio.wait_for(first.synced.wait(), 10)
    running += [asyncio.create_task(writer.run(stop)) for writer in others]
    for writer in others:
        await asyncio.wait_for(writer.connected.wait(), 10)
    try:
        yield
    finally:
        stop.set()
        for writer in (first, *others):
            if writer.socket is not None:
                await writer.socket.close()
        await asyncio.gather(*running)


def written(writers: list[Writer]) -> set[str]:
    """Return the ids of every note the writers wrote."""
    return {f"{w.name}-{n:04d}" for w in writers for n in range(1, w.written + 1)}


async def type_until(writers: list[Writer], stop: asyncio.Event) -> None:
    while not stop.is_set():
        for writer in writers:
            await writer.write()
        await asyncio.sleep(EDIT_INTERVAL_S)  # sleep-ok: the pace of typing


def kill(server: LiveServer, sig: signal.Signals) -> None:
    assert server.process is not None
    os.kill(server.process.pid, sig)
    if sig == signal.SIGKILL:
        server.process.wait(timeout=10)
        server.process = None


async def test_killing_the_owner_moves_the_board_and_loses_nothing_anyone_saw(
    processes: tuple[LiveServer, LiveServer], redis_server: RedisServer
) -> None:
    a, b = processes
    names = [f"w{index:02d}" for index in range(WRITERS)]
    board = live_board(a, "Storledermøde", "value-map", *names)
    # The first writer reaches process a, which so owns the board; half stay there.
    writers = [
        Writer(
            name,
            board.token(name),
            board.id,
            [a.ws_url, b.ws_url] if index % 2 == 0 else [b.ws_url],
        )
        for index, name in enumerate(names)
    ]
    survivors = [w for w in writers if w.urls == [b.ws_url]]
    async with connected(writers[0], *writers[1:]):
        typing_stop = asyncio.Event()
        typing = asyncio.create_task(type_until(writers, typing_stop))
        probe, watcher = survivors[0], survivors[1]
        await watcher.until(lambda: len(watcher.notes()) >= 2 * WRITERS)  # everyone typed

        kill(a, signal.SIGKILL)
        killed_at = time.monotonic()
        seen_before_kill = {w.name: set(w.notes()) for w in writers}
        # A note written after the kill on the survivor reaches another survivor: b owns it.
        probe_item = f"{probe.name}-{probe.written + 1:04d}"
        await probe.write()
        await watcher.until_seen(probe_item)
        failover_s = time.monotonic() - killed_at
        assert failover_s <= 5.0, failover_s
        # The dead process's writers come back (to b) while everyone goes on typing.
        await watcher.until(lambda: all(w.reconnects for w in writers if w not in survivors))
        typing_stop.set()
        await typing
        # Everything anyone wrote reaches the survivor's phone before they stop.
        await watcher.until(lambda: written(writers) <= set(watcher.notes()))

    # Clients of the surviving process kept their sockets; those of the dead one came back.
    assert [w.closes for w in survivors if w.reconnects] == []
    assert all(w.reconnects >= 1 for w in writers if w not in survivors)
    stored = await first_notes(b.ws_url, board.id, board.token(LEAD))
    seen = set().union(*seen_before_kill.values())
    assert seen - stored == set()
    # And every writer's every note, since each phone held its own.
    assert written(writers) - stored == set()
    print(f"failover: {failover_s:.2f} s; notes {len(stored)}")


async def test_an_owner_paused_past_its_lease_writes_nothing_after_and_closes_its_sockets(
    processes: tuple[LiveServer, LiveServer], redis_server: RedisServer
) -> None:
    a, b = processes
    board = live_board(a, "Storledermøde", "value-map", "anne", "bent", "carl")
    anne = Writer("anne", board.token("anne"), board.id, [a.ws_url])
    bent = Writer("bent", board.token("bent"), board.id, [b.ws_url])
    carl = Writer("carl", board.token("carl"), board.id, [b.ws_url])
    async with connected(anne, bent, carl):
        await anne.write()
        await bent.until_seen("anne-0001")

        kill(a, signal.SIGSTOP)
        await anne.write()  # waits in a's socket while a is stopped
        await bent.write()
        await carl.until_seen("bent-0001")  # b took the board over
        kill(a, signal.SIGCONT)
        # The old owner finds its writes refused and closes its sockets: anne comes back
        # (to a, now an edge) and her paused note reaches everyone through the new owner.
        await carl.until_seen("anne-0002")
        assert anne.closes
        assert anne.closes[0][0] == 1012

    entries = Redis.from_url(redis_server.url).xrange(f"tavle:log:{board.id}")
    epochs = [int(fields[b"e"]) for _, fields in entries]
    # Once the new epoch began, nothing of the old one was appended.
    assert epochs == sorted(epochs)
    assert epochs[-1] > epochs[0]
    assert "steps down" in a.log()


async def test_the_owner_keeps_serving_while_redis_restarts_and_the_log_has_no_gap(
    processes: tuple[LiveServer, LiveServer], redis_server: RedisServer
) -> None:
    a, b = processes
    board = live_board(a, "Storledermøde", "value-map", "anne", "alma", "bent")
    anne = Writer("anne", board.token("anne"), board.id, [a.ws_url])
    alma = Writer("alma", board.token("alma"), board.id, [a.ws_url])
    bent = Writer("bent", board.token("bent"), board.id, [b.ws_url])
    async with connected(anne, alma, bent):
        await anne.write()
        await bent.until_seen("anne-0001")

        redis_server.stop()
        # The owner goes on serving its own clients without Redis.
        for _ in range(5):
            await anne.write()
        await alma.until_seen("anne-0006")
        await asyncio.sleep(1.0)  # sleep-ok: Redis stays down for a while
        redis_server.start()
        # Its buffered windows reach the edge's client once Redis is back.
        await bent.until_seen("anne-0006", timeout_s=15)
        await anne.write()
        await bent.until_seen("anne-0007")

    entries = Redis.from_url(redis_server.url).xrange(f"tavle:log:{board.id}")
    numbers = [(int(fields[b"e"]), int(fields[b"s"])) for _, fields in entries]
    epochs = {epoch for epoch, _ in numbers}
    assert epochs == {1}, "the owner kept its board through the restart"
    sequence = [seq for _, seq in numbers]
    assert sequence == list(range(sequence[0], sequence[0] + len(sequence)))


async def first_notes(url: str, board_id: str, token: str) -> set[str]:
    """Join the board and return the notes of the first state it sends."""
    doc: Doc[Any] = Doc()
    async with connect(f"{url}/{board_id}?token={token}") as socket:
        await socket.send(create_sync_message(doc))
        async for message in socket:
            assert isinstance(message, bytes)
            kind, payload = read(message)
            if kind == "sync-step2":
                assert isinstance(payload, bytes)
                doc.apply_update(payload)
                break
    return set(doc.get("notes", type=Map).to_py() or {})


@pytest.mark.parametrize(
    "processes", [{"TAVLE_COMPACT_AFTER_ROWS": "3"}], indirect=True, ids=["compacting"]
)
async def test_joiners_first_state_holds_every_edit_before_it_while_the_board_compacts(
    processes: tuple[LiveServer, LiveServer], database_location: Path | str
) -> None:
    a, b = processes
    board = live_board(a, "Storledermøde", "value-map", "anne", "olga")
    anne = Writer("anne", board.token("anne"), board.id, [a.ws_url])
    olga = Writer("olga", board.token("olga"), board.id, [b.ws_url])  # sees what was made
    missing: list[set[str]] = []
    async with connected(anne, olga):
        typing_stop = asyncio.Event()
        typing = asyncio.create_task(type_until([anne], typing_stop))
        for wave in range(10):  # 100 joiners while the owner compacts every 2 s
            before = set(olga.notes())
            states = await asyncio.gather(
                *(
                    first_notes((a if n % 2 else b).ws_url, board.id, board.token(LEAD))
                    for n in range(10)
                )
            )
            missing += [before - state for state in states if before - state]
            await asyncio.sleep(0.4 if wave % 3 else 1.0)  # sleep-ok: waves spread over time
        typing_stop.set()
        await typing
    assert missing == []
    assert anne.written > 20
    # The board did compact meanwhile (its state row covers log rows).
    query = "SELECT last_update_id FROM states WHERE board_id = ?"
    if isinstance(database_location, str):
        with psycopg.connect(database_location) as db:
            row = db.execute(query.replace("?", "%s"), [board.id]).fetchone()
    else:
        with sqlite3.connect(a.data_dir / "tavle.db") as db:
            row = db.execute(query, [board.id]).fetchone()
    assert row is not None
    assert row[0] > 0
