"""What changed on a board between two points (snapshots, or a snapshot and now).

For a map: notes added, removed, moved between zones, re-clustered, re-worded, and
votes that changed. For a charter: each section's wording before and after (the browser
shows the word-level difference) and the everyday examples added or removed.
"""

from __future__ import annotations

from typing import Any

from pycrdt import Doc, Map, XmlFragment

from boards.wording import plain_text, read_fragment


def _items(doc: Doc[Any], root: str) -> dict[str, dict[str, Any]]:
    return {
        key: dict(value.to_py() or {})
        for key, value in doc.get(root, type=Map).items()
        if isinstance(value, Map)
    }


def _titles(doc: Doc[Any], root: str) -> dict[str, str]:
    return {key: str(item.get("title") or "") for key, item in _items(doc, root).items()}


def compare_map(
    before: Doc[Any], after: Doc[Any], dots_before: dict[str, int], dots_after: dict[str, int]
) -> dict[str, Any]:
    """Return how a map's notes changed from `before` to `after`."""
    old, new = _items(before, "notes"), _items(after, "notes")
    zones = {**_titles(before, "zones"), **_titles(after, "zones")}
    clusters = {**_titles(before, "clusters"), **_titles(after, "clusters")}

    def note(note_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        zone = str(fields.get("zone") or "")
        return {"id": note_id, "text": str(fields.get("text") or ""), "zone": zones.get(zone, zone)}

    moved, reclustered, edited, votes = [], [], [], []
    for note_id in old.keys() & new.keys():
        was, now = old[note_id], new[note_id]
        if was.get("zone") != now.get("zone"):
            moved.append(
                {
                    **note(note_id, now),
                    "from": zones.get(str(was.get("zone")), ""),
                    "to": zones.get(str(now.get("zone")), ""),
                }
            )
        if was.get("cluster") != now.get("cluster"):
            reclustered.append(
                {
                    **note(note_id, now),
                    "from": clusters.get(str(was.get("cluster"))),
                    "to": clusters.get(str(now.get("cluster"))),
                }
            )
        if was.get("text") != now.get("text"):
            edited.append({**note(note_id, now), "before": str(was.get("text") or "")})
    for note_id in sorted(dots_before.keys() | dots_after.keys()):
        was_dots, now_dots = dots_before.get(note_id, 0), dots_after.get(note_id, 0)
        if was_dots != now_dots and note_id in (old | new):
            fields = new.get(note_id) or old[note_id]
            votes.append({**note(note_id, fields), "before": was_dots, "after": now_dots})
    return {
        "kind": "map",
        "added": [note(i, new[i]) for i in sorted(new.keys() - old.keys())],
        "removed": [note(i, old[i]) for i in sorted(old.keys() - new.keys())],
        "moved": sorted(moved, key=lambda n: n["id"]),
        "reclustered": sorted(reclustered, key=lambda n: n["id"]),
        "edited": sorted(edited, key=lambda n: n["id"]),
        "votes": votes,
    }


def _wording(doc: Doc[Any]) -> dict[str, str]:
    return {
        key: plain_text(read_fragment(value))
        for key, value in doc.get("wording", type=Map).items()
        if isinstance(value, XmlFragment)
    }


def compare_charter(before: Doc[Any], after: Doc[Any]) -> dict[str, Any]:
    """Return each section's wording at both points, and the examples added or removed."""
    titles = {**_titles(before, "sections"), **_titles(after, "sections")}
    old_text, new_text = _wording(before), _wording(after)
    old_sections, new_sections = _items(before, "sections"), _items(after, "sections")
    order = sorted(
        old_sections.keys() | new_sections.keys(),
        key=lambda s: str((new_sections.get(s) or old_sections.get(s) or {}).get("order") or ""),
    )
    sections = [
        {
            "id": section_id,
            "title": titles.get(section_id, ""),
            "before": old_text.get(section_id),
            "after": new_text.get(section_id),
            "changed": old_text.get(section_id) != new_text.get(section_id),
        }
        for section_id in order
    ]
    old_examples, new_examples = _items(before, "examples"), _items(after, "examples")

    def example(example_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        section = str(fields.get("section") or "")
        return {
            "id": example_id,
            "section": titles.get(section, section),
            "text": str(fields.get("text") or ""),
        }

    return {
        "kind": "charter",
        "sections": sections,
        "examples_added": [
            example(i, new_examples[i]) for i in sorted(new_examples.keys() - old_examples.keys())
        ],
        "examples_removed": [
            example(i, old_examples[i]) for i in sorted(old_examples.keys() - new_examples.keys())
        ],
    }
