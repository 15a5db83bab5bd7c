"""How long other requests wait while a big board is imported.

Usage: .venv/bin/python bench/import_stall.py [--mb 18] [--runs 3]

Starts a Tavle server on a free port with a temporary data folder, writes a valid
export of a notes board of about N MB (notes by 300 people, with votes and reactions),
then, for each run, POSTs it to `/api/import` while another task asks `GET /healthz`
(which reads the database) and `GET /` (a page, no database) every 20 ms. Prints JSON:
the import's duration and the slowest and median answer of each probe while it ran.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx

from tests.support.live import LiveServer

PROBE_INTERVAL_S = 0.02
PEOPLE = 300
NOTE_CHARS = 560


def big_export(megabytes: float) -> bytes:
    """Return a valid Tavle export of a notes board of about this many megabytes."""
    count = int(megabytes * 1_000_000 / (NOTE_CHARS + 95))
    text = ("Borgeren skal mødes af én indgang og en medarbejder der kender sagen. " * 10)[
        :NOTE_CHARS
    ]
    notes = {f"n{i:06d}": {"text": f"{i} {text}", "created": 1.7e12 + i} for i in range(count)}
    data = {
        "format": "tavle-board",
        "version": 1,
        "board": {"title": "Stor import", "kind": "notes", "locale": "da"},
        "document": {"notes": notes},
        "session": {"phase": "write", "locked": False, "anonymous": False},
        "participants": [{"ref": f"p{i}", "name": f"Deltager {i}"} for i in range(1, PEOPLE + 1)],
        "authors": {key: f"p{i % PEOPLE + 1}" for i, key in enumerate(notes)},
        "votes": [],
        "reactions": [],
        "versions": [],
        "private": [],
        "moderated": [],
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


async def probe(client: httpx.AsyncClient, path: str, done: asyncio.Event) -> list[float]:
    """Time GET path every PROBE_INTERVAL_S until done; return each answer's seconds."""
    times: list[float] = []
    while not done.is_set():
        started = time.perf_counter()
        response = await client.get(path)
        response.raise_for_status()
        times.append(time.perf_counter() - started)
        await asyncio.sleep(PROBE_INTERVAL_S)  # sleep-ok: the probe's pace, not a sync
    return times


async def one_run(url: str, body: bytes) -> dict[str, Any]:
    """Import once while probing; return the timings in milliseconds."""
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        await client.get("/healthz")
        done = asyncio.Event()
        probes = {
            path: asyncio.create_task(probe(client, path, done)) for path in ("/healthz", "/")
        }
        started = time.perf_counter()
        response = await client.post(
            "/api/import", content=body, headers={"content-type": "application/json"}
        )
        took = time.perf_counter() - started
        done.set()
        results = {path: await task for path, task in probes.items()}
    assert response.status_code == 201, response.text[:300]
    row: dict[str, Any] = {"import_ms": round(took * 1000)}
    for path, times in results.items():
        row[path] = {
            "answers": len(times),
            "max_ms": round(max(times) * 1000),
            "median_ms": round(statistics.median(times) * 1000, 1),
        }
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=18.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    body = big_export(args.mb)
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(Path(folder) / "data", Path(folder) / "server.log")
        server.start()
        try:
            runs = [asyncio.run(one_run(server.url, body)) for _ in range(args.runs)]
        finally:
            server.stop()
    print(json.dumps({"body_mb": round(len(body) / 1e6, 1), "runs": runs}, indent=1))


if __name__ == "__main__":
    main()
