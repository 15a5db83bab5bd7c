"""A whole board as JSON, complete enough to import again (docs/formats.md).

The document is written as plain data (a map's items as objects, a charter's wording as
ProseMirror JSON), never as Yjs bytes: a file a municipality keeps should be readable
without Tavle. Everything kept beside the document goes along: votes, reactions,
versions, the session's phase, private and hidden notes, and who wrote what. People
appear as references ("p1", "p2") with their names, or without names on an anonymous
board. An import makes a new board, with new ids for the board and its people.
"""

from __future__ import annotations

import asyncio
import json
import math
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pycrdt import Doc, Map, XmlFragment

from boards import Kind, get_kind
from boards.layout import LAYOUTS
from boards.limits import (
    MAX_EVENT_CHARS,
    MAX_NAME_CHARS,
    MAX_REASON_CHARS,
    MAX_TITLE_CHARS,
)
from boards.wording import WordingError, parse_document, read_fragment, write_fragment
from server import auth
from server.facilitation.session import SessionState
from server.store import Board, Event, Participant, Store, utc_now
from server.sync.jsonlimits import parse_json

if TYPE_CHECKING:
    from server.service import BoardService, CreatedBoard

FORMAT = "tavle-board"
VERSION = 1
FACILITATOR_REF = "facilitator"


class ImportRefused(ValueError):
    """A file that is not a Tavle board this version can read; `code` names why."""

    def __init__(self, code: str, detail: str = "", **params: object) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.params = params


# -- the document as plain data -------------------------------------------------------


def document_to_plain(doc: Doc[Any], kind: Kind) -> dict[str, Any]:
    """Return every root of the kind's layout as plain data."""
    plain: dict[str, Any] = {}
    for root in kind.engine.roots:
        items = doc.get(root, type=Map)
        if root == "wording":
            plain[root] = {
                key: read_fragment(value)
                for key, value in items.items()
                if isinstance(value, XmlFragment)
            }
        else:
            plain[root] = {
                key: dict(value.to_py() or {}) if isinstance(value, Map) else value
                for key, value in items.items()
            }
    return plain


def document_from_plain(plain: Any, kind: Kind) -> bytes:
    """Return the encoded document that holds the plain data; raise ImportRefused if bad."""
    if not isinstance(plain, dict):
        raise ImportRefused("import_invalid", "document is not an object")
    doc: Doc[Any] = Doc()
    with doc.transaction():
        for layout in kind.engine.layout:
            root = layout.name
            items = plain.get(root, {})
            if not isinstance(items, dict):
                raise ImportRefused("import_invalid", f"{root} is not an object")
            target = doc.get(root, type=Map)
            for key, value in items.items():
                if layout.wording:
                    try:
                        wording = parse_document(value)
                    except WordingError as exc:
                        raise ImportRefused("import_invalid", f"wording of {key}") from exc
                    target[key] = XmlFragment()
                    write_fragment(target[key], wording)
                elif is_plain_fields(value) and layout.fits(value):
                    # The layout is the same whitelist the live board holds participants
                    # to (boards/layout.py): an import brings nothing a phone could not.
                    target[key] = Map(value)
                else:
                    raise ImportRefused("import_invalid", f"item {key} of {root}")
    return doc.get_update()


# The largest whole number a Yjs document holds exactly (a JavaScript number).
MAX_SAFE_INT = 2**53


def is_plain_fields(value: Any) -> bool:
    """Say whether a value is an item of the layouts: an object of plain values."""
    if not isinstance(value, dict):
        return False
    for field in value.values():
        if isinstance(field, bool) or field is None or isinstance(field, str):
            continue
        if isinstance(field, int) and abs(field) <= MAX_SAFE_INT:
            continue
        if isinstance(field, float) and math.isfinite(field):
            continue
        return False
    return True


# -- export -------------------------------------------------------------------------------


