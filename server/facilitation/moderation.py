"""Moderation: the facilitator hides or deletes a note, example, comment or proposal.

Hidden content must leave participants' screens, and their data: a flag in the shared
document would still reach every phone. So the server takes the item out of the
document in a transaction of its own and keeps its fields here, for the facilitator to
put back (undo) with the same id and author.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pycrdt import Map

from server.rules.commands import Refused
from server.rules.guard import SERVER_ORIGIN
from server.store import utc_now
from server.sync.capabilities import Capability
from server.sync.wire import encode_tavle

if TYPE_CHECKING:
    from server.facilitation.port import RoomPort

ACTIONS = ("hide", "delete")


class Moderation:
    """The items the facilitator has taken off one board."""

    def __init__(self, room: RoomPort, roots: tuple[str, ...]) -> None:
        self.room = room
        self.roots = roots  # the document roots whose items may be moderated
        self.items: list[dict[str, Any]] = []

    async def load(self) -> None:
        """Read what was taken off before this room was loaded."""
        self.items = [
            {**row, "fields": json.loads(row["fields"])}
            for row in await self.room.store.facilitation.moderated_of(self.room.board_id)
        ]

    def view(self) -> dict[str, Any]:
        """Return the `moderation` message (for facilitators only)."""
        return {
            "type": "moderation",
            "items": [
                {
                    "root": item["root"],
                    "id": item["item_id"],
                    "action": item["action"],
                    "text": str(item["fields"].get("text") or item["fields"].get("reason") or ""),
                    "created": item["created"],
                }
                for item in self.items
            ],
        }

    async def take_off(self, action: Any, root: Any, item_id: Any) -> None:
        """Hide or delete an item: out of the document, kept here."""
        if action not in ACTIONS or root not in self.roots or not isinstance(item_id, str):
            raise Refused("invalid")
        target = self.room.doc.get(root, type=Map)
        value = target.get(item_id)
        if not isinstance(value, Map):
            raise Refused("invalid")
        fields = dict(value.to_py() or {})
        with self.room.doc.transaction(origin=SERVER_ORIGIN):
            del target[item_id]
        self.room.after_server_write()
        row = {
            "board_id": self.room.board_id,
            "root": root,
            "item_id": item_id,
            "fields": json.dumps(fields, ensure_ascii=False),
            "action": action,
            "created": utc_now(),
        }
        await self.room.store.facilitation.put_moderated(row)
        self.items = [i for i in self.items if (i["root"], i["item_id"]) != (root, item_id)]
        self.items.append({**row, "fields": fields})
        self.tell_facilitators()

    async def restore(self, root: Any, item_id: Any) -> None:
        """Put a hidden or deleted item back where it was, with its id and author."""
        found = next((i for i in self.items if i["root"] == root and i["item_id"] == item_id), None)
        if found is None:
            raise Refused("invalid")
        target = self.room.doc.get(found["root"], type=Map)
        with self.room.doc.transaction(origin=SERVER_ORIGIN):
            if found["item_id"] not in target:
                target[found["item_id"]] = Map(found["fields"])
        self.room.after_server_write()
        await self.room.store.facilitation.delete_moderated(
            self.room.board_id, found["root"], found["item_id"]
        )
        self.items.remove(found)
        self.tell_facilitators()

    def tell_facilitators(self) -> None:
        """Send the list of moderated items to every facilitator connection."""
        message = encode_tavle(self.view())
        for connection in self.room.connections.values():
            if connection.identity.can(Capability.MODERATE):
                connection.send(message)
