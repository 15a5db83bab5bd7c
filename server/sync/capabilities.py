"""What a person may do on a board, as one vocabulary for websocket commands and HTTP alike.

A link's role gives its capabilities once (`Identity.capabilities`); every check asks for
a capability, never for a role: the command registry (server/rules/commands.py) for
commands, `server.web.common.require` for requests.
"""

from __future__ import annotations

from enum import StrEnum


class Capability(StrEnum):
    """One thing a person may do on a board."""

    READ = "read"  # see the board: everyone with a link
    WRITE = "write"  # add and change one's own items, write privately, propose amendments
    VOTE = "vote"  # place dots, vote on amendments, like examples: a participant's
    EDIT_ALL = "edit_all"  # change anyone's items in any phase; agree sections, decide amendments
    SNAPSHOT = "snapshot"  # take snapshots and read the board's history
    MODERATE = "moderate"  # hide, delete and restore other people's items
    RUN_SESSION = "run_session"  # phases, lock, timer, focus, joining, anonymity, dot votes,
    # the reveal, restoring snapshots, removing people, the full JSON export


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    # A read-only link (a projector, an observer).
    "viewer": frozenset({Capability.READ}),
    "participant": frozenset({Capability.READ, Capability.WRITE, Capability.VOTE}),
    # A team carrying the board on after the session: edits and decides, runs no session.
    "team": frozenset(
        {Capability.READ, Capability.WRITE, Capability.EDIT_ALL, Capability.SNAPSHOT}
    ),
    "facilitator": frozenset(Capability) - {Capability.VOTE},
}
