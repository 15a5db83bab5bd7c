"""A board brought into play again: the next round's document, made from the last round's.

The next round is a new board in a later event of the same programme (docs/programme.md).
Its document is written once, at creation, like a template's seed, from the source
board's current state. What goes on:

- A charter: every section (title, question, order, role), open again, with its current
  wording (for an agreed section, the agreed wording); its everyday examples, each
  marked with the event it was written at (`event`; an example carried before keeps
  the event it has). Proposals and comments stay in the earlier round's history.
- A map or a note list: the zones as they stand, and the notes (all, or the top-voted
  of the latest dot vote), with the clusters and a pre-jekt's actions of those notes.
  Table groups belong to their event and do not go on.

Items keep their ids, so comparing two rounds (server/afterwards/compare.py) sees the
same note or example in both. No carried item has an author on the new board: the
server wrote it, and only the facilitator (or the team) changes it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pycrdt import Doc, Map, XmlFragment

from boards.engines import Engine
from boards.layout import Root
from boards.wording import read_fragment, write_fragment

__all__ = ["ALL", "MAX_TOP", "TOP", "Carry", "NoVotes", "next_round_document"]

ALL = "all"
TOP = "top"
MAX_TOP = 500
# Roots of a map that belong to one event's room, not to the work.
NOT_CARRIED = frozenset({"groups"})
# Fields of a note that belong to the earlier room: its table group.
NOTE_FIELDS_LEFT = frozenset({"group"})


class NoVotes(ValueError):
    """The top-voted notes were asked for, and the board has had no dot vote."""


@dataclass(frozen=True)
class Carry:
    """What goes on into the next round."""

    event_name: str  # the source board's event: carried examples are marked with it
    notes: str = ALL  # ALL or TOP
    top: int = 0  # with TOP: how many of the best (ties with the last one go on too)


def next_round_document(doc: Doc[Any], engine: Engine, carry: Carry, dots: dict[str, int]) -> bytes:
    """Return the encoded document the next round starts from.

    Args:
        doc: the source board's document now (read on the event loop's thread).
        engine: the board's engine; the next round has the same kind.
        carry: what goes on.
        dots: the latest dot vote's tally per note (for `TOP`).

    Raises:
        NoVotes: `TOP` was asked for and no note has a dot.
    """
    roots = {root.name: root for root in engine.layout}
    new: Doc[Any] = Doc()
    with new.transaction():
        if engine.name == "charter":
            _carry_charter(doc, new, roots, carry)
        else:
            _carry_notes(doc, new, roots, carry, dots)
    return new.get_update()


def _fields(root: Root, item: Any, leave: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """Return an item's fields that its root declares and that fit, or None for no item."""
    if not isinstance(item, Map):
        return None
    plain = item.to_py() or {}
    return {
        key: value
        for key, value in plain.items()
        if key in root.fields and key not in leave and root.fields[key].admits(value)
    }


def _carry_charter(doc: Doc[Any], new: Doc[Any], roots: dict[str, Root], carry: Carry) -> None:
    sections, wording = new.get("sections", type=Map), new.get("wording", type=Map)
    source_wording = doc.get("wording", type=Map)
    for section_id, section in doc.get("sections", type=Map).items():
        fields = _fields(roots["sections"], section)
        if fields is None:
            continue
        # The new round starts from the wording and works on it: open again.
        sections[section_id] = Map({**fields, "state": "open"})
        fragment = source_wording.get(section_id)
        wording[section_id] = XmlFragment()
        if isinstance(fragment, XmlFragment):
            write_fragment(wording[section_id], read_fragment(fragment))
    examples = new.get("examples", type=Map)
    event_field = roots["examples"].fields["event"]
    event_name = carry.event_name[: event_field.max_chars]
    for example_id, example in doc.get("examples", type=Map).items():
        fields = _fields(roots["examples"], example)
        if fields is None or str(fields.get("section")) not in sections:
            continue
        if not fields.get("event") and event_name:
            fields["event"] = event_name
        examples[example_id] = Map(fields)


def _chosen_notes(notes: Map[Any], carry: Carry, dots: dict[str, int]) -> set[str]:
    """Return the ids of the notes that go on: all, or the top-voted (ties included)."""
    ids = {key for key, value in notes.items() if isinstance(value, Map)}
    if carry.notes != TOP:
        return ids
    voted = sorted((count for key, count in dots.items() if key in ids and count > 0), reverse=True)
    if not voted:
        raise NoVotes("no note has a dot")
    least = voted[min(carry.top, len(voted)) - 1]
    return {key for key in ids if dots.get(key, 0) >= least}


def _carry_notes(
    doc: Doc[Any],
    new: Doc[Any],
    roots: dict[str, Root],
    carry: Carry,
    dots: dict[str, int],
) -> None:
    source_notes = doc.get("notes", type=Map)
    chosen = _chosen_notes(source_notes, carry, dots)
    clusters: set[str] = set()
    carried: set[str] = set()
    notes = new.get("notes", type=Map)
    for note_id in sorted(chosen):
        fields = _fields(roots["notes"], source_notes.get(note_id), NOTE_FIELDS_LEFT)
        if fields is None:
            continue
        if fields.get("cluster"):
            clusters.add(str(fields["cluster"]))
        notes[note_id] = Map(fields)
        carried.add(note_id)
    for name, root in roots.items():
        if name == "notes" or name in NOT_CARRIED:
            continue
        target = new.get(name, type=Map)
        for key, item in doc.get(name, type=Map).items():
            if name == "clusters" and key not in clusters:
                continue  # a cluster none of whose notes went on
            if name == "actions" and key not in carried:
                continue  # an action is its note's: keyed by the note's id
            fields = _fields(root, item)
            if fields is not None:
                target[key] = Map(fields)
