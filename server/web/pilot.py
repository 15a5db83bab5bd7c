"""A pilot's notes made amendments to its guide: version 2 of an LUS guide, from the pilot.

A kind with `topics_from` and `amend_zone` (the LUS pilot, boards/kinds/lus-pilot.json)
learns about a guide (a charter kind, `lus-guide`); the pilot's facilitator sends a note of
the amend zone ("Skal omformuleres") to a guide board of the same event as an amendment
whose reason is the note. The guide's room creates it through its own `proposal.create`
(server/rules/charter.py, by way of server/web/errand.py), so limits and checks are the
charter's, and the plenum votes on it as on any amendment.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pycrdt import Map, XmlFragment
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import boards
from boards import Kind
from boards.limits import MAX_REASON_CHARS
from boards.wording import Node, plain_text, read_fragment
from server.service import ServiceError
from server.store import Board
from server.sync.capabilities import Capability
from server.sync.connection import Identity
from server.web.common import json_body, member_who_can, service_of
from server.web.errand import ErrandFailed, errand
from server.web.exports import live_source

ITEM_CHARS = 64


async def _pilot(request: Request) -> tuple[Board, Kind, Identity]:
    """Return the pilot board of the path, its kind and its facilitator; raise otherwise."""
    board, identity = await member_who_can(request, Capability.RUN_SESSION)
    kind = boards.get_kind(board.kind)
    if kind is None or kind.topics_from is None or kind.amend_zone is None:
        raise ServiceError("guide_unknown", 404)
    return board, kind, identity


async def _guides_of(request: Request, pilot: Board, kind: Kind) -> list[Board]:
    """Return the boards of the pilot's event that are of its guide kind, oldest first."""
    if pilot.event_id is None:
        return []
    store = service_of(request).store
    found = []
    for board_id in await store.boards.of_event(pilot.event_id):
        board = await store.boards.get(board_id)
        if board is not None and board.kind == kind.topics_from:
            found.append(board)
    return sorted(found, key=lambda board: board.created)


def proposal_id_of(pilot_id: str, note_id: str) -> str:
    """Return the id of the amendment a pilot's note becomes: the same on every retry."""
    digest = hashlib.sha256(f"{pilot_id}\n{note_id}".encode()).hexdigest()
    return f"pilot-{digest[:24]}"


def reason_of(text: str) -> str:
    """Return a note's text as an amendment's one-line reason, cut to the charter's limit."""
    line = " ".join(text.split())
    if len(line) <= MAX_REASON_CHARS:
        return line
    return line[: MAX_REASON_CHARS - 1].rstrip() + "…"


def document_of_text(text: str) -> Node:
    """Return plain text as a wording: a paragraph per line, lines of "- " as a bullet list."""
    content: list[Node] = []
    items: list[Node] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("- ", "• ")):
            paragraph = {"type": "paragraph", "content": [{"type": "text", "text": line[2:]}]}
            items.append({"type": "list_item", "content": [paragraph]})
            continue
        if items:
            content.append({"type": "bullet_list", "content": items})
            items = []
        if line:
            content.append({"type": "paragraph", "content": [{"type": "text", "text": line}]})
    if items:
        content.append({"type": "bullet_list", "content": items})
    return {"type": "doc", "content": content or [{"type": "paragraph"}]}


async def guides(request: Request) -> Response:
    """GET /api/boards/{id}/guides: the guides a pilot's notes may go to, with their sections.

    For the pilot's facilitator: each guide board of the event with its sections' titles and
    current wording (as plain text), and which of the pilot's notes went to it already.
    """
    pilot, kind, _ = await _pilot(request)
    pilot_doc = (await live_source(request, pilot)).doc
    notes = [key for key in pilot_doc.get("notes", type=Map).keys()]  # noqa: SIM118
    found: list[dict[str, Any]] = []
    for guide in await _guides_of(request, pilot, kind):
        doc = (await live_source(request, guide)).doc
        wording = doc.get("wording", type=Map)
        sections = sorted(
            (
                (str(section.get("order") or ""), key, section)
                for key, section in doc.get("sections", type=Map).items()
                if isinstance(section, Map)
            ),
            key=lambda entry: (entry[0], entry[1]),
        )
        proposals = doc.get("proposals", type=Map)
        sent = {}
        for note_id in notes:
            proposal = proposals.get(proposal_id_of(pilot.id, note_id))
            if isinstance(proposal, Map):
                sent[note_id] = {
                    "proposal": proposal_id_of(pilot.id, note_id),
                    "status": str(proposal.get("status") or ""),
                }
        found.append(
            {
                "id": guide.id,
                "title": guide.title,
                "url": f"/b/{guide.id}",
                "sections": [
                    {
                        "id": key,
                        "title": str(section.get("title") or ""),
                        "text": _wording_text(wording.get(key)),
                    }
                    for _, key, section in sections
                ],
                "sent": sent,
            }
        )
    return JSONResponse({"guides": found}, headers={"cache-control": "no-store"})


