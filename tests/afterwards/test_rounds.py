"""The next round's document, made from the last round's (server/afterwards/rounds.py)."""

from __future__ import annotations

from typing import Any

import pytest
from pycrdt import Doc, Map, XmlFragment

import boards
from boards.wording import plain_text, read_fragment
from server.afterwards.rounds import TOP, Carry, NoVotes, next_round_document
from tests.support.items import example, note


def charter_doc() -> Doc[Any]:
    doc: Doc[Any] = Doc()
    kind = boards.get_kind("charter")
    assert kind is not None
    doc.apply_update(kind.seed("da"))
    return doc


def decoded(update: bytes) -> Doc[Any]:
    doc: Doc[Any] = Doc()
    doc.apply_update(update)
    return doc


def wording_of(doc: Doc[Any], section: str) -> str:
    fragment = doc.get("wording", type=Map)[section]
    assert isinstance(fragment, XmlFragment)
    return plain_text(read_fragment(fragment))


def test_a_charter_goes_on_open_with_its_wording_and_examples_marked_with_the_event() -> None:
    doc = charter_doc()
    engine = boards.ENGINES["charter"]
    with doc.transaction():
        doc.get("sections", type=Map)["across"]["state"] = "agreed"
        examples = doc.get("examples", type=Map)
        examples["ex-1"] = Map(example("Vi deler kalender med skolen"))
        # Carried once before: it keeps the event it was written at.
        examples["ex-2"] = Map({**example("Fælles visitation"), "event": "Temadag 2026"})
        examples["ex-orphan"] = Map(example("Ingen sektion", section="gone"))
        doc.get("proposals", type=Map)["p-1"] = Map({"section": "across", "status": "open"})
    before = wording_of(doc, "preamble")
    new = decoded(next_round_document(doc, engine, Carry("Storledermøde marts"), {}))
    sections = new.get("sections", type=Map)
    assert set(sections.keys()) == set(doc.get("sections", type=Map).keys())
    assert {sections[key]["state"] for key in sections} == {"open"}
    assert sections["across"]["title"] == doc.get("sections", type=Map)["across"]["title"]
    assert wording_of(new, "preamble") == before != ""
    carried = new.get("examples", type=Map)
    assert set(carried.keys()) == {"ex-1", "ex-2"}
    assert carried["ex-1"]["event"] == "Storledermøde marts"
    assert carried["ex-1"]["text"] == "Vi deler kalender med skolen"
    assert carried["ex-2"]["event"] == "Temadag 2026"
    assert len(new.get("proposals", type=Map)) == 0


def map_doc() -> Doc[Any]:
    doc: Doc[Any] = Doc()
    kind = boards.get_kind("value-map")
    assert kind is not None
    doc.apply_update(kind.seed("da"))
    with doc.transaction():
        notes = doc.get("notes", type=Map)
        for index, text in enumerate(("Et", "To", "Tre", "Fire")):
            notes[f"n{index}"] = Map(note(text))
        notes["n0"]["cluster"] = "c-1"
        notes["n1"]["group"] = "g-1"
        doc.get("clusters", type=Map)["c-1"] = Map({"title": "Klynge", "zone": "value"})
        doc.get("clusters", type=Map)["c-2"] = Map({"title": "Tom", "zone": "value"})
        doc.get("groups", type=Map)["g-1"] = Map({"title": "Bord 1", "order": "a0"})
    return doc


def test_a_map_goes_on_with_its_zones_notes_and_their_clusters_but_not_its_groups() -> None:
    doc = map_doc()
    new = decoded(next_round_document(doc, boards.ENGINES["map"], Carry("Marts"), {}))
    assert set(new.get("zones", type=Map).keys()) == set(doc.get("zones", type=Map).keys())
    notes = new.get("notes", type=Map)
    assert {key: notes[key]["text"] for key in notes} == {
        "n0": "Et",
        "n1": "To",
        "n2": "Tre",
        "n3": "Fire",
    }
    assert notes["n0"]["cluster"] == "c-1"
    assert "group" not in notes["n1"]
    assert set(new.get("clusters", type=Map).keys()) == {"c-1"}
    assert len(new.get("groups", type=Map)) == 0


def test_only_the_top_voted_notes_go_on_with_ties_at_the_last_place() -> None:
    doc = map_doc()
    dots = {"n0": 5, "n1": 3, "n2": 3, "n3": 0}
    top = Carry("Marts", TOP, 2)
    new = decoded(next_round_document(doc, boards.ENGINES["map"], top, dots))
    assert set(new.get("notes", type=Map).keys()) == {"n0", "n1", "n2"}
    one = decoded(next_round_document(doc, boards.ENGINES["map"], Carry("M", TOP, 1), dots))
    assert set(one.get("notes", type=Map).keys()) == {"n0"}
    # More asked for than were voted on: only notes with a dot go on.
    many = decoded(next_round_document(doc, boards.ENGINES["map"], Carry("M", TOP, 50), dots))
    assert set(many.get("notes", type=Map).keys()) == {"n0", "n1", "n2"}
    with pytest.raises(NoVotes):
        next_round_document(doc, boards.ENGINES["map"], top, {})
