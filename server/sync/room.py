"""A board's live room: one document, one presence table, its connections.

The room knows nothing of Starlette: it talks to each client through a `Channel`, so it
is tested with in-memory channels and served by the websocket route alike. Each
connection has a bounded outbox drained by its own writer task, and a reader task; when
either ends, the other is cancelled. A bad message closes its own connection only.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

from pycrdt import Doc, Map, MapEvent, TransactionEvent

from boards.engines import Engine
from boards.search import search_text
from server.facilitation.parts import COMMANDS as FACILITATION_COMMANDS
from server.facilitation.parts import Facilitation
from server.facilitation.session import SessionRefused
from server.i18n import gettext
from server.messages import NOTICE_MESSAGES
from server.rules.base import Rules, make_rules
from server.store import Store
from server.sync import update_scan, wire
from server.sync.connection import (
    CLOSE_BAD_TOKEN,
    CLOSE_DELETED,
    CLOSE_GOING_AWAY,
    CLOSE_INTERNAL,
    CLOSE_NORMAL,
    CLOSE_POLICY,
    CLOSE_REMOVED,
    CLOSE_RESTART,
    CLOSE_TOO_BIG,
    CLOSE_TRY_AGAIN,
    CLOSE_UNKNOWN_BOARD,
    Channel,
    ChannelClosed,
    CloseConnection,
    Connection,
    Identity,
)
from server.sync.fanout import Fanout
from server.sync.limits import MessageBudget, RoomLimits
from server.sync.presence import Presence, vouch_for

log = logging.getLogger(__name__)

# What other modules import from here (the connection module holds them now).
__all__ = [
    "CLOSE_BAD_TOKEN",
    "CLOSE_DELETED",
    "CLOSE_GOING_AWAY",
    "CLOSE_INTERNAL",
    "CLOSE_NORMAL",
    "CLOSE_POLICY",
    "CLOSE_REMOVED",
    "CLOSE_RESTART",
    "CLOSE_TOO_BIG",
    "CLOSE_TRY_AGAIN",
    "CLOSE_UNKNOWN_BOARD",
    "Channel",
    "ChannelClosed",
    "CloseConnection",
    "Connection",
    "Identity",
    "Room",
]


class Room:
    """The live state of one board."""

    def __init__(
        self,
        board_id: str,
        store: Store,
        *,
        engine: Engine | None = None,
        max_message_bytes: int = 1024 * 1024,
        outbox_size: int = 512,
        fanout_window_s: float = 0.0,
        fanout_sends_per_s: float = float("inf"),
        limits: RoomLimits | None = None,
    ) -> None:
        self.board_id = board_id
        self.limits = limits or RoomLimits()
        self.store = store
        self.engine = engine
        self.authored = engine.authored if engine else ()
        # Root -> the type its items must have: an update placing anything else in a root,
        # or anything in a root outside the layout, is refused (server/update_scan.py).
        self.layout_types = {
            root.name: update_scan.Y_XML_FRAGMENT if root.wording else update_scan.Y_MAP
            for root in (engine.layout if engine else ())
        }
        self.max_message_bytes = max_message_bytes
        self.outbox_size = outbox_size
        self.doc: Doc[Any] = Doc()
        self.presence = Presence()
        self.connections: dict[int, Connection] = {}
        # Each window's updates are committed before they go out (issue 11 §7).
        self.fanout = Fanout(
            self.connections,
            window_s=fanout_window_s,
            sends_per_s=fanout_sends_per_s,
            persist=lambda: self.store.commit(board_id),
        )
        # Presence the room changes itself (names hidden) goes out like any other change.
        self.presence.publish = self.fanout.awareness
        self.on_empty: Callable[[Room], None] | None = None
        self._new_items: list[tuple[Identity, str]] = []
        self._commands: list[tuple[Connection, dict[str, Any]]] = []
        self.rules: Rules | None = None
        self.facilitation = Facilitation(self)
        # Whether the search text is behind the document (server/rooms.py re-indexes).
        self.changed_since_index = False
        self._subscriptions: list[tuple[Any, Any]] = []
        # The document's state vector, kept up to date as client updates are applied (it
        # costs a decode of every client's clock to read it afresh); None after any other
        # transaction, until the next client update reads it again.
        self._state: dict[int, int] | None = None
        self._applying: int | None = None

    # -- loading -----------------------------------------------------------------

    async def load(self) -> None:
        """Read the board's document from the store and start observing it."""
        stored = await self.store.load_document(self.board_id)
        with self.doc.transaction():
            if stored.state:
                self.doc.apply_update(stored.state)
            for update in stored.updates:
                self.doc.apply_update(update)
        self._subscriptions.append((self.doc, self.doc.observe(self._on_transaction)))
        for name in self.authored:
            root = self.doc.get(name, type=Map)
            self._subscriptions.append((root, root.observe(self._on_authored_change)))
        await self.facilitation.load()
        if self.engine is not None:
            self.rules = make_rules(
                self.board_id,
                self.doc,
                self.engine,
                self.store,
                lambda: list(self.connections.values()),
                max_items_per_person=self.limits.max_items_per_person,
            )
            await self.rules.load()

    def _on_transaction(self, event: TransactionEvent) -> None:
        self.changed_since_index = True
        if self._applying is None:
            self._state = None  # a transaction of the server's own
        update = event.update
        # Queued in the store first: the fan-out commits the store's queue before it
        # sends, so every update, a client's or the server's own, is on disk first.
        self.store.append(self.board_id, update)
        origin = event.transaction.origin()  # type: ignore[attr-defined]  # missing from the stubs
        self.fanout.update(origin, update)

    def _on_authored_change(self, event: MapEvent) -> None:
        # Map events carry the origin resolved already; transaction events a getter.
        author = self.connections.get(event.transaction.origin)
        if author is None:
            return
        for key, change in event.keys.items():  # type: ignore[attr-defined]  # missing from the stubs
            if change.get("action") == "add":
                self._new_items.append((author.identity, key))

    # -- serving a connection ----------------------------------------------------

    async def serve(self, channel: Channel, identity: Identity) -> None:
        """Serve one client until it leaves, misbehaves or the room closes it."""
        connection = Connection(identity=identity, outbox_size=self.outbox_size)
        self.connections[connection.id] = connection
        try:
            await self._greet(connection)
            tasks = [
                asyncio.create_task(self._read(connection, channel)),
                asyncio.create_task(self._write(connection, channel)),
                asyncio.create_task(connection.ended.wait()),
            ]
            try:
                done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
            for task in done:
                if not task.cancelled() and isinstance(task.exception(), CloseConnection):
                    connection.end(task.exception())  # type: ignore[arg-type]
                elif not task.cancelled() and task.exception() is not None:
                    log.error(
                        "connection to board %s failed",
                        self.board_id,
                        exc_info=task.exception(),
                    )
                    connection.end(CloseConnection(CLOSE_INTERNAL, "internal error"))
        finally:
            self._detach(connection)
        if connection.closing is not None:
            try:
                await channel.close(connection.closing.code, connection.closing.reason)
            except Exception:
                log.debug("closing a connection that was already closed")

    async def _greet(self, connection: Connection) -> None:
        identity = connection.identity
        connection.send(
            wire.encode_tavle(
                {
                    "type": "hello",
                    "role": identity.role,
                    "participant": identity.participant_id,
                    "board": self.board_id,
                }
            )
        )
        for message in await self.facilitation.greeting(connection):
            connection.send(wire.encode_tavle(message))
        connection.send(wire.create_sync_message(self.doc))
        present = self.presence.snapshot()
        if present:
            connection.send(wire.encode_awareness(present))
        own = await self.store.items_of(self.board_id, identity.participant_id, identity.role)
        connection.send(wire.encode_tavle({"type": "own", "items": own, "replace": True}))
        if self.rules is not None:
            for message in self.rules.greeting(connection):
                connection.send(wire.encode_tavle(message))

    async def _write(self, connection: Connection, channel: Channel) -> None:
        while True:
            message = await connection.outbox.get()
            try:
                await channel.send(message)
            except ChannelClosed:
                # The client has gone, but what it sent before it went may still wait to be
                # read: a phone that adds a note and closes the page at once. Stop writing
                # and let the reader finish; it ends the connection when it reaches the end.
                await asyncio.get_running_loop().create_future()

    async def _read(self, connection: Connection, channel: Channel) -> None:
        loop = asyncio.get_running_loop()
        budget = MessageBudget(self.limits.messages_per_s, self.limits.message_burst, loop.time())
        while True:
            try:
                message = await channel.receive()
            except ChannelClosed:
                return
            if len(message) > self.max_message_bytes:
                raise CloseConnection(CLOSE_TOO_BIG, "message too big")
            verdict = budget.spend(loop.time())
            if verdict == "close":
                raise CloseConnection(CLOSE_POLICY, "too many messages")
            if verdict == "warn":
                self.notify(connection, "slow_down", now=True)
            try:
                self.handle(connection, message)
            except wire.MalformedMessage as exc:
                raise CloseConnection(CLOSE_POLICY, f"malformed message: {exc}") from exc
            if self._new_items:
                await self._record_new_items()
            if self._commands:
                await self._run_commands()

    def handle(self, connection: Connection, message: bytes) -> None:
        """Apply one message from a client; raise MalformedMessage when it is not valid."""
        decoder = wire.Decoder(message)
        message_type = decoder.read_var_uint()
        if message_type == wire.MESSAGE_SYNC:
            self._handle_sync(connection, decoder)
        elif message_type == wire.MESSAGE_AWARENESS:
            update = decoder.read_var_bytes()
            decoder.expect_end()
            self._handle_awareness(connection, update)
        elif message_type == wire.MESSAGE_QUERY_AWARENESS:
            decoder.expect_end()
            connection.send(wire.encode_awareness(self.presence.snapshot()))
        elif message_type == wire.MESSAGE_TAVLE:
            text = decoder.read_var_string()
            decoder.expect_end()
            wire.check_json_depth(text, wire.MAX_COMMAND_DEPTH)
            try:
                payload = json.loads(text)
            except ValueError as exc:
                raise wire.MalformedMessage("command is not JSON") from exc
            if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
                raise wire.MalformedMessage("command without a type")
            self._commands.append((connection, payload))
        else:
            raise wire.MalformedMessage(f"unknown message type {message_type}")

    def _handle_sync(self, connection: Connection, decoder: wire.Decoder) -> None:
        step = decoder.read_var_uint()
        payload = decoder.read_var_bytes()
        decoder.expect_end()
        if step == wire.SYNC_STEP1:
            try:
                missing = self.doc.get_update(payload)
            except ValueError as exc:
                raise wire.MalformedMessage("invalid state vector") from exc
            # What the phone sees must be on disk first: some of the document's latest
            # updates may still be on their way there (issue 11 §7).
            self.fanout.send_when_stored(connection, wire.create_sync_step2_message(missing))
        elif step in (wire.SYNC_STEP2, wire.SYNC_UPDATE):
            self.apply_update(payload, connection)
        else:
            raise wire.MalformedMessage(f"unknown sync step {step}")

    def apply_update(self, update: bytes, connection: Connection) -> None:
        """Apply a client's update and undo what it may not change.

        Raises MalformedMessage if the CRDT refuses the update.
        """
        if update == b"\x00\x00":
            return
        scanned = update_scan.scan(update)
        if scanned.empty:
            return
        if connection.identity.role == "viewer":
            # A read-only link changes nothing: its update is not applied at all.
            self.notify(connection, "read_only_viewer")
            return
        # Nothing may wait in the document for a piece that has not come: it would be
        # integrated later, inside someone else's transaction (docs/security.md).
        if self._state is None:
            self._state = update_scan.state_vector(self.doc.get_state())
        advanced = update_scan.check_known(scanned, self._state)
        if self.engine is not None:
            update_scan.check_roots(scanned, self.layout_types)
        state = self._state
        self._state = None  # unknown until the update is in, whatever happens to it
        try:
            self._applying = connection.id
            with self.doc.transaction(origin=connection.id):
                self.doc.apply_update(update)
            state.update(advanced)
            self._state = state
        except ExceptionGroup:
            # Observers raised after the update was applied (pycrdt gathers their errors):
            # it is in the document and on its way out, so it must still be reviewed.
            log.exception("an observer of board %s failed on an update", self.board_id)
        except Exception as exc:
            raise wire.MalformedMessage(f"update refused: {exc}") from exc
        except BaseException as exc:
            # A malformed update can make the Rust core panic; pyo3's PanicException is
            # not an Exception. Nothing of a failed update reaches the log or the others.
            if type(exc).__name__ != "PanicException":
                raise
            raise wire.MalformedMessage("update refused by the CRDT core") from exc
        finally:
            self._applying = None
        if self.rules is not None:
            identity = connection.identity
            read_only = None
            if identity.role == "viewer":
                read_only = "read_only_viewer"
            elif not identity.edits_all:
                read_only = self.facilitation.session.read_only_reason()
            refused = self.rules.review(connection, read_only)
            if refused is not None:
                self.notify(connection, refused.code, refused.texts)

    def notify(
        self,
        connection: Connection,
        code: str,
        texts: list[str] | None = None,
        *,
        now: bool = False,
    ) -> None:
        """Tell one connection something in its language, without closing it.

        `texts` are what the user wrote that could not stay, for them to copy. A notice
        goes out after the updates applied before it, unless it is to go `now` (it is
        about the connection, not the document).
        """
        text = gettext(connection.identity.locale, NOTICE_MESSAGES[code])
        notice: dict[str, Any] = {"type": "notice", "code": code, "message": text}
        if texts:
            notice["texts"] = texts
        message = wire.encode_tavle(notice)
        if now:
            connection.send(message)
        else:
            # After the updates it speaks of (a revert is stored before it is sent): a
            # notice that overtook them would describe a document the phone lacks yet.
            self.fanout.send_when_stored(connection, message)

    async def _run_commands(self) -> None:
        commands, self._commands = self._commands, []
        for connection, payload in commands:
            try:
                await self._run_command(connection, payload)
            except Exception:
                # A command the checks did not foresee (a number too big for a float,
                # say) is refused; it must not end the sender's connection or the room.
                log.exception("a %r command on board %s failed", payload["type"], self.board_id)
                self.notify(connection, "invalid")

    async def _run_command(self, connection: Connection, payload: dict[str, Any]) -> None:
        kind = str(payload["type"])
        if kind.split(".")[0] in FACILITATION_COMMANDS:
            await self.facilitation.command(connection, payload)
            return
        if self.rules is None:
            self.notify(connection, "invalid")
            return
        if connection.identity.role == "viewer":
            self.notify(connection, "read_only_viewer")
            return
        if not connection.identity.edits_all:
            refusal = self.facilitation.session.command_refusal(kind)
            if refusal is not None:
                self.notify(connection, refusal)
                return
        refused = await self.rules.command(connection, payload)
        if refused is not None:
            self.notify(connection, refused)

    def broadcast(self, message: bytes) -> None:
        """Send one message to every connection."""
        for connection in self.connections.values():
            connection.send(message)

    def after_server_write(self) -> None:
        """Let the rules copy what the server itself just wrote into the document."""
        if self.rules is not None:
            self.rules.after_server_write()

    async def reload_side_state(self) -> None:
        """Read the rules' and the facilitator's state again (after a snapshot restore)."""
        if self.rules is not None:
            await self.rules.reload()
            for connection in list(self.connections.values()):
                for message in self.rules.greeting(connection):
                    connection.send(wire.encode_tavle(message))
        await self.facilitation.reload()

    async def remove_participant(self, participant_id: Any) -> None:
        """Take a participant off the board: their token and open connections end now."""
        if not isinstance(participant_id, str):
            raise SessionRefused("invalid")
        participant = await self.store.get_participant(participant_id)
        if participant is None or participant.board_id != self.board_id:
            raise SessionRefused("invalid")
        await self.store.set_participant_removed(participant_id, True)
        for connection in list(self.connections.values()):
            if connection.identity.participant_id == participant_id:
                connection.end(CloseConnection(CLOSE_REMOVED, "removed by the facilitator"))

    def _handle_awareness(self, connection: Connection, update: bytes) -> None:
        if self.presence.has_announced(connection.id) and self.fanout.is_echo(update):
            # A client sending back what the room sent it: nothing new. A connection's
            # first message is always read: a phone that reconnects announces the very
            # state it had, and must take its client id over.
            return
        entries = wire.parse_awareness(update)
        limit = self.limits.max_presence_bytes
        if any(len(entry.state.encode()) > limit for entry in entries):
            # The room relays no state this big, so no honest client holds one.
            raise wire.MalformedMessage("presence state too large")
        accepted = self.presence.apply(
            connection.id, connection.identity.key, entries, vouch=vouch_for(connection.identity)
        )
        if accepted:
            self.fanout.awareness(accepted)

    async def _record_new_items(self) -> None:
        new_items, self._new_items = self._new_items, []
        by_author: dict[Identity, list[str]] = {}
        for identity, item_id in new_items:
            by_author.setdefault(identity, []).append(item_id)
        for identity, item_ids in by_author.items():
            recorded = await self.store.record_authors(
                self.board_id, item_ids, identity.participant_id, identity.role
            )
            if recorded:
                message = wire.encode_tavle({"type": "own", "items": recorded, "replace": False})
                for connection in self.connections.values():
                    if connection.identity.key == identity.key:
                        connection.send(message)

    def _detach(self, connection: Connection) -> None:
        self.connections.pop(connection.id, None)
        removals = self.presence.drop(connection.id)
        if removals:
            self.fanout.awareness(removals)
        if not self.connections and self.on_empty is not None:
            self.on_empty(self)

    # -- ending ------------------------------------------------------------------

    def close_all(self, code: int, reason: str) -> None:
        """Ask every connection to close with a code."""
        for connection in list(self.connections.values()):
            connection.end(CloseConnection(code, reason))

    async def compact(self) -> None:
        """Write the document's whole state in place of its update log, and its search text."""
        await self.store.compact(self.board_id, self.doc.get_update())
        await self.index()

    async def index(self) -> None:
        """Keep the board's text for search, and its counts for the library."""
        self.changed_since_index = False
        if self.engine is None:
            return
        text, counts = search_text(self.doc, self.engine)
        board = await self.store.get_board(self.board_id)
        if board is not None:
            await self.store.set_search_text(self.board_id, board.title, text, counts)

    def stop_observing(self) -> None:
        """Stop logging and relaying; the room is being unloaded."""
        for observed, subscription in self._subscriptions:
            observed.unobserve(subscription)
        self._subscriptions.clear()
        if self.rules is not None:
            self.rules.close()
        self.facilitation.close()
