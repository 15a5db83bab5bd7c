"""The room with in-memory channels: sync, presence, backpressure, bad input, saving."""

from __future__ import annotations

import asyncio
import json

import pytest
from pycrdt import Doc, Map

from boards.engines import ENGINES
from server.parts import board_room
from server.store import Board, Store
from server.sync import wire
from server.sync.connection import CLOSE_POLICY, CLOSE_TOO_BIG, CLOSE_TRY_AGAIN, Identity
from server.sync.room import Room
from server.sync.wire import AwarenessEntry
from tests.support.channels import MemoryChannel
from tests.support.yproto import awareness_message, create_sync_message, create_update_message, read

pytestmark = pytest.mark.anyio

ALICE = Identity(role="participant", participant_id="alice")
BOB = Identity(role="participant", participant_id="bob")
TIMEOUT_S = 5


async def next_of(channel: MemoryChannel, kind: str) -> object:
    """Return the payload of the next message of a kind, skipping others."""
    async with asyncio.timeout(TIMEOUT_S):
        while True:
            got, payload = read(await channel.sent.get())
            if got == kind:
                return payload


async def next_tavle(channel: MemoryChannel, message_type: str) -> dict[str, object]:
    """Return the next Tavle message of a type, skipping others."""
    while True:
        message = await next_of(channel, "tavle")
        assert isinstance(message, dict)
        if message["type"] == message_type:
            return message


async def open_room(store: Store, board: Board, **options: int) -> Room:
    room = board_room(board.id, store, ENGINES["notes"], **options)
    await room.load()
    return room


class Client:
    """A Yjs client on a memory channel."""

    def __init__(self, room: Room, identity: Identity, *, slow: bool = False) -> None:
        self.doc: Doc = Doc()
        self.channel = MemoryChannel(slow=slow)
        self.task = asyncio.create_task(room.serve(self.channel, identity))

    async def sync(self) -> None:
        self.channel.push(create_sync_message(self.doc))
        step2 = await next_of(self.channel, "sync-step2")
        assert isinstance(step2, bytes)
        self.doc.apply_update(step2)

    def add_note(self, note_id: str, text: str) -> None:
        updates: list[bytes] = []
        subscription = self.doc.observe(lambda event: updates.append(event.update))
        self.doc.get("notes", type=Map)[note_id] = Map({"text": text, "created": 1.0})
        self.doc.unobserve(subscription)
        self.channel.push(create_update_message(updates[0]))

    async def receive_update(self) -> None:
        update = await next_of(self.channel, "update")
        assert isinstance(update, bytes)
        self.doc.apply_update(update)

    def notes(self) -> dict[str, str]:
        return {key: note["text"] for key, note in self.doc.get("notes", type=Map).items()}

    async def leave(self) -> None:
        self.channel.hang_up()
        await asyncio.wait_for(self.task, TIMEOUT_S)


async def test_two_clients_converge_and_updates_are_not_echoed(store: Store, board: Board) -> None:
    room = await open_room(store, board)
    alice, bob = Client(room, ALICE), Client(room, BOB)
    await alice.sync()
    await bob.sync()

    alice.add_note("note-1", "Borgeren i centrum")
    await bob.receive_update()
    assert bob.notes() == {"note-1": "Borgeren i centrum"}
    bob.add_note("note-2", "Frivillige")
    await alice.receive_update()
    assert alice.notes() == bob.notes() == {"note-1": "Borgeren i centrum", "note-2": "Frivillige"}
    # Neither got their own update back: the only update each received was the other's.
    assert all(read(m)[0] != "update" for m in alice.channel.drain() + bob.channel.drain())
    await alice.leave()
    await bob.leave()


async def test_what_a_client_sent_just_before_leaving_is_kept(store: Store, board: Board) -> None:
    room = await open_room(store, board)
    phone = Client(room, ALICE)
    for index in range(10):
        phone.add_note(f"n{index}", "skrevet lige før lukning")
    phone.channel.hang_up()  # closes at once: sends to it fail from now on
    await asyncio.wait_for(phone.task, TIMEOUT_S)
    assert len(room.doc.get("notes", type=Map)) == 10


async def test_new_client_gets_existing_content_in_step2(store: Store, board: Board) -> None:
    room = await open_room(store, board)
    alice = Client(room, ALICE)
    await alice.sync()
    alice.add_note("n1", "Først")
    late = Client(room, BOB)
    await late.sync()
    assert late.notes() == {"n1": "Først"}


