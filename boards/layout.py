"""What a board's document may hold: its roots, and each item's fields, types and sizes.

The layout is a whitelist (docs/formats.md, "Document layout"): the server refuses an
update that places anything in a root outside it (server/sync/update_scan.py) and undoes
a field outside an item's schema, of the wrong type or too long (server/rules/guard.py),
for every role but the facilitator. Imports are checked against the same declarations,
and a participant's private items against their root's `Private` declaration
(server/facilitation/private_writing.py).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import limits

# Ids and fractional-index keys are short: the client makes 21-character ids and keys
# of a few characters; this leaves room for both and refuses a megabyte "id".
MAX_ID_CHARS = 64
MAX_ORDER_CHARS = 64
# A proposal's wording is a ProseMirror document as JSON, of a section of at most 20,000
# characters (boards/wording.py); markup can take as much again several times over.
MAX_PROPOSAL_WORDING_CHARS = 200_000
MAX_WORDING_CHARS = 20_000
MAX_STAMP_CHARS = 40  # an ISO 8601 time the server writes
# The largest whole number a Yjs document holds exactly (a JavaScript number).
MAX_SAFE_INT = 2**53


@dataclass(frozen=True)
class Reference:
    """The item of another root that a field names, and the values that item must have."""

    root: str
    having: tuple[tuple[str, str], ...] = ()  # (field, value) pairs

    def matches(self, item: Mapping[str, Any]) -> bool:
        """Say whether a named item has the values this reference asks for."""
        return all(item.get(key) == value for key, value in self.having)


@dataclass(frozen=True)
class Field:
    """One field of an item: what it holds and how much."""

    kind: str  # "text", "number" or "flag"
    max_chars: int = 0  # for text
    choices: tuple[str, ...] = ()  # for text: the only values it may take, if any
    # For an id: the item it names. Private writing holds a private item to it when the
    # server writes it (a note's zone must be a zone of the board); the guard does not
    # hold a participant's live edits to it.
    refers_to: Reference | None = None

    def admits(self, value: Any) -> bool:
        """Say whether a value fits this field."""
        if self.kind == "text":
            if not isinstance(value, str) or len(value) > self.max_chars:
                return False
            return not self.choices or value in self.choices
        if self.kind == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return False
            return math.isfinite(value) and abs(value) <= MAX_SAFE_INT
        return isinstance(value, bool)


def text(max_chars: int, *choices: str) -> Field:
    """Return a text field."""
    return Field("text", max_chars, choices)


def reference(root: str, **having: str) -> Field:
    """Return an id field that names an item of another root (with these values)."""
    return Field("text", MAX_ID_CHARS, refers_to=Reference(root, tuple(having.items())))


NUMBER = Field("number")
ID = text(MAX_ID_CHARS)
ORDER = text(MAX_ORDER_CHARS)
STAMP = text(MAX_STAMP_CHARS)


@dataclass(frozen=True)
class Private:
    """What a participant's private item holds until the reveal writes it into its root.

    A private item is kept outside the document (docs/protocol.md, "Facilitation"), so the
    server holds it to its root's layout when it is written: the `required` fields must be
    there and fit (a text not blank), the others in `defaults` fit or are absent and take
    their default, any other field is dropped, and each reference names an item of the
    board. `stamp` is when it was written, in milliseconds: the client's, or the server's
    when the client gives no number.
    """

    required: tuple[str, ...]
    defaults: Mapping[str, str] = field(default_factory=dict)
    stamp: str = "created"
    # Text fields cut to their length rather than refused (docs/protocol.md, `private.put`).
    cut: tuple[str, ...] = ()


@dataclass(frozen=True)
class Root:
    """One root map of a document: items that are maps of fields, or wording fragments."""

    name: str
    fields: Mapping[str, Field]
    wording: bool = False  # items are y-prosemirror XML fragments, not maps
    # Whether participants write items of this root privately first, and what those hold.
    private: Private | None = None

    def __post_init__(self) -> None:
        if self.private is None:
            return
        private = self.private
        for name in (*private.required, *private.defaults, private.stamp, *private.cut):
            if name not in self.fields:
                raise ValueError(f"root {self.name!r}: private field {name!r} is not in its fields")
        for name, default in private.defaults.items():
            if not self.fields[name].admits(default):
                raise ValueError(f"root {self.name!r}: the default of {name!r} does not fit it")
        for name in private.cut:
            if name not in (*private.required, *private.defaults):
                raise ValueError(f"root {self.name!r}: private field {name!r} is cut, not held")

    def fits(self, item: Mapping[str, Any]) -> bool:
        """Say whether an item's fields are all declared and each fits."""
        return all(
            key in self.fields and self.fields[key].admits(value) for key, value in item.items()
        )

    def misfits(self, item: Mapping[str, Any]) -> list[str]:
        """Return the fields of an item that are not declared or do not fit."""
        return [
            key
            for key, value in item.items()
            if key not in self.fields or not self.fields[key].admits(value)
        ]


