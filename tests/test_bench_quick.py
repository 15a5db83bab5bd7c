"""A tiny run of the load benchmark keeps the harness working; no figure is asserted."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.live import ROOT

pytestmark = pytest.mark.slow


def test_quick_benchmark_run_completes(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None or not (ROOT / "bench" / "node_modules" / "y-websocket").is_dir():
        pytest.fail("Node and bench/node_modules are needed: run the README's test command")
    out = tmp_path / "quick.json"
    completed = subprocess.run(
        [node, "run.mjs", "--quick", "--out", str(out)],
        cwd=ROOT / "bench",
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    results = json.loads(out.read_text())
    scenarios = {run["scenario"] for run in results["runs"]}
    assert scenarios == {
        "edits-10",
        "edits-12g3",
        "cursors-10",
        "charter-6x20",
        "join-storm-20",
        "cold-load-500",
    }
    assert all(not run.get("error") for run in results["runs"])
    # Keystrokes are timed by Yjs ids, not markers: a typing run that times nothing has
    # lost track of them (a change to the charter's layout, say), which is no figure.
    (charter,) = [run for run in results["runs"] if run["scenario"] == "charter-6x20"]
    assert charter["measured"] == "keystrokes"
    assert charter["sent"] > 0
    assert charter["seen"] > 0
    # In table groups every writer's note must stay (a reverted one makes the run fail,
    # so it shows under "error" above); the split must have made one group per table.
    (groups,) = [run for run in results["runs"] if run["scenario"] == "edits-12g3"]
    assert groups["groups"] == 3
    assert groups["reverted_notices"] == 0
    assert groups["notes_written"] > 0
    assert groups["notes_missing_at_probes"] == 0
