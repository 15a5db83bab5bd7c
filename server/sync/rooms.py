"""The rooms of one server process: load each board once, unload it when idle."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from boards.engines import Engine
from server.sync.connection import CLOSE_DELETED, CLOSE_RESTART, LINK_KINDS, Channel, Identity
from server.sync.ports import DocumentStore, Fenced, NoticeText, untranslated
from server.sync.room import MakeParts, Room, RoomOptions

log = logging.getLogger(__name__)

MAINTENANCE_INTERVAL_S = 2.0
# A board in use is re-indexed for search (and its library counts) at most this often.
INDEX_INTERVAL_S = 30.0


class Rooms:
    """Owns every loaded room; lives as long as the app (started by lifespan)."""

    def __init__(
        self,
        store: DocumentStore,
        *,
        make_parts: MakeParts | None = None,
        notice_text: NoticeText = untranslated,
        idle_unload_s: float = 30.0,
        compact_after_rows: int = 200,
        options: RoomOptions | None = None,
    ) -> None:
        self.store = store
        self.make_parts = make_parts
        self.notice_text = notice_text
        self.idle_unload_s = idle_unload_s
        self.compact_after_rows = compact_after_rows
        self.options = options
        self._rooms: dict[str, Room] = {}
        self._loading: dict[str, asyncio.Future[Room]] = {}
        self._unload_timers: dict[str, asyncio.TimerHandle] = {}
        self._unloading: dict[str, asyncio.Task[None]] = {}
        self._maintenance: asyncio.Task[None] | None = None
        # Told when a board's room was saved and left memory (server/cluster gives up
        # the board's lease then).
        self.on_unloaded: Callable[[str], None] | None = None
        self.loads = 0  # how many times a board was read from the store (for tests)

    def start(self) -> None:
        """Start compacting busy rooms in the background."""
        self._maintenance = asyncio.create_task(self._maintain(), name="tavle-rooms-maintenance")

    def loaded(self, board_id: str) -> Room | None:
        """Return the room of a board if it is in memory."""
        return self._rooms.get(board_id)

    async def serve(
        self, board_id: str, engine: Engine | None, channel: Channel, identity: Identity
    ) -> None:
        """Serve one client on a board's room, loading the room if needed."""
        room = await self.get(board_id, engine)
        await room.serve(channel, identity)

    async def get(self, board_id: str, engine: Engine | None) -> Room:
        """Return a board's room; concurrent callers share one load."""
        timer = self._unload_timers.pop(board_id, None)
        if timer is not None:
            timer.cancel()
        if board_id in self._unloading:
            await asyncio.shield(self._unloading[board_id])
        if board_id in self._rooms:
            return self._rooms[board_id]
        if board_id in self._loading:
            return await asyncio.shield(self._loading[board_id])
        future: asyncio.Future[Room] = asyncio.get_running_loop().create_future()
        self._loading[board_id] = future
        try:
            room = Room(
                board_id,
                self.store,
                engine=engine,
                make_parts=self.make_parts,
                notice_text=self.notice_text,
                options=self.options,
            )
            started = time.perf_counter()
            await room.load()
            self.loads += 1
            log.info("loaded board %s in %.1f ms", board_id, (time.perf_counter() - started) * 1000)
            room.on_empty = self._schedule_unload
            self._rooms[board_id] = room
            future.set_result(room)
            return room
        except BaseException as exc:
            future.set_exception(exc)
            # Mark the exception retrieved: waiters re-raise it; the creator raises below.
            future.exception()
            raise
        finally:
            del self._loading[board_id]

    def _schedule_unload(self, room: Room) -> None:
        loop = asyncio.get_running_loop()
        self._unload_timers[room.board_id] = loop.call_later(
            self.idle_unload_s, self._start_unload, room
        )

    def _start_unload(self, room: Room) -> None:
        self._unload_timers.pop(room.board_id, None)
        if room.connections or self._rooms.get(room.board_id) is not room:
            return
        # Leave the table now, not when the task first runs: a client connecting in
        # between must wait for the save and load the board afresh.
        del self._rooms[room.board_id]
        task = asyncio.create_task(self._unload(room))
        self._unloading[room.board_id] = task
        task.add_done_callback(lambda _: self._unloading.pop(room.board_id, None))

    async def _unload(self, room: Room) -> None:
        room.stop_observing()
        try:
            await room.compact()
        except Exception:
            log.exception("compacting board %s on unload failed", room.board_id)
        if self.on_unloaded is not None:
            self.on_unloaded(room.board_id)

    def discard(self, board_id: str, code: int, reason: str) -> None:
        """Drop a board's room unsaved and close its connections: it is served elsewhere now.

        Everything it sent was stored first; what it applied since may not be stored,
        and is not: the clients still hold it and send it to the board's new owner.
        """
        timer = self._unload_timers.pop(board_id, None)
        if timer is not None:
            timer.cancel()
        room = self._rooms.pop(board_id, None)
        if room is not None:
            room.on_empty = None
            room.stop_observing()
            room.close_all(code, reason)

    async def participants_here(self, board_id: str) -> set[str]:
        """Return the participants with an open connection to the board."""
        room = self._rooms.get(board_id)
        return room.participants_here() if room is not None else set()

    async def end_links(self, board_id: str, kind: str, code: int, reason: str) -> None:
        """Close the connections of a kind of link (LINK_KINDS) that was revoked."""
        room = self._rooms.get(board_id)
        if room is not None:
            room.end_connections(LINK_KINDS[kind], code, reason)

    async def _maintain(self) -> None:
        last_index = time.monotonic()
        while True:
            await asyncio.sleep(MAINTENANCE_INTERVAL_S)
            index_now = time.monotonic() - last_index >= INDEX_INTERVAL_S
            if index_now:
                last_index = time.monotonic()
            for room in list(self._rooms.values()):
                try:
                    if self.store.rows_since_compaction(room.board_id) >= self.compact_after_rows:
                        await room.compact()
                    elif index_now and room.changed_since_index:
                        await room.index()
                except Exception:
                    log.exception("maintaining board %s failed", room.board_id)

    async def delete(self, board_id: str) -> None:
        """Delete a board: its phones are told to drop their copies, then every row goes."""
        self.discard(board_id, CLOSE_DELETED, "board deleted")
        unloading = self._unloading.get(board_id)
        if unloading is not None:
            await asyncio.gather(unloading, return_exceptions=True)
        await self.store.delete(board_id)

    async def close(self) -> None:
        """Close every connection, save every room and stop (server shutdown)."""
        if self._maintenance is not None:
            self._maintenance.cancel()
            await asyncio.gather(self._maintenance, return_exceptions=True)
        for timer in self._unload_timers.values():
            timer.cancel()
        self._unload_timers.clear()
        for room in self._rooms.values():
            room.on_empty = None
            room.close_all(CLOSE_RESTART, "server restarting")
        if self._unloading:
            await asyncio.gather(*self._unloading.values(), return_exceptions=True)
        rooms, self._rooms = list(self._rooms.values()), {}
        for room in rooms:
            room.stop_observing()
            try:
                await room.compact()
            except Fenced:
                log.info("board %s has a newer owner: it is saved there", room.board_id)
            except Exception:
                log.exception("saving board %s at shutdown failed", room.board_id)
