"""Afterwards, on a real server: the library, team and read-only links, timeline, compare,
deletion and retention."""

from __future__ import annotations

import asyncio
import sqlite3

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from server.store import BOARD_TABLES
from tests.support.items import example, put_example, put_note, set_field
from tests.support.live import AS_JSON, LiveServer, bearer
from tests.support.liveboard import LEAD, live_board
from tests.support.wsclient import raw_client

pytestmark = pytest.mark.anyio

EVENT = "Storledermøde marts 2027"


def cookie_client(server: LiveServer, **cookies: str) -> httpx.Client:
    return httpx.Client(base_url=server.url, cookies=cookies, headers=AS_JSON)


async def test_the_library_lists_searches_and_archives_an_events_boards(
    live_server: LiveServer,
) -> None:
    first = live_server.create_board(
        "Værdi for borgerne", kind="value-map", event=EVENT, event_date="2027-03-14"
    )
    second = live_server.create_board(
        "Ledelsesgrundlag",
        kind="charter",
        event=EVENT,
        event_date="2027-03-14",
        event_token=first["facilitator_token"],  # joins the first one's event
    )
    other = live_server.create_board("Andet møde", kind="notes", event="Ledernetværk")
    anne = live_server.join(first["join_code"], "Anne")
    async with raw_client(live_server.ws_url, first["id"], anne["token"]) as phone:
        await phone.edit(put_note("anne-0001", "Sundhedsplejerske på hjemmebesøg"))
        await phone.until(lambda: "anne-0001" in phone.root("notes"))
    live_server.stop()  # the room is saved and compacted: its text becomes searchable
    live_server.start()

    with cookie_client(
        live_server, **{f"tavle_b_{first['id']}": first["facilitator_token"]}
    ) as lead:
        library = lead.get("/api/library").json()
        assert [e["name"] for e in library["events"]] == [EVENT]
        titles = [b["title"] for b in library["events"][0]["boards"]]
        assert titles == ["Værdi for borgerne", "Ledelsesgrundlag"]
        board = library["events"][0]["boards"][0]
        assert board["counts"]["notes"] == 1
        assert board["role"] == "facilitator"
        assert board["kind_title"] == "Værdi for borgerne"
        assert board["formats"] == ["md", "csv", "docx", "png", "json"]
        charter_row = library["events"][0]["boards"][1]
        assert "png" not in charter_row["formats"]
        assert other["id"] not in str(library)

        found = lead.get("/api/library", params={"q": "sundhedsplejerske"}).json()
        hits = [b for e in found["events"] for b in e["boards"]]
        assert [b["id"] for b in hits] == [first["id"]]
        assert "[Sundhedsplejerske]" in hits[0]["snippet"]
        charter = lead.get("/api/library", params={"q": "ledelsesgrundlag beskriver"}).json()
        assert [b["id"] for e in charter["events"] for b in e["boards"]] == [second["id"]]
        assert lead.get("/api/library", params={"q": '"; DROP TABLE boards; --'}).status_code == 200

        assert (
            lead.post(f"/api/boards/{second['id']}/archive", json={"archived": True}).status_code
            == 200
        )
        again = lead.get("/api/library").json()
        archived = {b["id"]: b["archived"] for e in again["events"] for b in e["boards"]}
        assert archived == {first["id"]: False, second["id"]: True}

    # A browser that holds no link sees nothing; a participant cannot archive.
    with cookie_client(live_server) as stranger:
        assert stranger.get("/api/library").json()["events"] == []
    with cookie_client(live_server, **{f"tavle_b_{first['id']}": anne["token"]}) as participant:
        assert participant.get("/api/library").json()["events"] == []
        refused = participant.post(f"/api/boards/{first['id']}/archive", json={"archived": True})
        assert refused.status_code == 403


