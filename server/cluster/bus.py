"""Messages between the processes, through Redis: batched, in order, fire and forget.

Each process listens on its own channel (`tavle:to:{node}`) and on one for all
(`tavle:all`). What a process posts within one turn of its event loop goes out as one
message per receiving process, and one task publishes them in order, so a client's
join, its messages and its leaving reach the owner in the order they were posted.
Pub/sub is lossy when a process is gone or Redis restarts; what must not be lost — the
board's updates — travels on the board's live log instead (seat.py), and a client whose
messages could not be relayed is closed so that it reconnects and syncs again.

A message is a msgpack list whose first element names it (docs/architecture.md lists
them). Each process keeps a heartbeat key; a process whose key expired is dead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import msgpack
from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_S = 1.0
# A process whose heartbeat is this old is dead: its clients leave everyone's presence.
HEARTBEAT_TTL_MS = 3000
EVERYONE = "tavle:all"

Message = list[Any]


def node_channel(node: str) -> str:
    return f"tavle:to:{node}"


def heartbeat_key(node: str) -> str:
    return f"tavle:node:{node}"


class Bus:
    """This process's line to the others."""

    def __init__(
        self,
        redis: Redis,
        node: str,
        on_message: Callable[[Message], None],
        on_undelivered: Callable[[str], None],
    ) -> None:
        self.redis = redis
        self.node = node
        self.on_message = on_message
        # Called with a node whose messages could not be published (Redis unreachable).
        self.on_undelivered = on_undelivered
        self._outgoing: dict[str, list[Message]] = {}
        # Called just before a batch leaves, to add what its owner gathered this turn.
        self.before_publish: Callable[[], None] | None = None
        self._ready = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self.published = 0  # batches published (for tests and benchmarks)

    async def start(self) -> None:
        """Subscribe to this process's channels and start the heartbeat."""
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(node_channel(self.node), EVERYONE)
        await self._beat()
        self._tasks = [
            asyncio.create_task(self._listen(pubsub), name="tavle-bus-listen"),
            asyncio.create_task(self._publish_forever(), name="tavle-bus-publish"),
            asyncio.create_task(self._heartbeat(), name="tavle-bus-heartbeat"),
        ]

    async def close(self) -> None:
        """Stop listening and beating; the heartbeat key goes at once."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        try:
            await self.redis.delete(heartbeat_key(self.node))
        except RedisError:
            log.warning("could not remove this process's heartbeat from Redis")

    def post(self, node: str, message: Message) -> None:
        """Queue a message for a process; it leaves with the others of this turn."""
        self._outgoing.setdefault(node, []).append(message)
        self._ready.set()

    def wake(self) -> None:
        """Say that `before_publish` has something to add."""
        self._ready.set()

    def post_everyone(self, message: Message) -> None:
        """Queue a message for every process, this one included."""
        self.post(EVERYONE, message)

    async def alive(self, nodes: list[str]) -> set[str]:
        """Return which of these processes still beat."""
        if not nodes:
            return set()
        found = await self.redis.exists(*[heartbeat_key(node) for node in nodes])
        if found == len(nodes):
            return set(nodes)
        async with self.redis.pipeline(transaction=False) as pipe:
            for node in nodes:
                pipe.exists(heartbeat_key(node))
            answers = await pipe.execute()
        return {node for node, answer in zip(nodes, answers, strict=True) if answer}

    async def _publish_forever(self) -> None:
        while True:
            await self._ready.wait()
            # Let the rest of this turn's posts join the batch.
            await asyncio.sleep(0)
            self._ready.clear()
            if self.before_publish is not None:
                self.before_publish()
            outgoing, self._outgoing = self._outgoing, {}
            if not outgoing:
                continue
            try:
                async with self.redis.pipeline(transaction=False) as pipe:
                    for node, messages in outgoing.items():
                        channel = EVERYONE if node == EVERYONE else node_channel(node)
                        pipe.publish(channel, msgpack.packb(messages))
                    await pipe.execute()
                self.published += len(outgoing)
            except RedisError:
                log.warning("Redis is unreachable: %d batches not relayed", len(outgoing))
                for node in outgoing:
                    self.on_undelivered(node)

    async def _listen(self, pubsub: Any) -> None:
        while True:
            try:
                message = await pubsub.get_message(timeout=1.0)
            except RedisError:
                log.warning("lost Redis; listening again in a moment")
                await asyncio.sleep(0.5)
                continue
            if message is None or message.get("type") != "message":
                continue
            try:
                batch = msgpack.unpackb(message["data"])
            except (ValueError, msgpack.UnpackException):
                log.error("a malformed batch on %r", message.get("channel"))
                continue
            for item in batch:
                try:
                    self.on_message(item)
                except Exception:
                    log.exception("handling a relayed %r failed", item[0] if item else None)

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(HEARTBEAT_INTERVAL_S)
            await self._beat()

    async def _beat(self) -> None:
        try:
            await self.redis.set(heartbeat_key(self.node), b"1", px=HEARTBEAT_TTL_MS)
        except RedisError:
            log.warning("could not beat: Redis is unreachable")
