"""What an export or a comparison reads: a board's document and the state kept beside it.

The live board comes from its room when it is in memory (server/web/exports.py,
`live_source`); here are the two ways that need no room: the store's copy, and a
snapshot's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pycrdt import Doc

from server.facilitation.session import SessionState
from server.rules.reactions import Reactions
from server.rules.voting import Ballot
from server.store import Board, Store
from server.sync.room import apply_stored


@dataclass
class Source:
    """What an export reads: the document and the state kept beside it."""

    doc: Doc[Any]
    reactions: Reactions
    dots: dict[str, int]  # the latest dot vote's tally per note
    results_visible: bool
    anonymous: bool
    # Whether the latest dot vote is still open: its tally is not a result yet.
    vote_open: bool = False

    def dots_for(self, facilitator: bool) -> dict[str, int] | None:
        """Return the dots a reader may see: None while the results are hidden from them."""
        return self.dots if self.results_visible or facilitator else None


def ballot_source(doc: Doc[Any], reactions: Reactions, ballot: Ballot, anonymous: bool) -> Source:
    """Return a board's source with the dots, and the vote's state, of its latest dot vote."""
    vote = ballot.session
    return Source(
        doc,
        reactions,
        ballot.tallies(),
        results_visible=vote is not None and vote.results_visible,
        anonymous=anonymous,
        vote_open=vote is not None and vote.status == "open",
    )


async def stored_source(store: Store, board: Board) -> Source:
    """Read a board as the store holds it (no room in memory, or the command line)."""
    doc: Doc[Any] = Doc()
    apply_stored(doc, await store.boards.load_document(board.id))
    reactions = Reactions(board.id, store)
    await reactions.load()
    ballot = Ballot(board.id, store)
    await ballot.load()
    session = SessionState.from_json(await store.facilitation.session_of(board.id))
    return ballot_source(doc, reactions, ballot, session.anonymous)


def snapshot_source(board: Board, row: dict[str, Any]) -> Source:
    """Read a board as a snapshot holds it."""
    doc: Doc[Any] = Doc()
    doc.apply_update(row["document"])
    side: dict[str, list[dict[str, Any]]] = json.loads(row["extras"])
    reactions = Reactions(board.id)  # filled from the snapshot's rows, not the store
    for reaction in side.get("reactions", []):
        if reaction["target"] == "proposal":
            reactions.votes[reaction["target_id"]][reaction["participant_id"]] = reaction["value"]
        elif reaction["target"] == "example":
            reactions.likes[reaction["target_id"]].add(reaction["participant_id"])
    sessions = sorted(side.get("vote_sessions", []), key=lambda s: s["id"])
    latest = sessions[-1] if sessions else None
    dots: dict[str, int] = {}
    for dot in side.get("votes", []):
        if latest is not None and dot["session_id"] == latest["id"]:
            dots[dot["note_id"]] = dots.get(dot["note_id"], 0) + int(dot["dots"])
    state = SessionState.from_json(next((r["state"] for r in side.get("board_sessions", [])), None))
    visible = bool(latest and latest["results_visible"])
    return Source(doc, reactions, dots, visible, state.anonymous)
