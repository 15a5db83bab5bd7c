"""Who may change what in a board's document, enforced by observing and reverting.

A Yjs update cannot be refused: the client that made it builds every later update on
it. So the room applies a participant's update, and this guard looks at what it changed.
Whatever the participant may not change is written back to its previous value in a
transaction of the server's own, which every client, the offender's included, then
converges to. A deleted map's content is gone by the time an observer runs, so the
guard keeps a plain copy (a mirror) of every item it may have to restore.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pycrdt import Doc, Map

from boards.engines import Engine
from boards.layout import Root
from server.sync.limits import MAX_ITEMS_PER_PERSON

SERVER_ORIGIN = 0  # transactions of the server's own (reverts), never a connection id
# Item ids are the client's 21-character ids; a key is sent to every phone in every sync.
MAX_ITEM_ID_CHARS = 64
# What an item's field may hold: a Yjs item of the layouts is a map of these.
PLAIN = (str, int, float, bool, type(None))

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """One change a transaction made to a guarded root map."""

    origin: int | None
    root: str
    item: str
    field: str | None  # None: the item itself was added, replaced or deleted
    action: str  # "add", "update" or "delete"


@dataclass(frozen=True)
class Undone:
    """What a review undid: how many items, and texts the offender wrote there."""

    count: int = 0
    texts: list[str] = field(default_factory=list)
    limit_reached: bool = False  # a new item was past the limit per person


class Guard:
    """Enforce an engine's permissions on one board's document."""

    def __init__(
        self,
        doc: Doc[Any],
        engine: Engine,
        authors: dict[str, str],
        *,
        max_items_per_person: int = MAX_ITEMS_PER_PERSON,
    ) -> None:
        self.doc = doc
        self.engine = engine
        # item id -> identity key of the person who created it (from the items table)
        self.authors = authors
        self.roots = engine.authored + engine.facilitator_only
        self.layout: dict[str, Root] = {root.name: root for root in engine.layout}
        self.max_items_per_person = max_items_per_person
        # (authored root, author's identity key or None) -> how many items it holds, kept
        # as items come and go: counting at every new item cost O(board) per update.
        self._held: Counter[tuple[str, str | None]] = Counter()
        self.mirror: dict[str, dict[str, dict[str, Any]]] = {}
        self._changes: list[Change] = []
        self._server_touched: set[tuple[str, str]] = set()
        self._subscriptions: list[tuple[Map[Any], Any]] = []

    def attach(self) -> None:
        """Copy the guarded roots and start observing them."""
        for name in self.roots:
            root = self.doc.get(name, type=Map)
            self.mirror[name] = {key: _plain(value) for key, value in root.items()}
            self._subscriptions.append((root, root.observe_deep(self._collect(name))))
        for name in self.engine.authored:
            for item in self.mirror[name]:
                self._held[(name, self.authors.get(item))] += 1

    def adopt(self, item_ids: list[str], identity_key: str) -> None:
        """Record who wrote items the server placed for them (revealed private notes)."""
        for item in item_ids:
            if item in self.authors:
                continue
            for name in self.engine.authored:
                if item in self.mirror[name]:
                    self._held[(name, None)] -= 1
                    self._held[(name, identity_key)] += 1
            self.authors[item] = identity_key

    def detach(self) -> None:
        """Stop observing."""
        for root, subscription in self._subscriptions:
            root.unobserve(subscription)
        self._subscriptions.clear()

    def _collect(self, root: str) -> Any:
        def on_events(events: list[Any]) -> None:
            # Total: an observer that raises would leave the update applied but unreviewed
            # (found in review: an array inside one's own note carried other edits past).
            for event in events:
                try:
                    self._record(root, event)
                except Exception:
                    log.exception("the guard could not read an event; the item is restored")
                    path = getattr(event, "path", None) or ["?"]
                    origin = getattr(event.transaction, "origin", None)
                    self._changes.append(Change(origin, root, str(path[0]), None, "update"))

        return on_events

    def _record(self, root: str, event: Any) -> None:
        origin = event.transaction.origin
        path = event.path
        keys = getattr(event, "keys", None)
        if not isinstance(keys, dict):
            keys = {}  # an array, text or XML inside an item: a change of that field
        if origin == SERVER_ORIGIN:
            # The server's own writes need no review, only a fresh copy.
            touched = [str(path[0])] if path else list(keys)
            self._server_touched.update((root, key) for key in touched)
            return
        if not path:
            for key, change in keys.items():
                self._changes.append(Change(origin, root, key, None, change["action"]))
        elif len(path) > 1:
            # Deeper than an item's own fields: only a nested type can be there.
            self._changes.append(Change(origin, root, str(path[0]), str(path[1]), "update"))
        elif keys:
            for key, change in keys.items():
                self._changes.append(Change(origin, root, str(path[0]), key, change["action"]))
        else:
            self._changes.append(Change(origin, root, str(path[0]), None, "update"))

    def absorb(self) -> None:
        """Copy the items the server itself has written since the last call."""
        touched, self._server_touched = self._server_touched, set()
        for root, item in touched:
            self._copy(root, item)

    def review(
        self,
        identity_key: str,
        edits_all: bool,
        read_only: bool = False,
        *,
        checked: bool = True,
        limited: bool = True,
        space: str | None = None,
    ) -> Undone:
        """Undo what the last transaction changed beyond its author's rights.

        Call right after applying one connection's update. `edits_all`: they may
        change anyone's items (the facilitator, a team). `read_only` (the board is
        locked, or the phase allows no writing) undoes every change a participant made.
        `checked`: hold the items they touch to the layout (every role but the
        facilitator); `limited`: hold their new items to the limit per person (a
        participant; a team link is a whole team). `space`: the table group whose space
        they write in (None: the plenum's); one who may not edit all may change an item
        with a `group` field only inside their own space, before and after the change.
        Returns what had to be undone (nothing when everything was allowed).
        """
        self.absorb()
        changes, self._changes = self._changes, []
        if not changes:
            return Undone()
        touched = {(change.root, change.item) for change in changes}
        to_restore: set[tuple[str, str]] = set()
        to_strip: set[tuple[str, str]] = set()
        if not edits_all:
            for change in changes:
                if read_only or not self._allowed(change, identity_key):
                    to_restore.add((change.root, change.item))
            to_restore |= {key for key in touched - to_restore if not self._in_space(*key, space)}
        if checked:
            to_restore |= {key for key in touched - to_restore if not self._fits(*key)}
        beyond: set[tuple[str, str]] = set()
        if checked and limited:
            beyond = self._beyond_limit(touched - to_restore, identity_key)
            to_restore |= beyond
        if not edits_all:
            for root, item in touched - to_restore:
                if root in self.engine.authored and item not in self.mirror[root]:
                    # A new item: its author is whoever added it, and it may not come
                    # with fields only the facilitator sets (a cluster, say).
                    self.authors.setdefault(item, identity_key)
                    if self._facilitator_fields_of(root, item):
                        to_strip.add((root, item))
        texts = [self._text_of(root, item) for root, item in sorted(to_restore)]
        if to_restore or to_strip:
            with self.doc.transaction(origin=SERVER_ORIGIN):
                for root, item in sorted(to_restore):
                    self._restore(root, item)
                for root, item in sorted(to_strip):
                    current = self.doc.get(root, type=Map)[item]
                    for key in self._facilitator_fields_of(root, item):
                        del current[key]
            self._server_touched.clear()  # our own reverts need no review or copy
        for root, item in touched:
            self._copy(root, item)
        return Undone(
            len(to_restore) + len(to_strip), [text for text in texts if text], bool(beyond)
        )

    def _fits(self, root: str, item: str) -> bool:
        """Say whether an item is absent, or fits its root's layout (fields, types, sizes)."""
        value = self.doc.get(root, type=Map).get(item)
        if value is None:
            return True
        layout = self.layout.get(root)
        if not isinstance(value, Map) or layout is None:
            return layout is None and self._plain_item(root, item)
        fields = dict(value.to_py() or {})
        return len(item) <= MAX_ITEM_ID_CHARS and layout.fits(fields)

    def _in_space(self, root: str, item: str, space: str | None) -> bool:
        """Say whether an item was and is in this space (its `group`; None: no group)."""
        layout = self.layout.get(root)
        if layout is None or "group" not in layout.fields:
            return True
        before = self.mirror.get(root, {}).get(item)
        if before is not None and before.get("group") != space:
            return False
        value = self.doc.get(root, type=Map).get(item)
        return not isinstance(value, Map) or value.get("group") == space

    def _beyond_limit(
        self, touched: set[tuple[str, str]], identity_key: str
    ) -> set[tuple[str, str]]:
        """Return the new items that take their author past the limit per person."""
        beyond: set[tuple[str, str]] = set()
        for root in self.engine.authored:
            new = sorted(
                item
                for name, item in touched
                if name == root and item not in self.mirror[root] and item in self._root(root)
            )
            if not new:
                continue
            room = max(self.max_items_per_person - self._held[(root, identity_key)], 0)
            beyond.update((root, item) for item in new[room:])
        return beyond

    def _root(self, name: str) -> Map[Any]:
        root: Map[Any] = self.doc.get(name, type=Map)
        return root

    def _text_of(self, root: str, item: str) -> str | None:
        """Return the text the offender gave an item, for them to copy (or None)."""
        value = self.doc.get(root, type=Map).get(item)
        text = value.get("text") if isinstance(value, Map) else None
        previous = self.mirror.get(root, {}).get(item, {}).get("text")
        return text if isinstance(text, str) and text.strip() and text != previous else None

    def _facilitator_fields_of(self, root: str, item: str) -> list[str]:
        value = self.doc.get(root, type=Map).get(item)
        if not isinstance(value, Map):
            return []
        return [key for key in value.keys() if key in self.engine.facilitator_fields]  # noqa: SIM118

    def _allowed(self, change: Change, identity_key: str) -> bool:
        if not self._plain_item(change.root, change.item):
            # Items of the layouts are maps of plain values: anything else (an array, a
            # map inside a map) is no one's to write, and would escape this review.
            return False
        if not self.engine.guarded:
            return True  # an open board: anyone edits anything (while it is not read-only)
        if change.root in self.engine.facilitator_only:
            return False
        existed = change.item in self.mirror.get(change.root, {})
        if not existed:
            # A new item; facilitator-only fields may not be set, even on one's own.
            return change.field is None or change.field not in self.engine.facilitator_fields
        if self.authors.get(change.item) != identity_key:
            return False
        if change.field is None:
            # The author may delete their own item, not replace it with another map.
            return change.action == "delete"
        return change.field not in self.engine.facilitator_fields

    def _plain_item(self, root: str, item: str) -> bool:
        """Say whether an item is absent, or a map whose fields are plain values."""
        value = self.doc.get(root, type=Map).get(item)
        if value is None:
            return True
        if not isinstance(value, Map):
            return False
        return all(isinstance(field, PLAIN) for field in value.values())

    def _restore(self, root: str, item: str) -> None:
        """Put an item back as the mirror has it (or remove it if it is new)."""
        target = self.doc.get(root, type=Map)
        previous = self.mirror.get(root, {}).get(item)
        if previous is None:
            if item in target:
                del target[item]
            return
        current = target.get(item)
        if not isinstance(current, Map):
            target[item] = Map(dict(previous))
            return
        for key in list(current.keys()):
            if key not in previous:
                del current[key]
        for key, value in previous.items():
            if current.get(key) != value:
                current[key] = value

    def _copy(self, root: str, item: str) -> None:
        value = self.doc.get(root, type=Map).get(item)
        held = item in self.mirror[root]
        if value is None:
            self.mirror[root].pop(item, None)
        else:
            self.mirror[root][item] = _plain(value)
        if held != (value is not None) and root in self.engine.authored:
            self._held[(root, self.authors.get(item))] += 1 if value is not None else -1


def _plain(value: Any) -> dict[str, Any]:
    """Return a guarded item as a plain dict of its fields."""
    if isinstance(value, Map):
        return dict(value.to_py() or {})
    return {}
