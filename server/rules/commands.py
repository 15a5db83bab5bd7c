"""One registry of the commands a board takes: each command's handler and what it needs.

The rules and the facilitation parts register their commands when a room loads
(server/parts.py builds the registry); the room hands every command to
`BoardParts.command`, which looks it up here and checks, in this order: that it exists,
that the sender has its capability (server/sync/capabilities.py), and that the session's
phase and lock allow it for someone who cannot edit everything. A handler raises
`Refused(code)` to refuse; the code names the notice the sender gets (docs/protocol.md).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from server.sync.capabilities import Capability
from server.sync.connection import Connection

Handler = Callable[[Connection, dict[str, Any]], Awaitable[None]]


class Refused(Exception):
    """A command or request refused; `code` names the notice (or error) to answer with."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Command:
    """One command type: who may send it and what carries it out."""

    name: str
    needs: Capability
    run: Handler
    # Held to the session's phase and lock for those without EDIT_ALL (a participant's
    # board commands); the facilitator's own commands and private writing are not.
    phased: bool = True


class Commands:
    """The commands of one board, by type."""

    def __init__(self, commands: Iterable[Command] = ()) -> None:
        self._commands: dict[str, Command] = {}
        for command in commands:
            self.add(command)

    def add(self, command: Command) -> None:
        """Register one command type; a type is registered once."""
        if command.name in self._commands:
            raise ValueError(f"command {command.name!r} registered twice")
        self._commands[command.name] = command

    def get(self, name: str) -> Command | None:
        """Return the command of this type, if the board takes it."""
        return self._commands.get(name)

    def __iter__(self) -> Iterator[Command]:
        return iter(self._commands.values())
