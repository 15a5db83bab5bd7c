"""What one connection may do to a room: the limits a seminar needs against one bad phone.

Every limit is far above what an honest phone does (docs/security.md gives the figures),
so it only ever stops a modified client or a runaway loop.
"""

from __future__ import annotations

from dataclasses import dataclass

# A presence state is a name, a colour, a role and a caret: a few hundred bytes.
MAX_PRESENCE_BYTES = 4096
# Items one person may add to each authored root of a board (notes, examples, comments):
# a round of writing at a seminar yields a handful each.
MAX_ITEMS_PER_PERSON = 200
# Messages a connection may send: fast typing with a caret moving is about 30 a second,
# and a phone that comes back online sends its queued edits in a burst.
MESSAGES_PER_S = 60.0
MESSAGE_BURST = 600


@dataclass(frozen=True)
class RoomLimits:
    """The per-connection and per-person limits a room enforces."""

    max_presence_bytes: int = MAX_PRESENCE_BYTES
    max_items_per_person: int = MAX_ITEMS_PER_PERSON
    messages_per_s: float = MESSAGES_PER_S
    message_burst: int = MESSAGE_BURST


class MessageBudget:
    """A token bucket of messages for one connection.

    Over budget, the connection is first warned; a connection that keeps sending at the
    same pace for another burst's worth is closed (an honest phone slows down: its
    edits are already applied and its later ones wait in its own outbox).
    """

    def __init__(self, per_s: float, burst: int, now: float) -> None:
        self.per_s = per_s
        self.burst = burst
        self.tokens = float(burst)
        self.updated = now
        self.warned = False

    def spend(self, now: float) -> str:
        """Take one message; return "ok", "warn" (the first time over) or "close"."""
        self.tokens = min(float(self.burst), self.tokens + (now - self.updated) * self.per_s)
        self.updated = now
        self.tokens -= 1
        if self.tokens >= 0:
            self.warned = False
            return "ok"
        if self.tokens < -self.burst:
            return "close"
        if not self.warned:
            self.warned = True
            return "warn"
        return "ok"
