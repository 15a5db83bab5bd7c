"""The dot vote over a charter's sections (the LUS guide's), on a real server.

A raw client plays a modified phone: it votes over its budget, on ids that are no theme,
while the vote is closed, and tries the facilitator's commands. The server refuses each
with the notice that says why, keeps the results hidden until the facilitator shows them,
and keeps the dots across a restart.
"""

from __future__ import annotations

import io
import signal

import docx
import httpx
import pytest

from tests.support.live import LiveServer
from tests.support.liveboard import LEAD, live_board

pytestmark = pytest.mark.anyio


def vote(section: str, delta: int = 1) -> dict[str, object]:
    return {"type": "vote", "section": section, "delta": delta}


async def test_a_modified_phone_cannot_cheat_the_section_vote(live_server: LiveServer) -> None:
    board = live_board(live_server, "LUS-guide", "lus-guide", "Anne", "Mallory")
    async with board.clients(LEAD, "Anne", "Mallory") as (lead, anne, cheat):
        await cheat.until(lambda: cheat.last("vote").get("status") == "none")
        await cheat.refused(vote("results"), "vote_closed")
        # Only the facilitator runs the vote.
        for command in ({"type": "vote.start"}, {"type": "vote.end"}):
            await cheat.refused(command, "not_allowed")
        await cheat.refused({"type": "vote.results", "visible": True}, "not_allowed")
        # The facilitator cannot vote: dots are the participants'.
        await lead.refused(vote("results"), "not_allowed")

        # Started without a budget: the kind's three dots, one per section.
        await lead.command({"type": "vote.start"})
        await cheat.until(lambda: cheat.last("vote").get("status") == "open")
        assert (cheat.last("vote")["budget"], cheat.last("vote")["per_note"]) == (3, 1)
        assert cheat.last("vote")["left"] == 3

        await cheat.command(vote("results"))
        await cheat.refused(vote("results"), "vote_per_note")
        await cheat.refused(vote("no-such-section"), "invalid")
        await cheat.refused(vote("purpose"), "invalid")  # the preamble is no theme
        await cheat.refused({"type": "vote", "note": "chain", "delta": 1}, "invalid")
        await cheat.refused(vote("chain", 2), "invalid")
        await cheat.refused(vote("chain", -1), "invalid")  # nothing to take back
        await cheat.command(vote("chain"))
        await cheat.command(vote("wellbeing"))
        await cheat.refused(vote("goals"), "vote_budget")
        await cheat.until(lambda: cheat.last("vote")["left"] == 0)
        assert cheat.last("vote")["mine"] == {"results": 1, "chain": 1, "wellbeing": 1}
        # Taking one back frees a dot for another section.
        await cheat.command(vote("wellbeing", -1))
        await cheat.command(vote("goals"))
        await anne.command(vote("goals"))
        await anne.command(vote("chain"))

        # Hidden until the facilitator shows them: no one's view holds another's dots.
        await anne.until(lambda: anne.last("vote").get("dots") == 5)
        for client in (lead, anne, cheat):
            assert client.last("vote")["results"] is None
        assert anne.last("vote")["mine"] == {"goals": 1, "chain": 1}
        assert lead.last("vote")["mine"] == {}

        await lead.command({"type": "vote.end"})
        await cheat.until(lambda: cheat.last("vote").get("status") == "closed")
        await cheat.refused(vote("own-unit"), "vote_closed")
        await cheat.refused(vote("goals", -1), "vote_closed")
        await lead.refused({"type": "vote.end"}, "vote_closed")
        await lead.command({"type": "vote.results", "visible": True})
        await anne.until(lambda: anne.last("vote").get("results") is not None)
        expected = {"chain": 2, "goals": 2, "results": 1}
        assert anne.last("vote")["results"]["notes"] == expected

    # The dots are stored: after a restart a newcomer sees the same results.
    live_server.stop(signal.SIGTERM)
    live_server.start()
    async with board.client("Anne") as later:
        await later.until(lambda: later.last("vote").get("status") == "closed")
        assert later.last("vote")["results"]["notes"] == expected
        assert later.last("vote")["mine"] == {"goals": 1, "chain": 1}


