"""Two processes serve one board: one owns it, the other relays; the rules hold on both."""

from __future__ import annotations

import pytest
from redis import Redis

from tests.support.items import put_note, set_field
from tests.support.live import LiveServer
from tests.support.liveboard import LEAD, LiveBoard, live_board
from tests.support.redis import RedisServer
from tests.support.wsclient import raw_client

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
