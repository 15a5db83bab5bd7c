"""The facilitator's powers over a room: settings, private writing, moderation, snapshots.

`Facilitation.commands` lists the commands these parts carry out, each with the
capability it needs, for the board's command registry (server/rules/commands.py); the
parts carry them out and tell the screens that need to know (docs/protocol.md,
"Facilitation").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from server.facilitation.groups import TableGroups
from server.facilitation.moderation import Moderation
from server.facilitation.private_writing import PrivateWriting
from server.facilitation.session import Session, SessionState
from server.facilitation.snapshots import MAX_LABEL_CHARS, Snapshots
from server.rules.commands import Command, Handler, Refused
from server.sync import wire
from server.sync.capabilities import Capability
from server.sync.connection import CLOSE_REMOVED
from server.sync.presence import anonymize

if TYPE_CHECKING:
    from server.facilitation.port import RoomPort
    from server.sync.connection import Connection

# The facilitator's session commands (server/facilitation/session.py carries them out).
SESSION_COMMANDS = (
    "phase.set",
    "lock.set",
    "joining.set",
    "anonymous.set",
    "focus.set",
    "focus.clear",
    "timer.start",
    "timer.pause",
    "timer.resume",
    "timer.stop",
)


class Facilitation:
    """Session settings, private notes, moderation and snapshots of one room."""

    def __init__(self, room: RoomPort) -> None:
        self.room = room
        engine = room.engine
        self.session = Session(
            room.board_id,
            room.store,
            on_change=self._session_changed,
            has_participant_items=lambda: room.store.people.has_participant_items(room.board_id),
        )
        self.groups = TableGroups(room, self.session)
        self.private = PrivateWriting(
            room, engine.private if engine else None, space_of=self.groups.space_of
        )
        self.moderation = Moderation(room, engine.moderated if engine else ())
        self.snapshots = Snapshots(room, engine.roots if engine else (), self.session)

    async def load(self) -> None:
        """Read the saved settings, private notes and moderated items."""
        await self.session.load()
        await self.private.load()
        await self.moderation.load()
        await self.groups.load()
        self._apply_anonymity()

    def close(self) -> None:
        """Stop the timer."""
        self.session.close()

    async def greeting(self, connection: Connection) -> list[dict[str, Any]]:
        """Return what a new connection needs to know besides the document.

        What needs the store is read first; the views of what changes live (the phase, the
        groups) are taken after the last await, in the turn they are sent in. A view taken
        before an await could be sent after a newer one broadcast meanwhile, and the phone
        would keep the older (a phase change while it joins).
        """
        await self.groups.arrive(connection)
        snapshots = None
        if connection.identity.can(Capability.SNAPSHOT):
            snapshots = await self.snapshots.view()
        messages = [
            self.session.view(),
            *self.private.greeting(connection),
            *self.groups.greeting(connection),
        ]
        if connection.identity.can(Capability.MODERATE):
            messages.append(self.moderation.view())
        if snapshots is not None:
            messages.append(snapshots)
        return messages

    def commands(self) -> list[Command]:
        """The commands these parts carry out, with the capability each needs."""
        session: list[tuple[str, Capability, Handler]] = [
            (name, Capability.RUN_SESSION, self._session_command) for name in SESSION_COMMANDS
        ]
        return [
            Command(name, needs, run, phased=False)
            for name, needs, run in [
                *session,
                ("private.put", Capability.WRITE, self._private_put),
                ("private.delete", Capability.WRITE, self._private_delete),
                ("private.reveal", Capability.RUN_SESSION, self._private_reveal),
                ("moderate.hide", Capability.MODERATE, self._moderate),
                ("moderate.delete", Capability.MODERATE, self._moderate),
                ("moderate.restore", Capability.MODERATE, self._moderate_restore),
                ("snapshot.take", Capability.SNAPSHOT, self._snapshot_take),
                ("snapshot.restore", Capability.RUN_SESSION, self._snapshot_restore),
                ("participant.remove", Capability.RUN_SESSION, self._remove_participant),
                ("groups.split", Capability.RUN_SESSION, self._groups_split),
                ("groups.move", Capability.RUN_SESSION, self._groups_move),
                ("groups.plenum", Capability.RUN_SESSION, self._groups_plenum),
            ]
        ]

    async def _session_command(self, connection: Connection, payload: dict[str, Any]) -> None:
        await self.session.command(payload)

    async def _private_put(self, connection: Connection, payload: dict[str, Any]) -> None:
        private = self.session.state.phase == "private"
        refusal = None if private else self.session.read_only_reason()
        if self.session.state.locked or refusal is not None:
            # After the reveal a note goes straight onto the board, which must be open
            # for writing; the phone keeps it and sends it again when it is.
            raise Refused(refusal or "read_only_locked")
        await self.private.put(connection, payload, private)

    async def _private_delete(self, connection: Connection, payload: dict[str, Any]) -> None:
        await self.private.delete(connection, payload)

    async def _private_reveal(self, connection: Connection, payload: dict[str, Any]) -> None:
        await self.private.reveal()
        while self.private.items:  # written while the reveal was being saved
            await self.private.reveal()
        if self.session.state.phase == "private":
            await self.session.command({"type": "phase.set", "phase": "write"})

    async def _moderate(self, connection: Connection, payload: dict[str, Any]) -> None:
        action = str(payload["type"]).removeprefix("moderate.")
        await self.moderation.take_off(action, payload.get("root"), payload.get("id"))

    async def _moderate_restore(self, connection: Connection, payload: dict[str, Any]) -> None:
        await self.moderation.restore(payload.get("root"), payload.get("id"))

    async def _snapshot_take(self, connection: Connection, payload: dict[str, Any]) -> None:
        label = payload.get("label")
        if not isinstance(label, str) or len(label) > MAX_LABEL_CHARS:
            raise Refused("invalid")
        await self.snapshots.take(label.strip(), "manual")

    async def _snapshot_restore(self, connection: Connection, payload: dict[str, Any]) -> None:
        await self.snapshots.restore(payload.get("id"))

    async def _groups_split(self, connection: Connection, payload: dict[str, Any]) -> None:
        await self.groups.split(payload)

    async def _groups_move(self, connection: Connection, payload: dict[str, Any]) -> None:
        await self.groups.move(payload)

    async def _groups_plenum(self, connection: Connection, payload: dict[str, Any]) -> None:
        await self.groups.to_plenum(payload)

    async def _remove_participant(self, connection: Connection, payload: dict[str, Any]) -> None:
        """Take a participant off the board: their token and open connections end now."""
        participant_id = payload.get("participant")
        if not isinstance(participant_id, str):
            raise Refused("invalid")
        participant = await self.room.store.people.get_participant(participant_id)
        if participant is None or participant.board_id != self.room.board_id:
            raise Refused("invalid")
        await self.room.store.people.set_participant_removed(participant_id, True)
        self.room.end_connections(
            lambda identity: identity.participant_id == participant_id,
            CLOSE_REMOVED,
            "removed by the facilitator",
        )

    async def _session_changed(self, before: SessionState) -> None:
        """Tell everyone the new settings; snapshot at a phase change; hide names at once."""
        state = self.session.state
        if state.anonymous != before.anonymous:
            self._apply_anonymity()
            changed = self.room.presence.redact_all()
            if changed:
                self.room.broadcast(wire.encode_awareness(changed))
        self.room.broadcast(wire.encode_tavle(self.session.view()))
        if state.phase != before.phase:
            await self.snapshots.take(state.phase, "phase")

    def _apply_anonymity(self) -> None:
        self.room.presence.redact = anonymize if self.session.state.anonymous else None

    async def reload(self) -> None:
        """Read everything again after a restore, and tell every screen."""
        await self.load()
        changed = self.room.presence.redact_all()
        if changed:
            self.room.broadcast(wire.encode_awareness(changed))
        self.room.broadcast(wire.encode_tavle(self.session.view()))
        for connection in list(self.room.connections.values()):
            for message in self.private.greeting(connection):
                connection.send(wire.encode_tavle(message))
        self.moderation.tell_facilitators()
        await self.snapshots.tell_facilitators()
