"""Engines: how a family of board kinds lays out its shared document.

A kind (data in `kinds/*.json`) names its engine; the engine says which root maps hold
items whose authors the server records, and how a new board's document is seeded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pycrdt import Doc


@dataclass(frozen=True)
class Engine:
    """One document layout, shared by every kind built on it."""

    name: str
    # Root maps whose keys are items created by people: the server records who added
    # each key (docs/protocol.md, "Authorship").
    authored: tuple[str, ...]
    seed: Callable[[Doc[Any], dict[str, Any], str], None]


def _seed_nothing(doc: Doc[Any], kind: dict[str, Any], locale: str) -> None:
    """Leave the document empty: the notes engine needs no template content."""


ENGINES: dict[str, Engine] = {
    "notes": Engine(name="notes", authored=("notes",), seed=_seed_nothing),
}
