"""Exports of a board, live or from a snapshot, and the versions of a charter's wording.

A live export reads the room's document when the board is in memory (so it holds the
last keystroke), and the stored one otherwise, without loading a room for it. What a
reader gets depends on who they are: authors' names, hidden vote results and the
complete JSON (with names and private notes) only for the facilitator. Which files a
board has, and how they are written, is its engine's (server/afterwards/engines.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import boards
from boards import Kind
from server.afterwards.board_json import export_board
from server.afterwards.engines import AFTERWARDS, JSON, Afterwards, Reader, afterwards_of
from server.afterwards.source import Source, ballot_source, snapshot_source, stored_source
from server.facilitation.session import SessionState
from server.parts import parts_of
from server.rules.reactions import Reactions
from server.rules.voting import Ballot
from server.service import ServiceError
from server.store import Board, Store, parse_snapshot_id
from server.sync.capabilities import Capability
from server.sync.connection import Identity
from server.web.common import board_and_identity, service_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "docx": DOCX_TYPE,
    "png": "image/png",
    "json": "application/json",
}


async def _member(request: Request) -> tuple[Board, Identity]:
    """Return the board of the path and who is asking; raise unless they belong to it."""
    return await board_and_identity(request)


def _kind(board: Board) -> Kind:
    kind = boards.get_kind(board.kind)
    if kind is None:
        raise ServiceError("export_format", 404)
    return kind


def _afterwards(board: Board) -> Afterwards:
    """Return what the board's engine exports, and how."""
    return afterwards_of(_kind(board).engine)


async def _source(request: Request, board: Board, identity: Identity) -> Source:
    """Read the live board, or the snapshot `?snapshot=ID` names (facilitator only)."""
    store = service_of(request).store
    wanted = request.query_params.get("snapshot")
    if wanted is not None:
        if not identity.can(Capability.SNAPSHOT):  # the facilitator, or the team
            raise ServiceError("facilitator_only", 403)
        number = parse_snapshot_id(wanted)
        row = (
            await store.facilitation.get_snapshot(board.id, number) if number is not None else None
        )
        if row is None:
            raise ServiceError("snapshot_unknown", 404)
        return snapshot_source(board, row)
    return await live_source(request, board)


async def live_source(request: Request, board: Board) -> Source:
    """Read the board as it is now: the room's document if in memory, else the store's."""
    store = service_of(request).store
    room = request.app.state.rooms.loaded(board.id)
    if room is None:
        return await stored_source(store, board)
    parts = parts_of(room)
    reactions = parts.reactions() or Reactions(board.id, store)
    ballot = parts.ballot()
    if ballot is None:
        ballot = Ballot(board.id, store)
        await ballot.load()
    return ballot_source(room.doc, reactions, ballot, parts.anonymous)


async def _names_by_item(store: Store, board: Board) -> dict[str, str]:
    """Return the display name of each item's author, by item id (none written anonymously)."""
    authors = await store.people.named_authors_of(board.id)
    names = await store.people.participant_names(board.id)
    return {item: names[author] for item, author in authors.items() if author in names}


def formats_of(board: Board) -> tuple[str, ...]:
    """Return the export formats a board's kind has."""
    return _afterwards(board).formats


async def render(
    store: Store,
    board: Board,
    fmt: str,
    source: Source,
    *,
    facilitator: bool,
    locale: str,
    appendix: bool = True,
    viewer: bool = False,
) -> bytes:
    """Return the board as a file of a format (one of `formats_of(board)`)."""
    afterwards = _afterwards(board)
    if fmt == JSON:
        data = await export_board(store, board, source.doc)
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    names = await _names_by_item(store, board)
    reader = Reader(locale, facilitator, viewer, appendix)
    return afterwards.write(fmt, board.title, source, names, reader)


def _export_at(alias: str | None) -> Callable[[Request], Awaitable[Response]]:
    """Return the export endpoint of /b/{id}/export.{format}, or of an engine's own address."""

    async def endpoint(request: Request) -> Response:
        return await export(request, alias)

    return endpoint


async def export(request: Request, alias: str | None = None) -> Response:
    """GET /b/{id}/export.{format}[?snapshot=ID]: the board as a file a reader keeps."""
    board, identity = await _member(request)
    afterwards = _afterwards(board)
    fmt = request.path_params["format"]
    if fmt not in afterwards.formats:
        raise ServiceError("export_format", 404)
    if alias is not None and alias != afterwards.alias:
        raise ServiceError("export_format", 404)
    # The complete JSON holds names and private notes: the facilitator's only.
    is_facilitator = identity.can(Capability.RUN_SESSION)
    if fmt == JSON and not is_facilitator:
        raise ServiceError("facilitator_only", 403)
    source = await _source(request, board, identity)
    body = await render(
        service_of(request).store,
        board,
        fmt,
        source,
        facilitator=is_facilitator,
        locale=identity.locale,
        appendix=request.query_params.get("appendix", "1") != "0",
        viewer=not identity.can(Capability.WRITE),  # a read-only link, from outside
    )
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={
            "content-disposition": _attachment(f"{board.title}.{fmt}"),
            "cache-control": "no-store",
        },
    )


async def charter_versions(request: Request) -> Response:
    """GET /api/boards/{id}/charter/versions: every version of each section's wording."""
    board, identity = await _member(request)
    if not _afterwards(board).versions:
        raise ServiceError("export_format", 404)
    store = service_of(request).store
    # A read-only link is for people outside the group: it learns no names.
    anonymous = not identity.can(Capability.WRITE) or await is_anonymous(store, board)
    sections: dict[str, list[dict[str, Any]]] = {}
    for row in await store.charter.versions_of(board.id):
        sections.setdefault(row["section_id"], []).append(
            {
                "id": row["id"],
                "kind": row["kind"],
                "wording": json.loads(row["wording"]),
                "text": row["text"],
                "created": row["created"],
                "proposal": row["proposal_id"],
                "proposer": None if anonymous else row["proposer"],
                "reason": row["reason"],
                "votes_for": row["votes_for"],
                "votes_against": row["votes_against"],
            }
        )
    return JSONResponse({"sections": sections}, headers={"cache-control": "no-store"})


async def is_anonymous(store: Store, board: Board) -> bool:
    """Say whether the board is anonymous now: then no name goes out with its history."""
    return SessionState.from_json(await store.facilitation.session_of(board.id)).anonymous


def _attachment(filename: str) -> str:
    """Return a Content-Disposition that keeps Danish letters in the file name."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-") or "tavle"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


# The addresses engines export at beside /b/{id}/export.{format}: the charter's first one,
# which its view links to.
ALIASES = sorted({a.alias for a in AFTERWARDS.values() if a.alias is not None})

routes = [
    Route("/b/{board_id}/export.{format}", _export_at(None), methods=["GET"], name="export"),
    *(
        Route(
            f"/b/{{board_id}}/export/{alias}.{{format}}",
            _export_at(alias),
            methods=["GET"],
            name=f"export_{alias}",
        )
        for alias in ALIASES
    ),
    Route("/api/boards/{board_id}/charter/versions", charter_versions, methods=["GET"]),
]
