"""Programmes in the store: events in order, rounds of boards, and deleting (issue 15).

Runs on SQLite and on PostgreSQL (tests/conftest.py, BOTH_DATABASES).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from server.store import Board, Event, Programme, Store, utc_now
from tests.support.stores import make_board

pytestmark = pytest.mark.anyio


async def board_in(
    store: Store, event: Event, *, new: bool, previous: Board | None = None
) -> Board:
    """Store a board in an event (creating the event when `new`), continuing `previous`."""
    board = replace(
        make_board(), event_id=event.id, previous_board_id=previous.id if previous else None
    )
    return await store.boards.create(board, b"\x00\x00", event if new else None)


async def test_a_programme_lists_its_events_by_date_with_each_boards_round(store: Store) -> None:
    may = Event(id="ev-may", name="Temadag maj", date="2027-05-20")
    march = Event(id="ev-march", name="Storledermøde marts", date="2027-03-14")
    undated = Event(id="ev-later", name="Ledernetværk", date=None)
    first = await board_in(store, march, new=True)
    aside = await board_in(store, march, new=False)
    second = await board_in(store, may, new=True, previous=first)
    third = await board_in(store, undated, new=True, previous=second)
    programme = Programme(id="pr-1", name="Ledelsesgrundlag 2027", created=utc_now())
    await store.programmes.create(programme, [may.id, march.id])
    await store.programmes.set_event(undated.id, programme_id="pr-1", meeting_kind=None)
    await store.programmes.set_event(may.id, programme_id="pr-1", meeting_kind="theme-day")

    assert await store.programmes.get("pr-1") == programme
    assert await store.programmes.get("pr-unknown") is None
    outline = await store.programmes.outline("pr-1")
    # By date, the undated event last.
    assert [event["name"] for event in outline] == [march.name, may.name, undated.name]
    assert [event["meeting_kind"] for event in outline] == [None, "theme-day", None]
    rounds = {b["id"]: (b["round"], b["previous_board_id"]) for e in outline for b in e["boards"]}
    assert rounds == {
        first.id: (1, None),
        aside.id: (1, None),
        second.id: (2, first.id),
        third.id: (3, second.id),
    }
    assert await store.programmes.first_round(third.id) == first.id
    assert await store.programmes.first_round(aside.id) == aside.id
    assert await store.programmes.first_round("no-such-board") is None
    later = await store.programmes.next_rounds(first.id)
    assert later == [{"id": second.id, "title": "Test", "event_name": may.name}]
    row = await store.programmes.event(may.id)
    assert row == {
        "id": may.id,
        "name": may.name,
        "date": may.date,
        "programme_id": "pr-1",
        "meeting_kind": "theme-day",
    }
    # The Board row reads back the round it continues.
    stored = await store.boards.get(second.id)
    assert stored is not None
    assert stored.previous_board_id == first.id


async def test_creating_a_programme_never_takes_an_event_from_another(store: Store) -> None:
    event = Event(id="ev-1", name="Temadag", date=None)
    await board_in(store, event, new=True)
    await store.programmes.create(Programme("pr-a", "A", utc_now()), [event.id])
    await store.programmes.create(Programme("pr-b", "B", utc_now()), [event.id])
    assert [e["id"] for e in await store.programmes.outline("pr-a")] == [event.id]
    assert await store.programmes.outline("pr-b") == []


async def test_a_deleted_earlier_round_leaves_the_later_one_unlinked(store: Store) -> None:
    march = Event(id="ev-march", name="Marts", date="2027-03-14")
    may = Event(id="ev-may", name="Maj", date="2027-05-20")
    first = await board_in(store, march, new=True)
    second = await board_in(store, may, new=True, previous=first)
    await store.programmes.create(Programme("pr-1", "Forløb", utc_now()), [march.id, may.id])

    await store.boards.delete(first.id)
    kept = await store.boards.get(second.id)
    assert kept is not None
    assert kept.previous_board_id is None
    assert await store.programmes.first_round(second.id) == second.id
    outline = await store.programmes.outline("pr-1")
    # The emptied event went with its last board; the programme stays with the other one.
    assert [(e["id"], [b["round"] for b in e["boards"]]) for e in outline] == [(may.id, [1])]

    # The programme's last event goes: the programme (its name) goes too.
    await store.boards.delete_event(may.id)
    assert await store.programmes.get("pr-1") is None
    assert await store.boards.get_event(may.id) is None


async def test_leaving_a_programme_takes_it_away_once_it_has_no_events(store: Store) -> None:
    event = Event(id="ev-1", name="Temadag", date=None)
    await board_in(store, event, new=True)
    await store.programmes.create(Programme("pr-1", "Forløb", utc_now()), [event.id])
    await store.programmes.rename("pr-1", "Nyt navn")
    assert (await store.programmes.get("pr-1") or Programme("", "", "")).name == "Nyt navn"
    await store.programmes.set_event(event.id, programme_id=None, meeting_kind="leader-network")
    assert await store.programmes.get("pr-1") is None
    row = await store.programmes.event(event.id)
    assert row is not None
    assert row["meeting_kind"] == "leader-network"
