"""Private writing, moderation and snapshots, in a room on in-memory channels.

Privacy is checked on the raw bytes another participant receives, not on what a client
chooses to show.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from pycrdt import Doc, Map

from server.parts import parts_of
from server.store import Store
from tests.support.items import delete, put_note, set_field
from tests.support.memclient import SyncedClient, converged, leave_all, synced
from tests.support.rooms import ANNE, BENT, FACILITATOR, reopened, room_of
from tests.support.wording import proposal

pytestmark = pytest.mark.anyio


def private_note(item_id: str, text: str) -> dict[str, Any]:
    fields = {"text": text, "zone": "value", "color": "green", "created": 5.0}
    return {"type": "private.put", "id": item_id, "fields": fields}


def received_text(client: SyncedClient) -> str:
    """Everything a client was sent: its document and every Tavle message."""
    return json.dumps(client.root("notes"), ensure_ascii=False) + json.dumps(
        client.messages, ensure_ascii=False
    )


async def test_private_notes_reach_no_one_else_until_the_reveal(store: Store) -> None:
    room, _ = await room_of(store)
    anne, bent, lead = synced(room, ANNE, BENT, FACILITATOR)
    lead.command({"type": "phase.set", "phase": "private"})
    await anne.until(lambda: (anne.last("session") or {}).get("phase") == "private")
    anne.command(private_note("anne-priv-1", "Hemmelig idé"))
    anne.command(private_note("anne-priv-2", "Anden idé"))
    bent.command(private_note("bent-priv-1", "Bents tanke"))
    await anne.until(lambda: len((anne.last("private") or {}).get("items", {})) == 2)
    await lead.until(lambda: (lead.last("private_count") or {}).get("count") == 3)
    assert lead.last("private_count") == {"type": "private_count", "count": 3, "writers": 2}
    # Bent cannot overwrite Anne's private note, nor write into the document directly.
    await bent.refused(private_note("anne-priv-1", "Overtaget"), "not_allowed")
    await bent.undone(put_note("bent-open", "Synlig"), "private_phase")
    await converged(room, anne, bent, lead)
    for text in ("Hemmelig idé", "Anden idé"):
        assert text not in received_text(bent)
        assert text not in received_text(lead)
    assert "Bents tanke" not in received_text(anne)

    lead.command({"type": "private.reveal"})
    await bent.until(lambda: len(bent.root("notes")) == 3)
    notes = await converged(room, anne, bent, lead)
    assert {n["text"] for n in notes.values()} == {"Hemmelig idé", "Anden idé", "Bents tanke"}
    assert notes["anne-priv-1"]["color"] == "green"
    await anne.until(lambda: (anne.last("session") or {}).get("phase") == "write")
    await anne.until(lambda: "anne-priv-1" in (anne.last("own") or {}).get("items", []))
    # Revealed notes are their authors': Anne edits hers, Bent may not.
    anne.edit(set_field("notes", "anne-priv-1", "text", "Ændret"))
    await bent.undone(set_field("notes", "anne-priv-2", "text", "Nej"), "reverted")
    notes = await converged(room, anne, bent, lead)
    assert notes["anne-priv-1"]["text"] == "Ændret"
    assert notes["anne-priv-2"]["text"] == "Anden idé"

    # A phone that was offline at the reveal sends its note later: it goes on the board.
    anne.command(private_note("anne-late-1", "Skrevet i toget"))
    await bent.until(lambda: "anne-late-1" in bent.root("notes"))
    notes = await converged(room, anne, bent, lead)
    assert notes["anne-late-1"]["text"] == "Skrevet i toget"
    assert await store.facilitation.private_items_of(room.board_id) == []
    await leave_all(anne, bent, lead)


async def test_private_notes_survive_a_reload_before_the_reveal(store: Store) -> None:
    room, board = await room_of(store, "charter")
    anne, lead = synced(room, ANNE, FACILITATOR)
    lead.command({"type": "phase.set", "phase": "private"})
    await anne.until(lambda: (anne.last("session") or {}).get("phase") == "private")
    example = {"section": "across", "text": "Tværgående team", "scope": "across", "unit": "Job"}
    anne.command({"type": "private.put", "id": "anne-ex-1", "fields": example})
    anne.command(
        {"type": "private.put", "id": "anne-ex-2", "fields": {**example, "section": "preamble"}}
    )
    await anne.until(lambda: "invalid" in anne.notices())
    await anne.until(lambda: len((anne.last("private") or {}).get("items", {})) == 1)
    await leave_all(anne, lead)
    room.stop_observing()

    again = await reopened(store, board, "charter")
    anne, lead = synced(again, ANNE, FACILITATOR)
    await anne.until(lambda: "anne-ex-1" in (anne.last("private") or {}).get("items", {}))
    lead.command({"type": "private.reveal"})
    await anne.until(lambda: "anne-ex-1" in anne.root("examples"))
    assert anne.root("examples")["anne-ex-1"]["text"] == "Tværgående team"
    await leave_all(anne, lead)


async def test_hidden_notes_leave_every_screen_and_come_back_on_undo(store: Store) -> None:
    room, _ = await room_of(store)
    anne, bent, lead = synced(room, ANNE, BENT, FACILITATOR)
    anne.edit(put_note("anne-1", "Upassende"))
    anne.edit(put_note("anne-2", "Fin"))
    await bent.until(lambda: {"anne-1", "anne-2"} <= set(bent.root("notes")))
    await bent.refused({"type": "moderate.hide", "root": "notes", "id": "anne-2"}, "not_allowed")
    lead.command({"type": "moderate.hide", "root": "notes", "id": "anne-1"})
    await lead.refused({"type": "moderate.hide", "root": "zones", "id": "value"}, "invalid")
    await bent.until(lambda: "anne-1" not in bent.root("notes"))
    notes = await converged(room, anne, bent, lead)
    assert set(notes) == {"anne-2"}
    hidden = lead.last("moderation")
    assert hidden is not None
    assert [(i["id"], i["action"], i["text"]) for i in hidden["items"]] == [
        ("anne-1", "hide", "Upassende")
    ]
    assert bent.last("moderation") is None  # only the facilitator hears of hidden items

    lead.command({"type": "moderate.restore", "root": "notes", "id": "anne-1"})
    await bent.until(lambda: "anne-1" in bent.root("notes"))
    notes = await converged(room, anne, bent, lead)
    assert notes["anne-1"]["text"] == "Upassende"
    await lead.until(lambda: (lead.last("moderation") or {}).get("items") == [])
    # Still Anne's: she may change it, Bent may not.
    anne.edit(set_field("notes", "anne-1", "text", "Omformuleret"))
    await bent.undone(delete("notes", "anne-1"), "reverted")
    notes = await converged(room, anne, bent, lead)
    assert notes["anne-1"]["text"] == "Omformuleret"
    await leave_all(anne, bent, lead)


async def test_a_restore_brings_back_the_board_even_for_a_phone_offline_during_it(
    store: Store,
) -> None:
    room, _ = await room_of(store)
    anne, bent, lead = synced(room, ANNE, BENT, FACILITATOR)
    anne.edit(put_note("anne-1", "Før"))
    await lead.until(lambda: "anne-1" in lead.root("notes"))
    lead.command({"type": "snapshot.take", "label": "Runde 1"})
    await lead.until(lambda: len((lead.last("snapshots") or {}).get("items", [])) == 1)
    snapshot = lead.last("snapshots")["items"][0]  # type: ignore[index]
    assert snapshot["label"] == "Runde 1"
    assert snapshot["counts"]["notes"] == 1

    # After the snapshot: more notes, a change, a vote and a new phase.
    anne.edit(set_field("notes", "anne-1", "text", "Efter"))
    bent.edit(put_note("bent-1", "Ny"))
    lead.command({"type": "vote.start", "budget": 2, "per_note": 2, "zone": None})
    await bent.until(lambda: (bent.last("vote") or {}).get("status") == "open")
    bent.command({"type": "vote", "note": "anne-1", "delta": 1})
    await bent.until(lambda: (bent.last("vote") or {}).get("mine") == {"anne-1": 1})
    await converged(room, anne, bent, lead)
    # Bent's phone goes offline, keeping its copy (as IndexedDB would).
    offline_copy: Doc[Any] = Doc()
    offline_copy.apply_update(bent.doc.get_update())
    await bent.leave()
    lead.command({"type": "phase.set", "phase": "discuss"})
    await lead.until(lambda: (lead.last("session") or {}).get("phase") == "discuss")

    lead.command({"type": "snapshot.restore", "id": snapshot["id"]})
    await lead.until(lambda: (lead.last("session") or {}).get("phase") == "write")
    notes = await converged(room, anne, lead)
    assert set(notes) == {"anne-1"}
    assert notes["anne-1"]["text"] == "Før"
    await anne.until(lambda: (anne.last("vote") or {}).get("status") == "none")
    labels = [(s["kind"], s["label"]) for s in lead.last("snapshots")["items"]]  # type: ignore[index]
    assert ("before_restore", str(snapshot["id"])) in labels
    assert ("phase", "discuss") in labels

    # Bent's phone comes back with the newer history; the restore still wins.
    back = SyncedClient(room, BENT, doc=offline_copy)
    notes = await converged(room, anne, back, lead)
    assert set(notes) == {"anne-1"}
    assert notes["anne-1"]["text"] == "Før"
    await leave_all(anne, back, lead)


async def test_a_charter_snapshot_records_changed_wording_as_a_version(store: Store) -> None:
    room, board = await room_of(store, "charter")
    lead = SyncedClient(room, FACILITATOR)
    await lead.until(lambda: lead.last("snapshots") is not None)
    lead.command({"type": "snapshot.take", "label": "Efter runde 1"})
    await lead.until(lambda: len((lead.last("snapshots") or {}).get("items", [])) == 1)
    await asyncio.sleep(0.05)  # sleep-ok: versions are written after the snapshot message
    versions = await store.charter.versions_of(board.id)
    assert [(v["section_id"], v["kind"], v["reason"]) for v in versions] == [
        ("preamble", "snapshot", "Efter runde 1")
    ]
    lead.command({"type": "snapshot.take", "label": "Ingen ændring"})
    await lead.until(lambda: len((lead.last("snapshots") or {}).get("items", [])) == 2)
    assert len(await store.charter.versions_of(board.id)) == 1
    await lead.leave()


async def test_notes_sent_during_the_reveal_are_revealed_too(store: Store) -> None:
    room, _ = await room_of(store)
    anne, lead = synced(room, ANNE, FACILITATOR)
    lead.command({"type": "phase.set", "phase": "private"})
    await anne.until(lambda: (anne.last("session") or {}).get("phase") == "private")
    for index in range(5):
        anne.command(private_note(f"anne-early-{index}", f"Før {index}"))
    await lead.until(lambda: (lead.last("private_count") or {}).get("count") == 5)
    lead.command({"type": "private.reveal"})
    for index in range(20):  # arriving while the reveal awaits its writes
        anne.command(private_note(f"anne-late-0{index:02d}", f"Under {index}"))
    await anne.until(lambda: (anne.last("session") or {}).get("phase") == "write")
    await anne.until(lambda: len(anne.root("notes")) == 25)
    assert await store.facilitation.private_items_of(room.board_id) == []
    # In the vote phase a late note waits: the board is not open for writing.
    lead.command({"type": "phase.set", "phase": "vote"})
    await anne.until(lambda: (anne.last("session") or {}).get("phase") == "vote")
    await anne.refused(private_note("anne-later-1", "For sent"), "read_only_phase")
    assert "anne-later-1" not in room.doc.get("notes", type=Map)
    await leave_all(anne, lead)


async def test_a_restore_never_ends_anonymity_nor_names_a_proposer(store: Store) -> None:
    room, _ = await room_of(store, "charter")
    anne, lead = synced(room, ANNE, FACILITATOR)
    lead.command({"type": "snapshot.take", "label": "Navngivet"})
    await lead.until(lambda: len((lead.last("snapshots") or {}).get("items", [])) == 1)
    snapshot_id = lead.last("snapshots")["items"][0]["id"]  # type: ignore[index]
    lead.command({"type": "anonymous.set", "anonymous": True})
    lead.command({"type": "section.state", "section": "whole", "state": "agreed"})
    wording = {
        "type": "doc",
        "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Ny"}]}],
    }
    anne.command(proposal("prop-anon-1", "whole", "r", wording))
    await lead.until(lambda: "prop-anon-1" in lead.root("proposals"))
    lead.command({"type": "proposal.decide", "proposal": "prop-anon-1", "decision": "accept"})
    await anne.until(lambda: anne.root("proposals")["prop-anon-1"]["status"] == "accepted")

    lead.command({"type": "snapshot.restore", "id": snapshot_id})
    await lead.until(lambda: "prop-anon-1" not in lead.root("proposals"))
    await anne.until(lambda: (anne.last("session") or {}).get("anonymous") is True)
    assert parts_of(room).facilitation.session.state.anonymous is True
    # Turned off later, the history still names no one: the name was never kept.
    lead.command({"type": "anonymous.set", "anonymous": False})
    await anne.until(lambda: (anne.last("session") or {}).get("anonymous") is False)
    versions = await store.charter.versions_of(room.board_id)
    amendments = [v for v in versions if v["kind"] == "amendment"]
    assert [v["proposer"] for v in amendments] == [None]
    await leave_all(anne, lead)
