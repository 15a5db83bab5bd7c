"""Shared fixtures: a fresh store per test, a board in it, and a live server.

The store and the live server run on SQLite, the embedded default. The tests below
`BOTH_DATABASES` run twice, once on SQLite and once on PostgreSQL (issue 14, test 7:
the same board behaviour on both), on a throwaway PostgreSQL server of the test
session's own (tests/support/postgres.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from server.store import Board, Store
from tests.support.live import LiveServer
from tests.support.postgres import PostgresCluster, postgres_cluster
from tests.support.stores import make_board, opened_store

# Test modules (or single tests, by node id) that run on both databases.
BOTH_DATABASES = (
    "tests/store/",
    "tests/web/test_library.py",
    "tests/rules/test_charter_live.py",
    "tests/rules/test_map_live.py",
    "tests/facilitation/test_facilitation_live.py",
    "tests/security/test_security_document.py",
    "tests/cluster/",
)
# ... but not these: they open the SQLite file to look at its rows.
SQLITE_FILE_READERS = tuple(
    f"tests/web/test_library.py::test_{name}"
    for name in (
        "a_team_link_reopens_the_events_boards_without_moderation",
        "deleting_a_board_leaves_no_row_and_tells_phones_to_drop_it",
        "deleting_an_event_removes_every_board_of_it",
        "retention_warns_and_then_deletes_untouched_events",
        "an_event_is_joined_only_by_its_facilitators_not_by_its_name",
        "a_team_compares_without_seeing_hidden_vote_results",
    )
)
DATABASES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the tests under BOTH_DATABASES that use a database once on each."""
    node = metafunc.definition.nodeid
    if (
        "database" in metafunc.fixturenames
        and node.startswith(BOTH_DATABASES)
        and not node.startswith(SQLITE_FILE_READERS)
    ):
        metafunc.parametrize("database", DATABASES, indirect=True)


@pytest.fixture
def database(request: pytest.FixtureRequest) -> str:
    """Which database the test's store or live server uses: "sqlite" unless parametrized."""
    name: str = getattr(request, "param", "sqlite")
    return name


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A PostgreSQL server for the whole session, stopped at its end even when tests fail."""
    with postgres_cluster() as cluster:
        yield cluster


@pytest.fixture
def postgres_url(postgres: PostgresCluster) -> Iterator[str]:
    """The URL of a fresh database holding Tavle's schema, dropped after the test."""
    with postgres.fresh_database() as url:
        yield url


@pytest.fixture
def database_location(request: pytest.FixtureRequest, database: str, tmp_path: Path) -> Path | str:
    """Where the test's database is: a SQLite file in tmp_path, or a PostgreSQL URL."""
    if database == "postgresql":
        url: str = request.getfixturevalue("postgres_url")
        return url
    return tmp_path / "tavle.db"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def store(database_location: Path | str) -> AsyncIterator[Store]:
    """A store on a fresh database that flushes every 50 ms."""
    async with opened_store(database_location) as store:
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
def live_server(
    request: pytest.FixtureRequest, tmp_path: Path, database_location: Path | str
) -> Iterator[LiveServer]:
    """A real server on a free port; its log is printed when the test fails."""
    server = LiveServer(
        tmp_path / "data",
        tmp_path / "server.log",
        env=getattr(request, "param", None),
        database_url=database_location if isinstance(database_location, str) else None,
    )
    server.start()
    yield server
    if server.process is not None:
        server.stop()
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        print(f"\n----- server log -----\n{server.log()}")
