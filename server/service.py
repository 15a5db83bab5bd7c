"""Creating boards, joining them and telling who a token belongs to."""

from __future__ import annotations

import asyncio
import hmac
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pycrdt import Doc

import boards
from boards.engines import Engine
from boards.limits import MAX_EVENT_CHARS, MAX_NAME_CHARS, MAX_TABLE_CHARS, MAX_TITLE_CHARS
from boards.search import search_text
from server import auth
from server.facilitation.session import SessionState
from server.settings import Settings
from server.store import Board, Event, Participant, Store, utc_now
from server.sync.connection import Identity


def _search_index(state: bytes, engine: Engine) -> tuple[str, dict[str, int]]:
    """Return what a search finds in an encoded document, and its counts."""
    doc: Doc[Any] = Doc()
    doc.apply_update(state)
    return search_text(doc, engine)


class ServiceError(Exception):
    """A request that cannot be served; `code` picks the status and the translated text."""

    def __init__(self, code: str, status: int, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params


@dataclass(frozen=True)
class CreatedBoard:
    """A new board and the secret that is shown only now."""

    board: Board
    event: Event | None
    facilitator_token: str


@dataclass(frozen=True)
class Membership:
    """A participant's place on a board, with the token their device keeps."""

    board: Board
    participant: Participant
    token: str


class GuessLimiter:
    """Slow down guessing of join codes, for the whole server, never by address.

    A venue puts hundreds of phones behind one public address, so wrong codes are counted
    in one bucket for everybody. While the bucket is empty, every code lookup (right or
    wrong, so the answer's timing tells nothing) waits its turn in a narrow gate.
    """

    GATE_WIDTH = 2
    GATE_DELAY_S = 0.5

    def __init__(self, burst: int, per_s: float) -> None:
        self.burst = burst
        self.per_s = per_s
        self._tokens = float(burst)
        self._stamp = time.monotonic()
        self._gate = asyncio.Semaphore(self.GATE_WIDTH)

    def _refill(self) -> None:
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.per_s)
        self._stamp = now

    @property
    def throttled(self) -> bool:
        """Say whether lookups are being slowed down now."""
        self._refill()
        return self._tokens < 1

    def retry_after_s(self) -> int:
        """Return how many seconds until a wrong guess is allowed again."""
        self._refill()
        return max(1, int((1 - self._tokens) / self.per_s) + 1)

    def record_wrong(self) -> None:
        """Count one wrong code."""
        self._refill()
        self._tokens -= 1

    async def wait_turn(self) -> None:
        """Wait while guessing is being slowed down."""
        if self.throttled:
            async with self._gate:
                await asyncio.sleep(self.GATE_DELAY_S)


