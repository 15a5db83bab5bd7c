"""What a phone writes into a board's document, for tests: a note's or an everyday
example's fields, and the changes a test client makes with them
(`client.edit(put_note("anne-1", "Tillid"))`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pycrdt import Doc, Map

Change = Callable[[Doc[Any]], None]


def note(
    text: str,
    zone: str = "value",
    order: str = "a0",
    *,
    color: str = "yellow",
    created: float = 1.0,
) -> dict[str, Any]:
    """Return a note's fields as a phone writes them."""
    return {"text": text, "zone": zone, "order": order, "color": color, "created": created}


def example(
    text: str, section: str = "across", *, scope: str = "own", unit: str = "", created: float = 1.0
) -> dict[str, Any]:
    """Return an everyday example's fields (a charter's) as a phone writes them."""
    return {"section": section, "text": text, "scope": scope, "unit": unit, "created": created}


def put(root: str, item_id: str, fields: dict[str, Any]) -> Change:
    """Return a change that adds an item with these fields to one of the document's maps."""

    def change(doc: Doc[Any]) -> None:
        doc.get(root, type=Map)[item_id] = Map(fields)

    return change


def put_note(item_id: str, text: str, zone: str = "value", **fields: Any) -> Change:
    """Return a change that adds a note (see `note` for the fields that may be given)."""
    return put("notes", item_id, note(text, zone, **fields))


def put_example(item_id: str, fields: dict[str, Any]) -> Change:
    """Return a change that adds an everyday example with these fields."""
    return put("examples", item_id, fields)


def set_field(root: str, item_id: str, field: str, value: Any) -> Change:
    """Return a change that sets one field of an item."""

    def change(doc: Doc[Any]) -> None:
        doc.get(root, type=Map)[item_id][field] = value

    return change


def delete(root: str, item_id: str) -> Change:
    """Return a change that deletes an item from one of the document's maps."""

    def change(doc: Doc[Any]) -> None:
        del doc.get(root, type=Map)[item_id]

    return change
