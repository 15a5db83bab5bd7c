"""Reading a charter over HTTP: its exports and the versions of its wording.

Both read the live document when the board's room is in memory (so an export holds the
last keystroke), and the stored one otherwise, without loading a room for it.
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

from .charter import CharterRules
from .charter_docx import charter_docx
from .charter_export import charter_markdown, read_charter
from .i18n import choose_locale
from .reactions import Reactions
from .room import Identity
from .service import ServiceError
from .store import Board
from .web import board_token, service_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class CharterState:
    """What the exports read: the document and the reactions kept beside it."""

    doc: Doc[Any]
    reactions: Reactions


async def _member(request: Request) -> tuple[Board, Identity]:
    """Return the board of the path and who is asking; raise unless they belong to it."""
    service = service_of(request)
    board = await service.store.get_board(request.path_params["board_id"])
    if board is None:
        raise ServiceError("board_unknown", 404)
    header = request.headers.get("authorization", "")
    scheme, _, bearer = header.partition(" ")
    token = bearer.strip() if scheme.lower() == "bearer" else ""
    token = token or board_token(request, board.id) or ""
    identity = await service.identify(board, token, choose_locale(request))
    return board, identity


async def _charter_state(request: Request, board: Board) -> CharterState:
    kind = boards.get_kind(board.kind)
    if kind is None or kind.engine.rules != "charter":
        raise ServiceError("export_format", 404)
    room = request.app.state.rooms.loaded(board.id)
    if room is not None and isinstance(room.rules, CharterRules):
        return CharterState(room.doc, room.rules.reactions)
    store = service_of(request).store
    stored = await store.load_document(board.id)
    doc: Doc[Any] = Doc()
    with doc.transaction():
        if stored.state:
            doc.apply_update(stored.state)
        for update in stored.updates:
            doc.apply_update(update)
    reactions = Reactions(board.id, store)
    await reactions.load()
    return CharterState(doc, reactions)


async def _proposers(request: Request, board: Board) -> dict[str, str]:
    """Return the display name of each proposal's author, by proposal id."""
    store = service_of(request).store
    authors = await store.authors_of(board.id)
    names = await store.participant_names(board.id)
    return {item: names[author] for item, author in authors.items() if author in names}


async def export_charter(request: Request) -> Response:
    """GET /b/{id}/export/charter.{md|docx}: the charter with examples and amendments."""
    board, identity = await _member(request)
    fmt = request.path_params["format"]
    if fmt not in ("md", "docx"):
        raise ServiceError("export_format", 404)
    state = await _charter_state(request, board)
    charter = read_charter(
        board.title, state.doc, state.reactions, await _proposers(request, board)
    )
    appendix = request.query_params.get("appendix", "1") != "0"
    locale = identity.locale
    if fmt == "md":
        body = charter_markdown(charter, locale, appendix).encode("utf-8")
        media_type = "text/markdown; charset=utf-8"
    else:
        body = charter_docx(charter, locale, appendix)
        media_type = DOCX_TYPE
    return Response(
        body,
        media_type=media_type,
        headers={
            "content-disposition": _attachment(f"{board.title}.{fmt}"),
            "cache-control": "no-store",
        },
    )


async def charter_versions(request: Request) -> Response:
    """GET /api/boards/{id}/charter/versions: every version of each section's wording."""
    board, _ = await _member(request)
    await _charter_state(request, board)  # refuses boards that are not charters
    sections: dict[str, list[dict[str, Any]]] = {}
    for row in await service_of(request).store.versions_of(board.id):
        sections.setdefault(row["section_id"], []).append(
            {
                "id": row["id"],
                "kind": row["kind"],
                "wording": json.loads(row["wording"]),
                "text": row["text"],
                "created": row["created"],
                "proposal": row["proposal_id"],
                "proposer": row["proposer"],
                "reason": row["reason"],
                "votes_for": row["votes_for"],
                "votes_against": row["votes_against"],
            }
        )
    return JSONResponse({"sections": sections}, headers={"cache-control": "no-store"})


def _attachment(filename: str) -> str:
    """Return a Content-Disposition that keeps Danish letters in the file name."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-") or "tavle"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


routes = [
    Route("/b/{board_id}/export/charter.{format}", export_charter, methods=["GET"]),
    Route("/api/boards/{board_id}/charter/versions", charter_versions, methods=["GET"]),
]
