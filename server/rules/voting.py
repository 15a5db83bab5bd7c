"""Dot voting: budgets and tallies the server keeps, never in the shared document.

The voted items are a map's notes (server/rules/board.py) or a charter's sections
(server/rules/section_vote.py); the store keys dots by the item's id either way.

While results are hidden no participant may be able to read them, not even in the raw
data their browser receives, so dots live here and in SQLite, and each connection gets
a view of its own (docs/protocol.md, "Dot voting"). All checks and changes happen
synchronously on the event loop before anything is awaited, so two phones voting at
once cannot both spend the same last dot.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from server.rules.commands import Refused
from server.store import Store, utc_now

MAX_BUDGET = 20
# The results chart shows the best ten unless the facilitator picks another number.
DEFAULT_TOP = 10
MAX_TOP = 50


@dataclass
class VoteSession:
    """One dot vote: its rules and state."""

    id: int
    budget: int
    per_note: int
    zone: str | None
    show_live: bool
    status: str  # "open" or "closed"
    results_visible: bool
    # How many of the best the results show as a chart (the full ranking is paged).
    top: int = DEFAULT_TOP


@dataclass
class Ballot:
    """The latest dot vote of one board and every participant's dots in it."""

    board_id: str
    store: Store
    session: VoteSession | None = None
    dots: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))

    async def load(self) -> None:
        """Read the board's latest vote session and its dots."""
        latest = await self.store.people.latest_vote(self.board_id)
        if latest is None:
            return
        row, dots = latest
        self.session = VoteSession(
            id=row["id"],
            budget=row["budget"],
            per_note=row["per_note"],
            zone=row["zone"],
            show_live=bool(row["show_live"]),
            status=row["status"],
            results_visible=bool(row["results_visible"]),
            top=int(row.get("results_top") or DEFAULT_TOP),
        )
        for dot in dots:
            self.dots[dot["participant_id"]][dot["note_id"]] = dot["dots"]

    # -- the facilitator's commands ------------------------------------------------

    async def start(
        self, *, budget: Any, per_note: Any, zone: Any, show_live: Any, zones: set[str]
    ) -> None:
        """Open a new vote; raise Refused("invalid") for rules that make no sense."""
        if not _whole(budget) or not 1 <= budget <= MAX_BUDGET:
            raise Refused("invalid")
        if not _whole(per_note) or not 1 <= per_note <= budget:
            raise Refused("invalid")
        if zone is not None and zone not in zones:
            raise Refused("invalid")
        session = VoteSession(
            id=0,
            budget=int(budget),
            per_note=int(per_note),
            zone=zone,
            show_live=bool(show_live),
            status="open",
            results_visible=bool(show_live),
        )
        session.id = await self.store.people.open_vote(
            {
                "board_id": self.board_id,
                "budget": session.budget,
                "per_note": session.per_note,
                "zone": zone,
                "show_live": int(session.show_live),
                "status": "open",
                "results_visible": int(session.results_visible),
                "opened": utc_now(),
            }
        )
        # Open to votes only once it has its row: a dot placed meanwhile would name no
        # session (found in review).
        self.session, self.dots = session, defaultdict(dict)

    async def end(self) -> None:
        """Close the open vote."""
        if self.session is None or self.session.status != "open":
            raise Refused("vote_closed")
        self.session.status = "closed"
        await self.store.people.update_vote(self.session.id, status="closed", closed=utc_now())

    async def show_results(self, visible: Any, top: Any = None) -> None:
        """Show or hide the results to everyone; `top`: how many the chart shows."""
        if self.session is None or not isinstance(visible, bool):
            raise Refused("invalid")
        if top is not None and (not _whole(top) or not 1 <= top <= MAX_TOP):
            raise Refused("invalid")
        self.session.results_visible = visible
        if top is not None:
            self.session.top = int(top)
        await self.store.people.update_vote(
            self.session.id, results_visible=int(visible), results_top=self.session.top
        )

    # -- a participant's dots --------------------------------------------------------

    def place(self, participant_id: str, item_id: str, delta: Any, item_zone: str | None) -> int:
        """Place (+1) or take back (-1) a dot; return the participant's dots on the item now.

        The item is a map's note or a charter's section (server/rules/section_vote.py);
        `item_zone` is its zone, "" for an item without zones, None for no such item.
        Raises Refused when the vote is not open or the rules forbid it. The caller
        persists the returned count; the in-memory state is already updated.
        """
        session = self.session
        if session is None or session.status != "open":
            raise Refused("vote_closed")
        if delta not in (1, -1) or isinstance(delta, bool):
            raise Refused("invalid")
        mine = self.dots[participant_id]
        current = mine.get(item_id, 0)
        if delta == 1:
            if item_zone is None:
                raise Refused("invalid")  # no such item
            if session.zone is not None and item_zone != session.zone:
                raise Refused("vote_scope")
            if sum(mine.values()) >= session.budget:
                raise Refused("vote_budget")
            if current >= session.per_note:
                raise Refused("vote_per_note")
        elif current == 0:
            raise Refused("invalid")
        now: int = current + int(delta)
        if now:
            mine[item_id] = now
        else:
            mine.pop(item_id, None)
        return now

    async def save_dots(self, participant_id: str, item_id: str, dots: int) -> None:
        """Write a participant's dots on an item to the store."""
        assert self.session is not None
        await self.store.people.set_dots(
            self.session.id, self.board_id, participant_id, item_id, dots
        )

    # -- what each connection sees -------------------------------------------------------

    def tallies(self) -> dict[str, int]:
        """Return the dots on each item, over all participants."""
        totals: dict[str, int] = defaultdict(int)
        for mine in self.dots.values():
            for item_id, count in mine.items():
                totals[item_id] += count
        return dict(totals)

    def view(self, participant_id: str | None, clusters_of: dict[str, str]) -> dict[str, Any]:
        """Return the `vote` message for one receiver (protocol.md, "Dot voting").

        `results.notes` counts the voted items by id: notes on a map, sections on a charter.
        """
        session = self.session
        if session is None:
            return {"type": "vote", "status": "none"}
        mine = dict(self.dots.get(participant_id, {})) if participant_id else {}
        voters = sum(1 for dots in self.dots.values() if dots)
        placed = sum(sum(dots.values()) for dots in self.dots.values())
        results = None
        if session.results_visible:
            notes = self.tallies()
            clusters: dict[str, int] = defaultdict(int)
            for note_id, count in notes.items():
                if note_id in clusters_of:
                    clusters[clusters_of[note_id]] += count
            results = {"notes": notes, "clusters": dict(clusters)}
        return {
            "type": "vote",
            "status": session.status,
            "id": session.id,
            "budget": session.budget,
            "per_note": session.per_note,
            "zone": session.zone,
            "show_live": session.show_live,
            "mine": mine,
            "left": session.budget - sum(mine.values()) if participant_id else 0,
            "voters": voters,
            "dots": placed,
            "results": results,
            "top": session.top,
        }


def _whole(value: Any) -> bool:
    """Say whether a JSON value is a whole number (JS sends 3 or 3.0), not a bool."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return float(value).is_integer()
