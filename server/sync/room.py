"""A board's live room: one document, one presence table, its connections.

The room knows nothing of Starlette: it talks to each client through a `Channel`, so it
is tested with in-memory channels and served by the websocket route alike. Nor does it
know the rules or the facilitator's session: what sits above syncing is its `RoomParts`
(sync/ports.py), called at fixed points. Each
connection has a bounded outbox drained by its own writer task, and a reader task; when
either ends, the other is cancelled. A bad message closes its own connection only.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pycrdt import Doc, Map, MapEvent, TransactionEvent

from boards.engines import Engine
from server.sync import update_scan, wire
from server.sync.capabilities import Capability
from server.sync.connection import (
    CLOSE_POLICY,
    Channel,
    CloseConnection,
    Connection,
    Identity,
    close_channel,
    pump,
)
from server.sync.fanout import Fanout
from server.sync.limits import RoomLimits
from server.sync.ports import (
    DocumentStore,
    NoticeText,
    RoomParts,
    StoredState,
    untranslated,
)
from server.sync.presence import Presence, vouch_for

log = logging.getLogger(__name__)


def apply_stored(doc: Doc[Any], stored: StoredState) -> None:
    """Replay a board's stored state and the updates after it into `doc`, as one change."""
    with doc.transaction():
        if stored.state:
            doc.apply_update(stored.state)
        for update in stored.updates:
            doc.apply_update(update)


@dataclass(frozen=True)
class RoomOptions:
    """How a room serves its connections (from the settings: server/settings.py)."""

    max_message_bytes: int = 1024 * 1024
    outbox_size: int = 512  # messages queued for one slow connection before it is dropped
    fanout_window_s: float = 0.0  # updates that arrive within it go out as one message
    fanout_sends_per_s: float = float("inf")
    limits: RoomLimits = field(default_factory=RoomLimits)


