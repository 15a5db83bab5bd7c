"""Facilitation on a real server: the join screen, closing joining, removal, co-facilitators."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import httpx
import pytest
from pycrdt import Doc, Map
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.support.items import put_note
from tests.support.live import AS_JSON, LiveServer, bearer
from tests.support.liveboard import LEAD, live_board
from tests.support.wsclient import raw_client

pytestmark = pytest.mark.anyio


async def drain(socket: ClientConnection) -> None:
    """Read until the server closes the socket (which raises ConnectionClosed)."""
    while True:
        await socket.recv()


async def test_the_join_screen_shows_code_qr_and_count_and_joining_can_close(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Storledermøde", kind="value-map")
    base = live_server.url
    page = httpx.get(
        f"{base}/b/{board['id']}/join-screen", headers=bearer(board["facilitator_token"])
    )
    assert page.status_code == 200
    assert board["join_code"] in page.text
    assert re.search(r"<svg[^>]*class=\"segno\"", page.text)
    assert f"/join/{board['join_code']}" in page.text
    # Everything the page loads comes from Tavle itself.
    assert not re.search(r"(src|href)=\"(https?:)?//", page.text)
    anne = live_server.join(board["join_code"], "Anne")
    people = httpx.get(
        f"{base}/api/boards/{board['id']}/people", headers=bearer(board["facilitator_token"])
    )
    assert people.json()["joined"] == 1
    assert people.json()["participants"][0]["name"] == "Anne"
    # Participants see neither the join screen nor the list of names.
    assert (
        httpx.get(
            f"{base}/api/boards/{board['id']}/people", headers=bearer(anne["token"])
        ).status_code
        == 403
    )
    denied = httpx.get(f"{base}/b/{board['id']}/join-screen", headers=bearer(anne["token"]))
    assert denied.status_code == 403
    assert denied.json()["error"]["code"] == "facilitator_only"

    async with raw_client(live_server.ws_url, board["id"], board["facilitator_token"]) as lead:
        await lead.command({"type": "joining.set", "open": False})
        await lead.until(lambda: lead.last("session").get("joining_open") is False)
    refused = httpx.post(
        f"{base}/api/join", json={"code": board["join_code"], "name": "Bent"}, headers=AS_JSON
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "joining_closed"
    # Someone who joined before comes back with their token.
    again = httpx.post(
        f"{base}/api/join",
        json={"code": board["join_code"], "name": "Anne", "token": anne["token"]},
    )
    assert again.status_code == 200
    assert again.json()["participant_id"] == anne["participant_id"]
    people = httpx.get(
        f"{base}/api/boards/{board['id']}/people", headers=bearer(board["facilitator_token"])
    )
    assert people.json()["joining_open"] is False


async def test_a_removed_participant_is_refused_on_every_connection(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Storledermøde", kind="value-map")
    anne = live_server.join(board["join_code"], "Anne")
    ws = live_server.ws_url
    async with (
        raw_client(ws, board["id"], board["facilitator_token"]) as lead,
        connect(f"{ws}/{board['id']}?token={anne['token']}") as phone,
        connect(f"{ws}/{board['id']}?token={anne['token']}") as laptop,
    ):
        await phone.recv()
        await laptop.recv()
        await lead.command({"type": "participant.remove", "participant": anne["participant_id"]})
        for socket in (phone, laptop):
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(drain(socket), 10)
            assert closed.value.rcvd is not None
            assert closed.value.rcvd.code == 4403
    async with connect(f"{ws}/{board['id']}?token={anne['token']}") as retry:
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(retry.recv(), 10)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4403
    rejoin = httpx.post(
        f"{live_server.url}/api/join",
        json={"code": board["join_code"], "name": "Anne", "token": anne["token"]},
    )
    assert rejoin.json()["participant_id"] != anne["participant_id"]


async def test_a_co_facilitator_link_gives_the_same_powers_until_revoked(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Storledermøde", kind="charter")
    base = live_server.url
    anne = live_server.join(board["join_code"], "Anne")
    refused = httpx.post(
        f"{base}/api/boards/{board['id']}/cofacilitators", headers=bearer(anne["token"])
    )
    assert refused.status_code == 403
    made = httpx.post(
        f"{base}/api/boards/{board['id']}/cofacilitators",
        headers=bearer(board["facilitator_token"]),
    )
    assert made.status_code == 201
    url = made.json()["facilitator_url"]
    secret = url.split("?key=")[1]
    assert secret != board["facilitator_token"]
    async with raw_client(live_server.ws_url, board["id"], secret) as second:
        assert second.last("hello")["role"] == "facilitator"
        await second.command({"type": "phase.set", "phase": "discuss"})
        await second.until(lambda: second.last("session").get("phase") == "discuss")
    opened = httpx.get(url, follow_redirects=False)
    assert opened.status_code == 303
    async with connect(f"{live_server.ws_url}/{board['id']}?token={secret}") as open_socket:
        await open_socket.recv()
        revoked = httpx.delete(
            f"{base}/api/boards/{board['id']}/cofacilitators",
            headers=bearer(board["facilitator_token"]),
        )
        assert revoked.status_code == 204
        # A socket opened with the revoked link is closed at once.
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(drain(open_socket), 10)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4401
    gone = httpx.get(f"{base}/api/boards/{board['id']}/people", headers=bearer(secret))
    assert gone.status_code == 403
    assert (
        httpx.get(
            f"{base}/api/boards/{board['id']}/people", headers=bearer(board["facilitator_token"])
        ).status_code
        == 200
    )


async def test_snapshots_can_be_listed_read_and_forked_by_the_facilitator(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Storledermøde", "value-map", "Anne")
    base = live_server.url
    async with board.clients(LEAD, "Anne") as (lead, phone):
        await phone.edit(put_note("anne-1", "Tillid", color="blue"))
        await lead.until(lambda: "anne-1" in lead.root("notes"))
        await lead.command({"type": "snapshot.take", "label": "Første runde"})
        await lead.until(lambda: len(lead.last("snapshots").get("items", [])) == 1)
    facilitator = board.headers()
    listed = httpx.get(f"{base}/api/boards/{board.id}/snapshots", headers=facilitator).json()
    snapshot = listed["snapshots"][0]
    assert snapshot["label"] == "Første runde"
    assert snapshot["counts"] == {"zones": 6, "notes": 1, "clusters": 0, "groups": 0, "actions": 0}
    sid = snapshot["id"]
    assert (
        httpx.get(
            f"{base}/api/boards/{board.id}/snapshots", headers=board.headers("Anne")
        ).status_code
        == 403
    )

    document = httpx.get(
        f"{base}/api/boards/{board.id}/snapshots/{sid}/document", headers=facilitator
    )
    assert document.headers["content-type"] == "application/octet-stream"
    doc: Doc[Any] = Doc()
    doc.apply_update(document.content)
    assert doc.get("notes", type=Map)["anne-1"]["text"] == "Tillid"
    missing = httpx.get(f"{base}/api/boards/{board.id}/snapshots/999/document", headers=facilitator)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "snapshot_unknown"

    cookie = f"tavle_b_{board.id}"
    page = httpx.get(f"{base}/b/{board.id}?snapshot={sid}", cookies={cookie: board.token()})
    assert page.status_code == 200
    assert f"/api/boards/{board.id}/snapshots/{sid}/document" in page.text
    as_anne = httpx.get(
        f"{base}/b/{board.id}?snapshot={sid}",
        cookies={cookie: board.token("Anne")},
        headers=AS_JSON,
    )
    assert as_anne.status_code == 403

    fork = httpx.post(f"{base}/api/boards/{board.id}/snapshots/{sid}/fork", headers=facilitator)
    assert fork.status_code == 201
    forked = fork.json()
    assert forked["id"] != board.id
    assert forked["title"] == "Storledermøde – Første runde"  # noqa: RUF001
    new_key = forked["facilitator_url"].split("?key=")[1]
    async with raw_client(live_server.ws_url, forked["id"], new_key) as copy:
        assert copy.root("notes")["anne-1"]["text"] == "Tillid"
        assert copy.last("hello")["role"] == "facilitator"
