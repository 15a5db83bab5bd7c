"""Parse JSON from outside with a limit on how deeply it nests.

Python's json module recurses once per level: a body of `[[[[…` a few thousand deep
raises RecursionError, which is not a ValueError and surfaced as a 500 (issue 11). Code
that walks the parsed data (wording, exports, pycrdt) recurses too, so the limit is far
below the interpreter's: deep enough for every board Tavle writes, shallow enough for all
of it.
"""

from __future__ import annotations

import json
from typing import Any

# A charter's wording is read to a depth of 8 (boards/wording.py), two JSON levels each,
# inside an export's few levels of its own; nothing Tavle writes comes near this.
MAX_JSON_DEPTH = 64


class JsonTooDeep(ValueError):
    """JSON that nests deeper than allowed; a ValueError, as every other bad JSON is."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(f"JSON nests deeper than {max_depth} levels")
        self.max_depth = max_depth


def parse_json(text: str | bytes, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Return the parsed JSON; raise JsonTooDeep past max_depth, ValueError if not JSON."""
    try:
        value = json.loads(text)
    except RecursionError as exc:
        raise JsonTooDeep(max_depth) from exc
    check_depth(value, max_depth)
    return value


def check_depth(value: Any, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Raise JsonTooDeep if lists and objects nest deeper than max_depth in value."""
    # A loop with a stack, not recursion: the point is to never hit the recursion limit.
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > max_depth:
            raise JsonTooDeep(max_depth)
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
