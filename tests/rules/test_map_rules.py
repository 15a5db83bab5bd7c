"""The map engine's rules: seeds, who may change what, and server-kept dot votes.

The adversarial cases send raw Yjs updates that an honest client would never make; the
server must revert them, tell the offender why, and leave every client and the stored
board in the correct state.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pycrdt import Array, Doc, Map

import boards
from server.parts import board_room, parts_of
from server.store import Board, Store
from server.sync.connection import CLOSE_POLICY, Identity
from server.sync.limits import RoomLimits
from server.sync.room import Room
from tests.support.items import note, put
from tests.support.memclient import SyncedClient, converged, leave_all, synced
from tests.support.stores import make_board

pytestmark = pytest.mark.anyio

ANNE = Identity("participant", "anne", locale="en")
BENT = Identity("participant", "bent", locale="da")
FACILITATOR = Identity("facilitator", None)


@pytest.mark.parametrize("slug", ["value-map", "leadership-chain", "dual-role", "pre-ject"])
def test_each_map_kind_seeds_its_zones_in_order_and_language(slug: str) -> None:
    kind = boards.get_kind(slug)
    assert kind is not None
    assert kind.engine.name == "map"
    for locale in boards.LOCALES:
        doc: Doc[Any] = Doc()
        doc.apply_update(kind.seed(locale))
        zones = doc.get("zones", type=Map).to_py() or {}
        assert [z["id"] for z in kind.data["zones"]] == sorted(
            zones, key=lambda z: zones[z]["order"]
        )
        for template in kind.data["zones"]:
            assert zones[template["id"]]["title"] == template["title"][locale]
            assert zones[template["id"]]["question"] == template["question"][locale]
        assert doc.get("notes", type=Map).to_py() in (None, {})


def test_value_map_has_the_six_zones_the_seminar_uses() -> None:
    kind = boards.get_kind("value-map")
    assert kind is not None
    assert [z["id"] for z in kind.data["zones"]] == [
        "situation",
        "value",
        "own-unit",
        "municipality",
        "outside",
        "courage",
    ]


async def map_room(store: Store, limits: RoomLimits | None = None) -> tuple[Room, Board]:
    kind = boards.get_kind("value-map")
    assert kind is not None
    board = await store.boards.create(make_board(), kind.seed("da"), None)
    board = Board(**{**board.__dict__, "kind": "value-map"})
    room = board_room(board.id, store, kind.engine, limits=limits or RoomLimits())
    await room.load()
    return room, board


def add_note(
    client: SyncedClient, note_id: str, text: str, zone: str = "value", **extra: Any
) -> None:
    client.edit(put("notes", note_id, {**note(text, zone), **extra}))


def set_field(client: SyncedClient, root: str, item: str, field: str, value: Any) -> None:
    client.edit(lambda doc: doc.get(root, type=Map)[item].__setitem__(field, value))


def delete_item(client: SyncedClient, root: str, item: str) -> None:
    client.edit(lambda doc: doc.get(root, type=Map).__delitem__(item))


async def test_participants_edit_and_delete_only_their_own_notes(store: Store) -> None:
    room, board = await map_room(store)
    anne, bent = synced(room, ANNE, BENT)
    add_note(anne, "note-anne", "Borgeren i centrum")
    await bent.until(lambda: "note-anne" in bent.root("notes"))

    # Anne may change her own note's text, zone and order.
    anne.edit(
        lambda doc: doc.get("notes", type=Map)["note-anne"].update(
            {"text": "Borgeren først", "zone": "courage", "order": "a5"}
        )
    )
    await bent.until(lambda: bent.root("notes")["note-anne"]["zone"] == "courage")
    assert anne.notices() == []

    # Bent may not change or delete it: the server puts it back, and tells Bent.
    set_field(bent, "notes", "note-anne", "text", "Overskrevet")
    await bent.until(lambda: "reverted" in bent.notices())
    await bent.until(lambda: bent.root("notes")["note-anne"]["text"] == "Borgeren først")
    delete_item(bent, "notes", "note-anne")
    await bent.until(lambda: bent.notices().count("reverted") == 2)
    await bent.until(lambda: "note-anne" in bent.root("notes"))
    expected = {
        "text": "Borgeren først",
        "zone": "courage",
        "order": "a5",
        "color": "yellow",
        "created": 1.0,
    }
    for client in (anne, bent):
        await client.until(lambda c=client: c.root("notes").get("note-anne") == expected)  # type: ignore[misc]
    notice = next(m for m in bent.messages if m.get("type") == "notice")
    assert notice["message"].startswith("Den ændring")  # Bent reads Danish

    # Anne deletes her own note: allowed.
    delete_item(anne, "notes", "note-anne")
    await bent.until(lambda: "note-anne" not in bent.root("notes"))
    assert anne.notices() == []

    # The stored board is the corrected one.
    await store.boards.flush()
    reloaded = board_room(board.id, store, room.engine)
    await reloaded.load()
    assert "note-anne" not in (reloaded.doc.get("notes", type=Map).to_py() or {})


async def test_participants_cannot_touch_zones_clusters_or_note_clusters(store: Store) -> None:
    room, _ = await map_room(store)
    facilitator, bent = synced(room, FACILITATOR, BENT)
    await bent.until(lambda: "value" in bent.root("zones"))
    zones_before = bent.root("zones")

    set_field(bent, "zones", "value", "title", "Hacket")
    delete_item(bent, "zones", "courage")
    bent.edit(
        lambda doc: doc.get("zones", type=Map).__setitem__(
            "extra", Map({"title": "Ny", "question": "", "order": "b0"})
        )
    )
    bent.edit(
        lambda doc: doc.get("clusters", type=Map).__setitem__(
            "c1", Map({"title": "Min klynge", "zone": "value", "order": "a1"})
        )
    )
    add_note(bent, "note-bent", "Min egen", cluster="c-stolen")
    await bent.until(lambda: bent.notices().count("reverted") >= 4)
    await bent.until(
        lambda: (
            bent.root("zones") == zones_before
            and bent.root("clusters") == {}
            and "cluster" not in bent.root("notes").get("note-bent", {"cluster": 1})
        )
    )
    await facilitator.until(lambda: facilitator.root("zones") == zones_before)

    # The facilitator may do all of it.
    facilitator.edit(
        lambda doc: doc.get("clusters", type=Map).__setitem__(
            "c1", Map({"title": "Tillid", "zone": "value", "order": "a1"})
        )
    )
    set_field(facilitator, "notes", "note-bent", "cluster", "c1")
    set_field(facilitator, "zones", "value", "title", "Det der skaber værdi")
    await bent.until(lambda: bent.root("notes")["note-bent"].get("cluster") == "c1")
    await bent.until(lambda: bent.root("zones")["value"]["title"] == "Det der skaber værdi")
    assert facilitator.notices() == []
    # Bent still edits his note's text, but cannot take it out of the cluster.
    set_field(bent, "notes", "note-bent", "text", "Min egen, rettet")
    bent.edit(lambda doc: doc.get("notes", type=Map)["note-bent"].pop("cluster"))
    await facilitator.until(
        lambda: facilitator.root("notes")["note-bent"]["text"] == "Min egen, rettet"
    )
    await bent.until(lambda: bent.root("notes")["note-bent"].get("cluster") == "c1")


async def test_dot_votes_are_kept_by_the_server_within_the_budget(store: Store) -> None:
    room, board = await map_room(store)
    facilitator, anne, bent = synced(room, FACILITATOR, ANNE, BENT)
    for index in range(4):
        add_note(
            facilitator, f"n{index}", f"Note {index}", zone="value" if index < 3 else "courage"
        )
    await anne.until(lambda: len(anne.root("notes")) == 4)
    assert anne.last("vote") == {"type": "vote", "status": "none"}

    await anne.refused(
        {"type": "vote.start", "budget": 3, "per_note": 1, "zone": None}, "not_allowed"
    )
    facilitator.command(
        {"type": "vote.start", "budget": 3, "per_note": 1, "zone": "value", "show_live": False}
    )
    await anne.until(lambda: (anne.last("vote") or {}).get("status") == "open")

    anne.command({"type": "vote", "note": "n0", "delta": 1})
    anne.command({"type": "vote", "note": "n0", "delta": 1})  # one dot per note only
    anne.command({"type": "vote", "note": "n3", "delta": 1})  # outside the vote's zone
    anne.command({"type": "vote", "note": "n1", "delta": 1})
    anne.command({"type": "vote", "note": "n2", "delta": 1})
    anne.command({"type": "vote", "note": "n2", "delta": -1})
    anne.command({"type": "vote", "note": "n2", "delta": 1})
    anne.command({"type": "vote", "note": "nope", "delta": 1})
    bent.command({"type": "vote", "note": "n0", "delta": 1})
    await anne.until(lambda: len(anne.notices()) >= 4)
    assert anne.notices()[1:] == ["vote_per_note", "vote_scope", "invalid"]
    vote = anne.last("vote")
    assert vote is not None
    assert vote["mine"] == {"n0": 1, "n1": 1, "n2": 1}
    assert vote["left"] == 0
    assert vote["results"] is None  # hidden while the vote runs
    anne.command({"type": "vote", "note": "n0", "delta": -1})
    anne.command({"type": "vote", "note": "n0", "delta": 1})
    # A fourth dot is refused; rejoining does not refill the budget.
    again = SyncedClient(room, ANNE)
    await again.until(lambda: again.last("vote") is not None)
    assert (again.last("vote") or {})["left"] == 0
    again.command({"type": "vote", "note": "n0", "delta": 1})
    await again.until(
        lambda: "vote_per_note" in again.notices() or "vote_budget" in again.notices()
    )
    await again.refused({"type": "vote", "note": "n3", "delta": 1}, "vote_scope")

    # Nobody sees tallies until the facilitator shows them; then everybody does.
    await bent.until(lambda: (bent.last("vote") or {}).get("dots") == 4)
    assert all(m.get("results") is None for m in bent.messages if m.get("type") == "vote")
    facilitator.command({"type": "vote.end"})
    await bent.until(lambda: (bent.last("vote") or {}).get("status") == "closed")
    await bent.refused({"type": "vote", "note": "n1", "delta": 1}, "vote_closed")
    facilitator.command({"type": "vote.results", "visible": True})
    await bent.until(lambda: (bent.last("vote") or {}).get("results") is not None)
    results = (bent.last("vote") or {})["results"]
    assert results["notes"] == {"n0": 2, "n1": 1, "n2": 1}

    # Votes survive the room being unloaded and loaded again.
    reloaded = board_room(board.id, store, room.engine)
    await reloaded.load()
    assert parts_of(reloaded).rules is not None
    assert parts_of(reloaded).rules.ballot is not None
    assert parts_of(reloaded).rules.ballot.tallies() == {"n0": 2, "n1": 1, "n2": 1}
    await leave_all(facilitator, anne, bent, again)


async def test_cluster_results_sum_their_notes(store: Store) -> None:
    room, _ = await map_room(store)
    facilitator, anne = synced(room, FACILITATOR, ANNE)
    facilitator.edit(
        lambda doc: doc.get("clusters", type=Map).__setitem__(
            "c1", Map({"title": "Tillid", "zone": "value", "order": "a1"})
        )
    )
    add_note(facilitator, "n0", "a", cluster="c1")
    add_note(facilitator, "n1", "b", cluster="c1")
    add_note(facilitator, "n2", "c")
    await anne.until(lambda: len(anne.root("notes")) == 3)
    facilitator.command(
        {"type": "vote.start", "budget": 5, "per_note": 2, "zone": None, "show_live": True}
    )
    await anne.until(lambda: (anne.last("vote") or {}).get("status") == "open")
    for note_id in ("n0", "n0", "n1", "n2"):
        anne.command({"type": "vote", "note": note_id, "delta": 1})
    await anne.until(
        lambda: (
            ((anne.last("vote") or {}).get("results") or {}).get("notes")
            == {"n0": 2, "n1": 1, "n2": 1}
        )
    )
    assert (anne.last("vote") or {})["results"]["clusters"] == {"c1": 3}


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "vote.start", "budget": 0, "per_note": 1, "zone": None},
        {"type": "vote.start", "budget": 21, "per_note": 1, "zone": None},
        {"type": "vote.start", "budget": 3, "per_note": 4, "zone": None},
        {"type": "vote.start", "budget": 3, "per_note": 1, "zone": "no-such-zone"},
        {"type": "vote.start", "budget": "3", "per_note": 1, "zone": None},
        {"type": "unheard-of"},
    ],
)
async def test_bad_commands_get_a_notice_not_a_crash(store: Store, payload: dict[str, Any]) -> None:
    room, _ = await map_room(store)
    facilitator = SyncedClient(room, FACILITATOR)
    await facilitator.refused(payload, "invalid")
    assert parts_of(room).rules is not None
    assert parts_of(room).rules.ballot is not None
    assert parts_of(room).rules.ballot.session is None


@pytest.mark.parametrize("message", [b"\x14\x03{x}", b"\x14\x02[]", b'\x14\x09{"a": 1}'])
async def test_malformed_commands_close_the_connection(store: Store, message: bytes) -> None:
    room, _ = await map_room(store)
    client = SyncedClient(room, ANNE)
    client.channel.push(message)
    code, _ = await asyncio.wait_for(client.channel.closed, 5)
    assert code == CLOSE_POLICY


async def test_two_people_moving_the_same_note_at_once_converge_on_one_note(store: Store) -> None:
    room, _ = await map_room(store)
    anne, facilitator = synced(room, ANNE, FACILITATOR)
    add_note(anne, "n1", "Flyt mig", zone="value")
    await facilitator.until(lambda: "n1" in facilitator.root("notes"))
    # Both move it before either hears of the other's move (the author may move her own).
    anne.edit(
        lambda doc: doc.get("notes", type=Map)["n1"].update({"zone": "courage", "order": "a7"})
    )
    facilitator.edit(
        lambda doc: doc.get("notes", type=Map)["n1"].update({"zone": "outside", "order": "a3"})
    )
    notes = await converged(room, anne, facilitator)
    assert list(notes) == ["n1"]  # one note, never a copy in each zone
    assert (notes["n1"]["zone"], notes["n1"]["order"]) in {("courage", "a7"), ("outside", "a3")}


async def test_nested_types_in_items_are_refused_and_carry_nothing_past_the_guard(
    store: Store,
) -> None:
    room, _ = await map_room(store)
    anne, mallory = synced(room, ANNE, BENT)
    add_note(anne, "anne-0001", "Mine")
    await mallory.until(lambda: "anne-0001" in mallory.root("notes"))
    # An array inside one's own note is no type of the layouts: the update is refused
    # before it touches the document, and its sender is closed.
    add_note(mallory, "mal-0002", "Min egen", inner=Array(["y"]))
    code, reason = await asyncio.wait_for(mallory.channel.closed, 5)
    assert code == CLOSE_POLICY
    assert "not used by any board" in reason
    assert "mal-0002" not in room.doc.get("notes", type=Map)

    # A map inside an item alongside forbidden edits: every forbidden edit is undone,
    # whatever else the update holds.
    mallory = SyncedClient(room, BENT)
    await mallory.until(lambda: "anne-0001" in mallory.root("notes"))

    def attack(doc: Doc[Any]) -> None:
        doc.get("notes", type=Map)["anne-0001"]["text"] = "HACKED"
        doc.get("zones", type=Map)["value"]["title"] = "PWNED"
        doc.get("notes", type=Map)["mal-0003"] = Map({"text": "x", "deep": Map({"a": 1})})

    mallory.edit(attack)
    await mallory.until(lambda: mallory.notices().count("reverted") >= 1)
    notes = await converged(room, anne, mallory)
    assert notes["anne-0001"]["text"] == "Mine"
    assert "mal-0003" not in notes
    assert room.doc.get("zones", type=Map)["value"]["title"] != "PWNED"
    await leave_all(anne, mallory)


async def test_the_limit_per_person_counts_the_notes_they_hold_now(store: Store) -> None:
    room, _ = await map_room(store, RoomLimits(max_items_per_person=3))
    anne, bent = synced(room, ANNE, BENT)
    for index in range(3):
        add_note(anne, f"anne-{index:04}", f"Note {index}")
    await anne.until(lambda: len(anne.root("notes")) == 3)
    # Deleting one frees a place; the limit is Anne's own, not the board's.
    delete_item(anne, "notes", "anne-0000")
    add_note(anne, "anne-0003", "Ny")
    add_note(bent, "bent-0000", "Bents")
    add_note(anne, "anne-0004", "For mange")
    await anne.until(lambda: "item_limit" in anne.notices())
    notes = await converged(room, anne, bent)
    assert set(notes) == {"anne-0001", "anne-0002", "anne-0003", "bent-0000"}
    assert bent.notices() == []
    await leave_all(anne, bent)
