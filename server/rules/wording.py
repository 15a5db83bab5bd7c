"""Keep each charter section's wording to its state: open to all, or agreed and fixed.

The wording of a section is a Y.XmlFragment in the root map `wording`. Anyone may edit an
open section. An agreed one changes only through an accepted amendment, which the server
writes itself; an edit from anyone else is undone by writing the section's last good
wording back. Only the facilitator adds or removes sections. As with the map's guard
(server/rules/guard.py), a Yjs update cannot be refused, only answered, so the guard keeps a
plain copy of every section's wording to restore from.
"""

from __future__ import annotations

from typing import Any

from pycrdt import Doc, Map, XmlFragment

from boards.wording import Node, fragment_fits, plain_text, read_fragment, write_fragment
from server.rules.guard import SERVER_ORIGIN

AGREED = "agreed"


class WordingGuard:
    """Enforce open and agreed sections on one charter's `wording` map."""

    ROOT = "wording"
    # What an undone edit of a fixed fragment is told (an agreed section's, here).
    FIXED_CODE = "section_agreed"

    def __init__(self, doc: Doc[Any]) -> None:
        self.doc = doc
        self.wording = doc.get(self.ROOT, type=Map)
        self.sections = doc.get("sections", type=Map)
        # key -> its wording as last accepted (a ProseMirror document)
        self.mirror: dict[str, Node] = {}
        self._keys_changed: set[str] = set()
        self._content_changed: set[str] = set()
        self._server_touched: set[str] = set()
        self._subscription: Any = None

    def attach(self) -> None:
        """Copy every section's wording and start observing."""
        for section_id, fragment in self.wording.items():
            if isinstance(fragment, XmlFragment):
                self.mirror[section_id] = read_fragment(fragment)
        self._subscription = self.wording.observe_deep(self._collect)

    def detach(self) -> None:
        """Stop observing."""
        if self._subscription is not None:
            self.wording.unobserve(self._subscription)
            self._subscription = None

    def _collect(self, events: list[Any]) -> None:
        for event in events:
            if event.transaction.origin == SERVER_ORIGIN:
                # The server's own writes need no review, only a fresh copy (`absorb`).
                self._server_touched.update(event.keys if not event.path else [str(event.path[0])])
                continue
            if not event.path:
                self._keys_changed.update(event.keys)
            else:
                self._content_changed.add(str(event.path[0]))

    def absorb(self) -> None:
        """Copy what the server itself wrote since the last call (call right after it
        wrote, before any client's update is applied: see `after_server_write`)."""
        touched, self._server_touched = self._server_touched, set()
        for key in touched:
            self.refresh(key)

    def fixed(self, key: str, edits_all: bool, space: str | None) -> bool:
        """Say whether this sender may not edit this fragment: an agreed section's is fixed
        for everyone (it changes only through an accepted amendment)."""
        return self.is_agreed(key)

    def is_agreed(self, section_id: str) -> bool:
        """Say whether a section's wording is fixed."""
        section = self.sections.get(section_id)
        return isinstance(section, Map) and section.get("state") == AGREED

    def review(
        self,
        edits_all: bool,
        read_only: bool = False,
        *,
        checked: bool = True,
        space: str | None = None,
    ) -> tuple[str | None, list[str]]:
        """Undo what the last transaction may not change.

        Call right after applying one connection's update. `edits_all`: they may
        add and remove sections' wording (the facilitator, a team). `read_only` (the
        board is locked, or the phase allows no writing) undoes a participant's every
        change. `checked`: hold the wording to the schema (boards/wording.py,
        `fragment_fits`), for every role but the facilitator.
        `space`: the table group the sender writes in (server/facilitation/groups.py).
        Returns the notice code (or None) and the texts the sender had written there.
        """
        keys, self._keys_changed = self._keys_changed, set()
        content, self._content_changed = self._content_changed, set()
        code: str | None = None
        texts: list[str] = []
        # Adding and removing a section's wording is for those who edit everything.
        restore_keys = {k for k in keys if checked and not self._fits(k)} if edits_all else keys
        frozen = read_only and not edits_all
        agreed = {s for s in content - keys if frozen or self.fixed(s, edits_all, space)}
        misfits = {s for s in content - keys - agreed if checked and not self._fits(s)}
        restore_content = agreed | misfits
        for section_id in sorted(restore_content):
            fragment = self.wording.get(section_id)
            if isinstance(fragment, XmlFragment):
                texts.append(plain_text(read_fragment(fragment)))
        if restore_keys or restore_content:
            with self.doc.transaction(origin=SERVER_ORIGIN):
                for section_id in sorted(restore_keys):
                    self._restore_key(section_id)
                for section_id in sorted(restore_content):
                    self._restore_content(section_id)
            self._server_touched.clear()  # our own restores are what the copy holds
            code = self.FIXED_CODE if agreed and not (restore_keys or misfits) else "reverted"
        for section_id in (keys | content) - restore_keys - restore_content:
            self.refresh(section_id)
        return code, [text for text in texts if text.strip()]

    def _fits(self, section_id: str) -> bool:
        """Say whether a section's wording is absent or a fragment of the schema."""
        value = self.wording.get(section_id)
        return value is None or (isinstance(value, XmlFragment) and fragment_fits(value))

    def write(self, section_id: str, document: Node) -> None:
        """Replace a section's wording as the server (an accepted amendment)."""
        fragment = self.wording.get(section_id)
        with self.doc.transaction(origin=SERVER_ORIGIN):
            if not isinstance(fragment, XmlFragment):
                self.wording[section_id] = XmlFragment()
                fragment = self.wording[section_id]
            write_fragment(fragment, document)
        self.mirror[section_id] = read_fragment(fragment)

    def refresh(self, section_id: str) -> None:
        """Copy a section's wording as it is now (or forget a removed one)."""
        fragment = self.wording.get(section_id)
        if isinstance(fragment, XmlFragment):
            self.mirror[section_id] = read_fragment(fragment)
        else:
            self.mirror.pop(section_id, None)

    def _restore_key(self, section_id: str) -> None:
        previous = self.mirror.get(section_id)
        if previous is None:
            if section_id in self.wording:
                del self.wording[section_id]
            return
        self.wording[section_id] = XmlFragment()
        write_fragment(self.wording[section_id], previous)

    def _restore_content(self, section_id: str) -> None:
        fragment = self.wording.get(section_id)
        previous = self.mirror.get(section_id)
        if isinstance(fragment, XmlFragment) and previous is not None:
            write_fragment(fragment, previous)


class DraftGuard(WordingGuard):
    """Hold each table group's draft (the `drafts` map, by group id) to its group.

    Only the server adds or removes a draft (when the room splits into groups and comes
    back to plenum); a participant edits only their own group's draft, the facilitator and
    a team any.
    """

    ROOT = "drafts"
    FIXED_CODE = "reverted"

    def fixed(self, key: str, edits_all: bool, space: str | None) -> bool:
        """A group's draft is for that group's people (and the facilitator, and a team)."""
        return not edits_all and key != space
