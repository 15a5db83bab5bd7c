"""The fan-out: one encoding per batch, no echo to the origin, latest presence wins."""

from __future__ import annotations

import asyncio

import pytest
from pycrdt import Doc, Map

from server.sync.fanout import Fanout
from server.sync.presence import PresenceChange
from server.sync.wire import AwarenessEntry
from tests.support.yproto import read

pytestmark = pytest.mark.anyio


class Receiver:
    relayed = False

    def __init__(self, receiver_id: int) -> None:
        self.id = receiver_id
        self.messages: list[bytes] = []

    def send(self, message: bytes) -> None:
        self.messages.append(message)


def edit(key: str) -> bytes:
    doc: Doc = Doc()
    updates: list[bytes] = []
    doc.observe(lambda event: updates.append(event.update))
    doc.get("m", type=Map)[key] = key
    return updates[0]


def keys_in(message: bytes) -> set[str]:
    kind, payload = read(message)
    assert kind == "update"
    assert isinstance(payload, bytes)
    doc: Doc = Doc()
    doc.apply_update(payload)
    return set(doc.get("m", type=Map).keys())


async def test_a_burst_goes_out_as_one_merged_message_without_echo() -> None:
    receivers = {i: Receiver(i) for i in (1, 2, 3)}
    fanout = Fanout(receivers, window_s=0.05)
    fanout.update(None, edit("first"))  # a quiet room: flushed in this turn
    await asyncio.sleep(0)  # sleep-ok: let call_soon run
    fanout.update(1, edit("a"))
    fanout.update(2, edit("b"))
    fanout.update(1, edit("c"))
    async with asyncio.timeout(2):
        while len(receivers[3].messages) < 2:
            await asyncio.sleep(0.005)  # sleep-ok: waiting out the window
    assert [keys_in(m) for m in receivers[3].messages] == [{"first"}, {"a", "b", "c"}]
    assert [keys_in(m) for m in receivers[1].messages] == [{"first"}, {"b"}]
    assert [keys_in(m) for m in receivers[2].messages] == [{"first"}, {"a", "c"}]
    assert fanout.messages_sent == 6


async def test_presence_keeps_the_latest_entry_per_client() -> None:
    receivers = {1: Receiver(1)}
    fanout = Fanout(receivers, window_s=0.05)
    fanout.awareness(
        [
            PresenceChange(AwarenessEntry(7, 1, '{"x":1}')),
            PresenceChange(AwarenessEntry(8, 1, "{}")),
        ]
    )
    fanout.awareness([PresenceChange(AwarenessEntry(7, 2, '{"x":2}'))])
    fanout.flush()
    kind, entries = read(receivers[1].messages[0])
    assert kind == "awareness"
    assert entries == [AwarenessEntry(7, 2, '{"x":2}'), AwarenessEntry(8, 1, "{}")]


async def test_an_owner_gets_its_renumbered_entry_back_at_its_own_clock() -> None:
    receivers = {1: Receiver(1), 2: Receiver(2)}
    fanout = Fanout(receivers, window_s=0.05)
    # Others know client 77 by its pseudonym 7; its owner by its own id.
    change = PresenceChange(AwarenessEntry(7, 9, "{}"), owner=1, owner_clock=4, client_id=77)
    fanout.awareness([change])
    fanout.flush()
    assert read(receivers[2].messages[0])[1] == [AwarenessEntry(7, 9, "{}")]
    assert read(receivers[1].messages[0])[1] == [AwarenessEntry(77, 4, "{}")]


class RelayedReceiver(Receiver):
    relayed = True  # another process writes its updates (server/cluster)


def rooms_messages(receiver: Receiver) -> list[set[str]]:
    return [keys_in(message) for message in receiver.messages]


async def wait_for(receiver: Receiver, count: int) -> None:
    async with asyncio.timeout(2):
        while len(receiver.messages) < count:
            await asyncio.sleep(0.005)  # sleep-ok: waiting out the budget


async def test_a_room_within_its_budget_sends_each_update_at_once() -> None:
    receivers = {i: Receiver(i) for i in range(10)}
    fanout = Fanout(receivers, window_s=0, sends_per_s=10_000)  # 1,000 writes at once
    for key in ("a", "b", "c"):
        fanout.update(None, edit(key))
        await asyncio.sleep(0)  # sleep-ok: let call_soon run
    assert rooms_messages(receivers[0]) == [{"a"}, {"b"}, {"c"}]


async def test_a_room_beyond_its_budget_merges_what_came_while_it_waited() -> None:
    receivers = {i: Receiver(i) for i in range(100)}
    # A tenth of a second's budget is 100 writes: one flush to 100 receivers spends it.
    fanout = Fanout(receivers, window_s=0, sends_per_s=1_000)
    fanout.update(None, edit("first"))
    await asyncio.sleep(0)  # sleep-ok: let call_soon run
    for key in ("a", "b", "c"):
        fanout.update(None, edit(key))
        await asyncio.sleep(0)  # sleep-ok: let call_soon run
    await wait_for(receivers[0], 2)
    assert rooms_messages(receivers[0]) == [{"first"}, {"a", "b", "c"}]


async def test_the_budget_is_the_rooms_over_every_process_that_serves_it() -> None:
    # 50 sockets here and 50 on another process, which writes each window this room
    # stores: a flush costs the room 100 writes, not 50, so the second waits.
    receivers: dict[int, Receiver] = {i: Receiver(i) for i in range(50)}
    receivers.update({i: RelayedReceiver(i) for i in range(50, 100)})
    fanout = Fanout(receivers, window_s=0, sends_per_s=1_000)
    fanout.update(None, edit("first"))
    await asyncio.sleep(0)  # sleep-ok: let call_soon run
    fanout.update(None, edit("a"))
    await asyncio.sleep(0)  # sleep-ok: let call_soon run
    fanout.update(None, edit("b"))
    await wait_for(receivers[0], 2)
    assert rooms_messages(receivers[0]) == [{"first"}, {"a", "b"}]
    assert receivers[50].messages == []  # their updates come from the live log