async def export_board(store: Store, board: Board, doc: Doc[Any]) -> dict[str, Any]:
    """Return a board, its document and everything kept beside it, as JSON data."""
    kind = get_kind(board.kind)
    if kind is None:
        raise ImportRefused("kind_unknown", board.kind)
    side = await store.facilitation.side_state(board.id)
    session = SessionState.from_json(next((r["state"] for r in side["board_sessions"]), None))
    people = await store.people.participants_of(board.id)
    refs = PeopleRefs(people, session.anonymous or _any_anonymous(side))

    def ref(participant_id: str | None, row: dict[str, Any] | None = None) -> str:
        return refs.ref(participant_id, session.anonymous or bool((row or {}).get("anonymous")))

    event = await store.boards.get_event(board.event_id) if board.event_id else None
    sessions = sorted(side["vote_sessions"], key=lambda row: row["id"])
    votes = [
        {
            "session": {k: v for k, v in row.items() if k not in ("id", "board_id")},
            "dots": [
                {
                    "participant": ref(dot["participant_id"], dot),
                    "note": dot["note_id"],
                    "dots": dot["dots"],
                }
                for dot in side["votes"]
                if dot["session_id"] == row["id"]
            ],
        }
        for row in sessions
    ]
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported": utc_now(),
        "board": {
            "title": board.title,
            "kind": board.kind,
            "locale": board.locale,
            "created": board.created,
            "event": {"name": event.name, "date": event.date} if event else None,
        },
        "document": document_to_plain(doc, kind),
        "session": {
            "phase": session.phase,
            "locked": session.locked,
            "anonymous": session.anonymous,
        },
        "authors": {row["item_id"]: ref(row["participant_id"], row) for row in side["items"]},
        "votes": votes,
        "reactions": [
            {
                "target": row["target"],
                "target_id": row["target_id"],
                "participant": ref(row["participant_id"], row),
                "value": row["value"],
            }
            for row in side["reactions"]
        ],
        "versions": [
            {
                key: json.loads(row[key])
                if key == "wording"
                else None
                if key == "proposer" and session.anonymous
                else row[key]
                for key in (
                    "section_id",
                    "kind",
                    "wording",
                    "text",
                    "proposal_id",
                    "proposer",
                    "reason",
                    "votes_for",
                    "votes_against",
                    "created",
                )
            }
            for row in await store.charter.versions_of(board.id)
        ],
        "private": [
            {
                "id": row["item_id"],
                "participant": ref(row["participant_id"], row),
                "root": row["root"],
                "fields": json.loads(row["fields"]),
            }
            for row in side["private_items"]
        ],
        "moderated": [
            {
                "root": row["root"],
                "id": row["item_id"],
                "action": row["action"],
                "fields": json.loads(row["fields"]),
            }
            for row in side["moderated_items"]
        ],
    }
    # Listed last, once every row has taken its reference (a masked one only if used).
    data["participants"] = refs.entries(session.anonymous)
    return data


class PeopleRefs:
    """The references an export names people by, unlinkable to them where anonymous.

    A board that was never anonymous numbers its people p1, p2, … in the order they
    joined, with their names. Once anonymity is involved, `/people` lists the same people
    in the same order, so numbering would name every author (issue 11): every reference
    is then random and the list is shuffled. What a person wrote, voted or liked while
    the board was anonymous goes under a second, nameless reference of theirs, never the
    one that carries their name; an import still counts every dot and reaction.
    """

    def __init__(self, people: list[dict[str, Any]], masked: bool) -> None:
        self.people = people
        self.masked = masked
        self.named: dict[str, str] = {}
        self.nameless: dict[str, str] = {}
        for index, row in enumerate(people, start=1):
            self.named[row["id"]] = self._new() if masked else f"p{index}"

    def _new(self) -> str:
        taken = {*self.named.values(), *self.nameless.values()}
        while (ref := "p" + secrets.token_hex(6)) in taken:
            continue
        return ref

    def ref(self, participant_id: str | None, anonymous: bool) -> str:
        """Return the reference of a row's person; the facilitator's for no person."""
        if participant_id not in self.named:
            return FACILITATOR_REF
        assert participant_id is not None
        if not anonymous:
            return self.named[participant_id]
        if participant_id not in self.nameless:
            self.nameless[participant_id] = self._new()
        return self.nameless[participant_id]

    def entries(self, anonymous_now: bool) -> list[dict[str, Any]]:
        """Return the file's participants: named ones unless anonymous now, then nameless."""
        entries: list[dict[str, Any]] = [
            {"ref": self.nameless.get(row["id"]) or self._nameless(row["id"]), "name": None}
            for row in self.people
            if anonymous_now or row["id"] in self.nameless
        ]
        if not anonymous_now:
            entries += [{"ref": self.named[row["id"]], "name": row["name"]} for row in self.people]
        if self.masked:
            secrets.SystemRandom().shuffle(entries)
        return entries

    def _nameless(self, participant_id: str) -> str:
        self.nameless[participant_id] = self._new()
        return self.nameless[participant_id]


