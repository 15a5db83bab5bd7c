"""The document's rules against a modified client, on a real server (issue 11 §1-§3).

Each test sends what an honest client never would: hand-made Yjs updates that reference
clocks the room has not seen, roots and fields outside the layout, floods and oversized
states. docs/security.md lists the guarantee each one holds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pycrdt import Array, Doc, Map
from websockets.exceptions import ConnectionClosed

from server.sync.update_scan import scan
from tests.support.items import delete, note, put, put_note, set_field
from tests.support.live import LiveServer
from tests.support.liveboard import LEAD, LiveBoard, live_board
from tests.support.wsclient import RawClient, raw_client
from tests.support.yproto import awareness_message

pytestmark = pytest.mark.anyio

CLOSE_POLICY = 1008
FORGER_CLIENT = 4_242_424  # a client id of the forger's own; the room has never seen it


def forged_update(
    room_state: bytes,
    ahead_client: int,
    ahead: Callable[[Doc[Any]], None],
    change: Callable[[Doc[Any]], None],
) -> bytes:
    """Return an update made on top of an edit `ahead_client` has not made yet.

    The forger imagines the other client's next edit (its next clock), makes its own
    change after it, and sends only its own part: items whose origins the room lacks.
    """
    future: Doc[Any] = Doc(client_id=ahead_client)
    future.apply_update(room_state)
    before = future.get_state()
    with future.transaction():
        ahead(future)
    imagined = scan(future.get_update(before))
    assert set(imagined.ranges) == {ahead_client}, "the imagined edit must be the other's"
    forger: Doc[Any] = Doc(client_id=FORGER_CLIENT)
    forger.apply_update(future.get_update())
    before = forger.get_state()
    with forger.transaction():
        change(forger)
    update = forger.get_update(before)
    assert set(scan(update).ranges) == {FORGER_CLIENT}
    return update


def zone_title(client: RawClient, zone: str = "value") -> Any:
    return client.root("zones")[zone]["title"]


def map_board(live_server: LiveServer, *people: str) -> LiveBoard:
    """Create a value map with people joined: Anne is honest, Mallory's phone is modified."""
    return live_board(live_server, "Værdi for borgerne", "value-map", *people)


async def test_an_item_waiting_for_the_facilitators_next_clock_is_refused(
    live_server: LiveServer,
) -> None:
    board = map_board(live_server, "Anne", "Mallory")
    async with board.clients(LEAD, "Anne", "Mallory") as (lead, honest, cheat):
        # Mallory writes the zone's title "after" the facilitator's next rename.
        forged = forged_update(
            cheat.doc.get_update(),
            lead.doc.client_id,
            lambda doc: doc.get("zones", type=Map)["value"].__setitem__("title", "?"),
            lambda doc: doc.get("zones", type=Map)["value"].__setitem__("title", "MALLORY"),
        )
        await cheat.send_update(forged)
        code, reason = await cheat.closed()
        assert code == CLOSE_POLICY
        assert "has not seen" in reason

        await lead.edit(
            lambda doc: doc.get("zones", type=Map)["value"].__setitem__("title", "Ny titel")
        )
        await honest.until(lambda: zone_title(honest) == "Ny titel")
    async with board.client("Anne") as later:
        assert zone_title(later) == "Ny titel"


async def test_an_item_waiting_for_the_servers_next_clock_is_refused(
    live_server: LiveServer,
) -> None:
    board = map_board(live_server, "Anne", "Bent", "Mallory")
    async with board.clients("Anne", "Bent", "Mallory") as (anne, bent, cheat):
        await anne.edit(put_note("anne-0001", "Tillid"))
        await cheat.until(lambda: "anne-0001" in cheat.root("notes"))
        # A revert shows Mallory the server's client id and clock.
        before = dict(_state(cheat.doc))
        await cheat.undone(set_field("notes", "anne-0001", "text", "x"), "reverted")
        await cheat.until(lambda: cheat.root("notes")["anne-0001"]["text"] == "Tillid")
        after = _state(cheat.doc)
        server = {c for c, clock in after.items() if clock != before.get(c)}
        server -= {cheat.doc.client_id}
        assert len(server) == 1
        (server_client,) = server

        forged = forged_update(
            cheat.doc.get_update(),
            server_client,
            set_field("notes", "anne-0001", "text", "Tillid"),
            set_field("notes", "anne-0001", "text", "HACKED"),
        )
        await cheat.send_update(forged)
        code, _ = await cheat.closed()
        assert code == CLOSE_POLICY

        # The server's next transaction (another revert) brings nothing of Mallory's in.
        await bent.undone(delete("notes", "anne-0001"), "reverted")
        await anne.until(lambda: "anne-0001" in anne.root("notes"))
        await bent.until(lambda: "anne-0001" in bent.root("notes"))
        assert anne.root("notes")["anne-0001"]["text"] == "Tillid"
        assert bent.root("notes")["anne-0001"]["text"] == "Tillid"


