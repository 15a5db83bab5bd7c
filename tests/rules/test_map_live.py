"""A modified client on a real server: raw Yjs updates and commands no honest client
sends. The server reverts or refuses each, says why, and honest clients and the stored
board end up right."""

from __future__ import annotations

import signal

import pytest

from tests.support.items import delete, put_note
from tests.support.live import LiveServer
from tests.support.liveboard import LEAD, live_board

pytestmark = pytest.mark.anyio


async def test_a_modified_client_cannot_cheat_the_vote_or_delete_others_notes(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Værdi for borgerne", "value-map", "Anne", "Mallory")
    async with board.clients(LEAD, "Anne", "Mallory") as (facilitator, honest, cheat):
        await honest.edit(put_note("anne-1", "Tillid"))
        await honest.edit(put_note("anne-2", "Mod"))
        await cheat.until(lambda: {"anne-1", "anne-2"} <= set(cheat.root("notes")))

        # Deleting another participant's note: restored for everyone, and Mallory is told.
        await cheat.undone(delete("notes", "anne-1"), "reverted")
        await cheat.until(lambda: "anne-1" in cheat.root("notes"))
        await honest.until(lambda: honest.root("notes").get("anne-1", {}).get("text") == "Tillid")

        # Votes beyond the budget, and after the end.
        await facilitator.command({"type": "vote.start", "budget": 1, "per_note": 1, "zone": None})
        await cheat.until(lambda: cheat.last("vote").get("status") == "open")
        await cheat.command({"type": "vote", "note": "anne-1", "delta": 1})
        await cheat.refused({"type": "vote", "note": "anne-2", "delta": 1}, "vote_budget")
        await facilitator.command({"type": "vote.end"})
        await cheat.until(lambda: cheat.last("vote").get("status") == "closed")
        await cheat.command({"type": "vote", "note": "anne-2", "delta": 1})
        await cheat.command({"type": "vote", "note": "anne-1", "delta": -1})
        await cheat.until(lambda: cheat.notices().count("vote_closed") == 2)
        assert cheat.last("vote")["mine"] == {"anne-1": 1}
        # Only the facilitator runs votes.
        await cheat.refused({"type": "vote.results", "visible": True}, "not_allowed")
        assert cheat.last("vote")["results"] is None
        await facilitator.command({"type": "vote.results", "visible": True})
        await honest.until(lambda: honest.last("vote").get("results") is not None)
        assert honest.last("vote")["results"]["notes"] == {"anne-1": 1}

    # The stored board is the corrected one, votes included.
    live_server.stop(signal.SIGTERM)
    live_server.start()
    async with board.client("Anne") as later:
        assert set(later.root("notes")) == {"anne-1", "anne-2"}
        await later.until(lambda: later.last("vote").get("status") == "closed")
        assert later.last("vote")["results"]["notes"] == {"anne-1": 1}
