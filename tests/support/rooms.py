"""A loaded room of a board kind, with two participants (Anne and Bent), for room tests."""

from __future__ import annotations

import boards
from server.store import Board, Participant, Store
from server.sync.room import Identity, Room
from tests.conftest import make_board

ANNE = Identity("participant", "anne", locale="da")
BENT = Identity("participant", "bent", locale="en")
FACILITATOR = Identity("facilitator", None)


async def room_of(store: Store, slug: str = "value-map") -> tuple[Room, Board]:
    """Create a board of a kind, seeded, with Anne and Bent joined; load its room."""
    kind = boards.get_kind(slug)
    assert kind is not None
    board = await store.create_board(make_board(), kind.seed("da"), None)
    for participant_id, name in (("anne", "Anne"), ("bent", "Bent")):
        await store.add_participant(Participant(participant_id, board.id, name, False))
    room = Room(board.id, store, engine=kind.engine)
    await room.load()
    return room, board
