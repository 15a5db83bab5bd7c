"""Snapshots: immutable copies of a whole board, and restoring one as new edits.

A snapshot holds the document and every row kept beside it (votes, reactions, phase,
private notes, hidden items, authorship). Restoring never swaps in the old document: a
phone offline during the restore still holds the newer history in IndexedDB and would
push it back on reconnect, undoing the restore. Instead the server edits the live
document until it holds what the snapshot holds (`restore_document`); those edits are
newer than anything the phone has, so they win when it syncs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pycrdt import Doc, Map, XmlFragment

from boards.wording import read_fragment, write_fragment
from server.rules.commands import Refused
from server.rules.guard import SERVER_ORIGIN
from server.sync.capabilities import Capability
from server.sync.wire import encode_tavle

if TYPE_CHECKING:
    from server.facilitation.port import RoomPort
    from server.facilitation.session import Session

MAX_LABEL_CHARS = 120


def restore_document(live: Doc[Any], snapshot: Doc[Any], roots: Iterable[str]) -> None:
    """Edit `live` until each root holds what it holds in `snapshot`.

    Only what differs is written, so unchanged items keep their Yjs history. Call inside
    a transaction, so the restore reaches clients as one update.
    """
    for name in roots:
        target = live.get(name, type=Map)
        source = snapshot.get(name, type=Map)
        for key in list(target.keys()):
            if key not in source:
                del target[key]
        for key, value in source.items():
            current = target.get(key)
            if isinstance(value, XmlFragment):
                document = read_fragment(value)
                if not isinstance(current, XmlFragment):
                    target[key] = XmlFragment()
                    write_fragment(target[key], document)
                elif read_fragment(current) != document:
                    write_fragment(current, document)
            elif isinstance(value, Map):
                fields = dict(value.to_py() or {})
                if not isinstance(current, Map):
                    target[key] = Map(fields)
                    continue
                for field in list(current.keys()):
                    if field not in fields:
                        del current[field]
                for field, field_value in fields.items():
                    if current.get(field) != field_value:
                        current[field] = field_value
            elif current != value:
                target[key] = value


class Snapshots:
    """The snapshots of one board's room."""

    def __init__(self, room: RoomPort, roots: tuple[str, ...], session: Session) -> None:
        self.room = room
        self.roots = roots
        self.session = session

    def counts(self, doc: Doc[Any] | None = None) -> dict[str, int]:
        """Return how many items each root of the document holds."""
        doc = doc or self.room.doc
        return {name: len(doc.get(name, type=Map)) for name in self.roots}

    async def take(self, label: str, kind: str) -> int:
        """Copy the whole board as it is now; return the snapshot's id."""
        # The document as it is at this moment, before anything is awaited: other
        # connections' edits go on while the side rows are read.
        document = self.room.doc.get_update()
        counts = self.counts()
        store = self.room.store
        await store.boards.flush()
        side = await store.facilitation.side_state(self.room.board_id)
        snapshot_id = await store.facilitation.add_snapshot(
            {
                "board_id": self.room.board_id,
                "label": label[:MAX_LABEL_CHARS],
                "kind": kind,
                "document": document,
                "extras": json.dumps(side, ensure_ascii=False),
                "counts": json.dumps(counts),
            }
        )
        if self.room.rules is not None:
            await self.room.rules.snapshot_taken(label)
        await self.tell_facilitators()
        return snapshot_id

    async def restore(self, snapshot_id: Any) -> None:
        """Bring the board back to a snapshot, keeping the present as a snapshot first."""
        if not isinstance(snapshot_id, int) or isinstance(snapshot_id, bool):
            raise Refused("invalid")
        row = await self.room.store.facilitation.get_snapshot(self.room.board_id, snapshot_id)
        if row is None:
            raise Refused("invalid")
        await self.take(str(snapshot_id), "before_restore")
        was_anonymous = self.session.state.anonymous
        snapshot: Doc[Any] = Doc()
        snapshot.apply_update(row["document"])
        with self.room.doc.transaction(origin=SERVER_ORIGIN):
            restore_document(self.room.doc, snapshot, self.roots)
        await self.room.store.facilitation.restore_side_state(
            self.room.board_id, json.loads(row["extras"])
        )
        await self.room.reload_side_state()
        if was_anonymous:
            # Names once hidden stay hidden: a snapshot from before anonymity must not
            # bring them back (found in review).
            await self.session.stay_anonymous()

    async def view(self) -> dict[str, Any]:
        """Return the `snapshots` message (for facilitators only)."""
        rows = await self.room.store.facilitation.snapshots_of(self.room.board_id)
        items = [
            {
                "id": row["id"],
                "label": row["label"],
                "kind": row["kind"],
                "created": row["created"],
                "counts": json.loads(row["counts"]),
            }
            for row in rows
        ]
        return {"type": "snapshots", "items": items}

    async def tell_facilitators(self) -> None:
        """Send the list of snapshots to every facilitator connection."""
        message = encode_tavle(await self.view())
        for connection in self.room.connections.values():
            if connection.identity.can(Capability.SNAPSHOT):
                connection.send(message)
