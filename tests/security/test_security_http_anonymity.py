"""Anonymity over HTTP on a real server: exports, versions and the timeline name no one."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
import pytest

from tests.support.items import put_note
from tests.support.live import LiveServer, bearer
from tests.support.liveboard import LEAD, live_board
from tests.support.wording import proposal
from tests.support.wsclient import RawClient

pytestmark = pytest.mark.anyio


async def set_anonymous(lead: RawClient, on: bool) -> None:
    await lead.command({"type": "anonymous.set", "anonymous": on})
    await lead.until(lambda: lead.last("session").get("anonymous") is on)


async def write_note(writer: RawClient, note_id: str, text: str) -> None:
    """Write a note and wait until the server has recorded who wrote it."""
    await writer.edit(put_note(note_id, text, color="blue"))
    await writer.until(
        lambda: any(note_id in m["items"] for m in writer.messages if m.get("type") == "own")
    )


def export(server: LiveServer, board: dict[str, str], fmt: str) -> httpx.Response:
    response = httpx.get(
        f"{server.url}/b/{board['id']}/export.{fmt}", headers=bearer(board["facilitator_token"])
    )
    response.raise_for_status()
    return response


async def test_an_anonymous_boards_export_cannot_be_lined_up_with_people(
    live_server: LiveServer,
) -> None:
    names = ["Anne", "Bent", "Carl"]
    board = live_board(live_server, "Anonym", "value-map", *names)
    async with board.client() as lead:
        await set_anonymous(lead, True)
        for name in names:
            async with board.client(name) as phone:
                await write_note(phone, f"note-{name}", f"Skrevet af {name}")
    listed = httpx.get(
        f"{live_server.url}/api/boards/{board.id}/people", headers=board.headers()
    ).json()["participants"]
    assert [p["name"] for p in listed] == names  # /people lists them as they joined

    first, second = (
        export(live_server, board.made, "json").json(),
        export(live_server, board.made, "json").json(),
    )
    for data in (first, second):
        refs = [entry["ref"] for entry in data["participants"]]
        assert all(entry["name"] is None for entry in data["participants"])
        assert len(refs) == len(names)
        # Not p1, p2, p3 in joining order: nothing to line up with /people.
        assert not set(refs) & {f"p{i}" for i in range(1, len(names) + 1)}
        assert {data["authors"][f"note-{name}"] for name in names} == set(refs)
    # Random each time: two exports do not even agree with each other.
    assert first["authors"]["note-Anne"] != second["authors"]["note-Anne"]

    # An import of it still works, and knows the three notes came from three people.
    imported = httpx.post(f"{live_server.url}/api/import", json=first)
    assert imported.status_code == 201
    again = export(live_server, imported.json(), "json").json()
    assert len({again["authors"][f"note-{name}"] for name in names}) == len(names)
    assert all(entry["name"] is None for entry in again["participants"])


async def test_turning_anonymity_off_names_no_one_for_what_was_written_while_it_was_on(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Anonym, så åben", "value-map", "Anne", "Bent")
    async with board.clients(LEAD, "Anne", "Bent") as (lead, a, b):
        await set_anonymous(lead, True)
        await write_note(a, "anne-hidden", "Skrevet anonymt")
        await lead.command({"type": "vote.start", "budget": 3, "per_note": 2, "zone": None})
        await a.until(lambda: a.last("vote").get("status") == "open")
        await a.command({"type": "vote", "note": "anne-hidden", "delta": 1})
        await lead.until(lambda: lead.last("vote").get("dots") == 1)
        await set_anonymous(lead, False)
        await write_note(b, "bent-open", "Skrevet med navn")

    rows = {
        row["text"]: row
        for row in csv.DictReader(
            io.StringIO(export(live_server, board.made, "csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    }
    assert rows["Skrevet anonymt"]["author"] == ""
    assert rows["Skrevet med navn"]["author"] == "Bent"
    for fmt in ("md", "docx", "png"):
        assert b"Anne" not in export(live_server, board.made, fmt).content, fmt
    data: dict[str, Any] = export(live_server, board.made, "json").json()
    by_ref = {entry["ref"]: entry["name"] for entry in data["participants"]}
    assert by_ref[data["authors"]["anne-hidden"]] is None
    assert by_ref[data["authors"]["bent-open"]] == "Bent"
    dots = [dot for vote in data["votes"] for dot in vote["dots"]]
    assert [by_ref[dot["participant"]] for dot in dots] == [None]
    assert "Anne" in by_ref.values()  # she is still a participant, just not of that note


async def test_a_proposal_made_while_anonymous_is_accepted_later_without_a_name(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Ledelsesgrundlag", "charter", "Anne")
    async with board.clients(LEAD, "Anne") as (lead, a):
        await set_anonymous(lead, True)
        await a.command(proposal("anne-proposal-1", "across", "Tydeligere"))
        await lead.until(lambda: "anne-proposal-1" in lead.root("proposals"))
        await set_anonymous(lead, False)
        await lead.command(
            {"type": "proposal.decide", "proposal": "anne-proposal-1", "decision": "accept"}
        )
        await lead.until(
            lambda: lead.root("proposals")["anne-proposal-1"].get("status") == "accepted"
        )
    lead_headers = board.headers()
    api = f"{live_server.url}/api/boards/{board.id}"
    versions = httpx.get(f"{api}/charter/versions", headers=lead_headers).json()
    amendments = [v for v in versions["sections"]["across"] if v["kind"] == "amendment"]
    assert [v["proposer"] for v in amendments] == [None]
    timeline = httpx.get(f"{api}/timeline", headers=lead_headers).json()["points"]
    assert [p["proposer"] for p in timeline if p["type"] == "amendment"] == [None]
    for fmt in ("md", "docx", "csv", "json"):
        assert b"Anne" not in export(live_server, board.made, fmt).content.replace(
            b'"name": "Anne"', b""
        ), fmt
