"""Stock Yjs clients in Node (yjs 13.6, y-websocket 3.1) against a real Tavle server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.live import ROOT, LiveServer

NODE_MODULES = ROOT / "client" / "node_modules"


@pytest.fixture
def node() -> str:
    executable = shutil.which("node")
    if executable is None or not (NODE_MODULES / "y-websocket").is_dir():
        pytest.fail("Node and client/node_modules are needed: run the README's test command")
    return executable


def test_stock_yjs_clients_sync_and_see_presence(live_server: LiveServer, node: str) -> None:
    board = live_server.create_board()
    anne = live_server.join(board["join_code"], "Anne")
    bent = live_server.join(board["join_code"], "Bent")
    script = Path(__file__).parents[1] / "node" / "interop.cjs"
    completed = subprocess.run(
        [node, str(script), live_server.ws_url, board["id"], anne["token"], bent["token"]],
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr + completed.stdout
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    # B's own update plus A's receipt of it, give or take an echo: never a loop.
    assert 2 <= result.pop("presenceUpdatesIn1s") <= 6
    assert result == {
        "note": "Borgeren først",
        "text": "Vi leder på tværs",
        "closedCode": 4401,
        "retriesAfterClose": 0,
        "shouldConnect": False,
    }
