"""Build and read y-websocket messages the way a Yjs client does, for tests."""

from __future__ import annotations

import json
from collections.abc import Callable

from pycrdt import Doc, create_sync_message, create_update_message
from pycrdt._sync import write_var_uint

from server.sync import wire


def awareness_message(client_id: int, clock: int, state: dict[str, object] | None) -> bytes:
    """Return an awareness message for one client."""
    text = json.dumps(state).encode()
    body = (
        write_var_uint(1)
        + write_var_uint(client_id)
        + write_var_uint(clock)
        + write_var_uint(len(text))
        + text
    )
    return bytes([wire.MESSAGE_AWARENESS]) + write_var_uint(len(body)) + body


def read(message: bytes) -> tuple[str, object]:
    """Classify a server message: ('sync-step1'|'sync-step2'|'update', bytes),
    ('awareness', [AwarenessEntry]) or ('tavle', dict)."""
    decoder = wire.Decoder(message)
    kind = decoder.read_var_uint()
    if kind == wire.MESSAGE_SYNC:
        step = decoder.read_var_uint()
        payload = decoder.read_var_bytes()
        return ({0: "sync-step1", 1: "sync-step2", 2: "update"}[step], payload)
    if kind == wire.MESSAGE_AWARENESS:
        return ("awareness", wire.parse_awareness(decoder.read_var_bytes()))
    if kind == wire.MESSAGE_TAVLE:
        return ("tavle", json.loads(decoder.read_var_string()))
    raise AssertionError(f"unexpected message type {kind}")


def update_messages(doc: Doc, change: Callable[[Doc], None]) -> list[bytes]:  # type: ignore[type-arg]
    """Make a change in a doc in one transaction; return the update messages it makes."""
    updates: list[bytes] = []
    subscription = doc.observe(lambda event: updates.append(event.update))
    with doc.transaction():
        change(doc)
    doc.unobserve(subscription)
    return [create_update_message(update) for update in updates]


def apply_sync(doc: Doc, message: bytes) -> None:
    """Apply a server's step 2 or update message to a client doc."""
    kind, payload = read(message)
    if kind in ("sync-step2", "update"):
        assert isinstance(payload, bytes)
        doc.apply_update(payload)


__all__ = [
    "apply_sync",
    "awareness_message",
    "create_sync_message",
    "create_update_message",
    "read",
]
