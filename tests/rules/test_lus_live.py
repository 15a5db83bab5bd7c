"""Issue 15: the LUS guide and its pilot, and a pre-jekt's actions, on a real server.

Raw clients play a modified phone (hand-made Yjs updates) against the guard; the pilot's
facilitator sends a note to the guide over HTTP; the exports count and list what they hold.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import docx
import httpx
import pytest
from pycrdt import Doc, Map

import boards
from server.afterwards.actions import stored_actions
from tests.support.items import Change, note, put, put_note, set_field
from tests.support.live import AS_JSON, LiveServer, bearer
from tests.support.liveboard import LEAD, LiveBoard, live_board
from tests.support.stores import opened_store
from tests.support.wsclient import raw_client

pytestmark = pytest.mark.anyio

EVENT = "LUS-seminar 2027"


def test_the_lus_kinds_load_and_seed_in_both_languages() -> None:
    guide, pilot = boards.get_kind("lus-guide"), boards.get_kind("lus-pilot")
    assert guide is not None
    assert pilot is not None
    assert (guide.engine.name, pilot.engine.name) == ("charter", "map")
    assert guide.section_vote == 3
    assert (pilot.anonymous, pilot.topics_from, pilot.amend_zone) == (True, "lus-guide", "reword")
    assert "personaledata" in guide.text("description", "da")
    assert "personnel data" in guide.text("description", "en")
    for locale, first, reword in (
        ("da", "Formål med LUS", "Skal omformuleres"),
        ("en", "The purpose of LUS", "To reword"),
    ):
        doc: Doc[Any] = Doc()
        doc.apply_update(guide.seed(locale))
        sections = doc.get("sections", type=Map)
        assert len(sections) == 11
        assert sections["purpose"]["title"] == first
        assert str(doc.get("wording", type=Map)["preparation"]).count("3\N{EN DASH}5") == 1
        doc = Doc()
        doc.apply_update(pilot.seed(locale))
        assert doc.get("zones", type=Map)["reword"]["title"] == reword
        assert pilot.topics(locale)[0] == ("purpose", first)
    pre_ject = boards.get_kind("pre-ject")
    assert pre_ject is not None
    assert pre_ject.actions
    assert not boards.get_kind("value-map").actions  # type: ignore[union-attr]


def topic_note(item_id: str, text: str, zone: str, topic: str) -> Change:
    """Return a change that adds a pilot's note naming the guide section it concerns."""
    return put("notes", item_id, {**note(text, zone), "topic": topic})


def action(what: str, status: str = "idea", **more: Any) -> dict[str, Any]:
    return {"what": what, "who": "Anne og Bo", "status": status, "updated": 1.0, **more}


