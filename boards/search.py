"""What a search finds in a board: the text of its document, by engine."""

from __future__ import annotations

import json
from typing import Any

from pycrdt import Doc, Map, XmlFragment

from .engines import Engine
from .wording import WordingError, parse_document, plain_text, read_fragment

# Fields whose text people wrote or read, in any engine's items.
TEXT_FIELDS = ("title", "question", "text", "reason", "unit")


def search_text(doc: Doc[Any], engine: Engine) -> tuple[str, dict[str, int]]:
    """Return a board's searchable text and how many items each root holds."""
    parts: list[str] = []
    counts: dict[str, int] = {}
    for root in engine.roots:
        items = doc.get(root, type=Map)
        counts[root] = len(items)
        for value in items.values():
            if isinstance(value, XmlFragment):
                parts.append(plain_text(read_fragment(value)))
            elif isinstance(value, Map):
                parts += [str(value[f]) for f in TEXT_FIELDS if isinstance(value.get(f), str)]
                proposed = value.get("wording")
                if isinstance(proposed, str):
                    parts.append(_proposal_text(proposed))
    return "\n".join(part for part in parts if part.strip()), counts


def _proposal_text(wording: str) -> str:
    try:
        return plain_text(parse_document(json.loads(wording)))
    except (ValueError, WordingError):
        return ""
