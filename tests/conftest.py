"""Shared fixtures: a fresh store per test, and helpers to make boards."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from server import auth
from server.store import Board, Store, utc_now
from tests.support.live import LiveServer


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def make_board(board_id: str | None = None, code: str | None = None) -> Board:
    now = utc_now()
    return Board(
        id=board_id or auth.new_board_id(),
        event_id=None,
        kind="notes",
        title="Test",
        locale="da",
        created=now,
        updated=now,
        join_code=code or auth.new_join_code(),
        facilitator_hash=auth.hash_secret("f1_secret"),
    )


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = Store(tmp_path / "tavle.db", flush_interval_s=0.05)
    await store.open()
    yield store
    await store.close()


@pytest.fixture
async def board(store: Store) -> Board:
    return await store.create_board(make_board(), b"\x00\x00", None)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def live_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    """A real server on a free port; its log is printed when the test fails."""
    server = LiveServer(
        tmp_path / "data", tmp_path / "server.log", env=getattr(request, "param", None)
    )
    server.start()
    yield server
    if server.process is not None:
        server.stop()
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        print(f"\n----- server log -----\n{server.log()}")