async def test_a_team_link_reopens_the_events_boards_without_moderation(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Værdi for borgerne", kind="value-map", event=EVENT)
    anne = live_server.join(board["join_code"], "Anne")
    made = httpx.post(
        f"{live_server.url}/api/events/{board_event(live_server, board)}/team-link",
        headers=bearer(board["facilitator_token"]),
    )
    assert made.status_code == 201
    team_url = made.json()["team_url"]
    secret = team_url.rsplit("/", 1)[1]
    assert secret.startswith("t1_")
    opened = httpx.get(team_url, follow_redirects=False)
    assert opened.status_code == 303
    assert opened.headers["location"] == "/library"
    with httpx.Client(base_url=live_server.url, cookies=opened.cookies, headers=AS_JSON) as team:
        library = team.get("/api/library").json()
        assert library["events"][0]["boards"][0]["role"] == "team"
        page = team.get(f"/b/{board['id']}")
        assert page.status_code == 200
        assert secret in page.text  # the page's websocket token: the team link

    ws = live_server.ws_url
    async with (
        raw_client(ws, board["id"], anne["token"]) as phone,
        raw_client(ws, board["id"], secret) as team_client,
    ):
        assert team_client.last("hello")["role"] == "team"
        await phone.edit(put_note("anne-0001", "Før"))
        await team_client.until(lambda: "anne-0001" in team_client.root("notes"))
        # The team carries the work on: it edits anyone's notes and takes snapshots...
        await team_client.edit(set_field("notes", "anne-0001", "text", "Videre"))
        await phone.until(lambda: phone.root("notes")["anne-0001"]["text"] == "Videre")
        await team_client.command({"type": "snapshot.take", "label": "Teammøde"})
        await team_client.until(lambda: len(team_client.last("snapshots").get("items", [])) == 1)
        # ...but has none of the facilitator's moderation or session powers.
        for command in (
            {"type": "moderate.hide", "root": "notes", "id": "anne-0001"},
            {"type": "phase.set", "phase": "discuss"},
            {"type": "participant.remove", "participant": anne["participant_id"]},
        ):
            await team_client.command(command)
        await team_client.until(lambda: team_client.notices().count("not_allowed") == 3)
        assert "anne-0001" in phone.root("notes")
    other = live_server.create_board("Andet", kind="notes", event="Andet event")
    async with connect(f"{ws}/{other['id']}?token={secret}") as foreign:
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(foreign.recv(), 10)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4401


def board_event(server: LiveServer, board: dict[str, str]) -> str:
    database = sqlite3.connect(server.data_dir / "tavle.db")
    try:
        (event_id,) = database.execute(
            "SELECT event_id FROM boards WHERE id = ?", [board["id"]]
        ).fetchone()
    finally:
        database.close()
    return str(event_id)


async def test_a_read_only_link_shows_the_board_and_refuses_every_edit(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Ledelsesgrundlag", kind="charter")
    made = httpx.post(
        f"{live_server.url}/api/boards/{board['id']}/read-only-link",
        headers=bearer(board["facilitator_token"]),
    )
    assert made.status_code == 201
    secret = made.json()["read_only_url"].split("?key=")[1]
    assert secret.startswith("r1_")
    ws = live_server.ws_url
    async with (
        raw_client(ws, board["id"], board["facilitator_token"]) as lead,
        raw_client(ws, board["id"], secret) as viewer,
    ):
        assert viewer.last("hello")["role"] == "viewer"
        await viewer.undone(put_example("ex-viewer-1", example("Kigger bare")), "read_only_viewer")
        like = {"type": "example.like", "example": "x", "like": True}
        await viewer.refused(like, "read_only_viewer")
        assert viewer.notices().count("read_only_viewer") == 2
        await lead.edit(set_field("sections", "across", "title", "Nyt navn"))
        await viewer.until(lambda: viewer.root("sections")["across"]["title"] == "Nyt navn")
        # Never applied: the room, and everyone in it, never had it (only the viewer's own
        # copy does, which the server does not write to).
        assert "ex-viewer-1" not in lead.root("examples")
    async with raw_client(ws, board["id"], board["facilitator_token"]) as later:
        assert "ex-viewer-1" not in later.root("examples")
    opened = httpx.get(f"{live_server.url}/b/{board['id']}?key={secret}", follow_redirects=False)
    assert opened.status_code == 303  # the secret moves from the address into a cookie
    page = httpx.get(f"{live_server.url}/b/{board['id']}", cookies=opened.cookies)
    assert page.status_code == 200
    assert '"role":"viewer"' in page.text.replace(" ", "")
    # The page gives a viewer no way in as a participant: no join code anywhere.
    assert board["join_code"] not in page.text


async def test_timeline_and_compare_show_moved_new_and_voted_notes(live_server: LiveServer) -> None:
    board = live_board(live_server, "Værdi for borgerne", "value-map", "Anne")
    async with board.clients(LEAD, "Anne") as (lead, phone):
        await phone.edit(put_note("anne-0001", "Flyttes"))
        await phone.edit(put_note("anne-0002", "Bliver"))
        await lead.until(lambda: len(lead.root("notes")) == 2)
        await lead.command({"type": "snapshot.take", "label": "Første"})
        await lead.until(lambda: len(lead.last("snapshots").get("items", [])) == 1)
        await lead.edit(set_field("notes", "anne-0001", "zone", "courage"))
        await phone.edit(put_note("anne-0003", "Ny"))
        await lead.command({"type": "vote.start", "budget": 2, "per_note": 2, "zone": None})
        await phone.until(lambda: phone.last("vote").get("status") == "open")
        await phone.command({"type": "vote", "note": "anne-0002", "delta": 1})
        await lead.until(
            lambda: lead.last("vote").get("dots") == 1 and len(lead.root("notes")) == 3
        )
        await lead.command({"type": "snapshot.take", "label": "Anden"})
        await lead.until(lambda: len(lead.last("snapshots").get("items", [])) >= 2)
    base = f"{live_server.url}/api/boards/{board.id}"
    lead_auth = board.headers()
    points = httpx.get(f"{base}/timeline", headers=lead_auth).json()["points"]
    labels = [p["label"] for p in points if p["type"] == "snapshot"]
    assert labels[0] == "Første"
    assert "Anden" in labels
    first, second = points[0]["point"], next(p["point"] for p in points if p["label"] == "Anden")
    diff = httpx.get(
        f"{base}/compare", params={"from": first, "to": second}, headers=lead_auth
    ).json()
    assert [n["text"] for n in diff["added"]] == ["Ny"]
    assert [(n["text"], n["from"], n["to"]) for n in diff["moved"]] == [
        ("Flyttes", "Det, der skaber værdi", "Nye idéer og mod")
    ]
    assert [(n["text"], n["before"], n["after"]) for n in diff["votes"]] == [("Bliver", 0, 1)]
    assert diff["removed"] == []
    live = httpx.get(f"{base}/compare", params={"from": first}, headers=lead_auth).json()
    assert [n["text"] for n in live["added"]] == ["Ny"]
    assert httpx.get(f"{base}/timeline", headers=board.headers("Anne")).status_code == 403
    bad = httpx.get(f"{base}/compare", params={"from": "snapshot:999"}, headers=lead_auth)
    assert bad.status_code == 404


async def test_deleting_a_board_leaves_no_row_and_tells_phones_to_drop_it(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Slettes", kind="charter", event=EVENT)
    keep = live_server.create_board("Bliver", kind="value-map", event="Andet")
    anne = live_server.join(board["join_code"], "Anne")
    base = live_server.url
    lead = bearer(board["facilitator_token"])
    httpx.post(f"{base}/api/boards/{board['id']}/read-only-link", headers=lead)
    httpx.post(f"{base}/api/boards/{board['id']}/cofacilitators", headers=lead)
    ws = live_server.ws_url
    async with (
        raw_client(ws, board["id"], board["facilitator_token"]) as facilitator,
        raw_client(ws, board["id"], anne["token"]) as phone,
    ):
        personal = example("Personlig")
        await phone.edit(put_example("ex-anne-01", personal))
        await phone.command({"type": "example.like", "example": "ex-anne-01", "like": True})
        await facilitator.command({"type": "section.state", "section": "across", "state": "agreed"})
        await facilitator.command({"type": "snapshot.take", "label": "Før sletning"})
        await facilitator.command({"type": "moderate.hide", "root": "examples", "id": "ex-anne-01"})
        await facilitator.until(lambda: len(facilitator.last("moderation").get("items", [])) == 1)
        await phone.command({"type": "private.put", "id": "anne-priv-1", "fields": personal})
        await facilitator.command({"type": "phase.set", "phase": "private"})
        await phone.until(lambda: phone.last("session").get("phase") == "private")
        await phone.command({"type": "private.put", "id": "anne-priv-2", "fields": personal})
        await phone.until(lambda: len(phone.last("private").get("items", {})) == 1)
        deleted = httpx.delete(f"{base}/api/boards/{board['id']}", headers=bearer(anne["token"]))
        assert deleted.status_code == 403
        deleted = httpx.delete(f"{base}/api/boards/{board['id']}", headers=lead)
        assert deleted.status_code == 204
        await asyncio.wait_for(phone.websocket.wait_closed(), 10)
        assert phone.websocket.close_code == 4410
    database = sqlite3.connect(live_server.data_dir / "tavle.db")
    try:
        for table in (*BOARD_TABLES, "boards"):
            column = "id" if table == "boards" else "board_id"
            (count,) = database.execute(
                f"SELECT count(*) FROM [{table}] WHERE {column} = ?", [board["id"]]
            ).fetchone()
            assert count == 0, table
        (fts,) = database.execute(
            "SELECT count(*) FROM board_search_fts WHERE board_search_fts MATCH 'Slettes'"
        ).fetchone()
        assert fts == 0
        (kept,) = database.execute(
            "SELECT count(*) FROM boards WHERE id = ?", [keep["id"]]
        ).fetchone()
        assert kept == 1
    finally:
        database.close()
    for token in (board["facilitator_token"], anne["token"]):
        gone = httpx.get(f"{base}/b/{board['id']}/export.md", headers=bearer(token))
        assert gone.status_code == 404
        assert gone.json()["error"]["code"] == "board_unknown"
    page = httpx.get(f"{base}/b/{board['id']}?key={board['facilitator_token']}", headers=AS_JSON)
    assert page.status_code == 404
    async with connect(f"{ws}/{board['id']}?token={anne['token']}") as late:
        with pytest.raises(ConnectionClosed) as refused:
            await asyncio.wait_for(late.recv(), 10)
        assert refused.value.rcvd is not None
        assert refused.value.rcvd.code == 4404


async def test_deleting_an_event_removes_every_board_of_it(live_server: LiveServer) -> None:
    one = live_server.create_board("Et", kind="value-map", event=EVENT)
    two = live_server.create_board(
        "To", kind="charter", event=EVENT, event_token=one["facilitator_token"]
    )
    event_id = board_event(live_server, one)
    team = httpx.post(
        f"{live_server.url}/api/events/{event_id}/team-link",
        headers=bearer(one["facilitator_token"]),
    )
    assert team.status_code == 201
    refused = httpx.delete(f"{live_server.url}/api/events/{event_id}", headers=AS_JSON)
    assert refused.status_code == 403
    with cookie_client(live_server, **{f"tavle_b_{one['id']}": one["facilitator_token"]}) as lead:
        assert lead.delete(f"/api/events/{event_id}").status_code == 204
    database = sqlite3.connect(live_server.data_dir / "tavle.db")
    try:
        for table, column, value in (
            ("boards", "event_id", event_id),
            ("events", "id", event_id),
            ("event_keys", "event_id", event_id),
            ("boards", "id", two["id"]),
        ):
            (count,) = database.execute(
                f"SELECT count(*) FROM [{table}] WHERE {column} = ?", [value]
            ).fetchone()
            assert count == 0, table
    finally:
        database.close()
    gone = httpx.get(team.json()["team_url"], follow_redirects=False, headers=AS_JSON)
    assert gone.status_code == 404


@pytest.mark.parametrize("live_server", [{"TAVLE_RETENTION_DAYS": "30"}], indirect=True)
async def test_retention_warns_and_then_deletes_untouched_events(live_server: LiveServer) -> None:
    old = live_server.create_board("Gammel", kind="value-map", event="Forår 2026")
    soon = live_server.create_board("Snart", kind="value-map", event="Sommer 2026")
    fresh = live_server.create_board("Ny", kind="value-map", event=EVENT)
    live_server.stop()
    database = sqlite3.connect(live_server.data_dir / "tavle.db")
    database.execute(
        "UPDATE boards SET updated = '2020-01-01T00:00:00+00:00' WHERE id = ?", [old["id"]]
    )
    database.execute(
        "UPDATE boards SET updated = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-25 days')"
        " WHERE id = ?",
        [soon["id"]],
    )
    database.commit()
    database.close()
    live_server.start()  # the retention check runs at start
    cookies = {f"tavle_b_{b['id']}": b["facilitator_token"] for b in (old, soon, fresh)}
    with cookie_client(live_server, **cookies) as lead:
        async with asyncio.timeout(10):
            while lead.get(f"/b/{old['id']}/export.md").status_code != 404:
                await asyncio.sleep(0.1)  # sleep-ok: the check runs in the server's background
        events = {e["name"]: e for e in lead.get("/api/library").json()["events"]}
    assert set(events) == {"Sommer 2026", EVENT}
    assert events["Sommer 2026"]["deletion_soon"] is True
    assert events[EVENT]["deletion_soon"] is False
    assert events[EVENT]["deletes_on"] is not None


async def test_an_event_is_joined_only_by_its_facilitators_not_by_its_name(
    live_server: LiveServer,
) -> None:
    ours = live_server.create_board("Vores", kind="value-map", event=EVENT, event_date="2027-03-14")
    # Someone else who may create boards names the same event...
    theirs = live_server.create_board(
        "Deres", kind="value-map", event=EVENT, event_date="2027-03-14"
    )
    ours_event, theirs_event = board_event(live_server, ours), board_event(live_server, theirs)
    assert ours_event != theirs_event
    # ...and reaches nothing of ours: not the library, nor a team link, nor deletion.
    with cookie_client(
        live_server, **{f"tavle_b_{theirs['id']}": theirs["facilitator_token"]}
    ) as them:
        listed = [b["id"] for e in them.get("/api/library").json()["events"] for b in e["boards"]]
        assert listed == [theirs["id"]]
        assert them.post(f"/api/events/{ours_event}/team-link").status_code == 403
        assert them.delete(f"/api/events/{ours_event}").status_code == 403
    forged = httpx.post(
        f"{live_server.url}/api/boards",
        json={
            "title": "Snyd",
            "event": EVENT,
            "event_date": "2027-03-14",
            "event_token": "f1_nope",
        },
    )
    assert board_event(live_server, forged.json()) != ours_event
    with cookie_client(live_server, **{f"tavle_b_{ours['id']}": ours["facilitator_token"]}) as us:
        listed = [b["id"] for e in us.get("/api/library").json()["events"] for b in e["boards"]]
        assert listed == [ours["id"]]


async def test_a_team_compares_without_seeing_hidden_vote_results(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Værdi for borgerne", "value-map", "Anne", event=EVENT)
    lead_auth = board.headers()
    async with board.clients(LEAD, "Anne") as (lead, phone):
        await phone.edit(put_note("anne-0001", "Idé"))
        await lead.until(lambda: "anne-0001" in lead.root("notes"))
        await lead.command({"type": "snapshot.take", "label": "Før"})
        await lead.command({"type": "vote.start", "budget": 2, "per_note": 2, "zone": None})
        await phone.until(lambda: phone.last("vote").get("status") == "open")
        await phone.command({"type": "vote", "note": "anne-0001", "delta": 1})
        await lead.until(lambda: lead.last("vote").get("dots") == 1)
    team = (
        httpx.post(
            f"{live_server.url}/api/events/{board_event(live_server, board.made)}/team-link",
            headers=lead_auth,
        )
        .json()["team_url"]
        .rsplit("/", 1)[1]
    )
    base = f"{live_server.url}/api/boards/{board.id}"
    first = httpx.get(f"{base}/timeline", headers=lead_auth).json()["points"][0]["point"]
    as_lead = httpx.get(f"{base}/compare", params={"from": first}, headers=lead_auth).json()
    assert [(n["text"], n["after"]) for n in as_lead["votes"]] == [("Idé", 1)]
    as_team = httpx.get(f"{base}/compare", params={"from": first}, headers=bearer(team)).json()
    assert as_team["votes"] == []


async def test_odd_snapshot_ids_and_bodies_get_clear_errors(live_server: LiveServer) -> None:
    board = live_server.create_board("Værdi for borgerne", kind="value-map", event=EVENT)
    lead = bearer(board["facilitator_token"])
    base = live_server.url
    for snapshot in ("99999999999999999999999", "²", "-1", "1.5"):
        response = httpx.get(
            f"{base}/b/{board['id']}/export.md", params={"snapshot": snapshot}, headers=lead
        )
        assert response.status_code == 404, snapshot
        assert response.json()["error"]["code"] == "snapshot_unknown"
        compare = httpx.get(
            f"{base}/api/boards/{board['id']}/compare",
            params={"from": f"snapshot:{snapshot}"},
            headers=lead,
        )
        assert compare.status_code == 404, snapshot
    bad = httpx.post(f"{base}/api/boards/{board['id']}/archive", content=b"{nope", headers=lead)
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "json_expected"
