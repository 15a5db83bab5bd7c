"""Tavle's own commands (message type 20) as the tests send them."""

from __future__ import annotations

from typing import Any

# The commands that run a session: the room obeys only a facilitator's.
SESSION_COMMANDS: list[dict[str, Any]] = [
    {"type": "phase.set", "phase": "discuss"},
    {"type": "lock.set", "locked": True},
    {"type": "timer.start", "seconds": 60},
    {"type": "anonymous.set", "anonymous": True},
    {"type": "focus.set", "kind": "zone", "id": "value"},
    {"type": "joining.set", "open": False},
]
