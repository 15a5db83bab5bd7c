"""Programmes and rounds on a real server: carrying a board into the next event, the
programme's JSON and page, comparing rounds, and every refusal (issue 15)."""

from __future__ import annotations

import asyncio
import io

import httpx
import pytest
from docx import Document

from tests.support.items import example, put_example, put_note
from tests.support.live import AS_JSON, LiveServer, bearer
from tests.support.liveboard import LEAD, live_board
from tests.support.wsclient import raw_client

pytestmark = pytest.mark.anyio

MARCH = "Storledermøde marts 2027"
MAY = "Temadag maj 2027"


def browser(server: LiveServer, *boards: dict[str, str]) -> httpx.Client:
    """A browser that holds these boards' facilitator links (as cookies)."""
    cookies = {f"tavle_b_{board['id']}": board["facilitator_token"] for board in boards}
    return httpx.Client(
        base_url=server.url, cookies=cookies, headers={**AS_JSON, "origin": server.url}
    )


async def test_a_charter_goes_on_in_a_new_event_with_its_wording_and_examples(
    live_server: LiveServer,
) -> None:
    board = live_board(
        live_server, "Ledelsesgrundlag", "charter", "Anne", event=MARCH, event_date="2027-03-14"
    )
    async with board.clients(LEAD, "Anne") as (lead, phone):
        await phone.edit(put_example("ex-anne-1", example("Vi deler kalender med skolen")))
        await lead.until(lambda: "ex-anne-1" in lead.root("examples"))
        await lead.command({"type": "section.state", "section": "across", "state": "agreed"})
        await lead.until(lambda: lead.root("sections")["across"]["state"] == "agreed")
        # Carried from the live room: the example is there before any compaction.
        with browser(live_server, board.made) as facilitator:
            carried = await asyncio.to_thread(
                facilitator.post,
                f"/api/boards/{board.id}/carry",
                json={"event": {"name": MAY, "date": "2027-05-20", "meeting_kind": "theme-day"}},
            )
            assert carried.status_code == 201, carried.text
            made = carried.json()
            # This browser now holds the new round's facilitator link, as on creation.
            assert facilitator.cookies[f"tavle_b_{made['id']}"] == made["facilitator_token"]
            assert made["previous_board_id"] == board.id
            assert made["event"] == MAY
            assert made["title"] == "Ledelsesgrundlag"

            exported = facilitator.get(f"/b/{made['id']}/export.json").json()
            document = exported["document"]
            assert document["examples"]["ex-anne-1"]["event"] == MARCH
            assert document["examples"]["ex-anne-1"]["text"] == "Vi deler kalender med skolen"
            assert {s["state"] for s in document["sections"].values()} == {"open"}
            assert exported["authors"] == {}  # carried items have no author
            markdown = facilitator.get(
                f"/b/{made['id']}/export.md", headers={"accept-language": "da"}
            ).text
            assert "Vi deler kalender med skolen" in markdown
            assert f"fra arrangementet {MARCH}" in markdown
            assert "Vores ledelsesgrundlag beskriver" in markdown  # the preamble's wording
            word = facilitator.get(
                f"/b/{made['id']}/export.docx", headers={"accept-language": "da"}
            )
            paragraphs = [p.text for p in Document(io.BytesIO(word.content)).paragraphs]
            assert any(f"fra arrangementet {MARCH}" in text for text in paragraphs)
            csv = facilitator.get(f"/b/{made['id']}/export.csv").text
            assert MARCH in csv  # the example row's event column

            programme = facilitator.get(
                made["programme_url"].replace("/programmes/", "/api/programmes/")
            )
            assert programme.status_code == 200
            outline = programme.json()
            assert outline["name"] == MARCH  # named after the first event, as none was given
            assert [e["name"] for e in outline["events"]] == [MARCH, MAY]
            assert [e["meeting_kind"] for e in outline["events"]] == [None, "theme-day"]
            assert outline["events"][1]["meeting_kind_title"] == "Temadag"
            rounds = [
                (b["id"], b["round"], b["chain"]) for e in outline["events"] for b in e["boards"]
            ]
            assert rounds == [(board.id, 1, board.id), (made["id"], 2, board.id)]
            assert all(b["reachable"] for e in outline["events"] for b in e["boards"])

            page = facilitator.get(made["programme_url"], headers={"accept": "text/html"})
            assert page.status_code == 200
            assert MARCH in page.text

            library = facilitator.get("/api/library").json()
            events = {e["name"]: e for e in library["events"]}
            assert events[MAY]["programme"]["id"] == outline["id"]
            assert events[MAY]["meeting_kind"] == "theme-day"
            new_row = events[MAY]["boards"][0]
            assert new_row["previous_board_id"] == board.id
            assert new_row["engine"] == "charter"

            history = facilitator.get(f"/b/{made['id']}/history", headers={"accept": "text/html"})
            assert f'href="/b/{board.id}/history" data-earlier-round' in history.text
            earlier = facilitator.get(f"/b/{board.id}/history", headers={"accept": "text/html"})
            assert f'href="/b/{made["id"]}/history" data-later-round' in earlier.text

        # The rounds compare as two points of one board: the new round's example shows.
        async with raw_client(
            live_server.ws_url, made["id"], made["facilitator_token"]
        ) as next_lead:
            await next_lead.edit(put_example("ex-may-1", example("Ny fra maj")))
            await next_lead.until(lambda: "ex-may-1" in next_lead.root("examples"))
        with browser(live_server, board.made, made) as facilitator:
            diff = facilitator.get(
                f"/api/boards/{board.id}/compare",
                params={"from": "live", "to": f"round:{made['id']}"},
            )
            assert diff.status_code == 200, diff.text
            result = diff.json()
            assert [e["text"] for e in result["examples_added"]] == ["Ny fra maj"]
            assert result["examples_removed"] == []
    # A participant of the first round is no one on the programme.
    with httpx.Client(
        base_url=live_server.url,
        cookies={f"tavle_b_{board.id}": board.token("Anne")},
        headers=AS_JSON,
    ) as participant:
        hidden = participant.get(f"/api/programmes/{outline['id']}")
        assert hidden.status_code == 404
        assert hidden.json()["error"]["code"] == "programme_unknown"


