"""What each engine's boards become afterwards: the files they export, and a comparison.

An engine (boards/engines.py) finds its `Afterwards` here by name; the HTTP side
(server/web/exports.py, server/web/history.py) asks it and knows no engine. Every
engine's boards also export as the complete JSON (server/afterwards/board_json.py),
which imports again.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from boards.engines import Engine
from server.afterwards.charter_docx import charter_docx
from server.afterwards.charter_export import charter_csv, charter_markdown, read_charter
from server.afterwards.compare import compare_charter, compare_map
from server.afterwards.map_export import map_csv, map_docx, map_markdown, read_map
from server.afterwards.map_png import map_png
from server.afterwards.source import Source

# The complete JSON, the one format every engine has (server/afterwards/board_json.py).
JSON = "json"


@dataclass(frozen=True)
class Reader:
    """Who a file is written for, and what they may learn from it."""

    locale: str
    facilitator: bool  # runs the session: sees authors and hidden vote results
    viewer: bool = False  # a read-only link, from outside the group: learns no names
    appendix: bool = True  # a charter's appendix of amendments and their votes


class Afterwards(ABC):
    """An engine's exports and its comparison of two points of a board."""

    # The files it writes, in the order the menus list them (before the complete JSON).
    files: tuple[str, ...] = ()
    # An export address of its own beside /b/{id}/export.{format}:
    # /b/{id}/export/{alias}.{format} (the charter view's links).
    alias: str | None = None
    # Whether its boards keep every version of their wording
    # (GET /api/boards/{id}/charter/versions).
    versions: bool = False

    @property
    def formats(self) -> tuple[str, ...]:
        """Return every format a board of this engine exports as."""
        return (*self.files, JSON)

    @abstractmethod
    def write(
        self, fmt: str, title: str, source: Source, names: Mapping[str, str], reader: Reader
    ) -> bytes:
        """Return the board as a file in one of `files`.

        Args:
            names: the display name of each item's author, by item id (who may learn
                them is the engine's to decide, from `reader` and `source.anonymous`).
        """

    @abstractmethod
    def compare(self, before: Source, after: Source, facilitator: bool) -> dict[str, Any]:
        """Return what changed from `before` to `after`, for the history page."""


class MapAfterwards(Afterwards):
    """Boards of notes: by zone and cluster, with their dots (engines `map` and `notes`)."""

    files = ("md", "csv", "docx", "png")

    def write(
        self, fmt: str, title: str, source: Source, names: Mapping[str, str], reader: Reader
    ) -> bytes:
        """Return the notes as Markdown, CSV, Word or a picture of the board."""
        votes = source.dots_for(reader.facilitator)
        authors = dict(names) if reader.facilitator and not source.anonymous else None
        content = read_map(title, source.doc, votes, authors)
        if fmt == "md":
            return map_markdown(content, reader.locale).encode("utf-8")
        if fmt == "csv":
            return map_csv(content, reader.locale).encode("utf-8")
        if fmt == "docx":
            return map_docx(content, reader.locale)
        if fmt == "png":
            return map_png(content)
        raise ValueError(f"a map has no {fmt!r} export")

    def compare(self, before: Source, after: Source, facilitator: bool) -> dict[str, Any]:
        """Return the notes added, removed, moved, re-clustered, re-worded and re-voted."""
        # Hidden vote results stay hidden from the team, as in its exports.
        return compare_map(
            before.doc,
            after.doc,
            before.dots_for(facilitator) or {},
            after.dots_for(facilitator) or {},
        )


class CharterAfterwards(Afterwards):
    """A charter: its wording, everyday examples and amendments (engine `charter`)."""

    files = ("md", "docx", "csv")
    alias = "charter"
    versions = True

    def write(
        self, fmt: str, title: str, source: Source, names: Mapping[str, str], reader: Reader
    ) -> bytes:
        """Return the charter as Markdown, Word, or its examples as CSV."""
        proposers = {} if source.anonymous or reader.viewer else dict(names)
        charter = read_charter(
            title, source.doc, source.reactions, proposers, source.dots_for(reader.facilitator)
        )
        if fmt == "md":
            return charter_markdown(charter, reader.locale, reader.appendix).encode("utf-8")
        if fmt == "csv":
            return charter_csv(charter, reader.locale).encode("utf-8")
        if fmt == "docx":
            return charter_docx(charter, reader.locale, reader.appendix)
        raise ValueError(f"a charter has no {fmt!r} export")

    def compare(self, before: Source, after: Source, facilitator: bool) -> dict[str, Any]:
        """Return each section's wording at both points, and the examples added or removed."""
        return compare_charter(before.doc, after.doc)


MAP = MapAfterwards()
CHARTER = CharterAfterwards()
# By engine name (boards/engines.py); the note list shares the map's.
AFTERWARDS: dict[str, Afterwards] = {"notes": MAP, "map": MAP, "charter": CHARTER}


def afterwards_of(engine: Engine) -> Afterwards:
    """Return what an engine's boards become afterwards."""
    afterwards = AFTERWARDS.get(engine.name)
    if afterwards is None:
        raise LookupError(
            f"engine {engine.name!r} has no exports: add it to AFTERWARDS in {__name__}"
        )
    return afterwards
