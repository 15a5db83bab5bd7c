"""Two Tavle processes on one database, coordinated by a real Redis (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.live import LiveServer
from tests.support.redis import RedisServer


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def processes(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    redis_server: RedisServer,
    database_location: Path | str,
) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Processes "a" and "b": one database (SQLite or PostgreSQL), one Redis; their logs
    print when a test fails."""
    started = []
    database_url = database_location if isinstance(database_location, str) else None
    for name in ("a", "b"):
        env = {
            "TAVLE_REDIS_URL": redis_server.url,
            "TAVLE_NODE_ID": name,
            **(getattr(request, "param", None) or {}),
        }
        server = LiveServer(
            tmp_path / "data", tmp_path / f"{name}.log", env=env, database_url=database_url
        )
        server.start()
        started.append(server)
    yield started[0], started[1]
    for server in started:
        if server.process is not None:
            server.stop()
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for name, server in zip("ab", started, strict=True):
            print(f"\n----- process {name} -----\n{server.log()}")
