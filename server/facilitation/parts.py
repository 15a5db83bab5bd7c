"""The facilitator's powers over a room: settings, private writing, moderation, snapshots.

The room hands every command whose family is listed in `COMMANDS` here; this module
checks who sent it, carries it out with the part that owns it, and tells the screens
that need to know (docs/protocol.md, "Facilitation").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from server.facilitation.moderation import Moderation, ModerationRefused
from server.facilitation.private_writing import PrivateRefused, PrivateWriting
from server.facilitation.session import Session, SessionRefused, SessionState
from server.facilitation.snapshots import MAX_LABEL_CHARS, SnapshotRefused, Snapshots
from server.sync import wire
from server.sync.presence import anonymize

if TYPE_CHECKING:
    from server.sync.room import Connection, Room

# Command families (the part before the dot) this module carries out.
COMMANDS = frozenset(
    {
        "phase",
        "lock",
        "joining",
        "anonymous",
        "focus",
        "timer",
        "participant",
        "private",
        "moderate",
        "snapshot",
    }
)
# What participants may send of them, and what a team link may; the rest is the
# facilitator's.
PARTICIPANT_COMMANDS = frozenset({"private.put", "private.delete"})
TEAM_COMMANDS = frozenset({"snapshot.take"})

Refused = (SessionRefused, PrivateRefused, ModerationRefused, SnapshotRefused)


class Facilitation:
    """Session settings, private notes, moderation and snapshots of one room."""

    def __init__(self, room: Room) -> None:
        self.room = room
        engine = room.engine
        self.session = Session(
            room.board_id,
            room.store,
            on_change=self._session_changed,
            has_participant_items=lambda: room.store.has_participant_items(room.board_id),
        )
        self.private = PrivateWriting(
            room, engine.name if engine else "notes", engine.private_root if engine else None
        )
        self.moderation = Moderation(room, engine.moderated if engine else ())
        self.snapshots = Snapshots(room, engine.roots if engine else ())

    async def load(self) -> None:
        """Read the saved settings, private notes and moderated items."""
        await self.session.load()
        await self.private.load()
        await self.moderation.load()
        self._apply_anonymity()

    def close(self) -> None:
        """Stop the timer."""
        self.session.close()

    async def greeting(self, connection: Connection) -> list[dict[str, Any]]:
        """Return what a new connection needs to know besides the document."""
        messages = [self.session.view(), *self.private.greeting(connection)]
        if connection.identity.role == "facilitator":
            messages += [self.moderation.view(), await self.snapshots.view()]
        elif connection.identity.role == "team":
            messages.append(await self.snapshots.view())
        return messages

    async def command(self, connection: Connection, payload: dict[str, Any]) -> None:
        """Carry out one command of a family in COMMANDS; tell the sender if refused."""
        kind = str(payload["type"])
        role = connection.identity.role
        allowed = (
            role == "facilitator"
            or (role == "participant" and kind in PARTICIPANT_COMMANDS)
            or (role == "team" and kind in TEAM_COMMANDS)
        )
        if not allowed:
            self.room.notify(connection, "not_allowed")
            return
        try:
            await self._carry_out(connection, kind, payload)
        except Refused as refused:
            self.room.notify(connection, refused.code)

    async def _carry_out(self, connection: Connection, kind: str, payload: dict[str, Any]) -> None:
        if kind == "private.put":
            private = self.session.state.phase == "private"
            refusal = None if private else self.session.read_only_reason()
            if self.session.state.locked or refusal is not None:
                # After the reveal a note goes straight onto the board, which must be open
                # for writing; the phone keeps it and sends it again when it is.
                raise SessionRefused(refusal or "read_only_locked")
            await self.private.put(connection, payload, private)
        elif kind == "private.delete":
            await self.private.delete(connection, payload)
        elif kind == "private.reveal":
            await self.private.reveal()
            while self.private.items:  # written while the reveal was being saved
                await self.private.reveal()
            if self.session.state.phase == "private":
                await self.session.command({"type": "phase.set", "phase": "write"})
        elif kind in ("moderate.hide", "moderate.delete"):
            action = kind.removeprefix("moderate.")
            await self.moderation.take_off(action, payload.get("root"), payload.get("id"))
        elif kind == "moderate.restore":
            await self.moderation.restore(payload.get("root"), payload.get("id"))
        elif kind == "snapshot.take":
            label = payload.get("label")
            if not isinstance(label, str) or len(label) > MAX_LABEL_CHARS:
                raise SnapshotRefused("invalid")
            await self.snapshots.take(label.strip(), "manual")
        elif kind == "snapshot.restore":
            await self.snapshots.restore(payload.get("id"))
        elif kind == "participant.remove":
            await self.room.remove_participant(payload.get("participant"))
        else:
            await self.session.command(payload)

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
