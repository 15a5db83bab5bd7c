"""Note to projector: how long a new note takes to show on the facilitator's screen
while 300 clients are connected and 60 of them are writing.

Usage: .venv/bin/python bench/projector_latency.py [--clients 300] [--writers 60]
       [--rate 2] [--seconds 20] [--prefill 1000 --voters 200 --results shown|hidden]

Starts a Tavle server with a temporary data folder and a value-for-citizens board,
opens the facilitator's wall in Debian's Chromium at 1920x1080, then connects the
clients: writers are Python Yjs clients (pycrdt) adding notes at `--rate` per second,
the rest are websockets that only receive. Each note carries its creation time (the
machine's wall clock); the projector page records, with a MutationObserver, the wall
clock at which each note's card appears. Latency = appearance - creation, in ms, over
every note of the window. Prints JSON.

The Python clients share the two cores with the server and Chromium, so this measures
the whole path on one machine, harness included; `bench/run.mjs` compares servers.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.async_api import async_playwright
from pycrdt import Doc, Map, create_update_message
from websockets.asyncio.client import connect

from tests.support.imports import import_value_map
from tests.support.items import note
from tests.support.live import LiveServer

CHROMIUM = "/usr/bin/chromium"
ZONES = ("situation", "value", "own-unit", "municipality", "outside", "courage")
RECORD_APPEARANCES = """
window.__seen = {};
new MutationObserver((records) => {
  const now = Date.now();
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (!(node instanceof Element)) continue;
      const cards = node.matches('[data-note-id]')
        ? [node] : node.querySelectorAll('[data-note-id]');
      for (const card of cards) {
        const id = card.getAttribute('data-note-id');
        if (!(id in window.__seen)) window.__seen[id] = now;
      }
    }
  }
}).observe(document, { childList: true, subtree: true });
"""


async def listener(url: str, stop: asyncio.Event) -> None:
    """Receive everything a board sends, as a phone that only watches."""
    async with connect(url, max_size=None) as websocket:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(websocket.recv(), 0.5)


async def writer(
    url: str, name: str, rate: float, stop: asyncio.Event, created: dict[str, float]
) -> None:
    """Add notes at `rate` per second, each stamped with its creation time.

    A writer makes its updates in a Doc of its own and never applies what it receives
    (its notes are new keys, valid without the others'): a phone's decoding cost is
    the phone's, and here it would only take CPU from the server and the projector.
    """
    rng = random.Random(name)
    doc: Doc[Any] = Doc()
    notes = doc.get("notes", type=Map)
    async with connect(url, max_size=None) as websocket:
        draining = asyncio.create_task(_drain(websocket))
        await asyncio.sleep(rng.random() / rate)
        sequence = 0
        while not stop.is_set():
            updates: list[bytes] = []
            subscription = doc.observe(lambda event, updates=updates: updates.append(event.update))
            note_id = f"{name}-{sequence}"
            now = time.time() * 1000
            created[note_id] = now
            notes[note_id] = Map(
                {
                    "text": f"Note {sequence} from {name}",
                    "zone": ZONES[sequence % len(ZONES)],
                    "order": f"a{sequence:05d}",
                    "color": "yellow",
                    "created": now,
                }
            )
            doc.unobserve(subscription)
            await websocket.send(create_update_message(updates[0]))
            sequence += 1
            await asyncio.sleep(1 / rate)
        draining.cancel()


async def _drain(websocket: Any) -> None:
    with contextlib.suppress(Exception):
        async for _ in websocket:
            pass


def voted_board(server: LiveServer, notes: int, voters: int, results: bool) -> dict[str, Any]:
    """Import a value map holding `notes` notes and `voters` people's dots (3 each).

    The results are shown (`results`) or hidden, so the two runs differ in that alone.
    """
    rng = random.Random(11)
    dots = []
    for voter in range(voters):
        for picked in rng.sample(range(notes), min(3, notes)):
            dots.append({"participant": f"p{voter}", "note": f"old-{picked:04}", "dots": 1})
    session = {
        "budget": 3,
        "per_note": 1,
        "zone": None,
        "show_live": False,
        "status": "closed",
        "results_visible": results,
        "opened": "2027-03-14T10:00:00+00:00",
        "closed": "2027-03-14T10:05:00+00:00",
    }
    return import_value_map(
        server,
        lambda zones: {
            f"old-{index:04}": note(
                f"Idé {index}: borgeren i centrum", zones[index % len(zones)], f"a{index:05d}"
            )
            for index in range(notes)
        },
        participants=[{"ref": f"p{i}", "name": f"Leder {i}"} for i in range(voters)],
        votes=[{"session": session, "dots": dots}],
        title="Værdi for borgerne",
        locale="da",
    )


async def run(args: argparse.Namespace, server: LiveServer) -> dict[str, Any]:
    if args.prefill:
        board = voted_board(server, args.prefill, args.voters, args.results == "shown")
    else:
        board = server.create_board("Værdi for borgerne", kind="value-map")
    tokens = [
        server.join(board["join_code"], f"c{index}")["token"] for index in range(args.clients)
    ]
    created: dict[str, float] = {}
    stop = asyncio.Event()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        context = await browser.new_context(
            viewport={"width": 1920, "height": 1080}, bypass_csp=True
        )
        await context.add_init_script(RECORD_APPEARANCES)
        projector = await context.new_page()
        await projector.goto(board["facilitator_url"])
        if args.view == "present":
            await projector.goto(f"{server.url}/b/{board['id']}?view=present")
        # The projector hides the pill while connected: wait for it in the DOM.
        await projector.wait_for_selector(
            "[data-connection-status][data-state=connected]", state="attached"
        )
        tasks = [
            asyncio.create_task(listener(f"{server.ws_url}/{board['id']}?token={token}", stop))
            for token in tokens[args.writers :]
        ]
        await asyncio.sleep(2)  # let the watchers connect before the writing starts
        tasks += [
            asyncio.create_task(
                writer(
                    f"{server.ws_url}/{board['id']}?token={token}",
                    f"w{index}",
                    args.rate,
                    stop,
                    created,
                )
            )
            for index, token in enumerate(tokens[: args.writers])
        ]
        await asyncio.sleep(args.seconds)
        stop.set()
        await asyncio.sleep(2)  # drain
        seen: dict[str, float] = await projector.evaluate("window.__seen")
        await asyncio.gather(*tasks, return_exceptions=True)
        await browser.close()
    latencies = sorted(seen[note] - created[note] for note in created if note in seen)
    missing = sum(1 for note in created if note not in seen)

    def percentile(share: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(share * len(latencies)))], 1)

    return {
        "clients": args.clients,
        "writers": args.writers,
        "notes_per_writer_per_s": args.rate,
        "seconds": args.seconds,
        "view": args.view,
        "prefill": args.prefill,
        "voters": args.voters,
        "results": args.results,
        "notes": len(created),
        "not_shown": missing,
        "latency_ms": {
            "p50": percentile(0.50),
            "p95": percentile(0.95),
            "p99": percentile(0.99),
            "max": round(latencies[-1], 1),
            "mean": round(statistics.fmean(latencies), 1),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--writers", type=int, default=60)
    parser.add_argument("--rate", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument(
        "--view",
        choices=("present", "edit"),
        default="present",
        help="the projector's clean presentation view, or the facilitator's editing wall",
    )
    parser.add_argument("--prefill", type=int, default=0, help="notes already on the board")
    parser.add_argument("--voters", type=int, default=0, help="people whose 3 dots each it holds")
    parser.add_argument("--results", choices=("shown", "hidden"), default="hidden")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(
            Path(folder) / "data", Path(folder) / "server.log", env={"TAVLE_OPEN_CREATION": "1"}
        )
        server.start()
        try:
            result = asyncio.run(run(args, server))
        finally:
            server.stop()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