async def test_only_the_facilitator_and_the_team_write_actions_and_a_note_names_its_own_topic(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Pre-jekt", "pre-ject", "Anne", "Mallory", event=EVENT)
    team = team_link(live_server, board)
    async with board.clients(LEAD, "Anne", "Mallory") as (lead, anne, cheat):
        await anne.edit(put_note("anne-note-1", "Fælles visitation", "idea"))
        await lead.until(lambda: "anne-note-1" in lead.root("notes"))
        # A participant makes a note an action, or changes one: undone, and told why.
        await cheat.undone(put("actions", "anne-note-1", action("Prøv det")), "reverted")
        await lead.edit(put("actions", "anne-note-1", action("Prøv visitationen af")))
        await cheat.until(lambda: "anne-note-1" in cheat.root("actions"))
        await cheat.undone(set_field("actions", "anne-note-1", "status", "stopped"), "reverted")
        await cheat.until(lambda: cheat.root("actions")["anne-note-1"]["status"] == "idea")
        # Naming a topic on someone else's note is undone; on one's own it stays.
        await cheat.undone(set_field("notes", "anne-note-1", "topic", "goals"), "reverted")
        await anne.edit(set_field("notes", "anne-note-1", "topic", "goals"))
        await lead.until(lambda: lead.root("notes")["anne-note-1"].get("topic") == "goals")

        # The team link, between events, moves the action on.
        async with raw_client(live_server.ws_url, board.id, team) as carried_on:
            assert carried_on.last("hello")["role"] == "team"
            await carried_on.edit(set_field("actions", "anne-note-1", "status", "tried"))
            await carried_on.edit(set_field("actions", "anne-note-1", "learning", "Det virker"))
            await anne.until(lambda: anne.root("actions")["anne-note-1"]["status"] == "tried")
        assert carried_on.notices() == []

    rows = actions_csv(live_server, board)
    assert rows[0] == ["what", "who", "due", "status", "learning", "note", "zone", "updated"]
    assert rows[1][:6] == [
        "Prøv visitationen af",
        "Anne og Bo",
        "",
        "Afprøvet",
        "Det virker",
        "Fælles visitation",
    ]
    word = httpx.get(
        f"{live_server.url}/b/{board.id}/export.actions.docx", headers=board.headers("Anne")
    )
    assert word.status_code == 200
    table = docx.Document(io.BytesIO(word.content)).tables[0]
    assert [cell.text for cell in table.rows[1].cells] == [
        "Prøv visitationen af",
        "Anne og Bo",
        "",
        "Afprøvet",
        "Det virker",
    ]
    # Another kind has no action list.
    other = live_server.create_board("Værdi", kind="value-map")
    refused = httpx.get(
        f"{live_server.url}/b/{other['id']}/export.actions.csv",
        headers=bearer(other["facilitator_token"]),
    )
    assert refused.status_code == 404


async def test_the_programme_page_reads_a_stored_boards_actions(live_server: LiveServer) -> None:
    board = live_board(live_server, "Pre-jekt", "pre-ject")
    async with board.client(LEAD) as lead:
        await lead.edit(put_note("lead-note-1", "Idé", "idea"))
        await lead.edit(
            put(
                "actions", "lead-note-1", action("Ring til jobcentret", "running", due="2027-05-01")
            )
        )
    live_server.stop()  # everything is in the store now
    async with opened_store(live_server.data_dir / "tavle.db") as stored:
        found = await stored_actions(stored, board.id)
    live_server.start()
    assert found == [
        {
            "note": "lead-note-1",
            "what": "Ring til jobcentret",
            "who": "Anne og Bo",
            "due": "2027-05-01",
            "status": "running",
            "learning": "",
            "updated": "1970-01-01T00:00:00+00:00",
            "note_text": "Idé",
            "zone": "Idéen",
        }
    ]


def team_link(server: LiveServer, board: LiveBoard) -> str:
    event_id = httpx.get(
        f"{server.url}/api/library", cookies={f"tavle_b_{board.id}": board.token()}
    ).json()["events"][0]["id"]
    made = httpx.post(f"{server.url}/api/events/{event_id}/team-link", headers=board.headers())
    assert made.status_code == 201
    return str(made.json()["team_url"].rsplit("/", 1)[1])


def actions_csv(server: LiveServer, board: LiveBoard) -> list[list[str]]:
    response = httpx.get(f"{server.url}/b/{board.id}/export.actions.csv", headers=board.headers())
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


async def test_a_pilot_note_becomes_one_amendment_of_its_events_guide(
    live_server: LiveServer,
) -> None:
    pilot = live_board(live_server, "LUS-pilot", "lus-pilot", "Anne", event=EVENT)
    guide = live_server.create_board(
        "LUS-samtaleguide", kind="lus-guide", event=EVENT, event_token=pilot.token()
    )
    elsewhere = live_server.create_board("Anden guide", kind="lus-guide", event="Andet")
    chain = live_server.create_board(
        "Ledelseskæden", kind="charter", event=EVENT, event_token=pilot.token()
    )
    # The pilot starts anonymous, as its kind says.
    async with pilot.client("Anne") as anne:
        await anne.until(lambda: anne.last("session").get("anonymous") is True)
        long_text = "Spørgsmålene om data kom for sent. " * 12
        await anne.edit(topic_note("anne-pilot-1", long_text, "reword", "preparation"))
        await anne.edit(put_note("anne-pilot-2", "Godt forløb", "worked"))
        await anne.until(lambda: len(anne.root("notes")) == 2)

    url = f"{live_server.url}/api/boards/{pilot.id}/notes/anne-pilot-1/propose"
    body = {
        "guide": guide["id"],
        "section": "preparation",
        "wording": "Ny ordlyd\n- Data i god tid",
    }
    assert httpx.post(url, json=body, headers=pilot.headers("Anne")).status_code == 403
    assert httpx.post(url, json=body, headers=AS_JSON).status_code == 403
    lead = pilot.headers()
    for bad in ({"guide": guide["id"]}, {**body, "section": 3}, [body], {**body, "wording": 7}):
        assert httpx.post(url, json=bad, headers=lead).status_code == 400, bad
    unknown = httpx.post(url, json={**body, "guide": "nope"}, headers=lead)
    assert unknown.status_code == 404
    assert httpx.post(url, json={**body, "guide": elsewhere["id"]}, headers=lead).status_code == 403
    assert httpx.post(url, json={**body, "guide": chain["id"]}, headers=lead).status_code == 400
    no_section = httpx.post(url, json={**body, "section": "nowhere"}, headers=lead)
    assert no_section.status_code == 400
    other_zone = f"{live_server.url}/api/boards/{pilot.id}/notes/anne-pilot-2/propose"
    assert httpx.post(other_zone, json=body, headers=lead).status_code == 409
    missing = f"{live_server.url}/api/boards/{pilot.id}/notes/nobody/propose"
    assert httpx.post(missing, json=body, headers=lead).status_code == 404

    made = httpx.post(url, json=body, headers=lead)
    assert made.status_code == 201, made.text
    again = httpx.post(url, json=body, headers=lead)
    assert again.status_code == 200
    assert again.json()["proposal"] == made.json()["proposal"]

    async with raw_client(live_server.ws_url, guide["id"], guide["facilitator_token"]) as reader:
        proposals = reader.root("proposals")
        assert len(proposals) == 1
        (proposal,) = proposals.values()
        assert (proposal["section"], proposal["status"]) == ("preparation", "open")
        assert len(proposal["reason"]) == 280
        assert proposal["reason"].endswith("…")
        assert proposal["reason"].startswith("Spørgsmålene om data kom for sent.")
        assert '"bullet_list"' in proposal["wording"]

    listed = httpx.get(f"{live_server.url}/api/boards/{pilot.id}/guides", headers=lead).json()
    assert [g["id"] for g in listed["guides"]] == [guide["id"]]
    assert listed["guides"][0]["sent"]["anne-pilot-1"]["status"] == "open"
    assert listed["guides"][0]["sections"][1]["id"] == "preparation"


async def test_a_pilots_exports_count_its_notes_per_guide_section_and_zone(
    live_server: LiveServer,
) -> None:
    pilot = live_board(live_server, "LUS-pilot", "lus-pilot", "Anne")
    async with pilot.client("Anne") as anne:
        await anne.edit(topic_note("n-1", "Data kom sent", "preparation", "preparation"))
        await anne.edit(topic_note("n-2", "Mangler tid", "frame", "preparation"))
        await anne.edit(topic_note("n-3", "Godt", "worked", "wellbeing"))
        await anne.edit(put_note("n-4", "Uden afsnit", "worked"))
        await anne.until(lambda: len(anne.root("notes")) == 4)
    headers = pilot.headers()
    markdown = httpx.get(f"{live_server.url}/b/{pilot.id}/export.md", headers=headers).text
    assert "## Feedback pr. afsnit i guiden" in markdown
    table = markdown.split("## Feedback pr. afsnit i guiden", 1)[1]
    assert "| Forløb og forberedelse | 0 | 1 | 1 | 2 |" in table
    assert "| Trivsel som leder | 1 | 0 | 0 | 1 |" in table
    assert "| Intet afsnit valgt | 1 | 0 | 0 | 1 |" in table
    assert "| I alt | 2 | 1 | 1 | 4 |" in table
    response = httpx.get(f"{live_server.url}/b/{pilot.id}/export.csv", headers=headers)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "topic"
    assert sorted(row[-1] for row in rows[1:]) == [
        "",
        "Forløb og forberedelse",
        "Forløb og forberedelse",
        "Trivsel som leder",
    ]
    word = httpx.get(f"{live_server.url}/b/{pilot.id}/export.docx", headers=headers)
    table_rows = docx.Document(io.BytesIO(word.content)).tables[0].rows
    assert [c.text for c in table_rows[-1].cells] == ["I alt", "2", "1", "1", "4"]
