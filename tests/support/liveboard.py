"""A board on a live server with people joined, and raw clients for any of them: the
set-up of the tests that play a modified client against honest ones.

    board = live_board(live_server, "Værdi for borgerne", "value-map", "Anne", "Mallory")
    async with board.clients(LEAD, "Anne", "Mallory") as (lead, honest, cheat):
        ...
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from tests.support.live import LiveServer, bearer
from tests.support.wsclient import RawClient, raw_client

LEAD = "lead"  # who the facilitator is in `token`, `client` and `clients`


@dataclass(frozen=True)
class LiveBoard:
    """A board a live server made, and what it answered each person who joined."""

    server: LiveServer
    made: dict[str, str]  # the answer to creating it: id, join_code, facilitator_token, …
    people: dict[str, dict[str, str]]  # by name, the answer to joining: token, participant_id

    @property
    def id(self) -> str:
        return self.made["id"]

    def token(self, who: str = LEAD) -> str:
        """Return the facilitator's token (LEAD), or a participant's by name."""
        return self.made["facilitator_token"] if who == LEAD else self.people[who]["token"]

    def headers(self, who: str = LEAD) -> dict[str, str]:
        """Return the headers of an API request made as someone on this board."""
        return bearer(self.token(who))

    def client(self, who: str = LEAD) -> AbstractAsyncContextManager[RawClient]:
        """Connect a raw client as the facilitator (LEAD) or a participant, synced."""
        return raw_client(self.server.ws_url, self.id, self.token(who))

    @contextlib.asynccontextmanager
    async def clients(self, *who: str) -> AsyncIterator[tuple[RawClient, ...]]:
        """Connect a raw client for each of `who`, one after another, and close them all."""
        async with contextlib.AsyncExitStack() as stack:
            yield tuple([await stack.enter_async_context(self.client(one)) for one in who])


def live_board(server: LiveServer, title: str, kind: str, *people: str, **fields: str) -> LiveBoard:
    """Create a board of a kind on a live server, and join each of `people` to it by name.

    `fields`: more of what the create form takes (locale, event, …).
    """
    made = server.create_board(title, kind=kind, **fields)
    return LiveBoard(server, made, {name: server.join(made["join_code"], name) for name in people})
