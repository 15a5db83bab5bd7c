"""Two processes serve one board: one owns it, the other relays; the rules hold on both."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from pycrdt import Map
from redis import Redis

from tests.support.items import put_note, set_field
from tests.support.live import LiveServer
from tests.support.liveboard import LEAD, LiveBoard, live_board
from tests.support.redis import RedisServer
from tests.support.wsclient import raw_client
from tests.support.yproto import awareness_message

pytestmark = pytest.mark.anyio


def lease_holder(redis_server: RedisServer, board_id: str) -> str:
    raw = Redis.from_url(redis_server.url).get(f"tavle:lease:{board_id}")
    assert isinstance(raw, bytes)
    return raw.decode().split(" ")[0]


def on(server: LiveServer, board: LiveBoard, who: str = LEAD):  # type: ignore[no-untyped-def]
    """Connect someone of the board to a given process."""
    return raw_client(server.ws_url, board.id, board.token(who))


async def test_edits_reach_clients_on_both_processes_and_one_owns_the_board(
    processes: tuple[LiveServer, LiveServer], redis_server: RedisServer
) -> None:
    a, b = processes
    board = live_board(a, "Værdi for borgerne", "value-map", "Anne", "Bent", "Mallory")
    async with on(a, board, "Anne") as anne, on(b, board, "Bent") as bent:
        assert lease_holder(redis_server, board.id) == "a"
        await anne.edit(put_note("anne-0001", "Tillid"))
        await bent.until(lambda: "anne-0001" in bent.root("notes"))
        await bent.edit(put_note("bent-0001", "Mod"))
        await anne.until(lambda: "bent-0001" in anne.root("notes"))
        async with on(b, board, "Mallory") as cheat:
            # On the edge as on the owner: another's note cannot be changed.
            await cheat.undone(set_field("notes", "anne-0001", "text", "HACKED"), "reverted")
            await anne.until(lambda: anne.root("notes")["anne-0001"]["text"] == "Tillid")
            await cheat.until(lambda: cheat.root("notes")["anne-0001"]["text"] == "Tillid")
        assert "owned by a" in a.log()
        assert "owned by" not in b.log()


async def test_clients_of_a_killed_edge_leave_everyones_presence(
    processes: tuple[LiveServer, LiveServer],
) -> None:
    a, b = processes
    board = live_board(a, "Værdi for borgerne", "value-map", "Anne", "Bent")
    async with on(a, board, "Anne") as anne, on(b, board, "Bent") as bent:
        client_id = bent.doc.client_id
        await bent.websocket.send(awareness_message(client_id, 1, {"cursor": None}))
        await anne.until(lambda: len(anne.awareness) >= 1)
        seen = set(anne.awareness)
        assert b.process is not None
        b.process.send_signal(signal.SIGKILL)
        b.process.wait(timeout=10)
        b.process = None
        killed = time.monotonic()
        # Gone within the heartbeat's lifetime (3 s) and the owner's next check (1 s).
        await anne.until(
            lambda: all(anne.awareness.get(key) == "null" for key in seen), timeout_s=6
        )
        print(f"presence gone {time.monotonic() - killed:.1f} s after the kill")


async def test_tavle_serve_with_workers_shares_boards_between_its_processes(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    server = LiveServer(
        tmp_path / "data",
        tmp_path / "serve.log",
        env={"TAVLE_REDIS_URL": redis_server.url},
        serve_args=("--workers", "2"),
    )
    server.start()
    try:
        # The server answers once one worker is up; the other may still be starting.
        redis = Redis.from_url(redis_server.url)
        deadline = time.monotonic() + 20
        while len(redis.keys("tavle:node:*")) < 2 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)  # sleep-ok: another process's start has no event to wait on
        assert len(redis.keys("tavle:node:*")) == 2, "two worker processes beat"
        board = live_board(server, "Værdi for borgerne", "value-map", "Anne", "Bent")
        # Six clients: the kernel hands connections to both workers; all see every note.
        async with contextlib.AsyncExitStack() as stack:
            clients = [
                await stack.enter_async_context(on(server, board, who))
                for who in ("Anne", "Bent") * 3
            ]
            await clients[0].edit(put_note("anne-0001", "Tillid"))
            for client in clients:
                await client.until(lambda c=client: "anne-0001" in c.root("notes"))
        assert len(redis.keys("tavle:node:*")) == 2, "both workers still beat"
    finally:
        server.stop(timeout_s=20)
    assert "2 processes" in server.log()


async def test_a_modified_client_on_the_edge_meets_the_owners_rules(
    processes: tuple[LiveServer, LiveServer],
) -> None:
    """Votes over budget, others' private notes, roots outside the layout: as on the owner."""
    a, b = processes
    board = live_board(a, "Storledermøde", "value-map", "Anne", "Mallory")
    async with (
        on(a, board, "Anne") as honest,
        on(a, board) as lead,
        on(b, board, "Mallory") as cheat,
    ):
        await honest.edit(put_note("anne-1", "Tillid"))
        await honest.edit(put_note("anne-2", "Mod"))
        await cheat.until(lambda: {"anne-1", "anne-2"} <= set(cheat.root("notes")))

        await lead.command({"type": "vote.start", "budget": 1, "per_note": 1, "zone": None})
        await cheat.until(lambda: cheat.last("vote").get("status") == "open")
        await cheat.command({"type": "vote", "note": "anne-1", "delta": 1})
        await cheat.refused({"type": "vote", "note": "anne-2", "delta": 1}, "vote_budget")
        await cheat.refused({"type": "vote.end"}, "not_allowed")
        await lead.command({"type": "vote.end"})

        await lead.command({"type": "phase.set", "phase": "private"})
        await cheat.until(lambda: cheat.last("session").get("phase") == "private")
        fields = {"text": "Anne tænker højt", "zone": "value", "color": "pink"}
        await honest.command({"type": "private.put", "id": "anne-priv-01", "fields": fields})
        await honest.until(lambda: "anne-priv-01" in honest.last("private").get("items", {}))
        await cheat.refused({"type": "private.delete", "id": "anne-priv-01"}, "not_allowed")
        seen = json.dumps([cheat.root("notes"), cheat.messages], ensure_ascii=False)
        assert "Anne tænker højt" not in seen

        # A root outside the layout: refused before it touches the document, on the owner.
        def outside(doc: Any) -> None:
            doc.get("hacked", type=Map)["x"] = "y"

        await cheat.edit(outside)
        code, _ = await cheat.closed()
        assert code == 1008
        async with on(b, board, "Anne") as later:
            assert "hacked" not in list(later.doc.keys())