async def test_the_session_phase_holds_the_section_vote(live_server: LiveServer) -> None:
    board = live_board(live_server, "LUS-guide", "lus-guide", "Anne")
    async with board.clients(LEAD, "Anne") as (lead, anne):
        await lead.command({"type": "vote.start", "budget": 2, "per_note": 2})
        await anne.until(lambda: anne.last("vote").get("status") == "open")
        # The vote phase lets participants vote (and nothing else of the board).
        await lead.command({"type": "phase.set", "phase": "vote"})
        await anne.until(lambda: anne.last("session").get("phase") == "vote")
        await anne.command(vote("chain"))
        await anne.command(vote("chain"))
        await anne.until(lambda: anne.last("vote").get("mine") == {"chain": 2})
        await anne.refused({"type": "proposal.create", "section": "chain"}, "read_only_phase")
        # Discussing, or a locked board: no dots.
        await lead.command({"type": "phase.set", "phase": "discuss"})
        await anne.until(lambda: anne.last("session").get("phase") == "discuss")
        await anne.refused(vote("chain", -1), "read_only_phase")
        await lead.command({"type": "phase.set", "phase": "write"})
        await lead.command({"type": "lock.set", "locked": True})
        await anne.until(lambda: anne.last("session").get("locked") is True)
        await anne.refused(vote("chain", -1), "read_only_locked")
        assert anne.last("vote")["mine"] == {"chain": 2}
        # A facilitator's start that makes no sense: a zone (a charter has none), a budget.
        await lead.refused({"type": "vote.start", "zone": "value"}, "invalid")
        await lead.refused({"type": "vote.start", "budget": 21}, "invalid")
        await lead.refused({"type": "vote.start", "budget": 2, "per_note": 3}, "invalid")


async def test_a_charter_whose_kind_declares_no_section_vote_takes_no_vote(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Ledelsesgrundlag", "charter", "Anne")
    async with board.clients(LEAD, "Anne") as (lead, anne):
        await lead.refused({"type": "vote.start", "budget": 3}, "invalid")
        await anne.refused(vote("trust"), "invalid")
        await anne.until(lambda: anne.last("reactions") != {})
        assert anne.last("vote") == {}


async def test_the_charter_exports_rank_the_sections_once_the_results_are_shown(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "LUS-guide", "lus-guide", "Anne", "Bent")

    def markdown(who: str) -> str:
        response = httpx.get(
            f"{live_server.url}/b/{board.id}/export.md",
            headers={**board.headers(who), "accept-language": "en"},
        )
        assert response.status_code == 200
        return response.text

    async with board.clients(LEAD, "Anne", "Bent") as (lead, anne, bent):
        await lead.command({"type": "vote.start"})
        await anne.until(lambda: anne.last("vote").get("status") == "open")
        for phone, sections in ((anne, ("chain", "goals", "results")), (bent, ("goals",))):
            for section in sections:
                await phone.command(vote(section))
        await lead.until(lambda: lead.last("vote").get("dots") == 4)
        await lead.command({"type": "vote.end"})
        await anne.until(lambda: anne.last("vote").get("status") == "closed")
        titles = {key: section["title"] for key, section in anne.root("sections").items()}

        # Hidden results stay hidden in the exports too; the facilitator sees them.
        assert "Dot vote on the sections" not in markdown("Anne")
        ranked = markdown(LEAD).split("## Dot vote on the sections\n\n", 1)[1].split("\n\n")[0]
        assert ranked.splitlines() == [
            f"1. {titles['goals']} (2 dots)",
            # One dot each: the charter's order.
            f"2. {titles['results']} (1 dot)",
            f"3. {titles['chain']} (1 dot)",
        ]

        await lead.command({"type": "vote.results", "visible": True})
        await anne.until(lambda: anne.last("vote").get("results") is not None)
        assert "## Dot vote on the sections" in markdown("Anne")
        document = docx.Document(
            io.BytesIO(
                httpx.get(
                    f"{live_server.url}/b/{board.id}/export.docx",
                    headers={**board.headers("Anne"), "accept-language": "da"},
                ).content
            )
        )
        paragraphs = [paragraph.text for paragraph in document.paragraphs]
        start = paragraphs.index("Prikafstemning om afsnittene")
        assert paragraphs[start + 1 : start + 3] == [
            f"1. {titles['goals']} (2 prikker)",
            f"2. {titles['results']} (1 prik)",
        ]
