"""Text two writers move at once is kept once (client/src/views/charter/moved-text.js).

Runs tests/node/moved-text.mjs: random cases of 2 to 4 Yjs documents splitting one paragraph
at once where y-prosemirror would, their updates delivered in random orders. The same
cases without the repair show that the harness sees duplicated text when it is there.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.live import ROOT

SCRIPT = Path(__file__).parents[1] / "node" / "moved-text.mjs"
CASES = 200
SEED = 20261207


def run(*flags: str) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None or not (ROOT / "client" / "node_modules" / "yjs").is_dir():
        pytest.fail("Node and client/node_modules are needed: run the README's test command")
    completed = subprocess.run(
        [node, str(SCRIPT), str(CASES), str(SEED), *flags],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr + completed.stdout
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def test_concurrent_line_breaks_keep_every_character_once_and_in_order() -> None:
    result = run()
    assert result["failed"] == 0, result["example"]


def test_without_the_repair_the_same_cases_duplicate_text() -> None:
    result = run("--without-repair")
    assert result["failed"] > CASES // 4, result
    assert "text changed" in result["example"]["problems"]
