"""A board's lease: one owner at a time, with a fencing epoch that only grows.

The lease is a Redis key holding "node epoch" with an expiry; the epoch comes from a
counter beside it that never goes down. Whoever takes the lease takes a new epoch, so
an owner that was paused or cut off past its lease holds an older epoch than the owner
after it, and the store and the live log refuse its writes (server/store/boards.py,
`fence`; `APPEND` below). Each change is one script, so it is atomic in Redis.
"""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis

# Take the lease if nobody holds it: a new epoch, above the one the store last saw (a
# Redis that lost its data would otherwise count from zero again).
ACQUIRE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local epoch = redis.call('INCR', KEYS[2])
local floor = tonumber(ARGV[3])
if epoch <= floor then
  epoch = floor + 1
  redis.call('SET', KEYS[2], epoch)
end
redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. epoch, 'PX', ARGV[2])
return epoch
"""

# Keep the lease. If it expired (or Redis restarted) and no newer epoch began, take it
# back under the same epoch; if anyone else holds it, or began a newer epoch, it is lost.
RENEW = """
local held = redis.call('GET', KEYS[1])
if held == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if held then return 0 end
local epoch = tonumber(redis.call('GET', KEYS[2]) or '0')
local mine = tonumber(ARGV[3])
if epoch > mine then return 0 end
redis.call('SET', KEYS[2], mine)
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"""

RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

# Append a window to the board's live log only under the newest epoch, trimming entries
# older than the grace period (a joiner reads from the log's end, so it loses nothing).
APPEND = """
local epoch = tonumber(redis.call('GET', KEYS[1]) or '0')
if epoch ~= tonumber(ARGV[1]) then return false end
for i = 3, #ARGV, 2 do
  redis.call('XADD', KEYS[2], 'MINID', '~', ARGV[2], '*', 'e', ARGV[1], 's', ARGV[i],
    'u', ARGV[i + 1])
end
return (#ARGV - 2) / 2
"""


def lease_key(board_id: str) -> str:
    return f"tavle:lease:{board_id}"


def epoch_key(board_id: str) -> str:
    return f"tavle:epoch:{board_id}"


def log_key(board_id: str) -> str:
    return f"tavle:log:{board_id}"


@dataclass(frozen=True)
class Holder:
    """Who holds a board's lease."""

    node: str
    epoch: int

    @property
    def value(self) -> str:
        return f"{self.node} {self.epoch}"

    @classmethod
    def parse(cls, raw: bytes | str | None) -> Holder | None:
        if raw is None:
            return None
        text = raw.decode() if isinstance(raw, bytes) else raw
        node, _, epoch = text.rpartition(" ")
        return cls(node, int(epoch))


class Leases:
    """The scripts, registered once per Redis client."""

    def __init__(self, redis: Redis, *, ttl_ms: int) -> None:
        self.redis = redis
        self.ttl_ms = ttl_ms
        self._acquire = redis.register_script(ACQUIRE)
        self._renew = redis.register_script(RENEW)
        self._release = redis.register_script(RELEASE)
        self._append = redis.register_script(APPEND)

    async def holder(self, board_id: str) -> Holder | None:
        """Return who holds the lease now, if anyone."""
        return Holder.parse(await self.redis.get(lease_key(board_id)))

    async def acquire(self, board_id: str, node: str, floor: int) -> Holder | None:
        """Take the lease if it is free; return it with its new epoch, or None."""
        epoch = int(
            await self._acquire(
                keys=[lease_key(board_id), epoch_key(board_id)], args=[node, self.ttl_ms, floor]
            )
        )
        return Holder(node, epoch) if epoch else None

    async def renew(self, board_id: str, holder: Holder) -> bool:
        """Keep the lease; return False when it is lost."""
        kept = await self._renew(
            keys=[lease_key(board_id), epoch_key(board_id)],
            args=[holder.value, self.ttl_ms, holder.epoch],
        )
        return bool(kept)

    async def release(self, board_id: str, holder: Holder) -> None:
        """Give the lease up, if it is still ours."""
        await self._release(keys=[lease_key(board_id)], args=[holder.value])

    async def append(
        self, board_id: str, epoch: int, windows: list[tuple[int, bytes]], min_id: str
    ) -> bool:
        """Append windows (sequence number, update) to the board's live log, in order, in
        one round trip; return False, having appended none, if a newer epoch began."""
        args: list[int | str | bytes] = [epoch, min_id]
        for seq, update in windows:
            args += [seq, update]
        appended = await self._append(keys=[epoch_key(board_id), log_key(board_id)], args=args)
        return appended is not None
