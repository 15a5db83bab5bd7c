"""How fast a big board exports, and how fast the library searches a full database.

Usage: .venv/bin/python bench/afterwards.py [--notes 2000] [--boards 500] [--runs 5]

Starts a Tavle server on a free port with a temporary data folder. Export: writes a
value map with N notes (in clusters, with a dot vote) through a Yjs client, restarts the
server so the board is read from SQLite like a board opened weeks later, then times
each format over HTTP (`/b/{id}/export.{fmt}`), first request and warm. Search: creates
B boards of mixed kinds, each with a few notes of Danish text, in one event per ten
boards, restarts, and times `/api/library?q=` for common and rare words with a
facilitator who reaches every board (one cookie per board, the way a browser holds
them). Prints JSON with every timing and the medians.
"""

from __future__ import annotations

import argparse
import asyncio
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

import httpx
from pycrdt import Map

from tests.support.live import LiveServer
from tests.support.wsclient import raw_client

FORMATS = ("md", "csv", "docx", "png", "json")
ZONES = ("situation", "value", "own-unit", "municipality", "outside", "courage")
WORDS = [
    "borger",
    "tillid",
    "samarbejde",
    "frivillige",
    "mod",
    "ansvar",
    "helhed",
    "opgave",
    "værdi",
    "ressourcer",
    "jobcenter",
    "hjemmepleje",
    "skole",
    "sundhedsplejerske",
    "visitation",
    "netværk",
    "forening",
    "rehabilitering",
]
RARE = "kvarterløft"


async def fill_map(
    server: LiveServer, board: dict[str, str], notes: int, rng: random.Random
) -> None:
    """Write N notes in clusters, then a vote with dots, as the facilitator and one voter."""
    voter = server.join(board["join_code"], "Bente")
    async with (
        raw_client(server.ws_url, board["id"], board["facilitator_token"]) as lead,
        raw_client(server.ws_url, board["id"], voter["token"]) as phone,
    ):

        def clusters(doc: Any) -> None:
            root = doc.get("clusters", type=Map)
            for zone in ZONES:
                for number in range(5):
                    root[f"cl-{zone}-{number}"] = Map(
                        {"title": f"{zone} {number}", "zone": zone, "order": f"a{number}"}
                    )

        await lead.edit(clusters)
        for start in range(0, notes, 200):

            def batch(doc: Any, start: int = start) -> None:
                root = doc.get("notes", type=Map)
                for index in range(start, min(notes, start + 200)):
                    zone = ZONES[index % len(ZONES)]
                    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 16)))
                    fields = {
                        "text": text,
                        "zone": zone,
                        "order": f"a{index:05d}",
                        "color": rng.choice(("yellow", "green", "blue", "pink")),
                        "created": 1.7e12 + index,
                    }
                    if index % 3:
                        fields["cluster"] = f"cl-{zone}-{index % 5}"
                    root[f"note-{index:05d}"] = Map(fields)

            await lead.edit(batch)
        await lead.until(lambda: len(lead.root("notes")) == notes)
        await lead.command({"type": "vote.start", "budget": 20, "per_note": 1, "zone": None})
        await phone.until(lambda: phone.last("vote").get("status") == "open")
        for index in range(20):
            await phone.command({"type": "vote", "note": f"note-{index * 7:05d}", "delta": 1})
        await lead.until(lambda: lead.last("vote").get("dots") == 20)


def time_exports(server: LiveServer, board: dict[str, str], runs: int) -> dict[str, Any]:
    """Time each export format: the first request, then `runs` warm ones."""
    headers = {"authorization": f"Bearer {board['facilitator_token']}"}
    results: dict[str, Any] = {}
    with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
        for fmt in FORMATS:
            timings = []
            size = 0
            for _ in range(runs + 1):
                started = time.perf_counter()
                response = client.get(f"/b/{board['id']}/export.{fmt}")
                timings.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
                size = len(response.content)
            results[fmt] = {
                "first_ms": round(timings[0], 1),
                "median_ms": round(statistics.median(timings[1:]), 1),
                "max_ms": round(max(timings), 1),
                "bytes": size,
            }
    return results


async def fill_library(server: LiveServer, boards: int, rng: random.Random) -> list[dict[str, str]]:
    """Create B boards of mixed kinds in events of ten, each with a few notes of text."""
    made = []
    kinds = ("value-map", "charter", "leadership-chain", "notes")
    for index in range(boards):
        kind = kinds[index % len(kinds)]
        board = server.create_board(
            f"Tavle {index} {rng.choice(WORDS)}", kind=kind, event=f"Ledernetværk {index // 10}"
        )
        made.append(board)
        if kind == "charter":
            continue
        text = " ".join(rng.choice(WORDS) for _ in range(40))
        if index % 50 == 7:
            text += f" {RARE}"
        async with raw_client(server.ws_url, board["id"], board["facilitator_token"]) as lead:
            zones = {"value-map": "value", "leadership-chain": "leaders"}
            zone = zones.get(kind, "")

            def add(doc: Any, text: str = text, zone: str = zone) -> None:
                fields: dict[str, Any] = {"text": text, "created": 1.0}
                if zone:
                    fields.update(zone=zone, order="a0", color="yellow")
                doc.get("notes", type=Map)["note-00001"] = Map(fields)

            await lead.edit(add)
            await lead.until(lambda: "note-00001" in lead.root("notes"))
    return made


def time_search(server: LiveServer, boards: list[dict[str, str]], runs: int) -> dict[str, Any]:
    """Time library searches by a facilitator who reaches every board."""
    cookies = {f"tavle_b_{board['id']}": board["facilitator_token"] for board in boards}
    results: dict[str, Any] = {}
    with httpx.Client(base_url=server.url, cookies=cookies, timeout=60) as client:
        for label, query in (
            ("library", ""),
            ("common", "tillid"),
            ("rare", RARE),
            ("two words", "skole netværk"),
        ):
            timings = []
            hits = 0
            for _ in range(runs + 1):
                started = time.perf_counter()
                response = client.get("/api/library", params={"q": query} if query else None)
                timings.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
                hits = sum(len(event["boards"]) for event in response.json()["events"])
            results[label] = {
                "query": query,
                "hits": hits,
                "first_ms": round(timings[0], 1),
                "median_ms": round(statistics.median(timings[1:]), 1),
                "max_ms": round(max(timings), 1),
            }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--boards", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(Path(folder) / "data", Path(folder) / "server.log")
        server.start()
        try:
            board = server.create_board("Værdi for borgerne", kind="value-map")
            asyncio.run(fill_map(server, board, args.notes, rng))
            server.stop()
            server.start()
            exports = time_exports(server, board, args.runs)
            boards = asyncio.run(fill_library(server, args.boards, rng))
            server.stop()  # every room compacts: its text becomes searchable
            server.start()
            search = time_search(server, [board, *boards], args.runs)
        finally:
            server.stop()
    print(
        json.dumps(
            {"notes": args.notes, "boards": args.boards + 1, "exports": exports, "search": search},
            indent=1,
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
