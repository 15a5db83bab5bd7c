"""Exports of a board, live or from a snapshot, and the versions of a charter's wording.

A live export reads the room's document when the board is in memory (so it holds the
last keystroke), and the stored one otherwise, without loading a room for it. What a
reader gets depends on who they are: authors' names, hidden vote results and the
complete JSON (with names and private notes) only for the facilitator.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pycrdt import Doc
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import boards
from boards import Kind
from server.afterwards.board_json import export_board
from server.afterwards.charter_docx import charter_docx
from server.afterwards.charter_export import charter_csv, charter_markdown, read_charter
from server.afterwards.map_export import map_csv, map_docx, map_markdown, read_map
from server.afterwards.map_png import map_png
from server.facilitation.session import SessionState
from server.facilitation_records import parse_snapshot_id
from server.rules.base import BoardRules
from server.rules.charter import CharterRules
from server.rules.reactions import Reactions
from server.rules.voting import Ballot
from server.service import ServiceError
from server.store import Board, Store
from server.sync.room import Identity
from server.web.common import board_and_identity, service_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = {
    "charter": ("md", "docx", "csv", "json"),
    "map": ("md", "csv", "docx", "png", "json"),
    "notes": ("md", "csv", "docx", "png", "json"),
}
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "docx": DOCX_TYPE,
    "png": "image/png",
    "json": "application/json",
}


@dataclass
class Source:
    """What an export reads: the document and the state kept beside it."""

    doc: Doc[Any]
    reactions: Reactions
    dots: dict[str, int]  # the latest dot vote's tally per note
    results_visible: bool
    anonymous: bool


async def _member(request: Request) -> tuple[Board, Identity]:
    """Return the board of the path and who is asking; raise unless they belong to it."""
    return await board_and_identity(request)


def _kind(board: Board) -> Kind:
    kind = boards.get_kind(board.kind)
    if kind is None:
        raise ServiceError("export_format", 404)
    return kind


async def _source(request: Request, board: Board, identity: Identity) -> Source:
    """Read the live board, or the snapshot `?snapshot=ID` names (facilitator only)."""
    store = service_of(request).store
    wanted = request.query_params.get("snapshot")
    if wanted is not None:
        if not identity.edits_all:  # the facilitator, or the team carrying the board on
            raise ServiceError("facilitator_only", 403)
        number = parse_snapshot_id(wanted)
        row = await store.get_snapshot(board.id, number) if number is not None else None
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
    reactions = Reactions(board.id, store)
    ballot = Ballot(board.id, store)
    if isinstance(room.rules, CharterRules):
        reactions = room.rules.reactions
    if isinstance(room.rules, BoardRules) and room.rules.ballot is not None:
        ballot = room.rules.ballot
    else:
        await ballot.load()
    visible = ballot.session is not None and ballot.session.results_visible
    anonymous = room.facilitation.session.state.anonymous
    return Source(room.doc, reactions, ballot.tallies(), visible, anonymous)


async def stored_source(store: Store, board: Board) -> Source:
    """Read a board as the store holds it (no room in memory, or the command line)."""
    stored = await store.load_document(board.id)
    doc: Doc[Any] = Doc()
    with doc.transaction():
        if stored.state:
            doc.apply_update(stored.state)
        for update in stored.updates:
            doc.apply_update(update)
    reactions = Reactions(board.id, store)
    await reactions.load()
    ballot = Ballot(board.id, store)
    await ballot.load()
    session = SessionState.from_json(await store.session_of(board.id))
    visible = ballot.session is not None and ballot.session.results_visible
    return Source(doc, reactions, ballot.tallies(), visible, session.anonymous)


def snapshot_source(board: Board, row: dict[str, Any]) -> Source:
    """Read a board as a snapshot holds it."""
    doc: Doc[Any] = Doc()
    doc.apply_update(row["document"])
    side: dict[str, list[dict[str, Any]]] = json.loads(row["extras"])
    reactions = Reactions(board.id)  # filled from the snapshot's rows, not the store
    for reaction in side.get("reactions", []):
        if reaction["target"] == "proposal":
            reactions.votes[reaction["target_id"]][reaction["participant_id"]] = reaction["value"]
        elif reaction["target"] == "example":
            reactions.likes[reaction["target_id"]].add(reaction["participant_id"])
    sessions = sorted(side.get("vote_sessions", []), key=lambda s: s["id"])
    latest = sessions[-1] if sessions else None
    dots: dict[str, int] = {}
    for dot in side.get("votes", []):
        if latest is not None and dot["session_id"] == latest["id"]:
            dots[dot["note_id"]] = dots.get(dot["note_id"], 0) + int(dot["dots"])
    state = SessionState.from_json(next((r["state"] for r in side.get("board_sessions", [])), None))
    visible = bool(latest and latest["results_visible"])
    return Source(doc, reactions, dots, visible, state.anonymous)


async def _names_by_item(store: Store, board: Board) -> dict[str, str]:
    """Return the display name of each item's author, by item id (none written anonymously)."""
    authors = await store.named_authors_of(board.id)
    names = await store.participant_names(board.id)
    return {item: names[author] for item, author in authors.items() if author in names}


