"""Presence never ties a person to their notes: others see pseudonyms (issue 11 §4).

Every Yjs item carries its writer's client id. If presence were keyed by the same id, the
facilitator — who sees in `/people` who is online, and on their socket which presence
entries appear as people join and leave — could tell who wrote which note on an
anonymous board. The room sends every presence entry under a random pseudonym; only its
owner gets it back under its own id.
"""

from __future__ import annotations

import json

import pytest

from server.sync import wire
from tests.support.items import put_note
from tests.support.live import LiveServer
from tests.support.liveboard import live_board
from tests.support.wsclient import RawClient
from tests.support.yproto import awareness_message

pytestmark = pytest.mark.anyio


def writers(client: RawClient) -> set[int]:
    """Return the client ids of everyone who wrote into the document a client holds."""
    decoder = wire.Decoder(client.doc.get_state())
    ids = set()
    for _ in range(decoder.read_var_uint()):
        ids.add(decoder.read_var_uint())
        decoder.read_var_uint()
    return ids


def presence_ids_seen(client: RawClient) -> set[int]:
    """Return the presence client ids a connection was sent, its own id left out."""
    return set(client.awareness) - {client.doc.client_id}


def user(name: str) -> dict[str, object]:
    return {"user": {"name": name, "color": "#2e7d32", "role": "participant"}}


async def test_no_presence_id_anyone_receives_is_a_writers_client_id(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Storledermøde", "value-map", "Anne", "Bent")
    async with board.client() as lead:
        await lead.command({"type": "anonymous.set", "anonymous": True})
        await lead.until(lambda: lead.last("session").get("anonymous") is True)
        async with board.clients("Anne", "Bent") as (phone_a, phone_b):
            for phone in (phone_a, phone_b):
                await phone.websocket.send(awareness_message(phone.doc.client_id, 1, user("")))
            # Everyone sees two participants present, as it should.
            await lead.until(lambda: len(presence_ids_seen(lead)) >= 2)
            await phone_a.until(lambda: len(presence_ids_seen(phone_a)) >= 1)
            await phone_b.until(lambda: len(presence_ids_seen(phone_b)) >= 1)
            # Each phone gets its own entry back under its own id (y-prosemirror and the
            # presence list skip themselves by it).
            await phone_a.until(lambda: phone_a.doc.client_id in phone_a.awareness)
            for phone, text in ((phone_a, "Annes idé"), (phone_b, "Bents idé")):
                key = f"note-{phone.doc.client_id}"
                await phone.edit(put_note(key, text))
            await lead.until(lambda: len(lead.root("notes")) == 2)

            # Bent re-sends Anne's entry as he received it, as y-websocket clients do, and
            # then claims it with a newer clock: it stays Anne's, unchanged.
            (anne_alias,) = presence_ids_seen(phone_b)
            await phone_b.websocket.send(awareness_message(anne_alias, 99, user("Bent som Anne")))
            marked = {**user(""), "cursor": {"marker": "after"}}
            await phone_b.websocket.send(awareness_message(phone_b.doc.client_id, 2, marked))
            await lead.until(lambda: any('"after"' in state for state in lead.awareness.values()))
            assert "Bent som Anne" not in json.dumps(lead.awareness, ensure_ascii=False)

            authors = {phone_a.doc.client_id, phone_b.doc.client_id}
            assert authors <= writers(lead)
            for watcher in (lead, phone_a, phone_b):
                seen = presence_ids_seen(watcher)
                assert seen, "presence must still reach everyone"
                assert not seen & writers(lead), "a presence id names a writer"

            # Anne's phone reconnects: a second socket takes her client id over. It is
            # greeted with her entry under the pseudonym, which must then go (it would
            # show her herself twice), while her own id comes back to her.
            async with board.client("Anne") as again:
                await again.until(lambda: anne_alias in again.awareness)
                await again.websocket.send(awareness_message(phone_a.doc.client_id, 3, user("")))
                await again.until(lambda: phone_a.doc.client_id in again.awareness)
                await again.until(lambda: again.awareness[anne_alias] == "null")
                assert not (set(again.awareness) - {phone_a.doc.client_id}) & writers(lead)
