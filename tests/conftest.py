"""Shared fixtures: a fresh store per test, a board in it, and a live server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from server.store import Board, Store
from tests.support.live import LiveServer
from tests.support.stores import make_board, opened_store


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """A store on a fresh database that flushes every 50 ms."""
    async with opened_store(tmp_path / "tavle.db") as store:
        yield store


@pytest.fixture
async def board(store: Store) -> Board:
    return await store.boards.create(make_board(), b"\x00\x00", None)


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