class Room:
    """The live state of one board."""

    def __init__(
        self,
        board_id: str,
        store: DocumentStore,
        *,
        engine: Engine | None = None,
        make_parts: MakeParts | None = None,
        notice_text: NoticeText = untranslated,
        options: RoomOptions | None = None,
    ) -> None:
        options = options or RoomOptions()
        self.board_id = board_id
        self.limits = options.limits
        self.store = store
        self.engine = engine
        self.authored = engine.authored if engine else ()
        # Root -> the type its items must have: an update placing anything else in a root,
        # or anything in a root outside the layout, is refused (server/sync/update_scan.py).
        self.layout_types = {
            root.name: update_scan.Y_XML_FRAGMENT if root.wording else update_scan.Y_MAP
            for root in (engine.layout if engine else ())
        }
        self.max_message_bytes = options.max_message_bytes
        self.outbox_size = options.outbox_size
        self.doc: Doc[Any] = Doc()
        self.presence = Presence()
        self.connections: dict[int, Connection] = {}
        # Each window's updates are committed before they go out (issue 11 §7).
        self.fanout = Fanout(
            self.connections,
            window_s=options.fanout_window_s,
            sends_per_s=options.fanout_sends_per_s,
            persist=lambda: self.store.commit(board_id),
        )
        # Presence the room changes itself (names hidden) goes out like any other change.
        self.presence.publish = self.fanout.awareness
        self.on_empty: Callable[[Room], None] | None = None
        self._new_items: list[tuple[Identity, str]] = []
        self._commands: list[tuple[Connection, dict[str, Any]]] = []
        self._make_parts = make_parts
        self.parts: RoomParts | None = None
        self.notice_text = notice_text
        # Whether the search text is behind the document (server/sync/rooms.py re-indexes).
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
        apply_stored(self.doc, await self.store.load_document(self.board_id))
        self._subscriptions.append((self.doc, self.doc.observe(self._on_transaction)))
        for name in self.authored:
            root = self.doc.get(name, type=Map)
            self._subscriptions.append((root, root.observe(self._on_authored_change)))
        if self._make_parts is not None:
            self.parts = self._make_parts(self)
            await self.parts.load()

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
        try:
            await self.attach(connection)
            await pump(connection, channel, lambda: self, self.limits, self.max_message_bytes)
        finally:
            self.detach(connection)
        await close_channel(connection, channel)

    async def attach(self, connection: Connection, *, whole_state: bool = False) -> None:
        """Take a connection in and greet it; `whole_state` also sends it the document.

        A connection served elsewhere before (by another process that owned the board,
        server/cluster) may lack updates it will never ask for again: it gets them all.
        """
        self.connections[connection.id] = connection
        await self._greet(connection)
        if whole_state:
            self.fanout.send_when_stored(
                connection, wire.create_sync_step2_message(self.doc.get_update())
            )

    async def receive(self, connection: Connection, message: bytes) -> None:
        """Handle one message of a connection's; raise CloseConnection to end it."""
        try:
            self.handle(connection, message)
        except wire.MalformedMessage as exc:
            raise CloseConnection(CLOSE_POLICY, f"malformed message: {exc}") from exc
        if self._new_items:
            await self._record_new_items()
        if self._commands:
            await self._run_commands()

    def slow_down(self, connection: Connection) -> None:
        """Warn a connection that sends too fast."""
        self.notify(connection, "slow_down", now=True)

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
        before = await self.parts.introduce(connection) if self.parts else []
        for message in before:
            connection.send(wire.encode_tavle(message))
        connection.send(wire.create_sync_message(self.doc))
        present = self.presence.snapshot()
        if present:
            connection.send(wire.encode_awareness(present))
        after = await self.parts.welcome(connection) if self.parts else []
        for message in after:
            connection.send(wire.encode_tavle(message))

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
        if not connection.identity.can(Capability.WRITE):
            # A read-only link changes nothing: its update is not applied at all.
            self.notify(connection, "read_only_viewer")
            return
        # Nothing may wait in the document for a piece that has not come: it would be
        # integrated later, inside someone else's transaction (docs/security.md).
        if self._state is None:
            self._state = update_scan.state_vector(self.doc.get_state())
        try:
            advanced = update_scan.check_known(scanned, self._state)
        except update_scan.UpdateAhead:
            # Its earlier updates were lost on the way (an owner process died): apply
            # nothing, and ask the client for all it holds that the room lacks.
            connection.send(wire.create_sync_message(self.doc))
            return
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
        if self.parts is not None:
            refused = self.parts.review(connection)
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
        message = wire.encode_notice(
            code, self.notice_text(connection.identity.locale, code), texts
        )
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
        if self.parts is None:
            self.notify(connection, "invalid")
            return
        await self.parts.command(connection, payload)

    def broadcast(self, message: bytes) -> None:
        """Send one message to every connection."""
        for connection in self.connections.values():
            connection.send(message)

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
            if self.parts is not None:
                await self.parts.items_added(identity, item_ids)

    def detach(self, connection: Connection) -> None:
        """Let a connection go: its presence leaves with it."""
        if self.connections.pop(connection.id, None) is None:
            return
        removals = self.presence.drop(connection.id)
        if removals:
            self.fanout.awareness(removals)
        if not self.connections and self.on_empty is not None:
            self.on_empty(self)

    # -- ending ------------------------------------------------------------------

    def close_all(self, code: int, reason: str) -> None:
        """Ask every connection to close with a code."""
        self.end_connections(lambda _identity: True, code, reason)

    def end_connections(self, which: Callable[[Identity], bool], code: int, reason: str) -> None:
        """Close the connections whose identity `which` picks (a revoked link, say)."""
        for connection in list(self.connections.values()):
            if which(connection.identity):
                connection.end(CloseConnection(code, reason))

    def participants_here(self) -> set[str]:
        """Return the participants with at least one open connection."""
        return {
            participant_id
            for connection in self.connections.values()
            if (participant_id := connection.identity.participant_id)
        }

    async def compact(self) -> None:
        """Write the document's whole state in place of its update log, and its search text."""
        await self.store.compact(self.board_id, self.doc.get_update())
        await self.index()

    async def index(self) -> None:
        """Keep the board's text for search, and its counts for the library."""
        self.changed_since_index = False
        if self.parts is not None:
            await self.parts.index()

    def stop_observing(self) -> None:
        """Stop logging and relaying; the room is being unloaded."""
        for observed, subscription in self._subscriptions:
            observed.unobserve(subscription)
        self._subscriptions.clear()
        if self.parts is not None:
            self.parts.close()


# How a room gets its parts once its document is loaded (server/parts.py builds them).
MakeParts = Callable[[Room], RoomParts]
