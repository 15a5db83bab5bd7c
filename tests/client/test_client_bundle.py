"""The committed client bundle is what the sources build to."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.live import ROOT


def test_committed_bundle_matches_a_fresh_build(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None or not (ROOT / "client" / "node_modules" / "esbuild").is_dir():
        pytest.fail("Node and client/node_modules are needed: run the README's test command")
    fresh = tmp_path / "tavle.js"
    subprocess.run(
        [node, "build.mjs", "--outfile", str(fresh)], cwd=ROOT / "client", check=True, timeout=120
    )
    committed = ROOT / "server" / "static" / "tavle.js"
    assert fresh.read_bytes() == committed.read_bytes(), (
        "server/static/tavle.js is stale: run `cd client && npm run build` and commit it"
    )
