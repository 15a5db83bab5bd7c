"""Facilitation on the server: phases, lock, timer, focus, anonymity and removal.

Every case that a participant could abuse is sent as raw Yjs updates or commands; the
server must refuse or undo it, say why, and leave every client correct.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from server.store import Store
from server.sync.connection import CLOSE_REMOVED
from tests.support.commands import SESSION_COMMANDS
from tests.support.items import put_note, set_field
from tests.support.memclient import SyncedClient, converged, leave_all, synced
from tests.support.rooms import ANNE, BENT, FACILITATOR, reopened, room_of
from tests.support.yproto import awareness_message

pytestmark = pytest.mark.anyio


def session_of(client: SyncedClient) -> dict[str, Any]:
    """Return the newest session message a client has (empty before the first)."""
    return client.last("session") or {}


def timer_of(client: SyncedClient) -> dict[str, Any]:
    return session_of(client).get("timer") or {}


async def test_only_the_facilitator_changes_the_session(store: Store) -> None:
    room, _ = await room_of(store)
    anne, lead = synced(room, ANNE, FACILITATOR)
    await anne.until(lambda: anne.last("session") is not None)
    assert session_of(anne)["phase"] == "write"
    commands = [*SESSION_COMMANDS, {"type": "participant.remove", "participant": "bent"}]
    for command in commands:
        anne.command(command)
    await anne.until(lambda: anne.notices().count("not_allowed") == len(commands))
    await lead.until(lambda: bool(session_of(lead)))
    assert session_of(anne) == session_of(lead)
    assert session_of(anne)["phase"] == "write"
    assert not session_of(anne)["locked"]
    assert (await store.people.get_participant("bent")).removed is False  # type: ignore[union-attr]
    lead.command({"type": "phase.set", "phase": "sleep"})
    lead.command({"type": "timer.start", "seconds": 0})
    lead.command({"type": "focus.set", "kind": "page", "id": "x"})
    await lead.until(lambda: lead.notices().count("invalid") == 3)
    await leave_all(anne, lead)


async def test_a_lock_undoes_participant_edits_and_hands_back_their_text(store: Store) -> None:
    room, _ = await room_of(store)
    anne, bent, lead = synced(room, ANNE, BENT, FACILITATOR)
    anne.edit(put_note("anne-1", "Før låsen"))
    await bent.until(lambda: "anne-1" in bent.root("notes"))
    lead.command({"type": "lock.set", "locked": True})
    await anne.until(lambda: session_of(anne)["locked"])

    anne.edit(put_note("anne-2", "Skrevet offline"))
    anne.edit(set_field("notes", "anne-1", "text", "Ændret"))
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
    lead.edit(put_note("lead-1", "Opsamling"))
    lead.command({"type": "lock.set", "locked": False})
    await anne.until(lambda: not session_of(anne)["locked"])
    anne.edit(put_note("anne-3", "Igen"))
    notes = await converged(room, anne, bent, lead)
    assert set(notes) == {"anne-1", "lead-1", "anne-3"}
    assert lead.notices() == []
    await leave_all(anne, bent, lead)


async def test_phases_decide_what_participants_may_do(store: Store) -> None:
    room, _ = await room_of(store)
    anne, lead = synced(room, ANNE, FACILITATOR)
    anne.edit(put_note("anne-1", "Idé"))
    await lead.until(lambda: "anne-1" in lead.root("notes"))
    lead.command({"type": "vote.start", "budget": 3, "per_note": 3, "zone": None})
    lead.command({"type": "phase.set", "phase": "vote"})
    await anne.until(lambda: session_of(anne)["phase"] == "vote")
    anne.command({"type": "vote", "note": "anne-1", "delta": 1})
    await anne.until(lambda: (anne.last("vote") or {}).get("mine") == {"anne-1": 1})
    await anne.undone(put_note("anne-2", "For sent"), "read_only_phase")

    lead.command({"type": "phase.set", "phase": "discuss"})
    await anne.until(lambda: session_of(anne)["phase"] == "discuss")
    anne.command({"type": "vote", "note": "anne-1", "delta": 1})
    await anne.until(lambda: anne.notices().count("read_only_phase") == 2)
    assert (anne.last("vote") or {}).get("mine") == {"anne-1": 1}
    notes = await converged(room, anne, lead)
    assert set(notes) == {"anne-1"}
    await leave_all(anne, lead)


async def test_a_phone_joining_while_the_phase_changes_gets_the_newer_phase(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    room, _ = await room_of(store)
    (lead,) = synced(room, FACILITATOR)
    await lead.until(lambda: lead.last("session") is not None)
    # Hold Anne's greeting at its store read (her table and group) while the phase changes.
    reading, go_on = asyncio.Event(), asyncio.Event()
    read_participant = store.people.get_participant

    async def slow_read(participant_id: str) -> Any:
        reading.set()
        await go_on.wait()
        return await read_participant(participant_id)

    monkeypatch.setattr(store.people, "get_participant", slow_read)
    (anne,) = synced(room, ANNE)
    async with asyncio.timeout(5):
        await reading.wait()
    lead.command({"type": "phase.set", "phase": "private"})
    await lead.until(lambda: session_of(lead).get("phase") == "private")
    go_on.set()
    await anne.until(lambda: anne.last("own") is not None)  # her greeting is complete
    assert session_of(anne)["phase"] == "private"
    await leave_all(anne, lead)


async def test_the_timer_sends_time_remaining_and_can_lock_at_the_end(store: Store) -> None:
    room, board = await room_of(store)
    anne, lead = synced(room, ANNE, FACILITATOR)
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
    saved = await store.facilitation.session_of(board.id)
    assert saved is not None
    assert json.loads(saved)["locked"] is True
    await leave_all(anne, late, lead)


async def test_focus_brings_everyone_to_a_target(store: Store) -> None:
    room, _ = await room_of(store)
    anne, lead = synced(room, ANNE, FACILITATOR)
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
    await leave_all(anne, lead)


async def test_an_anonymous_board_strips_names_from_presence(store: Store) -> None:
    room, _ = await room_of(store)
    anne, bent, lead = synced(room, ANNE, BENT, FACILITATOR)
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
    anne.edit(put_note("anne-1", "Navngivet"))
    await lead.until(lambda: "anne-1" in lead.root("notes"))
    await asyncio.sleep(0.05)  # sleep-ok: authorship is recorded right after the update
    await lead.refused({"type": "anonymous.set", "anonymous": True}, "anonymous_too_late")
    await leave_all(anne, bent, newcomer, lead)


async def test_a_removed_participant_is_closed_at_once(store: Store) -> None:
    room, _ = await room_of(store)
    anne, again, lead = synced(room, ANNE, ANNE, FACILITATOR)
    await anne.until(lambda: anne.last("session") is not None)
    lead.command({"type": "participant.remove", "participant": "anne"})
    for connection in (anne, again):
        code, _ = await asyncio.wait_for(connection.channel.closed, 5)
        assert code == CLOSE_REMOVED
    participant = await store.people.get_participant("anne")
    assert participant is not None
    assert participant.removed
    await lead.refused({"type": "participant.remove", "participant": "nobody"}, "invalid")
    await lead.leave()


async def test_the_session_survives_a_reload(store: Store) -> None:
    room, board = await room_of(store, "charter")
    lead = SyncedClient(room, FACILITATOR)
    lead.command({"type": "phase.set", "phase": "discuss"})
    lead.command({"type": "focus.set", "kind": "section", "id": "across"})
    await lead.until(lambda: (session_of(lead).get("focus") or {}).get("id") == "across")
    await lead.leave()
    room.stop_observing()
    again = await reopened(store, board, "charter")
    anne = SyncedClient(again, ANNE)
    await anne.until(lambda: anne.last("session") is not None)
    assert session_of(anne)["phase"] == "discuss"
    assert session_of(anne)["focus"]["id"] == "across"
    await anne.leave()
