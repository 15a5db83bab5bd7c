"""What a board's document may hold: its roots, and each item's fields, types and sizes.

The layout is a whitelist (docs/formats.md, "Document layout"): the server refuses an
update that places anything in a root outside it (server/update_scan.py) and undoes a
field outside an item's schema, of the wrong type or too long (server/guard.py), for every
role but the facilitator. Imports are checked against the same declarations.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
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
NOTE_COLORS = ("yellow", "green", "blue", "pink", "orange", "purple")
# The largest whole number a Yjs document holds exactly (a JavaScript number).
MAX_SAFE_INT = 2**53


@dataclass(frozen=True)
class Field:
    """One field of an item: what it holds and how much."""

    kind: str  # "text", "number" or "flag"
    max_chars: int = 0  # for text
    choices: tuple[str, ...] = ()  # for text: the only values it may take, if any

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


NUMBER = Field("number")
ID = text(MAX_ID_CHARS)
ORDER = text(MAX_ORDER_CHARS)
STAMP = text(MAX_STAMP_CHARS)


@dataclass(frozen=True)
class Root:
    """One root map of a document: items that are maps of fields, or wording fragments."""

    name: str
    fields: Mapping[str, Field]
    wording: bool = False  # items are y-prosemirror XML fragments, not maps

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
        "zone": ID,
        "order": ORDER,
        "color": text(16, *NOTE_COLORS),
        "created": NUMBER,
        "cluster": ID,
    },
)
CLUSTER = Root("clusters", {"title": text(limits.MAX_TITLE_CHARS), "zone": ID, "order": ORDER})
PLAIN_NOTE = Root("notes", {"text": text(limits.MAX_NOTE_CHARS), "created": NUMBER})
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
        "section": ID,
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
    "comments", {"proposal": ID, "text": text(limits.MAX_COMMENT_CHARS), "created": NUMBER}
)
EXAMPLE = Root(
    "examples",
    {
        "section": ID,
        "text": text(limits.MAX_EXAMPLE_CHARS),
        "scope": text(16, "own", "across"),
        "unit": text(limits.MAX_UNIT_CHARS),
        "created": NUMBER,
    },
)

LAYOUTS: dict[str, tuple[Root, ...]] = {
    "notes": (PLAIN_NOTE,),
    "map": (ZONE, MAP_NOTE, CLUSTER),
    "charter": (SECTION, WORDING, PROPOSAL, COMMENT, EXAMPLE),
}
