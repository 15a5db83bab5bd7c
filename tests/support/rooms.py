"""A loaded room of a board kind, with two participants (Anne and Bent), for room tests."""

from __future__ import annotations

import boards
from server.parts import board_room
from server.store import Board, Participant, Store
from server.sync.connection import Identity
from server.sync.room import Room
from tests.support.stores import make_board

ANNE = Identity("participant", "anne", locale="da")
BENT = Identity("participant", "bent", locale="en")
FACILITATOR = Identity("facilitator", None)


async def room_of(store: Store, slug: str = "value-map") -> tuple[Room, Board]:
    """Create a board of a kind, seeded, with Anne and Bent joined; load its room."""
    kind = boards.get_kind(slug)
    assert kind is not None
    board = await store.boards.create(make_board(), kind.seed("da"), None)
    for participant_id, name in (("anne", "Anne"), ("bent", "Bent")):
        await store.people.add_participant(Participant(participant_id, board.id, name, False))
    return await reopened(store, board, slug), board


async def reopened(store: Store, board: Board, slug: str = "value-map") -> Room:
    """Load a board of a kind into a new room, as after a restart."""
    kind = boards.get_kind(slug)
    assert kind is not None
    room = board_room(board.id, store, kind.engine)
    await room.load()
    return room
