"""A broadcast that goes out at most once per interval, however often it is asked for."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class Throttled:
    """Call `send` once, `interval_s` after the first request since the last call."""

    def __init__(self, interval_s: float, send: Callable[[], None]) -> None:
        self.interval_s = interval_s
        self.send = send
        self._timer: asyncio.TimerHandle | None = None

    def request(self) -> None:
        """Ask for a broadcast; requests before it goes out are merged into it."""
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self.interval_s, self._fire)

    def cancel(self) -> None:
        """Drop a pending broadcast."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _fire(self) -> None:
        self._timer = None
        self.send()
