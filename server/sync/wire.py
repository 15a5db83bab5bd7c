"""Reading and writing y-websocket messages, strictly.

Encoding uses pycrdt's protocol helpers. Decoding is our own because pycrdt's Decoder
does not check bounds: a truncated message would be read as a shorter, valid one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pycrdt import (
    create_awareness_message,
    create_sync_message,
    create_update_message,
)
from pycrdt._sync import create_sync_step2_message, write_var_uint

__all__ = [
    "MESSAGE_AWARENESS",
    "MESSAGE_QUERY_AWARENESS",
    "MESSAGE_SYNC",
    "MESSAGE_TAVLE",
    "SYNC_STEP1",
    "SYNC_STEP2",
    "SYNC_UPDATE",
    "AwarenessEntry",
    "Decoder",
    "MalformedMessage",
    "check_state",
    "create_sync_message",
    "create_sync_step2_message",
    "create_update_message",
    "encode_awareness",
    "encode_awareness_update",
    "encode_tavle",
    "parse_awareness",
]

MESSAGE_SYNC = 0
MESSAGE_AWARENESS = 1
MESSAGE_QUERY_AWARENESS = 3
# Tavle's own server-to-client messages: a varString of JSON (docs/protocol.md).
MESSAGE_TAVLE = 20

SYNC_STEP1 = 0
SYNC_STEP2 = 1
SYNC_UPDATE = 2

# lib0 writes at most 53-bit integers; anything longer is not a lib0 varUint.
MAX_VAR_UINT_BYTES = 8


class MalformedMessage(ValueError):
    """A message that does not follow the y-websocket protocol."""


class Decoder:
    """Read lib0-encoded values from a message, refusing to read past its end."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def read_var_uint(self) -> int:
        """Read a variable-length unsigned integer."""
        pos = self.pos
        if pos < len(self.data) and self.data[pos] < 0x80:
            # Most numbers in a message (lengths, clocks of small documents, tags) are one
            # byte: the fast path is a third of the time (every update is read twice).
            self.pos = pos + 1
            return self.data[pos]
        value = 0
        shift = 0
        for _ in range(MAX_VAR_UINT_BYTES):
            if self.pos >= len(self.data):
                raise MalformedMessage("message ends inside a number")
            byte = self.data[self.pos]
            self.pos += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7
        raise MalformedMessage("number too long")

    def read_byte(self) -> int:
        """Read one byte."""
        if self.pos >= len(self.data):
            raise MalformedMessage("message ends early")
        byte = self.data[self.pos]
        self.pos += 1
        return byte

    def read_exact(self, length: int) -> bytes:
        """Read a fixed number of bytes."""
        end = self.pos + length
        if end > len(self.data):
            raise MalformedMessage("message ends early")
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def read_var_int(self) -> int:
        """Read a variable-length signed integer (lib0's sign bit in the first byte)."""
        first = self.read_byte()
        value = first & 0x3F
        negative = first & 0x40
        shift = 6
        byte = first
        for _ in range(MAX_VAR_UINT_BYTES):
            if byte < 0x80:
                return -value if negative else value
            byte = self.read_byte()
            value |= (byte & 0x7F) << shift
            shift += 7
        raise MalformedMessage("number too long")

    def read_var_bytes(self) -> bytes:
        """Read a length-prefixed byte string."""
        length = self.read_var_uint()
        end = self.pos + length
        if end > len(self.data):
            raise MalformedMessage("message ends before its declared length")
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def read_var_string(self) -> str:
        """Read a length-prefixed UTF-8 string."""
        try:
            return self.read_var_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MalformedMessage("text is not UTF-8") from exc

    def expect_end(self) -> None:
        """Raise if bytes are left over."""
        if self.pos != len(self.data):
            raise MalformedMessage("unexpected bytes after the message")


@dataclass(frozen=True)
class AwarenessEntry:
    """One client's presence: its clock and its state as JSON text ("null" when gone)."""

    client_id: int
    clock: int
    state: str

    @property
    def removed(self) -> bool:
        """Say whether this entry removes the client's presence."""
        return self.state == "null"


def parse_awareness(update: bytes) -> list[AwarenessEntry]:
    """Parse an awareness update without reading its states (see `check_state`).

    Most entries a server receives are other clients' states re-sent by y-websocket
    clients, to be dropped unread; only the entries a room accepts need checking.
    """
    decoder = Decoder(update)
    count = decoder.read_var_uint()
    entries = []
    for _ in range(count):
        client_id = decoder.read_var_uint()
        clock = decoder.read_var_uint()
        state = decoder.read_var_string()
        entries.append(AwarenessEntry(client_id, clock, state))
    decoder.expect_end()
    return entries


# How deep a presence state may nest: a Tavle state is two levels, a caret four.
MAX_STATE_DEPTH = 16
# How deep a command may nest: a proposal's wording is a ProseMirror document of at most
# eight levels (two JSON levels each).
MAX_COMMAND_DEPTH = 40


def check_json_depth(text: str, limit: int) -> None:
    """Raise MalformedMessage if JSON text's brackets nest deeper than `limit`.

    Read before parsing: a thousand levels make Python's parser, or whoever reads the
    value next, run out of stack.
    """
    if text.count("[") + text.count("{") <= limit:
        return  # the common case, at C speed
    depth = 0
    in_string = False
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                raise MalformedMessage("a value nested too deep")
        elif char in "]}":
            depth -= 1


def check_state(entry: AwarenessEntry) -> AwarenessEntry:
    """Return the entry with its state checked to be a JSON object or null."""
    check_json_depth(entry.state, MAX_STATE_DEPTH)
    try:
        value: Any = json.loads(entry.state)
    except ValueError as exc:
        raise MalformedMessage("presence state is not JSON") from exc
    if value is None:
        return (
            entry if entry.state == "null" else AwarenessEntry(entry.client_id, entry.clock, "null")
        )
    if not isinstance(value, dict):
        raise MalformedMessage("presence state is not an object")
    return entry


def encode_awareness(entries: list[AwarenessEntry]) -> bytes:
    """Encode entries as one awareness message."""
    return create_awareness_message(encode_awareness_update(entries))


def encode_awareness_update(entries: list[AwarenessEntry]) -> bytes:
    """Encode entries as an awareness update (the payload of an awareness message)."""
    parts = [write_var_uint(len(entries))]
    for entry in entries:
        state = entry.state.encode("utf-8")
        parts += [
            write_var_uint(entry.client_id),
            write_var_uint(entry.clock),
            write_var_uint(len(state)),
            state,
        ]
    return b"".join(parts)


def encode_tavle(payload: dict[str, Any]) -> bytes:
    """Encode one of Tavle's own server messages."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return bytes([MESSAGE_TAVLE]) + write_var_uint(len(text)) + text


def encode_notice(code: str, message: str, texts: list[str] | None = None) -> bytes:
    """Encode a notice: what a connection is told, in its language, without being closed."""
    notice: dict[str, Any] = {"type": "notice", "code": code, "message": message}
    if texts:
        notice["texts"] = texts
    return encode_tavle(notice)