async def test_slow_client_is_closed_and_room_carries_on(store: Store, board: Board) -> None:
    room = await open_room(store, board, outbox_size=6)
    alice = Client(room, ALICE)
    slow = Client(room, BOB, slow=True)  # its socket never drains
    await alice.sync()
    notes = room.doc.get("notes", type=Map)
    for index in range(10):
        alice.add_note(f"n{index}", "tekst")
        # One message each: updates applied while a commit is in flight would share one.
        await asyncio.wait_for(_until(lambda count=index + 1: len(notes) == count), TIMEOUT_S)
        await room.fanout.stored()
    code, _ = await asyncio.wait_for(slow.channel.closed, TIMEOUT_S)
    assert code == CLOSE_TRY_AGAIN
    assert [c.identity for c in room.connections.values()] == [ALICE]
    await asyncio.wait_for(_until(lambda: len(room.doc.get("notes", type=Map)) == 10), TIMEOUT_S)
    fresh = Client(room, BOB)
    await fresh.sync()
    assert len(fresh.notes()) == 10


async def test_malformed_message_closes_only_its_connection(store: Store, board: Board) -> None:
    room = await open_room(store, board)
    alice, mallory = Client(room, ALICE), Client(room, BOB)
    await alice.sync()
    await mallory.sync()
    mallory.channel.push(b"\x00\x02\x40\x01\x02")  # an update declaring 64 bytes, holding 2
    code, reason = await asyncio.wait_for(mallory.channel.closed, TIMEOUT_S)
    assert code == CLOSE_POLICY
    assert "malformed" in reason
    alice.add_note("n1", "stadig her")
    late = Client(room, BOB)
    await late.sync()
    assert late.notes() == {"n1": "stadig her"}


@pytest.mark.parametrize(
    "message",
    [
        b"",  # nothing at all
        b"\x07",  # unknown message type
        b"\x00\x09\x00",  # unknown sync step
        b"\x00\x02\x05garbage",  # an update that is not a Yjs update
        b"\x01\x03\x01\x05",  # awareness entry cut short
        b"\x00\x00\x01\x00trailing",  # bytes after the message
    ],
)
async def test_each_kind_of_malformed_message_gets_1008(
    store: Store, board: Board, message: bytes
) -> None:
    room = await open_room(store, board)
    client = Client(room, ALICE)
    client.channel.push(message)
    code, _ = await asyncio.wait_for(client.channel.closed, TIMEOUT_S)
    assert code == CLOSE_POLICY
    assert room.doc.get("notes", type=Map).to_py() in ({}, None)


async def test_oversized_message_gets_1009(store: Store, board: Board) -> None:
    room = await open_room(store, board, max_message_bytes=2048)
    client = Client(room, ALICE)
    client.channel.push(b"\x00\x02" + b"\x00" * 4096)
    code, _ = await asyncio.wait_for(client.channel.closed, TIMEOUT_S)
    assert code == CLOSE_TOO_BIG


async def test_presence_is_echoed_and_removed_when_connection_drops(
    store: Store, board: Board
) -> None:
    room = await open_room(store, board)
    alice, bob = Client(room, ALICE), Client(room, BOB)
    alice.channel.push(
        awareness_message(111, 0, {"user": {"name": "Alice", "role": "participant"}})
    )
    echoed = await next_of(alice.channel, "awareness")
    seen = await next_of(bob.channel, "awareness")
    assert echoed == [AwarenessEntry(111, 0, '{"user": {"name": "Alice", "role": "participant"}}')]
    # Others know Alice's client by a pseudonym, never by the id her edits carry.
    alias = room.presence.alias_of(111)
    assert alias is not None
    assert alias != 111
    assert seen == [AwarenessEntry(alias, 0, '{"user": {"name": "Alice", "role": "participant"}}')]
    await alice.leave()
    removal = await next_of(bob.channel, "awareness")
    assert isinstance(removal, list)
    assert [(e.client_id, e.removed) for e in removal] == [(alias, True)]
    assert room.presence.states() == {}


async def test_presence_of_others_re_sent_by_a_client_is_not_relayed(
    store: Store, board: Board
) -> None:
    room = await open_room(store, board)
    alice, bob = Client(room, ALICE), Client(room, BOB)
    alice.channel.push(awareness_message(111, 0, {"user": {"name": "Alice"}}))
    await next_of(bob.channel, "awareness")
    bob.channel.push(awareness_message(222, 0, {"user": {"name": "Bob"}}))
    await next_of(alice.channel, "awareness")
    # Bob's client re-sends Alice's state (y-websocket does this), even with a newer clock.
    bob.channel.push(awareness_message(111, 5, {"user": {"name": "Mallory"}}))
    # ...and the entry as he received it, under its pseudonym.
    alias = room.presence.alias_of(111)
    assert alias is not None
    bob.channel.push(awareness_message(alias, 6, {"user": {"name": "Mallory"}}))
    bob.channel.push(awareness_message(222, 1, {"user": {"name": "Bob"}, "cursor": 1}))
    entries = await next_of(alice.channel, "awareness")
    assert isinstance(entries, list)
    assert [e.client_id for e in entries] == [room.presence.alias_of(222)]
    assert '"Alice"' in room.presence.states()[111]
    assert set(room.presence.states()) == {111, 222}


