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

    def text(self, field: str, locale: str) -> str:
        """Return a template text in the locale, falling back to Danish."""
        texts: dict[str, str] = getattr(self, field)
        return texts.get(locale) or texts["da"]

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
    return Kind(
        slug=data["slug"],
        engine=engine,
        order=int(data.get("order", 1000)),
        title=data["title"],
        description=data["description"],
        data=data,
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
    return {kind.slug: kind for kind in sorted(kinds, key=lambda k: (k.order, k.slug))}


def get_kind(slug: str) -> Kind | None:
    """Return the kind with this slug, or None."""
    return registry().get(slug)