async def test_the_facilitator_too_may_not_leave_anything_pending(
    live_server: LiveServer,
) -> None:
    board = map_board(live_server, "Anne")
    async with board.clients("Anne", LEAD) as (honest, lead):
        forged = forged_update(
            lead.doc.get_update(),
            honest.doc.client_id,
            put_note("anne-0001", "Anne's next"),
            set_field("notes", "anne-0001", "text", "written for Anne"),
        )
        await lead.send_update(forged)
        code, _ = await lead.closed()
        assert code == CLOSE_POLICY
        await honest.edit(put_note("anne-0001", "Mit eget"))
    async with board.client("Anne") as later:
        assert later.root("notes")["anne-0001"]["text"] == "Mit eget"


def _state(doc: Doc[Any]) -> dict[int, int]:
    from server.sync.update_scan import state_vector

    return state_vector(doc.get_state())


async def test_roots_outside_the_layout_are_refused_even_on_a_locked_board(
    live_server: LiveServer,
) -> None:
    board = map_board(live_server, "Mallory", "Anne")
    async with board.client() as lead:
        await lead.command({"type": "lock.set", "locked": True})
        await lead.until(lambda: lead.last("session").get("locked") is True)
        attacks: list[Callable[[Doc[Any]], None]] = [
            lambda doc: doc.get("evil", type=Map).__setitem__("x", "y" * 1000),
            lambda doc: doc.get("notes", type=Array).append("a list in a map's root"),
            lambda doc: doc.get("zones", type=Map).__setitem__("zone-x", Array(["z"])),
        ]
        for attack in attacks:
            async with board.client("Mallory") as cheat:
                fresh: Doc[Any] = Doc(client_id=FORGER_CLIENT)
                with fresh.transaction():
                    attack(fresh)
                await cheat.send_update(fresh.get_update())
                code, _ = await cheat.closed()
                assert code == CLOSE_POLICY
    async with board.client("Anne") as later:
        assert "evil" not in later.doc.keys()  # noqa: SIM118 (a Doc is no dict)
        assert set(later.root("zones")) == {z["id"] for z in _kind_zones("value-map")}
        assert later.root("notes") == {}


def _kind_zones(slug: str) -> list[dict[str, Any]]:
    import boards

    kind = boards.get_kind(slug)
    assert kind is not None
    zones: list[dict[str, Any]] = kind.data["zones"]
    return zones


async def test_fields_outside_an_items_schema_are_undone(live_server: LiveServer) -> None:
    board = map_board(live_server, "Anne", "Mallory")
    async with board.clients("Anne", "Mallory", LEAD) as (honest, cheat, lead):
        await lead.command({"type": "anonymous.set", "anonymous": True})
        await cheat.until(lambda: cheat.last("session").get("anonymous") is True)
        # A new note that names an author; and an own note given one afterwards.
        forged = {
            "text": "Hej",
            "zone": "value",
            "order": "a0",
            "color": "yellow",
            "author": "Anne",
        }
        await cheat.undone(put("notes", "mal-0001", forged), "reverted")
        await cheat.edit(put_note("mal-0002", "Min note"))
        await honest.until(lambda: "mal-0002" in honest.root("notes"))
        for field, value in (("author", "Anne"), ("color", "black"), ("zone", "z" * 100)):
            await cheat.edit(set_field("notes", "mal-0002", field, value))
        await cheat.edit(set_field("notes", "mal-0002", "text", "x" * 900_000))
        await cheat.until(lambda: cheat.notices().count("reverted") == 5)
        await cheat.until(
            lambda: cheat.root("notes")["mal-0002"] == honest.root("notes")["mal-0002"]
        )
        assert "mal-0001" not in honest.root("notes")
        assert honest.root("notes")["mal-0002"]["text"] == "Min note"
        assert set(honest.root("notes")["mal-0002"]) == {
            "text",
            "zone",
            "order",
            "color",
            "created",
        }
        assert honest.root("notes")["mal-0002"]["color"] == "yellow"


