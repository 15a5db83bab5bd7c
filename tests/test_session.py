"""Facilitation on the server: phases, lock, timer, focus, anonymity and removal.

Every case that a participant could abuse is sent as raw Yjs updates or commands; the
server must refuse or undo it, say why, and leave every client correct.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from pycrdt import Map

import boards
from server.store import Store
from server.sync.room import CLOSE_REMOVED, Room
from tests.support.memclient import SyncedClient, converged
from tests.support.rooms import ANNE, BENT, FACILITATOR, room_of
from tests.support.yproto import awareness_message

pytestmark = pytest.mark.anyio


def note(text: str) -> Map[Any]:
    return Map({"text": text, "zone": "value", "order": "a0", "color": "yellow", "created": 1.0})


def session_of(client: SyncedClient) -> dict[str, Any]:
    """Return the newest session message a client has (empty before the first)."""
    return client.last("session") or {}


def timer_of(client: SyncedClient) -> dict[str, Any]:
    return session_of(client).get("timer") or {}


async def test_only_the_facilitator_changes_the_session(store: Store) -> None:
    room, _ = await room_of(store)
    anne, lead = SyncedClient(room, ANNE), SyncedClient(room, FACILITATOR)
    await anne.until(lambda: anne.last("session") is not None)
    assert session_of(anne)["phase"] == "write"
    for command in (
        {"type": "phase.set", "phase": "discuss"},
        {"type": "lock.set", "locked": True},
        {"type": "timer.start", "seconds": 60},
        {"type": "anonymous.set", "anonymous": True},
        {"type": "focus.set", "kind": "zone", "id": "value"},
        {"type": "joining.set", "open": False},
        {"type": "participant.remove", "participant": "bent"},
    ):
        anne.command(command)
    await anne.until(lambda: anne.notices().count("not_allowed") == 7)
    await lead.until(lambda: bool(session_of(lead)))
    assert session_of(anne) == session_of(lead)
    assert session_of(anne)["phase"] == "write"
    assert not session_of(anne)["locked"]
    assert (await store.get_participant("bent")).removed is False  # type: ignore[union-attr]
    lead.command({"type": "phase.set", "phase": "sleep"})
    lead.command({"type": "timer.start", "seconds": 0})
    lead.command({"type": "focus.set", "kind": "page", "id": "x"})
    await lead.until(lambda: lead.notices().count("invalid") == 3)
    await anne.leave()
    await lead.leave()


async def test_a_lock_undoes_participant_edits_and_hands_back_their_text(store: Store) -> None:
    room, _ = await room_of(store)
    anne, bent, lead = (
        SyncedClient(room, ANNE),
        SyncedClient(room, BENT),
        SyncedClient(room, FACILITATOR),
    )
    anne.edit(lambda doc: doc.get("notes", type=Map).__setitem__("anne-1", note("Før låsen")))
    await bent.until(lambda: "anne-1" in bent.root("notes"))
    lead.command({"type": "lock.set", "locked": True})
    await anne.until(lambda: session_of(anne)["locked"])

    anne.edit(lambda doc: doc.get("notes", type=Map).__setitem__("anne-2", note("Skrevet offline")))
    anne.edit(lambda doc: doc.get("notes", type=Map)["anne-1"].__setitem__("text", "Ændret"))
    await anne.until(lambda: anne.notices().count("read_only_locked") == 2)
    notices = [m for m in anne.messages if m.get("code") == "read_only_locked"]
    assert notices[0]["texts"] == ["Skrevet offline"]
    assert notices[1]["texts"] == ["Ændret"]
    assert "låst" in notices[0]["message"]
    anne.command({"type": "vote", "note": "anne-1", "delta": 1})
    await anne.until(lambda: anne.notices().count("read_only_locked") == 3)
    notes = await converged(room, anne, bent, lead)
    assert set(notes) == {"anne-1"}
    assert notes["anne-1"]["text"] == "Før låsen"

    # The facilitator still edits; unlocked, participants write again.
    lead.edit(lambda doc: doc.get("notes", type=Map).__setitem__("lead-1", note("Opsamling")))
    lead.command({"type": "lock.set", "locked": False})
    await anne.until(lambda: not session_of(anne)["locked"])
    anne.edit(lambda doc: doc.get("notes", type=Map).__setitem__("anne-3", note("Igen")))
    notes = await converged(room, anne, bent, lead)
    assert set(notes) == {"anne-1", "lead-1", "anne-3"}
    assert lead.notices() == []
    for client in (anne, bent, lead):
        await client.leave()


async def test_phases_decide_what_participants_may_do(store: Store) -> None:
    room, _ = await room_of(store)
    anne, lead = SyncedClient(room, ANNE), SyncedClient(room, FACILITATOR)
    anne.edit(lambda doc: doc.get("notes", type=Map).__setitem__("anne-1", note("Idé")))
    await lead.until(lambda: "anne-1" in lead.root("notes"))
    lead.command({"type": "vote.start", "budget": 3, "per_note": 3, "zone": None})
    lead.command({"type": "phase.set", "phase": "vote"})
    await anne.until(lambda: session_of(anne)["phase"] == "vote")
    anne.command({"type": "vote", "note": "anne-1", "delta": 1})
    await anne.until(lambda: (anne.last("vote") or {}).get("mine") == {"anne-1": 1})
    anne.edit(lambda doc: doc.get("notes", type=Map).__setitem__("anne-2", note("For sent")))
    await anne.until(lambda: "read_only_phase" in anne.notices())

    lead.command({"type": "phase.set", "phase": "discuss"})
    await anne.until(lambda: session_of(anne)["phase"] == "discuss")
    anne.command({"type": "vote", "note": "anne-1", "delta": 1})
    await anne.until(lambda: anne.notices().count("read_only_phase") == 2)
    assert (anne.last("vote") or {}).get("mine") == {"anne-1": 1}
    notes = await converged(room, anne, lead)
    assert set(notes) == {"anne-1"}
    await anne.leave()
    await lead.leave()


async def test_the_timer_sends_time_remaining_and_can_lock_at_the_end(store: Store) -> None:
    room, board = await room_of(store)
    anne, lead = SyncedClient(room, ANNE), SyncedClient(room, FACILITATOR)
    lead.command({"type": "timer.start", "seconds": 300})
    await anne.until(lambda: timer_of(anne).get("running") is True)
    timer = session_of(anne)["timer"]
    assert 298_000 <= timer["remaining_ms"] <= 300_000
    assert timer["duration_ms"] == 300_000
    lead.command({"type": "timer.pause"})
    await anne.until(lambda: timer_of(anne).get("running") is False)
    paused = session_of(anne)["timer"]["remaining_ms"]
    assert 298_000 <= paused <= 300_000
    # A newcomer hears the same remaining time, counted by the server, not a clock time.
    late = SyncedClient(room, BENT)
    await late.until(lambda: late.last("session") is not None)
    assert session_of(late)["timer"]["remaining_ms"] == paused

    lead.command({"type": "timer.start", "seconds": 1, "lock_at_end": True})
    await anne.until(lambda: timer_of(anne).get("ended") is True)
    ended = session_of(anne)
    assert ended["locked"] is True
    assert ended["timer"]["remaining_ms"] == 0
    saved = await store.session_of(board.id)
    assert saved is not None
    assert json.loads(saved)["locked"] is True
    for client in (anne, late, lead):
        await client.leave()


async def test_focus_brings_everyone_to_a_target(store: Store) -> None:
    room, _ = await room_of(store)
    anne, lead = SyncedClient(room, ANNE), SyncedClient(room, FACILITATOR)
    lead.command({"type": "focus.set", "kind": "zone", "id": "value"})
    await anne.until(lambda: session_of(anne).get("focus") is not None)
    first = session_of(anne)["focus"]
    assert first["kind"] == "zone"
    assert first["id"] == "value"
    lead.command({"type": "focus.set", "kind": "zone", "id": "value"})
    # The same target again is a new call to come here: the sequence number moves on.
    await anne.until(lambda: session_of(anne)["focus"]["seq"] == first["seq"] + 1)
    lead.command({"type": "focus.clear"})
    await anne.until(lambda: session_of(anne)["focus"] is None)
    await anne.leave()
    await lead.leave()


async def test_an_anonymous_board_strips_names_from_presence(store: Store) -> None:
    room, _ = await room_of(store)
    anne, bent, lead = (
        SyncedClient(room, ANNE),
        SyncedClient(room, BENT),
        SyncedClient(room, FACILITATOR),
    )
    state = {"user": {"name": "Anne", "color": "#b3261e", "role": "participant"}}
    anne.channel.push(awareness_message(4242, 1, state))
    await bent.until(lambda: "Anne" in json.dumps(room.presence.states()))
    lead.command({"type": "anonymous.set", "anonymous": True})
    await bent.until(lambda: session_of(bent)["anonymous"] is True)
    assert "Anne" not in json.dumps(room.presence.states())
    anne.channel.push(awareness_message(4242, 2, {**state, "cursor": None}))
    newcomer = SyncedClient(room, BENT)
    await newcomer.until(lambda: newcomer.last("session") is not None)
    await asyncio.sleep(0.05)  # sleep-ok: nothing is sent when nothing changes
    assert "Anne" not in json.dumps(room.presence.states())
    assert json.loads(room.presence.states()[4242])["user"]["color"] == "#b3261e"

    # Once someone has written, anonymity can no longer be switched on afresh.
    lead.command({"type": "anonymous.set", "anonymous": False})
    await bent.until(lambda: session_of(bent)["anonymous"] is False)
    anne.edit(lambda doc: doc.get("notes", type=Map).__setitem__("anne-1", note("Navngivet")))
    await lead.until(lambda: "anne-1" in lead.root("notes"))
    await asyncio.sleep(0.05)  # sleep-ok: authorship is recorded right after the update
    lead.command({"type": "anonymous.set", "anonymous": True})
    await lead.until(lambda: "anonymous_too_late" in lead.notices())
    for client in (anne, bent, newcomer, lead):
        await client.leave()


async def test_a_removed_participant_is_closed_at_once(store: Store) -> None:
    room, _ = await room_of(store)
    anne, again, lead = (
        SyncedClient(room, ANNE),
        SyncedClient(room, ANNE),
        SyncedClient(room, FACILITATOR),
    )
    await anne.until(lambda: anne.last("session") is not None)
    lead.command({"type": "participant.remove", "participant": "anne"})
    for connection in (anne, again):
        code, _ = await asyncio.wait_for(connection.channel.closed, 5)
        assert code == CLOSE_REMOVED
    participant = await store.get_participant("anne")
    assert participant is not None
    assert participant.removed
    lead.command({"type": "participant.remove", "participant": "nobody"})
    await lead.until(lambda: "invalid" in lead.notices())
    await lead.leave()


async def test_the_session_survives_a_reload(store: Store) -> None:
    room, board = await room_of(store, "charter")
    lead = SyncedClient(room, FACILITATOR)
    lead.command({"type": "phase.set", "phase": "discuss"})
    lead.command({"type": "focus.set", "kind": "section", "id": "across"})
    await lead.until(lambda: (session_of(lead).get("focus") or {}).get("id") == "across")
    await lead.leave()
    room.stop_observing()
    kind = boards.get_kind("charter")
    assert kind is not None
    again = Room(board.id, store, engine=kind.engine)
    await again.load()
    anne = SyncedClient(again, ANNE)
    await anne.until(lambda: anne.last("session") is not None)
    assert session_of(anne)["phase"] == "discuss"
    assert session_of(anne)["focus"]["id"] == "across"
    await anne.leave()
