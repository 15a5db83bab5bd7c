"""An engine is one place: its layout (boards/), and what it does afterwards (server/afterwards/).

Adding a board kind on an existing engine is adding a JSON file to boards/kinds/; adding an
engine is a layout in boards/layout.py, an entry in boards/engines.py and its afterwards
in server/afterwards/engines.py. These tests hold the pieces together.
"""

from __future__ import annotations

import pytest

import boards
from boards.engines import ENGINES
from server.afterwards.engines import AFTERWARDS, JSON, afterwards_of
from server.web.exports import ALIASES


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_reference_of_a_layout_names_a_root_of_the_same_layout(engine: str) -> None:
    layout = {root.name: root for root in ENGINES[engine].layout}
    for root in layout.values():
        for name, field in root.fields.items():
            if field.refers_to is None:
                continue
            target = layout.get(field.refers_to.root)
            assert target is not None, f"{root.name}.{name} names a root outside the layout"
            for key, value in field.refers_to.having:
                assert target.fields[key].admits(value), f"{root.name}.{name}: {key}={value!r}"


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_an_engine_has_at_most_one_private_root_and_it_is_authored(engine: str) -> None:
    private = [root for root in ENGINES[engine].layout if root.private is not None]
    assert len(private) <= 1
    if private:
        # The reveal records each item's writer: only an authored root can take them.
        assert ENGINES[engine].private is private[0]
        assert private[0].name in ENGINES[engine].authored


def test_every_engine_and_kind_has_its_exports() -> None:
    assert set(AFTERWARDS) == set(ENGINES)
    for kind in boards.registry().values():
        formats = afterwards_of(kind.engine).formats
        assert formats[-1] == JSON  # the complete JSON, which imports again
        assert len(set(formats)) == len(formats)
    # The menus list them in this order (the library, the history page, the command line).
    assert afterwards_of(ENGINES["map"]).formats == ("md", "csv", "docx", "png", "json")
    assert afterwards_of(ENGINES["notes"]).formats == ("md", "csv", "docx", "png", "json")
    assert afterwards_of(ENGINES["charter"]).formats == ("md", "docx", "csv", "json")


def test_only_the_charter_keeps_versions_and_its_own_export_address() -> None:
    assert [name for name, a in sorted(AFTERWARDS.items()) if a.versions] == ["charter"]
    assert ALIASES == ["charter"]
    assert afterwards_of(ENGINES["charter"]).alias == "charter"


def test_a_private_item_holds_no_field_only_the_facilitator_sets() -> None:
    for engine in ENGINES.values():
        root = engine.private
        if root is None or root.private is None:
            continue
        held = {*root.private.required, *root.private.defaults, root.private.stamp}
        assert not held & engine.facilitator_fields, engine.name