def formats_of(board: Board) -> tuple[str, ...]:
    """Return the export formats a board's kind has."""
    return FORMATS.get(_kind(board).engine.name, ())


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
    kind = _kind(board)
    names = await _names_by_item(store, board)
    if fmt == "json":
        data = await export_board(store, board, source.doc)
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    if kind.engine.rules == "charter":
        proposers = {} if source.anonymous or viewer else names
        charter = read_charter(board.title, source.doc, source.reactions, proposers)
        if fmt == "md":
            return charter_markdown(charter, locale, appendix).encode("utf-8")
        if fmt == "csv":
            return charter_csv(charter, locale).encode("utf-8")
        return charter_docx(charter, locale, appendix)
    votes = source.dots if (source.results_visible or facilitator) else None
    authors = names if facilitator and not source.anonymous else None
    content = read_map(board.title, source.doc, votes, authors)
    if fmt == "md":
        return map_markdown(content, locale).encode("utf-8")
    if fmt == "csv":
        return map_csv(content, locale).encode("utf-8")
    if fmt == "docx":
        return map_docx(content, locale)
    return map_png(content)


async def export(request: Request) -> Response:
    """GET /b/{id}/export.{format}[?snapshot=ID]: the board as a file a reader keeps."""
    board, identity = await _member(request)
    kind = _kind(board)
    fmt = request.path_params["format"]
    if fmt not in formats_of(board):
        raise ServiceError("export_format", 404)
    if "/export/charter." in request.url.path and kind.engine.rules != "charter":
        raise ServiceError("export_format", 404)
    is_facilitator = identity.role == "facilitator"
    if fmt == "json" and not is_facilitator:
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
        viewer=identity.role == "viewer",
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
    if _kind(board).engine.rules != "charter":
        raise ServiceError("export_format", 404)
    store = service_of(request).store
    # A read-only link is for people outside the group: it learns no names.
    anonymous = identity.role == "viewer" or await is_anonymous(store, board)
    sections: dict[str, list[dict[str, Any]]] = {}
    for row in await store.versions_of(board.id):
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
    return SessionState.from_json(await store.session_of(board.id)).anonymous


def _attachment(filename: str) -> str:
    """Return a Content-Disposition that keeps Danish letters in the file name."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-") or "tavle"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


routes = [
    Route("/b/{board_id}/export.{format}", export, methods=["GET"]),
    # The charter's first export address, which its view links to.
    Route("/b/{board_id}/export/charter.{format}", export, methods=["GET"]),
    Route("/api/boards/{board_id}/charter/versions", charter_versions, methods=["GET"]),
]
