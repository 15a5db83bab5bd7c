"""A modified client on a real server: raw Yjs updates and commands no honest client
sends. The server reverts or refuses each, says why, and honest clients and the stored
board end up right."""

from __future__ import annotations

import signal

import pytest
from pycrdt import Map

from tests.support.live import LiveServer
from tests.support.wsclient import raw_client

pytestmark = pytest.mark.anyio


def note(text: str, zone: str = "value") -> Map:  # type: ignore[type-arg]
    return Map({"text": text, "zone": zone, "order": "a0", "color": "yellow", "created": 1.0})


async def test_a_modified_client_cannot_cheat_the_vote_or_delete_others_notes(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Værdi for borgerne", kind="value-map")
    anne = live_server.join(board["join_code"], "Anne")
    mallory = live_server.join(board["join_code"], "Mallory")
    ws = live_server.ws_url
    async with (
        raw_client(ws, board["id"], board["facilitator_token"]) as facilitator,
        raw_client(ws, board["id"], anne["token"]) as honest,
        raw_client(ws, board["id"], mallory["token"]) as cheat,
    ):
        await honest.edit(
            lambda doc: doc.get("notes", type=Map).__setitem__("anne-1", note("Tillid"))
        )
        await honest.edit(lambda doc: doc.get("notes", type=Map).__setitem__("anne-2", note("Mod")))
        await cheat.until(lambda: {"anne-1", "anne-2"} <= set(cheat.root("notes")))

        # Deleting another participant's note: restored for everyone, and Mallory is told.
        await cheat.edit(lambda doc: doc.get("notes", type=Map).__delitem__("anne-1"))
        await cheat.until(lambda: "reverted" in cheat.notices())
        await cheat.until(lambda: "anne-1" in cheat.root("notes"))
        await honest.until(lambda: honest.root("notes").get("anne-1", {}).get("text") == "Tillid")

        # Votes beyond the budget, and after the end.
        await facilitator.command({"type": "vote.start", "budget": 1, "per_note": 1, "zone": None})
        await cheat.until(lambda: cheat.last("vote").get("status") == "open")
        await cheat.command({"type": "vote", "note": "anne-1", "delta": 1})
        await cheat.command({"type": "vote", "note": "anne-2", "delta": 1})
        await cheat.until(lambda: "vote_budget" in cheat.notices())
        await facilitator.command({"type": "vote.end"})
        await cheat.until(lambda: cheat.last("vote").get("status") == "closed")
        await cheat.command({"type": "vote", "note": "anne-2", "delta": 1})
        await cheat.command({"type": "vote", "note": "anne-1", "delta": -1})
        await cheat.until(lambda: cheat.notices().count("vote_closed") == 2)
        assert cheat.last("vote")["mine"] == {"anne-1": 1}
        # Only the facilitator runs votes.
        await cheat.command({"type": "vote.results", "visible": True})
        await cheat.until(lambda: "not_allowed" in cheat.notices())
        assert cheat.last("vote")["results"] is None
        await facilitator.command({"type": "vote.results", "visible": True})
        await honest.until(lambda: honest.last("vote").get("results") is not None)
        assert honest.last("vote")["results"]["notes"] == {"anne-1": 1}

    # The stored board is the corrected one, votes included.
    live_server.stop(signal.SIGTERM)
    live_server.start()
    async with raw_client(ws, board["id"], anne["token"]) as later:
        assert set(later.root("notes")) == {"anne-1", "anne-2"}
        await later.until(lambda: later.last("vote").get("status") == "closed")
        assert later.last("vote")["results"]["notes"] == {"anne-1": 1}