ZONE = Root(
    "zones",
    {
        "title": text(limits.MAX_TITLE_CHARS),
        "question": text(limits.MAX_QUESTION_CHARS),
        "order": ORDER,
    },
)
MAP_NOTE = Root(
    "notes",
    {
        "text": text(limits.MAX_NOTE_CHARS),
        "zone": reference("zones"),
        "order": ORDER,
        "color": text(16, "yellow", "green", "blue", "pink", "orange", "purple"),
        "created": NUMBER,
        "cluster": reference("clusters"),
        # The table group whose space the note is in (absent: the plenum's).
        "group": reference("groups"),
        # Kinds with topics (an LUS pilot): the guide section a note concerns.
        "topic": ID,
    },
    # A private note is placed in a zone; the facilitator clusters it after the reveal.
    private=Private(required=("text", "zone"), defaults={"color": "yellow", "order": "a0"}),
)
CLUSTER = Root(
    "clusters",
    {"title": text(limits.MAX_TITLE_CHARS), "zone": reference("zones"), "order": ORDER},
)
# Table groups: the facilitator splits the room; each group works in its own space.
GROUP = Root(
    "groups",
    {
        "title": text(limits.MAX_TITLE_CHARS),
        "order": ORDER,
        # The table number people typed at join, when the groups follow the tables.
        "table": text(limits.MAX_TABLE_CHARS),
    },
)
# On a charter each table group drafts one section: the group's draft is a fragment of
# `drafts` under the group's id, and the group's item names the section.
CHARTER_GROUP = Root("groups", {**GROUP.fields, "section": reference("sections")})
DRAFT = Root("drafts", {}, wording=True)
# A pre-jekt's note made an action, under the note's id: facilitator and team write it.
ACTION = Root(
    "actions",
    {
        "what": text(limits.MAX_ACTION_CHARS),
        "who": text(limits.MAX_TITLE_CHARS),
        "due": text(10),  # an ISO 8601 date, YYYY-MM-DD
        "status": text(16, "idea", "running", "tried", "scaled", "stopped"),
        "learning": text(limits.MAX_REASON_CHARS),
        "updated": NUMBER,
    },
)
PLAIN_NOTE = Root(
    "notes",
    {"text": text(limits.MAX_NOTE_CHARS), "created": NUMBER},
    private=Private(required=("text",)),
)
SECTION = Root(
    "sections",
    {
        "title": text(limits.MAX_TITLE_CHARS),
        "question": text(limits.MAX_QUESTION_CHARS),
        "order": ORDER,
        "role": text(16, "preamble", "principle"),
        "state": text(16, "open", "agreed"),
    },
)
WORDING = Root("wording", {}, wording=True)
PROPOSAL = Root(
    "proposals",
    {
        "section": reference("sections"),
        "reason": text(limits.MAX_REASON_CHARS),
        "wording": text(MAX_PROPOSAL_WORDING_CHARS),
        "base": text(MAX_WORDING_CHARS),
        "status": text(16, "open", "accepted", "rejected", "withdrawn"),
        "created": STAMP,
        "decided": STAMP,
        "votes_for": NUMBER,
        "votes_against": NUMBER,
    },
)
COMMENT = Root(
    "comments",
    {"proposal": reference("proposals"), "text": text(limits.MAX_COMMENT_CHARS), "created": NUMBER},
)
EXAMPLE = Root(
    "examples",
    {
        # Everyday examples turn a principle into practice: not the preamble.
        "section": reference("sections", role="principle"),
        "text": text(limits.MAX_EXAMPLE_CHARS),
        "scope": text(16, "own", "across"),
        "unit": text(limits.MAX_UNIT_CHARS),
        "created": NUMBER,
        # Carried from an earlier round: the event it was written at (the server's).
        "event": text(limits.MAX_TITLE_CHARS),
    },
    private=Private(required=("text", "section", "scope"), defaults={"unit": ""}, cut=("unit",)),
)

LAYOUTS: dict[str, tuple[Root, ...]] = {
    "notes": (PLAIN_NOTE,),
    "map": (ZONE, MAP_NOTE, CLUSTER, GROUP, ACTION),
    "charter": (SECTION, WORDING, PROPOSAL, COMMENT, EXAMPLE, CHARTER_GROUP, DRAFT),
}
