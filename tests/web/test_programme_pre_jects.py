"""A programme's pre-jekter on a real server: each pre-jekt of each event with its actions'
status, as a team link moves them on between events (issue 15)."""

from __future__ import annotations

import asyncio
import html
from typing import Any

import httpx
import pytest
from pycrdt import Doc, Map

from server.web.programme_actions import board_actions
from tests.support.items import put, put_note, set_field
from tests.support.live import AS_JSON, LiveServer
from tests.support.liveboard import LEAD, live_board
from tests.support.wsclient import raw_client

pytestmark = pytest.mark.anyio

MARCH = "Storledermøde marts 2027"
MAY = "Temadag maj 2027"
DANISH = {"accept-language": "da"}


def action(what: str, status: str, **more: Any) -> dict[str, Any]:
    return {"what": what, "who": "Anne og Bo", "status": status, "updated": 1.0, **more}


def client(server: LiveServer, cookies: dict[str, str]) -> httpx.Client:
    return httpx.Client(
        base_url=server.url,
        cookies=cookies,
        headers={**AS_JSON, **DANISH, "origin": server.url},
        follow_redirects=True,
    )


def pre_jects(outline: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Return the programme's pre-jekt boards by id, each with its event's name."""
    return {
        board["id"]: {**board, "event": event["name"]}
        for event in outline["pre_jects"]
        for board in event["boards"]
    }


async def test_a_team_moves_an_action_on_and_the_programme_shows_it_at_once(
    live_server: LiveServer,
) -> None:
    board = live_board(
        live_server, "Fælles visitation", "pre-ject", "Anne", event=MARCH, event_date="2027-03-14"
    )
    # A charter in the same event: the programme's pre-jekter leave it out.
    charter = live_server.create_board(
        "Ledelsesgrundlag",
        kind="charter",
        event=MARCH,
        event_date="2027-03-14",
        event_token=board.token(),
    )
    facilitator = client(
        live_server,
        {
            f"tavle_b_{board.id}": board.token(),
            f"tavle_b_{charter['id']}": charter["facilitator_token"],
        },
    )
    [march] = [e["id"] for e in facilitator.get("/api/library").json()["events"]]
    team_url = facilitator.post(f"/api/events/{march}/team-link").json()["team_url"]
    team_secret = team_url.rsplit("/", 1)[1]

    async with board.client(LEAD) as lead:
        await lead.edit(put_note("lead-note-1", "Ring til jobcentret", "idea"))
        await lead.edit(put_note("lead-note-2", "Fælles kalender", "idea"))
        await lead.edit(
            put(
                "actions", "lead-note-1", action("Ring til jobcentret", "running", due="2027-05-01")
            )
        )
        await lead.edit(put("actions", "lead-note-2", action("Del kalenderen", "idea")))
        await lead.until(lambda: len(lead.root("actions")) == 2)
        # The pre-jekt goes on into May: its actions go with their notes.
        carried = await asyncio.to_thread(
            facilitator.post,
            f"/api/boards/{board.id}/carry",
            json={"event": {"name": MAY, "date": "2027-05-20"}},
        )
        assert carried.status_code == 201, carried.text
        made = carried.json()
        programme_api = f"/api/programmes/{made['programme_id']}"

        # Between the events, the team link of March moves an action on; the programme
        # says so while the board is still open (its room holds the edit first).
        async with raw_client(live_server.ws_url, board.id, team_secret) as team:
            assert team.last("hello")["role"] == "team"
            await team.edit(set_field("actions", "lead-note-1", "status", "tried"))
            await team.edit(set_field("actions", "lead-note-1", "learning", "Det virker"))
            await lead.until(
                lambda: lead.root("actions")["lead-note-1"].get("learning") == "Det virker"
            )
            outline = (await asyncio.to_thread(facilitator.get, programme_api)).json()
        assert team.notices() == []

    found = pre_jects(outline)
    assert [e["name"] for e in outline["pre_jects"]] == [MARCH, MAY]  # no charter in it
    assert set(found) == {board.id, made["id"]}
    first = found[board.id]
    assert first["event"] == MARCH
    assert [(a["what"], a["status"], a["status_title"]) for a in first["actions"]] == [
        ("Ring til jobcentret", "tried", "Afprøvet"),
        ("Del kalenderen", "idea", "Idé"),
    ]
    assert first["actions"][0]["learning"] == "Det virker"
    assert first["actions"][0]["due"] == "2027-05-01"
    assert first["actions"][0]["due_title"] == "1. maj 2027"
    assert first["actions"][0]["who"] == "Anne og Bo"
    assert first["summary"] == "1 idé · 1 afprøvet"
    assert first["counts"] == {"idea": 1, "tried": 1}
    assert first["exports"] == {
        "csv": f"/b/{board.id}/export.actions.csv",
        "docx": f"/b/{board.id}/export.actions.docx",
    }
    # May's round is as it was carried: the team changed March's board, not May's.
    second = found[made["id"]]
    assert (second["event"], second["round"]) == (MAY, 2)
    assert [a["status"] for a in second["actions"]] == ["running", "idea"]
    assert second["summary"] == "1 idé · 1 i gang"

    # The page says the same, readable without the client.
    page = facilitator.get(f"/programmes/{made['programme_id']}", headers={"accept": "text/html"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert '<h2 id="pre-jects-heading">Pre-jekter</h2>' in text
    assert f'data-pre-ject="{board.id}"' in text
    assert 'data-action-status="tried"' in text
    assert ">Afprøvet</span>" in text
    assert "Lært: Det virker" in text
    assert "senest 1. maj 2027" in text
    assert "1 idé · 1 afprøvet" in text
    assert f'href="/b/{board.id}/export.actions.docx"' in text
    # The library says which boards have an action list, for its export menu.
    library = facilitator.get("/api/library").json()["events"]
    has_actions = {b["id"]: b["actions"] for e in library for b in e["boards"]}
    assert has_actions == {board.id: True, charter["id"]: False, made["id"]: True}
    facilitator.close()

    # The team of March sees the programme with the new status; May's board is not its
    # to open, so no link goes to it or to its action list.
    with client(live_server, {}) as team_browser:
        assert team_browser.get(team_url).status_code == 200  # the link, opened
        seen = pre_jects(team_browser.get(programme_api).json())
        assert seen[board.id]["actions"][0]["status"] == "tried"
        assert seen[board.id]["url"] == f"/b/{board.id}"
        assert (seen[made["id"]]["url"], seen[made["id"]]["exports"]) == (None, None)
        csv = team_browser.get(seen[board.id]["exports"]["csv"])
        assert csv.status_code == 200
        assert "Afprøvet" in csv.content.decode("utf-8-sig")
        page = team_browser.get(
            f"/programmes/{made['programme_id']}", headers={"accept": "text/html"}
        ).text
        assert f'href="/b/{made["id"]}/export.actions.csv"' not in page
        assert "du har intet link til denne tavle" in page.casefold()

    # A participant, or no one, is refused the page and its JSON as for an unknown one.
    anne = {f"tavle_b_{board.id}": board.token("Anne")}
    for cookies in (anne, {}):
        with client(live_server, cookies) as other:
            for path in (programme_api, f"/programmes/{made['programme_id']}"):
                refused = other.get(path)
                assert refused.status_code == 404, (cookies, path)
                assert "Fælles visitation" not in refused.text
                assert "Ring til jobcentret" not in refused.text


async def test_a_programme_without_pre_jekter_has_no_such_section(
    live_server: LiveServer,
) -> None:
    charter = live_server.create_board("Ledelsesgrundlag", kind="charter", event=MARCH)
    with client(live_server, {f"tavle_b_{charter['id']}": charter["facilitator_token"]}) as lead:
        event = lead.get("/api/library").json()["events"][0]["id"]
        made = lead.post("/api/programmes", json={"name": "Forløb", "event_id": event}).json()
        assert lead.get(f"/api/programmes/{made['id']}").json()["pre_jects"] == []
        page = lead.get(made["url"], headers={"accept": "text/html"}).text
        assert "data-pre-jects" not in page


async def test_an_open_board_is_read_from_its_room_not_the_store() -> None:
    # In one process the store flushes its queue before a read, so the real server cannot
    # tell the two apart; with several processes only the owner's room has the newest edit.
    doc: Doc[Any] = Doc()
    doc.get("actions", type=Map)["note-1"] = Map(action("Ring til jobcentret", "scaled"))

    class Room:
        def __init__(self) -> None:
            self.doc = doc

    class Rooms:
        def loaded(self, board_id: str) -> Room | None:
            return Room() if board_id == "open-board" else None

    class Request:
        app = type("App", (), {"state": type("State", (), {"rooms": Rooms()})()})()

    found = await board_actions(Request(), "open-board")  # type: ignore[arg-type]
    assert [(a["what"], a["status"]) for a in found] == [("Ring til jobcentret", "scaled")]