async def test_a_map_goes_on_with_its_top_voted_notes_into_an_event_of_the_programme(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Værdi for borgerne", "value-map", "Anne", event=MARCH)
    later = live_server.create_board("Opfølgning", kind="notes", event=MAY)
    async with board.clients(LEAD, "Anne") as (lead, phone):
        for number, text in enumerate(("Flest", "Næst", "Ingen")):
            await phone.edit(put_note(f"anne-000{number}", text))
        await lead.until(lambda: len(lead.root("notes")) == 3)
        await lead.command({"type": "vote.start", "budget": 3, "per_note": 2, "zone": None})
        await phone.until(lambda: phone.last("vote").get("status") == "open")
        for note_id in ("anne-0000", "anne-0000", "anne-0001"):
            await phone.command({"type": "vote", "note": note_id, "delta": 1})
        await lead.until(lambda: lead.last("vote").get("dots") == 3)
        with browser(live_server, board.made, later) as facilitator:
            events = facilitator.get("/api/library").json()["events"]
            may = next(e for e in events if e["name"] == MAY)
            # Half a vote is no result: while it is open, the top-voted notes are refused.
            early = await asyncio.to_thread(
                facilitator.post,
                f"/api/boards/{board.id}/carry",
                json={"event_id": may["id"], "notes": "top", "top": 1},
                headers={"accept-language": "da"},
            )
            assert early.status_code == 409
            assert early.json()["error"]["code"] == "carry_vote_open"
            assert "stadig åben" in early.json()["error"]["message"]
        await lead.command({"type": "vote.end"})
        await phone.until(lambda: phone.last("vote").get("status") == "closed")
    with browser(live_server, board.made, later) as facilitator:
        carried = facilitator.post(
            f"/api/boards/{board.id}/carry",
            json={"event_id": may["id"], "notes": "top", "top": 1, "programme": "Værdi 2027"},
        )
        assert carried.status_code == 201, carried.text
        made = carried.json()
        assert made["event_id"] == may["id"]
        document = facilitator.get(f"/b/{made['id']}/export.json").json()["document"]
        assert [n["text"] for n in document["notes"].values()] == ["Flest"]
        outline = facilitator.get(f"/api/programmes/{made['programme_id']}").json()
        assert outline["name"] == "Værdi 2027"
        assert [len(e["boards"]) for e in outline["events"]] == [1, 2]

        # The events' facilitator sets a kind of meeting; a wrong one is refused clearly.
        set_kind = facilitator.patch(
            f"/api/events/{may['id']}", json={"meeting_kind": "leader-network"}
        )
        assert set_kind.status_code == 200
        assert set_kind.json()["meeting_kind"] == "leader-network"
        wrong = facilitator.patch(f"/api/events/{may['id']}", json={"meeting_kind": "party"})
        assert (wrong.status_code, wrong.json()["error"]["code"]) == (400, "meeting_kind_unknown")
        renamed = facilitator.patch(
            f"/api/programmes/{made['programme_id']}", json={"name": "Værdi for borgerne 2027"}
        )
        assert renamed.status_code == 200
    stranger = httpx.patch(
        f"{live_server.url}/api/events/{may['id']}", json={"meeting_kind": None}, headers=AS_JSON
    )
    assert stranger.status_code == 403


async def test_carrying_is_refused_clearly_for_wrong_tokens_and_bodies(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Værdi", "value-map", "Anne", event=MARCH)
    loose = live_server.create_board("Uden arrangement", kind="notes")
    other = live_server.create_board("Andet", kind="notes", event="Andet arrangement")
    url = f"{live_server.url}/api/boards/{board.id}/carry"
    good = {"event": {"name": MAY}}

    def post(target: str, body: object, headers: dict[str, str]) -> tuple[int, str]:
        answer = httpx.post(target, json=body, headers=headers)
        return answer.status_code, answer.json()["error"]["code"]

    assert post(url, good, AS_JSON) == (403, "facilitator_only")
    assert post(url, good, board.headers("Anne")) == (403, "facilitator_only")
    assert post(url, good, bearer(other["facilitator_token"])) == (403, "facilitator_only")
    unknown = f"{live_server.url}/api/boards/no-such-board/carry"
    assert post(unknown, good, board.headers()) == (404, "board_unknown")

    lead = board.headers()
    not_json = httpx.post(url, content=b"{not json", headers=lead)
    assert (not_json.status_code, not_json.json()["error"]["code"]) == (400, "json_expected")
    for body, code in (
        ([], "json_expected"),
        ({}, "carry_target"),
        ({"event_id": "x", "event": {"name": MAY}}, "carry_target"),
        ({"event": "Temadag"}, "carry_target"),
        ({"event": {"name": "  "}}, "event_name_missing"),
        ({"event": {"name": MAY, "date": "20-05-2027"}}, "event_date_invalid"),
        ({"event": {"name": MAY, "meeting_kind": "fest"}}, "meeting_kind_unknown"),
        ({**good, "notes": "some"}, "carry_notes"),
        ({**good, "notes": "top"}, "carry_notes"),
        ({**good, "notes": "top", "top": 0}, "carry_notes"),
        ({**good, "notes": "top", "top": True}, "carry_notes"),
        ({**good, "notes": "top", "top": 3}, "carry_no_votes"),
        ({**good, "title": 7}, "json_expected"),
        ({**good, "title": "x" * 121}, "title_too_long"),
    ):
        assert post(url, body, lead) == (400, code), body
    assert post(url, {"event_id": "no-such-event"}, lead) == (404, "event_unknown")
    # Another's event is not this facilitator's to put a board in.
    with browser(live_server, other) as others:
        other_event = others.get("/api/library").json()["events"][0]["id"]
    assert post(url, {"event_id": other_event}, lead) == (403, "facilitator_only")
    with browser(live_server, board.made) as facilitator:
        own_event = facilitator.get("/api/library").json()["events"][0]["id"]
    assert post(url, {"event_id": own_event}, lead) == (400, "carry_same_event")
    loose_url = f"{live_server.url}/api/boards/{loose['id']}/carry"
    assert post(loose_url, good, bearer(loose["facilitator_token"])) == (400, "carry_needs_event")
    # Nothing was made by any refusal: no programme, no event.
    with browser(live_server, board.made) as facilitator:
        events = facilitator.get("/api/library").json()["events"]
        assert [(e["name"], e["programme"]) for e in events] == [(MARCH, None)]

    # Comparing with a board that is no round of this one, or that one cannot open.
    compare = f"{live_server.url}/api/boards/{board.id}/compare"
    for to in (f"round:{other['id']}", "round:no-such-board"):
        answer = httpx.get(compare, params={"from": "live", "to": to}, headers=lead)
        assert (answer.status_code, answer.json()["error"]["code"]) == (404, "round_unknown")
