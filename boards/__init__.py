"""The board kinds: one registry, read from the data files in `kinds/`.

Adding a template is adding a JSON file; adding a document layout is adding an engine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pycrdt import Doc

from .engines import ENGINES, Engine

DEFAULT_KIND = "value-map"
LOCALES = ("da", "en")


@dataclass(frozen=True)
class Kind:
    """A board kind: its slug, engine and template texts in each language."""

    slug: str
    engine: Engine
    order: int
    title: dict[str, str]
    description: dict[str, str]
    data: dict[str, Any]
    # Optional keys of a kind's JSON (docs/formats.md, "Board kinds"):
    # new boards start anonymous (the facilitator may turn it off before anyone writes)
    anonymous: bool = False
    # the slug of a charter kind whose sections a note may name as its `topic`
    topics_from: str | None = None
    # the zone whose notes the facilitator may send to a guide as amendments
    amend_zone: str | None = None
    # whether notes may be made actions (a pre-jekt carried on after the seminar)
    actions: bool = False
    # a dot vote over the charter's sections: its budget (0: none)
    section_vote: int = 0

    def text(self, field: str, locale: str) -> str:
        """Return a template text in the locale, falling back to Danish."""
        texts: dict[str, str] = getattr(self, field)
        return texts.get(locale) or texts["da"]

    def topics(self, locale: str) -> list[tuple[str, str]]:
        """Return the (section id, title) pairs a note of this kind may name, in order."""
        source = registry().get(self.topics_from) if self.topics_from else None
        if source is None:
            return []
        return [
            (section["id"], section["title"].get(locale) or section["title"]["da"])
            for section in source.data.get("sections", [])
        ]

    def seed(self, locale: str) -> bytes:
        """Return the encoded document a new board of this kind starts from."""
        doc: Doc[Any] = Doc()
        self.engine.seed(doc, self.data, locale)
        return doc.get_update()


def _load(data: dict[str, Any]) -> Kind:
    engine = ENGINES.get(data["engine"])
    if engine is None:
        raise ValueError(f"board kind {data['slug']!r} names unknown engine {data['engine']!r}")
    for field in ("title", "description"):
        missing = [locale for locale in LOCALES if not data[field].get(locale)]
        if missing:
            raise ValueError(f"board kind {data['slug']!r} lacks {field} in {missing}")
    slug = data["slug"]
    for flag in ("anonymous", "actions"):
        if not isinstance(data.get(flag, False), bool):
            raise ValueError(f"board kind {slug!r}: {flag!r} is true or false")
    zones = {zone["id"] for zone in data.get("zones", [])}
    amend_zone = data.get("amend_zone")
    if amend_zone is not None and amend_zone not in zones:
        raise ValueError(f"board kind {slug!r}: amend_zone {amend_zone!r} is none of its zones")
    if (data.get("actions") or data.get("topics_from")) and engine.name != "map":
        raise ValueError(f"board kind {slug!r}: actions and topics are for the map engine")
    vote = data.get("section_vote")
    budget = 0
    if vote is not None:
        wanted = vote.get("budget") if isinstance(vote, dict) else None
        if engine.name != "charter" or not isinstance(wanted, int) or not 1 <= wanted <= 20:
            raise ValueError(f"board kind {slug!r}: section_vote needs a charter and a budget 1-20")
        budget = wanted
    return Kind(
        slug=slug,
        engine=engine,
        order=int(data.get("order", 1000)),
        title=data["title"],
        description=data["description"],
        data=data,
        anonymous=bool(data.get("anonymous", False)),
        topics_from=data.get("topics_from"),
        amend_zone=amend_zone,
        actions=bool(data.get("actions", False)),
        section_vote=budget,
    )


def _check_topics(kinds: dict[str, Kind]) -> None:
    """Raise unless every kind's `topics_from` names a charter kind (whose sections are topics)."""
    for kind in kinds.values():
        if kind.topics_from is None:
            if kind.amend_zone is not None:
                raise ValueError(f"board kind {kind.slug!r}: amend_zone needs topics_from")
            continue
        source = kinds.get(kind.topics_from)
        if source is None or source.engine.name != "charter":
            raise ValueError(
                f"board kind {kind.slug!r}: topics_from {kind.topics_from!r} is no charter kind"
            )


@cache
def registry() -> dict[str, Kind]:
    """Return every board kind by slug, in display order."""
    folder = resources.files(__package__).joinpath("kinds")
    kinds = [
        _load(json.loads(entry.read_text(encoding="utf-8")))
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    ]
    loaded = {kind.slug: kind for kind in sorted(kinds, key=lambda k: (k.order, k.slug))}
    _check_topics(loaded)
    return loaded


def get_kind(slug: str) -> Kind | None:
    """Return the kind with this slug, or None."""
    return registry().get(slug)