async def test_same_participant_reconnecting_takes_over_its_presence(
    store: Store, board: Board
) -> None:
    room = await open_room(store, board)
    old, watcher = Client(room, ALICE), Client(room, BOB)
    old.channel.push(awareness_message(111, 3, {"user": {"name": "Alice"}}))
    await next_of(watcher.channel, "awareness")
    new = Client(room, ALICE)  # the phone reconnects before the old socket is noticed dead
    new.channel.push(awareness_message(111, 3, {"user": {"name": "Alice"}}))
    await next_of(watcher.channel, "awareness")
    await old.leave()  # the old socket finally closes: Alice must stay present
    await asyncio.sleep(0.05)  # sleep-ok: proving that no removal arrives needs a pause
    assert all(read(m)[0] != "awareness" for m in watcher.channel.drain())
    assert 111 in room.presence.states()


async def test_authorship_is_recorded_by_connection_and_told_only_to_the_author(
    store: Store, board: Board
) -> None:
    room = await open_room(store, board)
    alice, bob = Client(room, ALICE), Client(room, BOB)
    assert await next_of(alice.channel, "tavle") == {
        "type": "hello",
        "role": "participant",
        "participant": "alice",
        "board": board.id,
    }
    session = await next_tavle(alice.channel, "session")
    assert session["phase"] == "write"
    assert await next_tavle(alice.channel, "own") == {"type": "own", "items": [], "replace": True}
    await alice.sync()
    await bob.sync()
    alice.add_note("note-a", "min")
    assert await next_tavle(alice.channel, "own") == {
        "type": "own",
        "items": ["note-a"],
        "replace": False,
    }
    await bob.receive_update()
    assert all(read(m)[0] != "tavle" or read(m)[1]["items"] == [] for m in bob.channel.drain())  # type: ignore[index]
    assert await store.people.items_of(board.id, "alice", "participant") == ["note-a"]
    assert await store.people.items_of(board.id, "bob", "participant") == []
    # A later connection of Alice's learns her items at once.
    again = Client(room, ALICE)
    assert await next_tavle(again.channel, "own") == {
        "type": "own",
        "items": ["note-a"],
        "replace": True,
    }
    assert "alice" not in str(room.doc.get("notes", type=Map).to_py())


async def test_edits_are_saved_and_load_into_a_new_room(store: Store, board: Board) -> None:
    room = await open_room(store, board)
    alice = Client(room, ALICE)
    await alice.sync()
    alice.add_note("n1", "gemt")
    await asyncio.wait_for(_until(lambda: "n1" in room.doc.get("notes", type=Map)), TIMEOUT_S)
    await store.boards.flush()
    reloaded = await open_room(store, board)
    assert reloaded.doc.get("notes", type=Map)["n1"]["text"] == "gemt"
    await room.compact()
    compacted = await open_room(store, board)
    assert compacted.doc.get("notes", type=Map).to_py() == room.doc.get("notes", type=Map).to_py()
    assert (await store.boards.count_rows(board.id))["updates"] == 0


async def _until(predicate: object) -> None:
    assert callable(predicate)
    while not predicate():
        await asyncio.sleep(0.01)  # sleep-ok: polling an in-memory condition


async def test_an_echoed_presence_update_is_dropped_unread(
    store: Store, board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = await open_room(store, board)
    alice, bob = Client(room, ALICE), Client(room, BOB)
    bob.channel.push(awareness_message(222, 1, {"user": {"name": "Bob"}}))
    alice.channel.push(awareness_message(111, 1, {"user": {"name": "Alice"}}))
    async with asyncio.timeout(TIMEOUT_S):
        while read(sent := await bob.channel.sent.get())[0] != "awareness":
            pass
    parsed: list[bytes] = []
    real_parse = wire.parse_awareness
    monkeypatch.setattr(wire, "parse_awareness", lambda u: parsed.append(u) or real_parse(u))
    # Bob's client sends back, byte for byte, what it was sent (as y-websocket does).
    bob.channel.push(sent)
    bob.channel.push(awareness_message(222, 2, {"user": {"name": "Bob"}, "cursor": 1}))
    await next_of(alice.channel, "awareness")  # Bob's own change still goes out
    assert len(parsed) == 1  # only the change was read, not the echo
    assert json.loads(room.presence.states()[111])["user"]["name"] == "Alice"