async def test_a_read_only_link_changes_nothing_whatever_it_sends(live_server: LiveServer) -> None:
    board = map_board(live_server, "Anne")
    made = httpx.post(
        f"{live_server.url}/api/boards/{board.id}/read-only-link", headers=board.headers()
    )
    made.raise_for_status()
    secret = made.json()["read_only_url"].split("?key=")[1]
    async with (
        board.client("Anne") as honest,
        raw_client(live_server.ws_url, board.id, secret) as viewer,
    ):
        await viewer.edit(put_note("view-0001", "Kigger"))
        await viewer.edit(
            lambda doc: doc.get("zones", type=Map)["value"].__setitem__("title", "VIEWER")
        )
        await viewer.until(lambda: viewer.notices().count("read_only_viewer") == 2)
        await honest.edit(put_note("anne-0001", "Tillid"))
        await viewer.until(lambda: "anne-0001" in viewer.root("notes"))
        assert "view-0001" not in honest.root("notes")
        assert zone_title(honest) != "VIEWER"
    async with board.client("Anne") as later:
        assert set(later.root("notes")) == {"anne-0001"}


async def test_one_person_keeps_at_most_the_limit_of_notes(live_server: LiveServer) -> None:
    board = map_board(live_server, "Anne", "Mallory")
    async with board.clients("Anne", "Mallory") as (honest, cheat):

        def flood(doc: Doc[Any]) -> None:
            for index in range(5000):
                doc.get("notes", type=Map)[f"mal-{index:05}"] = Map(note(f"Note {index}"))

        await cheat.undone(flood, "item_limit")
        await honest.until(lambda: len(honest.root("notes")) == 200)
        await cheat.until(lambda: len(cheat.root("notes")) == 200)
        # Anne still writes.
        await honest.edit(put_note("anne-0001", "Tillid"))
        await cheat.until(lambda: "anne-0001" in cheat.root("notes"))


def _deep_state_message() -> bytes:
    """An awareness message whose state nests 2,000 levels (hand-encoded: no JSON library
    writes it)."""
    from pycrdt._sync import write_var_uint

    from server.sync import wire

    state = ('{"user":' + "[" * 2000 + "]" * 2000 + "}").encode()
    body = write_var_uint(1) + write_var_uint(77) + write_var_uint(1)
    body += write_var_uint(len(state)) + state
    return bytes([wire.MESSAGE_AWARENESS]) + write_var_uint(len(body)) + body


@pytest.mark.parametrize(
    "message",
    [
        pytest.param(awareness_message(77, 1, {"user": {"name": "M" * 900_000}}), id="huge-state"),
        pytest.param(_deep_state_message(), id="deep-state"),
        pytest.param(None, id="deep-command"),
    ],
)
async def test_oversized_or_deep_presence_and_commands_close_with_1008(
    live_server: LiveServer, message: bytes | None
) -> None:
    board = map_board(live_server, "Anne", "Mallory")
    async with board.clients("Anne", "Mallory") as (honest, cheat):
        if message is None:
            deep = "[" * 5000 + "]" * 5000
            text = '{"type": "vote", "note": ' + deep + "}"
            await cheat.websocket.send(_tavle(text))
        else:
            await cheat.websocket.send(message)
        code, _ = await cheat.closed()
        assert code == CLOSE_POLICY
        await honest.edit(put_note("anne-0001", "Tillid"))
        async with board.client() as again:
            assert "anne-0001" in again.root("notes")
        assert all(len(state) <= 4096 for state in honest.awareness.values())
    assert "Traceback" not in live_server.log()


def _tavle(text: str) -> bytes:
    from pycrdt._sync import write_var_uint

    from server.sync import wire

    data = text.encode()
    return bytes([wire.MESSAGE_TAVLE]) + write_var_uint(len(data)) + data


