"""Private writing: notes that only their author sees until the facilitator reveals them.

They cannot live in the shared document, which every participant receives whole. So in
the private phase a participant's client sends each note as a command; the server keeps
it in SQLite and tells only its author (and the facilitator, as a count). The reveal
writes them all into the document in one server transaction. A phone that was offline
at the reveal sends its notes when it is back, and they go into the document at once.
What a private item holds is its root's declaration in the engine's layout
(boards/layout.py, `Private`).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pycrdt import Doc, Map

from boards.layout import Field, Root
from server.rules.commands import Refused
from server.rules.guard import SERVER_ORIGIN
from server.store import utc_now
from server.sync.capabilities import Capability
from server.sync.wire import encode_tavle

if TYPE_CHECKING:
    from server.facilitation.port import RoomPort
    from server.sync.connection import Connection

ITEM_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# How many private notes one person may keep before the reveal: far more than a round
# of writing needs, and a ceiling for a client that loops.
MAX_PRIVATE_PER_PERSON = 200


def clean_fields(root: Root, fields: Any, doc: Doc[Any]) -> dict[str, Any]:
    """Return a private item's fields as its root's layout has them.

    Raises Refused("invalid") for anything the root's `Private` declaration does not allow.
    """
    private = root.private
    if private is None or not isinstance(fields, dict):
        raise Refused("invalid")
    clean: dict[str, Any] = {}
    for name in private.required:
        value = fields.get(name)
        if isinstance(value, str) and not value.strip():
            raise Refused("invalid")
        clean[name] = value
    for name, default in private.defaults.items():
        clean[name] = fields.get(name, default)
    for name in private.cut:
        value = clean[name]
        if isinstance(value, str):
            clean[name] = value[: root.fields[name].max_chars]
    for name, value in clean.items():
        if not _fits(root.fields[name], value, doc):
            raise Refused("invalid")
    created: Any = fields.get(private.stamp)
    if not root.fields[private.stamp].admits(created):
        created = time.time() * 1000
    clean[private.stamp] = float(created)
    return clean


def _fits(field: Field, value: Any, doc: Doc[Any]) -> bool:
    """Say whether a value fits its field, and names an item of the board if it refers."""
    if not field.admits(value):
        return False
    reference = field.refers_to
    if reference is None:
        return True
    item = doc.get(reference.root, type=Map).get(value)
    return isinstance(item, Map) and reference.matches(item.to_py() or {})


class PrivateWriting:
    """The private notes of one board, and their reveal."""

    def __init__(
        self,
        room: RoomPort,
        layout: Root | None,
        *,
        space_of: Callable[[str | None], str | None] = lambda participant_id: None,
    ) -> None:
        self.room = room
        # The table group whose space a participant writes in (server/facilitation/groups.py):
        # a revealed note lands there.
        self.space_of = space_of
        # The document root revealed notes go into (boards/engines.py, `Engine.private`).
        self.layout = layout
        self.root = layout.name if layout is not None else None
        # item id -> (participant id, fields)
        self.items: dict[str, tuple[str, dict[str, Any]]] = {}

    async def load(self) -> None:
        """Read the private notes written before this room was loaded."""
        self.items = {
            row["item_id"]: (row["participant_id"], json.loads(row["fields"]))
            for row in await self.room.store.facilitation.private_items_of(self.room.board_id)
        }

    def greeting(self, connection: Connection) -> list[dict[str, Any]]:
        """Return the author's own private notes, or the count for a facilitator."""
        if self.root is None:
            return []
        if connection.identity.can(Capability.RUN_SESSION):  # who reveals sees the count
            return [self._count()]
        participant_id = connection.identity.participant_id
        return [self._own(participant_id)] if participant_id else []

    async def put(self, connection: Connection, payload: dict[str, Any], private: bool) -> None:
        """Keep or change one's private note; after the reveal, place it on the board."""
        participant_id = connection.identity.participant_id
        if participant_id is None or self.layout is None:
            raise Refused("not_allowed")
        item_id = payload.get("id")
        if not isinstance(item_id, str) or not ITEM_ID.match(item_id):
            raise Refused("invalid")
        owner = self.items.get(item_id, (participant_id, {}))[0]
        if owner != participant_id:
            raise Refused("not_allowed")
        fields = clean_fields(self.layout, payload.get("fields"), self.room.doc)
        if not private:
            await self._place(participant_id, {item_id: fields})
            return
        mine = sum(1 for owner, _ in self.items.values() if owner == participant_id)
        if item_id not in self.items and mine >= MAX_PRIVATE_PER_PERSON:
            raise Refused("invalid")
        self.items[item_id] = (participant_id, fields)
        await self.room.store.facilitation.put_private_item(
            {
                "board_id": self.room.board_id,
                "item_id": item_id,
                "participant_id": participant_id,
                "root": self.root,
                "fields": json.dumps(fields, ensure_ascii=False),
                "created": utc_now(),
            }
        )
        self._tell(participant_id)

    async def delete(self, connection: Connection, payload: dict[str, Any]) -> None:
        """Delete one's own private note."""
        item_id = payload.get("id")
        entry = self.items.get(item_id) if isinstance(item_id, str) else None
        if entry is None:
            return  # gone already (revealed, or deleted on another screen)
        if entry[0] != connection.identity.participant_id:
            raise Refused("not_allowed")
        assert isinstance(item_id, str)
        del self.items[item_id]
        await self.room.store.facilitation.delete_private_items(self.room.board_id, [item_id])
        self._tell(entry[0])

    async def reveal(self) -> int:
        """Put every private note on the board at once; return how many there were."""
        # Take the notes out before anything is awaited: a note that arrives during the
        # reveal's writes is kept for the next reveal (or placed at once after this one),
        # not cleared with these (found in review).
        revealing, self.items = self.items, {}
        by_author: dict[str, dict[str, dict[str, Any]]] = {}
        for item_id, (participant_id, fields) in revealing.items():
            by_author.setdefault(participant_id, {})[item_id] = fields
        revealed = list(revealing)
        with self.room.doc.transaction(origin=SERVER_ORIGIN):
            for participant_id, notes in by_author.items():
                self._write(participant_id, notes)
        self.room.after_server_write()
        for participant_id, notes in by_author.items():
            await self._record(participant_id, list(notes))
        await self.room.store.facilitation.delete_private_items(self.room.board_id, revealed)
        for participant_id in by_author:
            self._tell(participant_id)
        return len(revealed)

    async def _place(self, participant_id: str, notes: dict[str, dict[str, Any]]) -> None:
        with self.room.doc.transaction(origin=SERVER_ORIGIN):
            self._write(participant_id, notes)
        self.room.after_server_write()
        await self._record(participant_id, list(notes))
        if any(item_id in self.items for item_id in notes):
            for item_id in notes:
                self.items.pop(item_id, None)
            await self.room.store.facilitation.delete_private_items(self.room.board_id, list(notes))
            self._tell(participant_id)

    def _write(self, participant_id: str, notes: dict[str, dict[str, Any]]) -> None:
        assert self.root is not None
        assert self.layout is not None
        target = self.room.doc.get(self.root, type=Map)
        space = self.space_of(participant_id) if "group" in self.layout.fields else None
        for item_id, fields in notes.items():
            if item_id not in target:  # a retry of a note that is on the board already
                target[item_id] = Map({**fields, "group": space} if space else fields)

    async def _record(self, participant_id: str, item_ids: list[str]) -> None:
        recorded = await self.room.store.people.record_authors(
            self.room.board_id, item_ids, participant_id, "participant"
        )
        if self.room.rules is not None:
            self.room.rules.adopt(item_ids, participant_id)
        if recorded:
            message = encode_tavle({"type": "own", "items": recorded, "replace": False})
            for connection in self.room.connections.values():
                if connection.identity.participant_id == participant_id:
                    connection.send(message)

    def _tell(self, participant_id: str) -> None:
        own = encode_tavle(self._own(participant_id))
        count = encode_tavle(self._count())
        for connection in self.room.connections.values():
            if connection.identity.participant_id == participant_id:
                connection.send(own)
            elif connection.identity.can(Capability.RUN_SESSION):
                connection.send(count)

    def _own(self, participant_id: str | None) -> dict[str, Any]:
        items = {
            item_id: fields
            for item_id, (owner, fields) in self.items.items()
            if owner == participant_id
        }
        return {"type": "private", "root": self.root, "items": items}

    def _count(self) -> dict[str, Any]:
        writers = {owner for owner, _ in self.items.values()}
        return {"type": "private_count", "count": len(self.items), "writers": len(writers)}
