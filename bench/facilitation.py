"""How fast a facilitator's action reaches every phone, with 300 connected.

Usage: .venv/bin/python bench/facilitation.py [--clients 300] [--rounds 5]

Starts a Tavle server on a free port with a temporary data folder and a value map,
connects N participants over real websockets (each syncs the document, as a phone
does) and one facilitator. Each round the facilitator changes the phase, locks and
unlocks, starts a timer and calls everyone to a zone; for each action the time from
sending the command to each phone receiving the new `session` message is recorded.
Then every participant writes one private note and the facilitator reveals them: the
time until each phone's document holds all N notes. Prints JSON with percentiles.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pycrdt import Doc, Map
from websockets.asyncio.client import ClientConnection, connect

from tests.support.live import LiveServer
from tests.support.wsclient import raw_client
from tests.support.yproto import create_sync_message, read


class Phone:
    """A participant on a websocket: keeps its document and times what it hears."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.doc: Doc[Any] = Doc()
        self.synced = asyncio.Event()
        self.session: dict[str, Any] = {}
        self.changed = asyncio.Event()
        self.heard: dict[str, float] = {}  # what -> perf_counter when first heard
        self.expect: dict[str, Any] = {}  # what -> predicate over the session message

    async def run(self) -> None:
        with contextlib.suppress(Exception):
            async for message in self.socket:
                assert isinstance(message, bytes)
                kind, payload = read(message)
                now = time.perf_counter()
                if kind in ("sync-step2", "update"):
                    assert isinstance(payload, bytes)
                    self.doc.apply_update(payload)
                    if kind == "sync-step2":
                        self.synced.set()
                elif (
                    kind == "tavle"
                    and isinstance(payload, dict)
                    and payload.get("type") == "session"
                ):
                    self.session = payload
                    for what, wanted in list(self.expect.items()):
                        if what not in self.heard and wanted(payload):
                            self.heard[what] = now
                self.changed.set()

    def notes(self) -> int:
        return len(self.doc.get("notes", type=Map))


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def at(fraction: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)

    return {
        "p50": at(0.5),
        "p95": at(0.95),
        "p99": at(0.99),
        "max": round(ordered[-1], 1),
        "n": len(ordered),
    }


ACTIONS = [
    ("phase vote", {"type": "phase.set", "phase": "vote"}, lambda s: s.get("phase") == "vote"),
    ("lock", {"type": "lock.set", "locked": True}, lambda s: s.get("locked") is True),
    ("unlock", {"type": "lock.set", "locked": False}, lambda s: s.get("locked") is False),
    (
        "timer",
        {"type": "timer.start", "seconds": 300},
        lambda s: (s.get("timer") or {}).get("running") is True,
    ),
    (
        "focus",
        {"type": "focus.set", "kind": "zone", "id": "value"},
        lambda s: (s.get("focus") or {}).get("id") == "value",
    ),
    ("phase write", {"type": "phase.set", "phase": "write"}, lambda s: s.get("phase") == "write"),
]


async def measure(server: LiveServer, clients: int, rounds: int) -> dict[str, Any]:
    board = server.create_board("Storledermøde", kind="value-map")
    tokens = [server.join(board["join_code"], f"Deltager {i}")["token"] for i in range(clients)]
    phones: list[Phone] = []
    tasks = []
    async with contextlib.AsyncExitStack() as stack:
        for token in tokens:
            socket = await stack.enter_async_context(
                connect(f"{server.ws_url}/{board['id']}?token={token}", max_size=None)
            )
            phone = Phone(socket)
            phones.append(phone)
            tasks.append(asyncio.create_task(phone.run()))
            await socket.send(create_sync_message(phone.doc))
        await asyncio.wait_for(asyncio.gather(*(p.synced.wait() for p in phones)), 60)
        lead = await stack.enter_async_context(
            raw_client(server.ws_url, board["id"], board["facilitator_token"])
        )
        results: dict[str, list[float]] = {name: [] for name, _, _ in ACTIONS}
        for round_number in range(rounds):
            for name, command, wanted in ACTIONS:
                key = f"{name}#{round_number}"
                for phone in phones:
                    phone.expect[key] = wanted
                sent = time.perf_counter()
                await lead.command(command)
                async with asyncio.timeout(30):
                    while not all(key in phone.heard for phone in phones):  # noqa: ASYNC110
                        await asyncio.sleep(0.005)  # sleep-ok: polling 300 phones
                results[name] += [(phone.heard[key] - sent) * 1000 for phone in phones]
        # Private writing: everyone writes one note, then the reveal.
        await lead.command({"type": "phase.set", "phase": "private"})
        async with asyncio.timeout(30):
            while not all(p.session.get("phase") == "private" for p in phones):  # noqa: ASYNC110
                await asyncio.sleep(0.005)  # sleep-ok: polling 300 phones
        for index, phone in enumerate(phones):
            note = {"text": f"Privat idé {index}", "zone": "value", "color": "yellow"}
            message = json.dumps({"type": "private.put", "id": f"priv-{index:06d}", "fields": note})
            data = message.encode()
            await phone.socket.send(bytes([20]) + _var_uint(len(data)) + data)
        await lead.until(lambda: lead.last("private_count").get("count") == clients)
        sent = time.perf_counter()
        await lead.command({"type": "private.reveal"})
        revealed: dict[int, float] = {}
        async with asyncio.timeout(60):
            while len(revealed) < clients:
                for index, phone in enumerate(phones):
                    if index not in revealed and phone.notes() >= clients:
                        revealed[index] = time.perf_counter()
                await asyncio.sleep(0.005)  # sleep-ok: polling 300 phones
        reveal = [(at - sent) * 1000 for at in revealed.values()]
        for task in tasks:
            task.cancel()
    summary = {name: percentiles(values) for name, values in results.items()}
    summary["private reveal (all notes in every doc)"] = percentiles(reveal)
    everything = [value for values in results.values() for value in values]
    summary["all session actions"] = percentiles(everything)
    return summary


def _var_uint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(Path(folder) / "data", Path(folder) / "server.log")
        server.start()
        try:
            summary = asyncio.run(measure(server, args.clients, args.rounds))
        finally:
            server.stop()
    print(json.dumps({"clients": args.clients, "rounds": args.rounds, "ms": summary}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
