"""The facilitator's live settings of a board: phase, lock, timer, focus, joining, anonymity.

They are server state, never in the shared document: only the facilitator changes them
(by commands), every connection hears them in a `session` message, and the room asks
`read_only_reason` before it lets a participant's edit stand (docs/protocol.md,
"Facilitation"). The timer is sent as the time remaining, never as an end time, so a
phone whose clock is minutes off still counts down with the room.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from server.rules.commands import Refused
from server.store import Store

log = logging.getLogger(__name__)

PHASES = ("write", "private", "vote", "discuss")
MAX_TIMER_S = 3 * 3600
FOCUS_KINDS = ("zone", "cluster", "section")
# What participants may still do in the vote phase.
VOTING_COMMANDS = frozenset({"vote", "proposal.vote", "example.like"})


@dataclass
class Timer:
    """A countdown: its length, and either its end (running) or what is left (paused)."""

    duration_ms: int
    lock_at_end: bool = False
    ends_at: str | None = None  # ISO time in UTC while running
    paused_remaining_ms: int | None = None  # while paused
    ended: bool = False

    def remaining_ms(self, now: datetime) -> int:
        """Return the milliseconds left at `now`."""
        if self.ended:
            return 0
        if self.ends_at is None:
            return self.paused_remaining_ms or 0
        left = datetime.fromisoformat(self.ends_at) - now
        return max(0, int(left.total_seconds() * 1000))


@dataclass
class SessionState:
    """What the facilitator has set; saved as JSON per board."""

    phase: str = "write"
    locked: bool = False
    anonymous: bool = False
    joining_open: bool = True
    timer: Timer | None = None
    focus: dict[str, Any] | None = None
    focus_seq: int = 0
    # Whether the room works in table groups now (server/facilitation/groups.py).
    groups: bool = False

    @classmethod
    def from_json(cls, text: str | None) -> SessionState:
        """Read a saved state; unknown or damaged fields fall back to the defaults."""
        data: dict[str, Any] = json.loads(text) if text else {}
        state = cls()
        if data.get("phase") in PHASES:
            state.phase = data["phase"]
        for flag in ("locked", "anonymous", "joining_open", "groups"):
            if isinstance(data.get(flag), bool):
                setattr(state, flag, data[flag])
        if isinstance(data.get("timer"), dict):
            state.timer = Timer(**data["timer"])
        if isinstance(data.get("focus"), dict):
            state.focus = data["focus"]
        state.focus_seq = int(data.get("focus_seq") or 0)
        return state

    def to_json(self) -> str:
        """Return the state as JSON for the store."""
        return json.dumps(asdict(self), separators=(",", ":"))


@dataclass
class Session:
    """The facilitation state of one board's room."""

    board_id: str
    store: Store
    # Called after every change with the previous state (the room broadcasts, snapshots).
    on_change: Callable[[SessionState], Awaitable[None]]
    # Says whether participants have written anything yet (anonymity comes before that).
    has_participant_items: Callable[[], Awaitable[bool]]
    state: SessionState = field(default_factory=SessionState)
    _timer_end: asyncio.TimerHandle | None = None

    async def load(self) -> None:
        """Read the saved state and restart a running timer."""
        self.state = SessionState.from_json(await self.store.facilitation.session_of(self.board_id))
        self._arm_timer()

    def close(self) -> None:
        """Cancel the timer's callback (the state is saved already)."""
        if self._timer_end is not None:
            self._timer_end.cancel()
            self._timer_end = None

    def read_only_reason(self) -> str | None:
        """Return why participants may not edit the document now, or None if they may."""
        if self.state.locked:
            return "read_only_locked"
        if self.state.phase == "private":
            return "private_phase"
        if self.state.phase in ("vote", "discuss"):
            return "read_only_phase"
        return None

    def command_refusal(self, kind: str) -> str | None:
        """Return why a participant may not send a board command now, or None if they may."""
        if self.state.locked:
            return "read_only_locked"
        phase = self.state.phase
        if kind.startswith("private."):
            return None  # kept for the author until the reveal, or placed at once after it
        if phase == "private":
            return "private_phase"
        if phase == "discuss" or (phase == "vote" and kind not in VOTING_COMMANDS):
            return "read_only_phase"
        return None

    def view(self) -> dict[str, Any]:
        """Return the `session` message, the same for everyone."""
        state = self.state
        timer = None
        if state.timer is not None:
            timer = {
                "duration_ms": state.timer.duration_ms,
                "remaining_ms": state.timer.remaining_ms(datetime.now(UTC)),
                "running": state.timer.ends_at is not None and not state.timer.ended,
                "ended": state.timer.ended,
                "lock_at_end": state.timer.lock_at_end,
            }
        return {
            "type": "session",
            "phase": state.phase,
            "locked": state.locked,
            "anonymous": state.anonymous,
            "joining_open": state.joining_open,
            "timer": timer,
            "focus": {**state.focus, "seq": state.focus_seq} if state.focus else None,
            "groups": state.groups,
        }

    # -- commands ----------------------------------------------------------------------

    async def stay_anonymous(self) -> None:
        """Keep the board anonymous (a restored snapshot from before must not end it)."""
        if self.state.anonymous:
            return
        before = SessionState.from_json(self.state.to_json())
        self.state.anonymous = True
        await self._save()
        await self.on_change(before)

    async def set_groups(self, on: bool) -> None:
        """Say that the room works in table groups now, or in plenum again."""
        before = SessionState.from_json(self.state.to_json())
        self.state.groups = on
        await self._save()
        await self.on_change(before)

    async def command(self, payload: dict[str, Any]) -> None:
        """Carry out a facilitator's session command; raise Refused if invalid."""
        kind = payload.get("type")
        before = SessionState.from_json(self.state.to_json())
        state = self.state
        if kind == "phase.set":
            if payload.get("phase") not in PHASES:
                raise Refused("invalid")
            state.phase = payload["phase"]
        elif kind == "lock.set":
            state.locked = _flag(payload, "locked")
        elif kind == "joining.set":
            state.joining_open = _flag(payload, "open")
        elif kind == "anonymous.set":
            anonymous = _flag(payload, "anonymous")
            if anonymous and not state.anonymous and await self.has_participant_items():
                raise Refused("anonymous_too_late")
            state.anonymous = anonymous
        elif kind == "focus.set":
            target_kind, target = payload.get("kind"), payload.get("id")
            if target_kind not in FOCUS_KINDS or not isinstance(target, str) or not target:
                raise Refused("invalid")
            state.focus = {"kind": target_kind, "id": target}
            state.focus_seq += 1
        elif kind == "focus.clear":
            state.focus = None
        elif kind is not None and str(kind).startswith("timer."):
            self._timer_command(str(kind), payload)
        else:
            raise Refused("invalid")
        await self._save()
        await self.on_change(before)

    def _timer_command(self, kind: str, payload: dict[str, Any]) -> None:
        state = self.state
        now = datetime.now(UTC)
        if kind == "timer.start":
            seconds = payload.get("seconds")
            if not isinstance(seconds, int) or isinstance(seconds, bool):
                raise Refused("invalid")
            if not 1 <= seconds <= MAX_TIMER_S:
                raise Refused("invalid")
            state.timer = Timer(
                duration_ms=seconds * 1000,
                lock_at_end=bool(payload.get("lock_at_end", False)),
                ends_at=(now + timedelta(seconds=seconds)).isoformat(),
            )
        elif kind == "timer.pause":
            timer = self._timer()
            if timer.ends_at is not None:
                timer.paused_remaining_ms = timer.remaining_ms(now)
                timer.ends_at = None
        elif kind == "timer.resume":
            timer = self._timer()
            if timer.ends_at is None and not timer.ended:
                left = timer.paused_remaining_ms or 0
                timer.ends_at = (now + timedelta(milliseconds=left)).isoformat()
                timer.paused_remaining_ms = None
        elif kind == "timer.stop":
            state.timer = None
        else:
            raise Refused("invalid")
        self._arm_timer()

    def _timer(self) -> Timer:
        if self.state.timer is None:
            raise Refused("invalid")
        return self.state.timer

    def _arm_timer(self) -> None:
        """Schedule the end of a running timer (or end it now if its time has passed)."""
        if self._timer_end is not None:
            self._timer_end.cancel()
            self._timer_end = None
        timer = self.state.timer
        if timer is None or timer.ends_at is None or timer.ended:
            return
        delay_s = timer.remaining_ms(datetime.now(UTC)) / 1000
        loop = asyncio.get_running_loop()
        self._timer_end = loop.call_later(
            delay_s, lambda: loop.create_task(self._end_timer(), name="timer end")
        )

    async def _end_timer(self) -> None:
        self._timer_end = None
        timer = self.state.timer
        if timer is None or timer.ended:
            return
        before = SessionState.from_json(self.state.to_json())
        timer.ended = True
        timer.ends_at = None
        timer.paused_remaining_ms = 0
        if timer.lock_at_end:
            self.state.locked = True
        try:
            await self._save()
            await self.on_change(before)
        except Exception:
            log.exception("ending the timer of board %s failed", self.board_id)

    async def _save(self) -> None:
        await self.store.facilitation.save_session(self.board_id, self.state.to_json())


def _flag(payload: dict[str, Any], key: str) -> bool:
    value = payload.get(key)
    if not isinstance(value, bool):
        raise Refused("invalid")
    return value