def _any_anonymous(side: dict[str, list[dict[str, Any]]]) -> bool:
    """Say whether anything beside a board's document was written while it was anonymous."""
    tables = ("items", "votes", "reactions", "private_items")
    return any(row.get("anonymous") for table in tables for row in side.get(table, []))


# -- import -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparedImport:
    """An export that passed every check, with its document already encoded."""

    data: dict[str, Any]
    board: dict[str, Any]
    kind: Kind
    document: bytes


def prepare_import(body: bytes | str) -> PreparedImport:
    """Parse, check and encode an export; raise ImportRefused for a file it cannot use.

    Pure work on the CPU with a Doc of its own, so the server runs it in a worker thread:
    an 18 MB import held every other request up for seconds on the event loop (issue 11).
    Raises JsonTooDeep (a ValueError) for nesting past server/sync/jsonlimits.py's limit.
    """
    try:
        data = parse_json(body)
    except UnicodeDecodeError as exc:
        raise ImportRefused("import_not_tavle") from exc
    board, kind = check_export(data)
    check_side_data(data)
    check_lengths(data)
    try:
        document = document_from_plain(data.get("document"), kind)
    except ImportRefused:
        raise
    except BaseException as exc:
        # The CRDT core can panic on values it cannot hold; pyo3's PanicException is not
        # an Exception (see server/sync/room.py).
        if isinstance(exc, Exception) or type(exc).__name__ == "PanicException":
            raise ImportRefused("import_invalid", "document") from exc
        raise
    return PreparedImport(data, board, kind, document)


# The longest text of each field, by root, from the layouts (boards/layout.py): at least
# what an honest client can type (boards/limits.py). A root has the same fields' limits
# in every engine that has it.
FIELD_LIMITS: dict[str, dict[str, int]] = {}
for _layout in LAYOUTS.values():
    for _root in _layout:
        FIELD_LIMITS.setdefault(_root.name, {}).update(
            {name: f.max_chars for name, f in _root.fields.items() if f.kind == "text"}
        )


def check_lengths(data: dict[str, Any]) -> None:
    """Raise ImportRefused for any name or text longer than the client lets anyone type.

    The data must have passed `check_export` and `check_side_data`.
    """

    def within(value: Any, limit: int, field: str, code: str = "import_text_too_long") -> None:
        if isinstance(value, str) and len(value) > limit:
            raise ImportRefused(code, field, field=field, limit=limit)

    def item(root: Any, fields: Any) -> None:
        for name, limit in FIELD_LIMITS.get(str(root), {}).items():
            if isinstance(fields, dict):
                within(fields.get(name), limit, f"{root}.{name}")

    board = data["board"]
    if len(board["title"]) > MAX_TITLE_CHARS:
        raise ImportRefused("title_too_long", "board title", limit=MAX_TITLE_CHARS)
    event = _dict(board.get("event"))
    if isinstance(event.get("name"), str) and len(event["name"]) > MAX_EVENT_CHARS:
        raise ImportRefused("event_too_long", "event", limit=MAX_EVENT_CHARS)
    for entry in _list(data.get("participants")):
        name = _dict(entry).get("name")
        within(name, MAX_NAME_CHARS, "participants.name", "import_name_too_long")
    for root, items in _dict(data.get("document")).items():
        for fields in _dict(items).values():
            item(root, fields)
    for row in [*_list(data.get("private")), *_list(data.get("moderated"))]:
        item(_dict(row).get("root"), _dict(row).get("fields"))
    for row in _list(data.get("versions")):
        within(_dict(row).get("reason"), MAX_REASON_CHARS, "versions.reason")
        within(
            _dict(row).get("proposer"), MAX_NAME_CHARS, "versions.proposer", "import_name_too_long"
        )


