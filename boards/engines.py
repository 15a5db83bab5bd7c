"""Engines: how a family of board kinds lays out its shared document.

A kind (data in `kinds/*.json`) names its engine; the engine says which root maps hold
items whose authors the server records, and how a new board's document is seeded. What
the server does with an engine's boards is picked by the engine: its rules in
server/rules/engines.py, its exports and comparisons in server/afterwards/engines.py;
what its private items hold is in its layout (boards/layout.py, `Private`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pycrdt import Doc, Map, XmlFragment

from .layout import LAYOUTS, Root
from .wording import document_of_paragraphs, write_fragment


@dataclass(frozen=True)
class Engine:
    """One document layout, shared by every kind built on it."""

    name: str
    # Root maps whose keys are items created by people: the server records who added
    # each key (docs/formats.md, "Authorship").
    authored: tuple[str, ...]
    seed: Callable[[Doc[Any], dict[str, Any], str], None]
    # When guarded, a participant may change only their own items, and never the
    # facilitator-only roots or fields (server/rules/guard.py). Unguarded: anyone edits
    # anything.
    guarded: bool = False
    facilitator_only: tuple[str, ...] = ()
    facilitator_fields: frozenset[str] = frozenset()
    # Whether boards of this engine have dot voting (server/rules/voting.py).
    votes: bool = False
    # Which rules the room runs beyond syncing: "board" (guard and dot votes,
    # server/rules/board.py) or "charter" (wording, amendments, examples;
    # server/rules/charter.py).
    rules: str = "board"
    # The roots whose items the facilitator may hide.
    moderated: tuple[str, ...] = ()
    # The whitelist of roots and item fields (boards/layout.py); roots in that order.
    layout: tuple[Root, ...] = ()

    @property
    def roots(self) -> tuple[str, ...]:
        """Return every root of the layout (what a snapshot restores, what exports read)."""
        return tuple(root.name for root in self.layout)

    @property
    def private(self) -> Root | None:
        """Return the root whose items participants may write privately first, if any."""
        return next((root for root in self.layout if root.private is not None), None)


def _seed_nothing(doc: Doc[Any], kind: dict[str, Any], locale: str) -> None:
    """Leave the document empty: the notes engine needs no template content."""


def zone_order_key(index: int) -> str:
    """Return the fractional index of the index-th seeded zone ("a0", "a1", ...).

    Keys follow npm fractional-indexing's format (base-62 digits after an "a" head), so
    the client can place new zones between seeded ones.
    """
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    if index >= len(digits):
        raise ValueError("a template has at most 62 zones")
    return "a" + digits[index]


def _seed_zones(doc: Doc[Any], kind: dict[str, Any], locale: str) -> None:
    """Write the kind's zones, with titles and questions in the board's language."""
    zones = doc.get("zones", type=Map)
    for index, zone in enumerate(kind["zones"]):
        zones[zone["id"]] = Map(
            {
                "title": zone["title"].get(locale) or zone["title"]["da"],
                "question": zone["question"].get(locale) or zone["question"]["da"],
                "order": zone_order_key(index),
            }
        )


def _seed_charter(doc: Doc[Any], kind: dict[str, Any], locale: str) -> None:
    """Write the kind's sections, each open, with its wording fragment."""
    sections = doc.get("sections", type=Map)
    wording = doc.get("wording", type=Map)
    for index, section in enumerate(kind["sections"]):
        sections[section["id"]] = Map(
            {
                "title": section["title"].get(locale) or section["title"]["da"],
                "question": section["question"].get(locale) or section["question"]["da"],
                "order": zone_order_key(index),
                "role": section.get("role", "principle"),
                "state": "open",
            }
        )
        wording[section["id"]] = XmlFragment()
        fragment = wording[section["id"]]
        texts = section.get("wording", {})
        write_fragment(fragment, document_of_paragraphs(texts.get(locale) or texts.get("da", [])))


ENGINES: dict[str, Engine] = {
    "notes": Engine(
        name="notes",
        layout=LAYOUTS["notes"],
        authored=("notes",),
        seed=_seed_nothing,
        moderated=("notes",),
    ),
    "map": Engine(
        name="map",
        layout=LAYOUTS["map"],
        authored=("notes",),
        seed=_seed_zones,
        guarded=True,
        facilitator_only=("zones", "clusters", "groups", "actions"),
        facilitator_fields=frozenset({"cluster"}),
        votes=True,
        moderated=("notes",),
    ),
    "charter": Engine(
        name="charter",
        layout=LAYOUTS["charter"],
        authored=("examples", "comments"),
        seed=_seed_charter,
        guarded=True,
        facilitator_only=("sections", "proposals", "groups"),
        facilitator_fields=frozenset({"event"}),
        rules="charter",
        moderated=("examples", "comments", "proposals"),
    ),
}