async def test_a_flood_of_updates_is_warned_then_closed(live_server: LiveServer) -> None:
    board = map_board(live_server, "Mallory")
    async with board.client("Mallory") as cheat:
        await cheat.edit(put_note("mal-0001", "0"))
        messages: list[bytes] = []
        from tests.support.yproto import update_messages

        for index in range(3000):
            messages += update_messages(
                cheat.doc,
                set_field("notes", "mal-0001", "text", str(index)),
            )
        # The server closes the socket mid-flood, as it should.
        with contextlib.suppress(ConnectionClosed):
            for message in messages:
                await cheat.websocket.send(message)
        code, reason = await cheat.closed()
        assert code == CLOSE_POLICY
        assert "too many" in reason
        assert "slow_down" in cheat.notices()


@pytest.mark.parametrize("live_server", [{"TAVLE_MAX_ITEMS_PER_PERSON": "3"}], indirect=True)
async def test_the_limit_per_person_is_the_operators_to_set(live_server: LiveServer) -> None:
    board = map_board(live_server, "Anne")
    async with board.client("Anne") as client:
        for index in range(4):
            await client.edit(put_note(f"anne-{index:04}", str(index)))
        await client.until(lambda: "item_limit" in client.notices())
        await client.until(
            lambda: set(client.root("notes")) == {"anne-0000", "anne-0001", "anne-0002"}
        )


async def test_presence_shows_who_joined_not_who_a_device_claims_to_be(
    live_server: LiveServer,
) -> None:
    board = map_board(live_server, "Anne", "Mallory")
    async with board.clients("Anne", "Mallory") as (honest, cheat):
        claim = {"user": {"name": "Anne", "color": "#123456", "role": "facilitator"}}
        await cheat.websocket.send(awareness_message(cheat.doc.client_id, 1, claim))

        def users() -> list[dict[str, Any]]:
            import json

            states = [json.loads(state) for state in honest.awareness.values()]
            return [state["user"] for state in states if isinstance(state, dict)]

        await honest.until(lambda: any(user.get("color") == "#123456" for user in users()))
        (shown,) = [user for user in users() if user.get("color") == "#123456"]
        assert shown["name"] == "Mallory"
        assert shown["role"] == "participant"


async def test_an_update_that_skips_clocks_is_not_applied_and_its_sender_is_asked_to_sync(
    live_server: LiveServer,
) -> None:
    """An update continuing a client's clocks from beyond what the room holds.

    An honest client sends one only when its earlier update was lost on the way (an
    owner process died, docs/architecture.md): the room applies nothing of it, keeps the
    connection, and asks for what it lacks. A modified client gains nothing by it: not
    its own items, and not items under another client's id (the facilitator's).
    """
    board = map_board(live_server, "Anne", "Mallory")
    async with board.clients(LEAD, "Anne", "Mallory") as (lead, honest, cheat):
        made: Doc[Any] = Doc()
        made.apply_update(cheat.doc.get_update())
        first = _updates(made, put_note("mal-0001", "Første"))
        second = _updates(made, put_note("mal-0002", "Anden"))
        asked = cheat.sync_requests
        await cheat.send_update(second)
        await cheat.until(lambda: cheat.sync_requests > asked)
        assert "mal-0002" not in honest.root("notes")

        # Under the facilitator's id, far ahead of the facilitator's clock.
        forged: Doc[Any] = Doc(client_id=lead.doc.client_id)
        forged.apply_update(lead.doc.get_update())
        _updates(forged, put_note("lead-fake-1", "x"))  # a clock the room never gets
        ahead = _updates(forged, put_note("lead-fake-2", "Forfalsket"))
        asked = cheat.sync_requests
        await cheat.send_update(ahead)
        await cheat.until(lambda: cheat.sync_requests > asked)

        # What an honest client answers the request with brings both of its notes in.
        await cheat.send_update(first)
        await cheat.send_update(second)
        await honest.until(lambda: {"mal-0001", "mal-0002"} <= set(honest.root("notes")))
        await lead.until(lambda: "mal-0002" in lead.root("notes"))
        assert "lead-fake-2" not in lead.root("notes")
        assert "lead-fake-2" not in honest.root("notes")
        assert cheat.websocket.close_code is None


def _updates(doc: Doc[Any], change: Callable[[Doc[Any]], None]) -> bytes:
    """Make a change in doc; return its update, unsent."""
    updates: list[bytes] = []
    subscription = doc.observe(lambda event: updates.append(event.update))
    change(doc)
    doc.unobserve(subscription)
    (update,) = updates
    return update