def _wording_text(fragment: Any) -> str:
    return plain_text(read_fragment(fragment)) if isinstance(fragment, XmlFragment) else ""


async def propose(request: Request) -> Response:
    """POST /api/boards/{id}/notes/{note}/propose: send a pilot's note to a guide as an amendment.

    Body: `guide` (a guide board of the pilot's event), `section` (one of its sections),
    `wording` (the proposed wording: plain text, a line per paragraph, or a ProseMirror
    document). The note's text is the reason. 201 with the new proposal; 200 when the note
    went to that guide already (the first amendment stands).
    """
    pilot, kind, identity = await _pilot(request)
    body = await json_body(request)
    if not isinstance(body, dict):
        raise ServiceError("amendment_invalid", 400)
    guide_id, section, wording = body.get("guide"), body.get("section"), body.get("wording")
    if not isinstance(guide_id, str) or not isinstance(section, str) or not section:
        raise ServiceError("amendment_invalid", 400)
    if isinstance(wording, str):
        wording = document_of_text(wording)
    if not isinstance(wording, dict):
        raise ServiceError("amendment_invalid", 400)
    note_id = request.path_params["note_id"]
    note = (await live_source(request, pilot)).doc.get("notes", type=Map).get(note_id)
    text = note.get("text") if isinstance(note, Map) else None
    if not isinstance(note, Map) or not isinstance(text, str) or not text.strip():
        raise ServiceError("note_unknown", 404)
    if note.get("zone") != kind.amend_zone:
        raise ServiceError("amend_zone", 409)
    store = service_of(request).store
    guide = await store.boards.get(guide_id) if len(guide_id) <= ITEM_CHARS else None
    if guide is None:
        raise ServiceError("guide_unknown", 404)
    if pilot.event_id is None or guide.event_id != pilot.event_id:
        raise ServiceError("guide_elsewhere", 403)
    guide_kind = boards.get_kind(guide.kind)
    if guide_kind is None or guide.kind != kind.topics_from:
        raise ServiceError("guide_kind", 400)
    proposal_id = proposal_id_of(pilot.id, note_id)
    command = {
        "type": "proposal.create",
        "id": proposal_id,
        "section": section,
        "reason": reason_of(text),
        "wording": wording,
    }

    def before(message: dict[str, Any]) -> str | None:
        # The guide's `own` lists what its facilitators made: this note's amendment, if sent.
        if message.get("type") == "own" and proposal_id in message.get("items", []):
            return "sent"
        return None

    def after(message: dict[str, Any]) -> str | None:
        if message.get("type") == "own" and proposal_id in message.get("items", []):
            return "created"
        if message.get("type") == "notice":
            return f"refused:{message.get('code')}"
        return None

    # The pilot's facilitator acts on the guide as a facilitator of the event (the access
    # an event's facilitators have, server/web/common.py `access`).
    as_guide = Identity(role="facilitator", participant_id=None, locale=identity.locale)
    try:
        outcome = await errand(
            request.app.state.rooms,
            guide.id,
            guide_kind.engine,
            as_guide,
            command,
            before=before,
            after=after,
        )
    except ErrandFailed as exc:
        raise ServiceError("guide_busy", 503) from exc
    if outcome.startswith("refused:"):
        raise ServiceError("amendment_invalid", 400)
    answer = {"proposal": proposal_id, "guide": guide.id, "url": f"/b/{guide.id}"}
    return JSONResponse(answer, status_code=201 if outcome == "created" else 200)


routes = [
    Route("/api/boards/{board_id}/guides", guides, methods=["GET"]),
    Route("/api/boards/{board_id}/notes/{note_id}/propose", propose, methods=["POST"]),
]