class BoardService:
    """The rules of boards and membership, shared by the pages and the JSON API."""

    def __init__(self, settings: Settings, store: Store, signer: auth.Signer) -> None:
        self.settings = settings
        self.store = store
        self.signer = signer
        self.guesses = GuessLimiter(settings.wrong_code_burst, settings.wrong_code_per_s)
        self.organiser_password = auth.organiser_password(
            settings.organiser_password,
            settings.organiser_password_path,
            required=settings.open_to_network and not settings.open_creation,
        )

    def check_organiser(self, password: str | None) -> None:
        """Raise unless the organiser password is right (or none is required)."""
        expected = self.organiser_password
        if expected is None:
            return
        if not password or not hmac.compare_digest(password, expected):
            raise ServiceError("organiser_password", 401)

    async def create_board(
        self,
        *,
        title: str,
        kind: str | None = None,
        locale: str | None = None,
        event_name: str | None = None,
        event_date: str | None = None,
        document: bytes | None = None,
        joins: Callable[[Event], Awaitable[bool]] | None,
        into: Event | None = None,
        previous_board_id: str | None = None,
    ) -> CreatedBoard:
        """Create a board with its seeded document, a join code and a facilitator secret.

        `document` starts the board from a copy (a snapshot) instead of the kind's template.
        The board joins an existing event of the same name and date only when `joins` says
        the caller may (they facilitate a board of it); otherwise a new event is made.
        `joins=None` trusts the caller (the operator's command line). `into` is an existing
        event the caller has already been allowed into (a new round, server/afterwards/
        rounds.py), in place of a name and date; `previous_board_id` the round it continues.
        """
        title = title.strip()
        if not title:
            raise ServiceError("title_missing", 400)
        if len(title) > MAX_TITLE_CHARS:
            raise ServiceError("title_too_long", 400, limit=MAX_TITLE_CHARS)
        board_kind = boards.get_kind(kind or boards.DEFAULT_KIND)
        if board_kind is None:
            raise ServiceError("kind_unknown", 400, kind=kind)
        locale = locale or "da"
        if locale not in boards.LOCALES:
            raise ServiceError("locale_unknown", 400, locale=locale)
        event = (into, False) if into else await self._event(event_name, event_date, joins)
        secret = auth.new_facilitator_secret()
        now = utc_now()
        board = Board(
            id=auth.new_board_id(),
            event_id=event[0].id if event else None,
            kind=board_kind.slug,
            title=title,
            locale=locale,
            created=now,
            updated=now,
            join_code=await self._free_join_code(),
            facilitator_hash=auth.hash_secret(secret),
            previous_board_id=previous_board_id,
        )
        state = document if document is not None else board_kind.seed(locale)
        await self.store.boards.create(board, state, event[0] if event and event[1] else None)
        if board_kind.anonymous and document is None:
            # A kind that asks for it (the LUS pilot) starts anonymous, before anyone writes.
            anonymous = SessionState(anonymous=True)
            await self.store.facilitation.save_session(board.id, anonymous.to_json())
        # A worker thread with a Doc of its own: an imported board can be megabytes.
        text, counts = await asyncio.to_thread(_search_index, state, board_kind.engine)
        await self.store.library.set_search_text(board.id, board.title, text, counts)
        return CreatedBoard(board, event[0] if event else None, secret)

    async def _event(
        self, name: str | None, date: str | None, joins: Callable[[Event], Awaitable[bool]] | None
    ) -> tuple[Event, bool] | None:
        """Return the named event and whether it is new, or None for no event."""
        name = (name or "").strip()
        if not name:
            return None
        if len(name) > MAX_EVENT_CHARS:
            raise ServiceError("event_too_long", 400, limit=MAX_EVENT_CHARS)
        date = (date or "").strip() or None
        if date is not None and not _is_iso_date(date):
            raise ServiceError("event_date_invalid", 400)
        for existing in await self.store.boards.find_events(name, date):
            if joins is None or await joins(existing):
                return existing, False
        return Event(id=auth.new_board_id(), name=name, date=date), True

    async def facilitates_event(self, token: str, event: Event) -> bool:
        """Say whether a facilitator token is that of a board of the event."""
        if not token.startswith("f1_"):
            return False
        for board_id in await self.store.boards.of_event(event.id):
            board = await self.store.boards.get(board_id)
            if board is not None and auth.secret_matches(token, board.facilitator_hash):
                return True
        return False

    async def _free_join_code(self) -> str:
        for _ in range(20):
            code = auth.new_join_code()
            if not await self.store.boards.join_code_taken(code):
                return code
        raise RuntimeError("no free join code after 20 tries: is the code space exhausted?")

    async def join(
        self, code: str, name: str, token: str | None = None, table: str | None = None
    ) -> Membership:
        """Join the board with this code, or rejoin as the participant a token names.

        `table`: the number of the table one sits at, if the room works in table groups.
        """
        name = " ".join(name.split())
        if not name:
            raise ServiceError("name_missing", 400)
        if len(name) > MAX_NAME_CHARS:
            raise ServiceError("name_too_long", 400, limit=MAX_NAME_CHARS)
        table = " ".join((table or "").split()) or None
        if table is not None and len(table) > MAX_TABLE_CHARS:
            raise ServiceError("table_too_long", 400, limit=MAX_TABLE_CHARS)
        await self.guesses.wait_turn()
        normalized = auth.normalize_join_code(code)
        board = await self.store.boards.by_code(normalized) if normalized else None
        if board is None:
            if self.guesses.throttled:
                raise ServiceError(
                    "too_many_guesses", 429, retry_after=self.guesses.retry_after_s()
                )
            self.guesses.record_wrong()
            raise ServiceError("code_unknown", 404)
        if token:
            membership = await self.rejoin(board, token, name)
            if membership is not None:
                if table is not None and table != membership.participant.table:
                    await self.store.people.set_table(membership.participant.id, table)
                return membership
        if not await self.joining_open(board.id):
            raise ServiceError("joining_closed", 403)
        participant = await self.store.people.add_participant(
            Participant(auth.new_participant_id(), board.id, name, removed=False, table=table)
        )
        return Membership(
            board, participant, self.signer.participant_token(board.id, participant.id)
        )

    async def rejoin(self, board: Board, token: str, name: str | None) -> Membership | None:
        """Return the participant a token names on this board, renamed if name differs."""
        claim = self.signer.read_participant_token(board.id, token)
        if claim is None:
            return None
        participant = await self.store.people.get_participant(claim.participant_id)
        if participant is None or participant.removed or participant.board_id != board.id:
            return None
        if name and name != participant.name:
            await self.store.people.rename_participant(participant.id, name)
            participant = Participant(
                participant.id, board.id, name, participant.removed, participant.table
            )
        return Membership(board, participant, token)

    async def joining_open(self, board_id: str) -> bool:
        """Say whether new participants may join (the facilitator can close joining)."""
        saved = await self.store.facilitation.session_of(board_id)
        return SessionState.from_json(saved).joining_open

    async def identify(self, board: Board, token: str, locale: str) -> Identity:
        """Return who a websocket token belongs to; raise ServiceError if nobody."""
        if token.startswith("f1_"):
            if auth.secret_matches(token, board.facilitator_hash):
                return Identity(role="facilitator", participant_id=None, locale=locale)
            key_hash = auth.hash_secret(token)
            if await self.store.facilitation.facilitator_key_exists(board.id, key_hash):
                return Identity("facilitator", None, locale=locale, link_hash=key_hash)
            raise ServiceError("token_invalid", 401)
        if token.startswith("t1_"):
            event_id = await self.store.library.event_of_key(auth.hash_secret(token))
            if event_id is None or event_id != board.event_id:
                raise ServiceError("token_invalid", 401)
            return Identity(role="team", participant_id=None, locale=locale)
        if token.startswith("r1_"):
            role = await self.store.library.board_key_role(board.id, auth.hash_secret(token))
            if role is None:
                raise ServiceError("token_invalid", 401)
            return Identity(role=role, participant_id=None, locale=locale)
        claim = self.signer.read_participant_token(board.id, token)
        if claim is None:
            raise ServiceError("token_invalid", 401)
        participant = await self.store.people.get_participant(claim.participant_id)
        if participant is None or participant.board_id != board.id:
            raise ServiceError("token_invalid", 401)
        if participant.removed:
            raise ServiceError("participant_removed", 403)
        return Identity(
            role="participant", participant_id=participant.id, locale=locale, name=participant.name
        )

    def public_base(self, request_base: str) -> str:
        """Return the base URL for links: the configured public URL, else the request's."""
        return (self.settings.public_url or request_base).rstrip("/")


def _is_iso_date(text: str) -> bool:
    try:
        time.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True