def check_export(data: Any) -> tuple[dict[str, Any], Kind]:
    """Return the board part of an export and its kind; raise ImportRefused if unusable."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused("import_not_tavle")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportRefused("import_not_tavle")
    if version > VERSION:
        raise ImportRefused("import_newer", str(version))
    board = data.get("board")
    if not isinstance(board, dict) or not isinstance(board.get("title"), str):
        raise ImportRefused("import_invalid", "board")
    kind = get_kind(str(board.get("kind")))
    if kind is None:
        raise ImportRefused("import_invalid", "kind")
    return board, kind


def check_side_data(data: dict[str, Any]) -> None:
    """Raise ImportRefused unless everything beside the document has the export's shape."""

    def entries(key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise ImportRefused("import_invalid", key)
        return value

    def need(ok: bool, what: str) -> None:
        if not ok:
            raise ImportRefused("import_invalid", what)

    authors = data.get("authors", {})
    need(isinstance(authors, dict) and all(isinstance(v, str) for v in authors.values()), "authors")
    for entry in entries("votes"):
        session = entry.get("session")
        if not isinstance(session, dict) or not set(session) <= VOTE_SESSION_FIELDS:
            raise ImportRefused("import_invalid", "vote session")
        need(is_plain_fields(session), "vote session")
        need(
            isinstance(session.get("budget"), int) and isinstance(session.get("per_note"), int),
            "vote budget",
        )
        need(session.get("status") in ("open", "closed"), "vote status")
        need(isinstance(session.get("opened"), str), "vote opened")
        dots = entry.get("dots", [])
        need(isinstance(dots, list), "dots")
        for dot in dots:
            need(isinstance(dot, dict) and isinstance(dot.get("note"), str), "dot")
            need(isinstance(dot.get("dots"), int) and 0 < dot["dots"] <= MAX_DOTS, "dot count")
    for row in entries("reactions"):
        need(row.get("target") in ("proposal", "example"), "reaction target")
        need(isinstance(row.get("target_id"), str), "reaction target")
        need(row.get("value") in ("for", "against", "like"), "reaction value")
    for row in entries("versions"):
        need(isinstance(row.get("section_id"), str) and isinstance(row.get("text"), str), "version")
        need(row.get("kind") in ("agreed", "amendment", "snapshot"), "version kind")
        try:
            parse_document(row.get("wording"))
        except WordingError as exc:
            raise ImportRefused("import_invalid", "version wording") from exc
    for row in entries("private"):
        need(isinstance(row.get("id"), str) and isinstance(row.get("root"), str), "private note")
        need(is_plain_fields(row.get("fields")), "private note")
    for row in entries("moderated"):
        need(isinstance(row.get("id"), str) and isinstance(row.get("root"), str), "hidden item")
        need(row.get("action") in ("hide", "delete"), "hidden item")
        need(is_plain_fields(row.get("fields")), "hidden item")


# What a vote session of an export holds, and the most dots one note can have.
VOTE_SESSION_FIELDS = frozenset(
    {
        "budget",
        "per_note",
        "zone",
        "show_live",
        "status",
        "results_visible",
        "results_top",
        "opened",
        "closed",
    }
)
MAX_DOTS = 20


def side_rows(data: dict[str, Any], board_id: str, people: dict[str, str]) -> dict[str, Any]:
    """Return the rows an import writes beside the document, with new people ids.

    `people` maps the file's references to the new participant ids. The data must have
    passed `check_side_data`.
    """

    def person(ref: Any) -> str | None:
        return people.get(ref) if isinstance(ref, str) else None

    # What a nameless person wrote, voted or liked stays unnamed on the new board too.
    nameless = {
        entry.get("ref")
        for entry in _list(data.get("participants"))
        if isinstance(entry, dict) and not isinstance(entry.get("name"), str)
    }

    def anonymous(ref: Any) -> int:
        return int(isinstance(ref, str) and ref in nameless)

    now = utc_now()
    rows: dict[str, Any] = {
        "items": [
            {
                "board_id": board_id,
                "item_id": item_id,
                "participant_id": person(ref),
                "role": "participant" if person(ref) else "facilitator",
                "created": now,
                "anonymous": anonymous(ref),
            }
            for item_id, ref in _dict(data.get("authors")).items()
        ],
        "votes": [
            {
                "session": {**_dict(entry.get("session")), "board_id": board_id},
                "dots": [
                    {
                        "board_id": board_id,
                        "participant_id": person(dot.get("participant")),
                        "note_id": dot.get("note"),
                        "dots": dot.get("dots"),
                        "anonymous": anonymous(dot.get("participant")),
                    }
                    for dot in _list(entry.get("dots"))
                    if isinstance(dot, dict) and person(dot.get("participant"))
                ],
            }
            for entry in _list(data.get("votes"))
            if isinstance(entry, dict)
        ],
        "reactions": [
            {
                "board_id": board_id,
                "target": row.get("target"),
                "target_id": row.get("target_id"),
                "participant_id": person(row.get("participant")),
                "value": row.get("value"),
                "updated": now,
                "anonymous": anonymous(row.get("participant")),
            }
            for row in _list(data.get("reactions"))
            if isinstance(row, dict) and person(row.get("participant"))
        ],
        "charter_versions": [
            {
                **{k: row.get(k) for k in ("section_id", "kind", "text", "proposal_id")},
                **{k: row.get(k) for k in ("proposer", "reason", "votes_for", "votes_against")},
                "board_id": board_id,
                "wording": json.dumps(row.get("wording"), ensure_ascii=False),
                "created": row.get("created") or now,
            }
            for row in _list(data.get("versions"))
            if isinstance(row, dict)
        ],
        "private_items": [
            {
                "board_id": board_id,
                "item_id": row.get("id"),
                "participant_id": person(row.get("participant")),
                "root": row.get("root"),
                "fields": json.dumps(row.get("fields"), ensure_ascii=False),
                "created": now,
                "anonymous": anonymous(row.get("participant")),
            }
            for row in _list(data.get("private"))
            if isinstance(row, dict) and person(row.get("participant"))
        ],
        "moderated_items": [
            {
                "board_id": board_id,
                "root": row.get("root"),
                "item_id": row.get("id"),
                "fields": json.dumps(row.get("fields"), ensure_ascii=False),
                "action": row.get("action"),
                "created": now,
            }
            for row in _list(data.get("moderated"))
            if isinstance(row, dict)
        ],
    }
    session = _dict(data.get("session"))
    state = SessionState.from_json(
        json.dumps({key: session.get(key) for key in ("phase", "locked", "anonymous")})
    )
    rows["board_sessions"] = [{"board_id": board_id, "state": state.to_json(), "updated": now}]
    return rows


async def import_board(
    service: BoardService,
    prepared: PreparedImport,
    joins: Callable[[Event], Awaitable[bool]] | None,
) -> CreatedBoard:
    """Create a new board from a prepared export; raise ImportRefused if writing fails.

    `joins` decides whether the board may go into an existing event of the file's event
    name (see BoardService.create_board); otherwise it gets an event of its own.
    """
    data, board, kind, document = prepared.data, prepared.board, prepared.kind, prepared.document
    event = _dict(board.get("event"))
    locale = board.get("locale") if board.get("locale") in ("da", "en") else "da"
    created = await service.create_board(
        title=str(board["title"]),
        kind=kind.slug,
        locale=str(locale),
        event_name=event.get("name") if isinstance(event.get("name"), str) else None,
        event_date=event.get("date") if isinstance(event.get("date"), str) else None,
        document=document,
        joins=joins,
    )
    board_id = created.board.id
    people: dict[str, str] = {}
    participants: list[Participant] = []
    for index, entry in enumerate(_list(data.get("participants")), start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("ref"), str):
            continue
        given = entry.get("name")
        name = given if isinstance(given, str) and given.strip() else f"#{index}"
        # People come along as authors and voters; they cannot sign in as themselves on
        # the new board (their tokens named the old one), so they count as removed.
        participant = Participant(auth.new_participant_id(), board_id, name, removed=True)
        participants.append(participant)
        people[entry["ref"]] = participant.id
    try:
        await service.store.people.add_participants(participants)
        rows = await asyncio.to_thread(side_rows, data, board_id, people)
        await service.store.facilitation.import_rows(board_id, rows)
    except Exception as exc:
        # Leave nothing half made: the board and its people go again.
        await service.store.boards.delete(board_id)
        raise ImportRefused("import_invalid", "rows beside the document") from exc
    return created


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
