"""The facilitation trust model on a real server, against a modified client.

Everything here is sent over a real websocket with a participant's token, as raw Yjs
updates and commands no honest client would send; the server must refuse or undo each,
say why, and keep private notes and anonymous authors out of the data the others get.
"""

from __future__ import annotations

import json

import pytest

from tests.support.commands import SESSION_COMMANDS
from tests.support.items import put_note
from tests.support.live import LiveServer
from tests.support.liveboard import LEAD, live_board
from tests.support.wsclient import RawClient
from tests.support.yproto import awareness_message

pytestmark = pytest.mark.anyio


def everything_received(client: RawClient) -> str:
    """All a client was sent: its document's notes, presence and every Tavle message."""
    return json.dumps([client.root("notes"), client.awareness, client.messages], ensure_ascii=False)


async def test_a_participant_cannot_run_the_session_or_edit_while_locked(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Storledermøde", "value-map", "Anne", "Mallory")
    async with board.clients(LEAD, "Anne", "Mallory") as (lead, honest, cheat):
        commands = [
            *SESSION_COMMANDS,
            {"type": "private.reveal"},
            {"type": "snapshot.take", "label": "x"},
            {"type": "snapshot.restore", "id": 1},
            {"type": "moderate.hide", "root": "notes", "id": "x"},
            {"type": "participant.remove", "participant": board.people["Anne"]["participant_id"]},
        ]
        for command in commands:
            await cheat.command(command)
        await cheat.until(lambda: cheat.notices().count("not_allowed") == len(commands))
        session = honest.last("session")
        assert session["phase"] == "write"
        assert session["locked"] is False
        assert session["timer"] is None
        assert session["focus"] is None
        assert session["joining_open"] is True

        # Locked: an edit made offline before the lock comes back with its text.
        await lead.command({"type": "lock.set", "locked": True})
        await cheat.until(lambda: cheat.last("session").get("locked") is True)
        await cheat.undone(put_note("mal-0001", "Snyd"), "read_only_locked")
        notice = next(m for m in cheat.messages if m.get("code") == "read_only_locked")
        assert notice["texts"] == ["Snyd"]
        await cheat.until(lambda: "mal-0001" not in cheat.root("notes"))
        assert "Snyd" not in json.dumps(honest.root("notes"), ensure_ascii=False)

        # Discuss is read-only for participants even when unlocked.
        await lead.command({"type": "lock.set", "locked": False})
        await lead.command({"type": "phase.set", "phase": "discuss"})
        await cheat.until(lambda: cheat.last("session").get("phase") == "discuss")
        await cheat.undone(put_note("mal-0002", "Igen"), "read_only_phase")
        await honest.until(lambda: honest.last("session").get("phase") == "discuss")
        await lead.until(lambda: "mal-0002" not in lead.root("notes"))
        assert "mal-0002" not in honest.root("notes")


async def test_private_notes_and_anonymous_authors_stay_out_of_others_data(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Storledermøde", "value-map", "Anne", "Mallory")
    async with board.clients(LEAD, "Anne", "Mallory") as (lead, honest, cheat):
        await lead.command({"type": "anonymous.set", "anonymous": True})
        await lead.command({"type": "phase.set", "phase": "private"})
        await cheat.until(lambda: cheat.last("session").get("phase") == "private")
        assert cheat.last("session")["anonymous"] is True
        # Anne announces herself with her name; nobody else may learn it from presence.
        await honest.websocket.send(
            awareness_message(
                honest.doc.client_id,
                1,
                {"user": {"name": "Anne Andersen", "color": "#b3261e", "role": "participant"}},
            )
        )
        fields = {"text": "Anne tænker højt", "zone": "value", "color": "pink"}
        await honest.command({"type": "private.put", "id": "anne-priv-01", "fields": fields})
        await honest.until(lambda: "anne-priv-01" in honest.last("private").get("items", {}))
        # Mallory tries to read it, overwrite it and delete it.
        await cheat.command(
            {"type": "private.put", "id": "anne-priv-01", "fields": {**fields, "text": "Taget"}}
        )
        await cheat.command({"type": "private.delete", "id": "anne-priv-01"})
        await cheat.until(lambda: cheat.notices().count("not_allowed") == 2)
        await lead.until(lambda: lead.last("private_count").get("count") == 1)
        assert "Anne tænker højt" not in everything_received(cheat)
        assert "Anne tænker højt" not in everything_received(lead)

        # Presence reaches Mallory under a pseudonym (tests/security/test_security_presence.py).
        await cheat.until(lambda: len(cheat.awareness) == 1)
        (anne_alias,) = cheat.awareness
        await lead.command({"type": "private.reveal"})
        await cheat.until(lambda: "anne-priv-01" in cheat.root("notes"))
        assert cheat.root("notes")["anne-priv-01"]["text"] == "Anne tænker højt"
        # Presence and everything else Mallory received hold no author's name.
        assert "Anne Andersen" not in everything_received(cheat)
        assert json.loads(cheat.awareness[anne_alias])["user"]["color"] == "#b3261e"
        assert "Anne" not in json.dumps(cheat.root("notes"), ensure_ascii=False).replace(
            "Anne tænker", ""
        )
