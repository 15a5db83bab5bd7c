"""A private item is held to its root's layout: server/facilitation/private_writing.py.

The reveal writes private items into the document as the server, past the guard, so
`clean_fields` is all that stands between a modified client and the board.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from pycrdt import Doc

import boards
from boards.layout import Root
from server.facilitation.private_writing import clean_fields
from server.rules.commands import Refused


def seeded(slug: str) -> tuple[Root, Doc[Any]]:
    """Return the private root of a kind's engine and a new board's document."""
    kind = boards.get_kind(slug)
    assert kind is not None
    root = kind.engine.private
    assert root is not None
    doc: Doc[Any] = Doc()
    doc.apply_update(kind.seed("da"))
    return root, doc


def refused(root: Root, fields: Any, doc: Doc[Any]) -> None:
    with pytest.raises(Refused) as caught:
        clean_fields(root, fields, doc)
    assert caught.value.code == "invalid"


def test_a_private_note_on_a_map_goes_into_a_zone_with_a_colour_and_nothing_else() -> None:
    root, doc = seeded("value-map")
    assert root.name == "notes"
    note = {"text": "Fælles visitation", "zone": "value", "created": 1.7e12}
    assert clean_fields(root, note, doc) == {
        "text": "Fælles visitation",
        "zone": "value",
        "color": "yellow",
        "order": "a0",
        "created": 1.7e12,
    }
    # The facilitator clusters notes after the reveal; a field outside the layout is dropped.
    chosen = {**note, "color": "pink", "order": "a5", "cluster": "cl-1", "html": "<b>"}
    assert clean_fields(root, chosen, doc) == {**note, "color": "pink", "order": "a5"}
    refused(root, {**note, "zone": "not-a-zone"}, doc)  # the zone must be the board's
    refused(root, {"text": "Uden zone"}, doc)
    refused(root, {**note, "color": "red"}, doc)  # the layout's colours only
    refused(root, {**note, "color": None}, doc)
    refused(root, {**note, "order": "a" * 65}, doc)


@pytest.mark.parametrize("text", [None, "", "   \n", 42, "x" * 2001])
def test_a_private_note_has_text_within_the_layouts_limit(text: Any) -> None:
    root, doc = seeded("value-map")
    refused(root, {"text": text, "zone": "value"}, doc)
    assert clean_fields(root, {"text": "x" * 2000, "zone": "value"}, doc)["text"] == "x" * 2000


@pytest.mark.parametrize("fields", [None, [], "text", 7])
def test_private_fields_are_an_object(fields: Any) -> None:
    root, doc = seeded("notes")
    refused(root, fields, doc)


@pytest.mark.parametrize("created", [None, "1700000000000", True, float("inf"), 1e300])
def test_the_server_stamps_a_private_note_whose_time_is_not_a_number(created: Any) -> None:
    root, doc = seeded("notes")
    before = time.time() * 1000
    clean = clean_fields(root, {"text": "En note", "created": created}, doc)
    assert before <= clean["created"] <= time.time() * 1000
    assert list(clean) == ["text", "created"]  # the note list has no zones
    assert clean_fields(root, {"text": "En note", "created": 5}, doc)["created"] == 5.0


def test_a_private_example_goes_under_a_principle_and_its_unit_is_cut() -> None:
    root, doc = seeded("charter")
    assert root.name == "examples"
    kind = boards.get_kind("charter")
    assert kind is not None
    sections = kind.data["sections"]
    principle = next(s["id"] for s in sections if s.get("role", "principle") == "principle")
    preamble = next(s["id"] for s in sections if s.get("role") == "preamble")
    example = {"text": "Fælles morgenmøde", "section": principle, "scope": "across"}
    assert clean_fields(root, {**example, "created": 1.0}, doc) == {
        **example,
        "unit": "",
        "created": 1.0,
    }
    # The client allows 80 characters; a longer unit is cut, as docs/protocol.md says.
    assert clean_fields(root, {**example, "unit": "u" * 120}, doc)["unit"] == "u" * 80
    refused(root, {**example, "unit": 80}, doc)
    refused(root, {**example, "section": preamble}, doc)  # examples serve principles
    refused(root, {**example, "section": "nowhere"}, doc)
    refused(root, {**example, "scope": "everywhere"}, doc)
    refused(root, {"text": "Uden afsnit", "scope": "own"}, doc)
