"""A facilitator's commands over a raw websocket, beside the browsers of a browser test.

Playwright's API there is synchronous, so this socket is too: each command waits for the
Tavle message that shows its effect.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

from pycrdt._sync import write_var_uint
from websockets.sync.client import ClientConnection, connect

from server.sync import wire
from tests.support.live import LiveServer

COMMAND_TIMEOUT_S = 10


class Facilitator:
    """A raw websocket with the facilitator token: sends commands, waits for their effect."""

    def __init__(self, server: LiveServer, board: dict[str, str]) -> None:
        url = f"{server.ws_url}/{board['id']}?token={board['facilitator_token']}"
        self.stack = contextlib.ExitStack()
        self.websocket: ClientConnection = self.stack.enter_context(connect(url))

    def command(self, payload: dict[str, Any], until: Callable[[dict[str, Any]], bool]) -> None:
        """Send `payload`; return once a Tavle message satisfying `until` arrives."""
        text = json.dumps(payload).encode()
        self.websocket.send(bytes([wire.MESSAGE_TAVLE]) + write_var_uint(len(text)) + text)
        while True:
            message = self.websocket.recv(timeout=COMMAND_TIMEOUT_S)
            if isinstance(message, bytes) and message[0] == wire.MESSAGE_TAVLE:
                # One-byte type, then a varUint length (at most two bytes here), then JSON.
                body = message[2:] if message[1] < 0x80 else message[3:]
                found = json.loads(body.decode())
                assert found.get("code") != "not_allowed", found
                if until(found):
                    return

    def phase(self, phase: str) -> None:
        self.command(
            {"type": "phase.set", "phase": phase},
            lambda m: m.get("type") == "session" and m.get("phase") == phase,
        )

    def reveal(self) -> None:
        self.command(
            {"type": "private.reveal"},
            lambda m: m.get("type") == "session" and m.get("phase") == "write",
        )

    def moderation(self, kind: str, root: str, item_id: str) -> None:
        self.command(
            {"type": f"moderate.{kind}", "root": root, "id": item_id},
            lambda m: m.get("type") == "moderation",
        )

    def close(self) -> None:
        self.stack.close()
