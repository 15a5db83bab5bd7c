"""Reactions on a charter: votes for or against proposals, and likes of examples.

Kept by the server and in SQLite, never in the shared document, so that one participant
cannot vote twice or for someone else. Every check and change happens synchronously on
the event loop before anything is awaited (as in server/rules/voting.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from server.store import Store

VOTES = ("for", "against")


@dataclass
class Reactions:
    """Every participant's vote on each proposal and like of each example on one board."""

    board_id: str
    store: Store | None = None  # None for reactions read from a snapshot
    votes: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    likes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    async def load(self) -> None:
        """Read the board's reactions."""
        assert self.store is not None, "reactions of a snapshot are not loaded from the store"
        for row in await self.store.charter.reactions_of(self.board_id):
            if row["target"] == "proposal":
                self.votes[row["target_id"]][row["participant_id"]] = row["value"]
            elif row["target"] == "example":
                self.likes[row["target_id"]].add(row["participant_id"])

    def vote(self, participant_id: str, proposal_id: str, value: str | None) -> bool:
        """Set a participant's vote on a proposal (None takes it back); say if it changed."""
        current = self.votes[proposal_id].get(participant_id)
        if current == value:
            return False
        if value is None:
            del self.votes[proposal_id][participant_id]
        else:
            self.votes[proposal_id][participant_id] = value
        return True

    def like(self, participant_id: str, example_id: str, like: bool) -> bool:
        """Like an example or take the like back; say if it changed."""
        likers = self.likes[example_id]
        if (participant_id in likers) == like:
            return False
        if like:
            likers.add(participant_id)
        else:
            likers.discard(participant_id)
        return True

    def tally(self, proposal_id: str) -> tuple[int, int]:
        """Return the votes for and against a proposal."""
        values = list(self.votes.get(proposal_id, {}).values())
        return values.count("for"), values.count("against")

    def view(self, participant_id: str | None) -> dict[str, Any]:
        """Return the `reactions` message for one receiver (docs/protocol.md)."""
        proposals: dict[str, Any] = {}
        for proposal_id, voters in self.votes.items():
            if voters:
                votes_for, votes_against = self.tally(proposal_id)
                mine = voters.get(participant_id) if participant_id else None
                proposals[proposal_id] = {"for": votes_for, "against": votes_against, "mine": mine}
        examples = {
            example_id: {"likes": len(likers), "mine": participant_id in likers}
            for example_id, likers in self.likes.items()
            if likers
        }
        return {"type": "reactions", "proposals": proposals, "examples": examples}
