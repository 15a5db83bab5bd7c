"""A throwaway PostgreSQL server for the tests, and a fresh database in it per test.

One cluster per test session: `initdb` into a temporary folder, `postgres` on a free
loopback port with its socket in that folder too, durability off (fsync, synchronous
commit, full page writes: a crash loses nothing a test needs). PostgreSQL refuses to
run as root, so as root the server runs as the `postgres` user the Debian package makes.
Each test gets a database copied from a template that already holds Tavle's schema, so
a test pays for a file copy, not for ten migrations.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg

from server.store.postgres import connect_postgres
from server.store.postgres_migrations import apply_postgres_migrations
from tests.support.live import free_port

USER = "tavle"
TEMPLATE = "tavle_template"
START_TIMEOUT_S = 30


def postgres_bin() -> Path | None:
    """Return the folder of PostgreSQL's server programs, or None if none is installed."""
    if folder := os.environ.get("TAVLE_TEST_PG_BIN"):
        return Path(folder)
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name)
    )
    if versions:
        return versions[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresCluster:
    """A PostgreSQL server of the test session's own, in a temporary folder."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="tavle-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._names = itertools.count(1)
        self._as_postgres: list[str] = []
        if os.geteuid() == 0:
            # PostgreSQL will not run as root: hand the folder to the packaged user.
            shutil.chown(self.root, "postgres", "postgres")
            self._as_postgres = ["runuser", "-u", "postgres", "--"]

    def url(self, database: str) -> str:
        """Return the URL of one database of the cluster."""
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def _run(self, program: str, *args: str) -> None:
        command = [*self._as_postgres, str(self.bin_dir / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed:\n{done.stdout}\n{done.stderr}")

    def start(self) -> None:
        """Make the cluster, start its server, and make the template database."""
        self._run(
            "initdb",
            *("-D", str(self.data), "-U", USER, "--auth=trust", "--no-sync"),
            # A UTF-8 locale: the 'simple' search configuration lowercases Æ, Ø and Å.
            *("--encoding=UTF8", "--locale=C.UTF-8"),
        )
        options = " ".join(
            [
                f"-p {self.port}",
                "-c listen_addresses=127.0.0.1",
                f"-c unix_socket_directories={self.root}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200",
            ]
        )
        self._run(
            "pg_ctl",
            *("-D", str(self.data), "-l", str(self.root / "server.log")),
            *("-o", options, "-w", "-t", str(START_TIMEOUT_S), "start"),
        )
        with self.admin() as admin:
            admin.execute(f"CREATE DATABASE {TEMPLATE}".encode())
        schema = connect_postgres(self.url(TEMPLATE))
        try:
            apply_postgres_migrations(schema)
        finally:
            schema.close()

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        """Return what the server wrote to its log."""
        path = self.root / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    @contextlib.contextmanager
    def admin(self) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
        """Connect to the cluster's maintenance database, outside any transaction."""
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            yield conn

    @contextlib.contextmanager
    def fresh_database(self) -> Iterator[str]:
        """Make an empty Tavle database for one test; drop it when the block ends."""
        name = f"tavle_test_{os.getpid()}_{next(self._names)}"
        with self.admin() as admin:
            admin.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}".encode())
        try:
            yield self.url(name)
        finally:
            with self.admin() as admin:
                # FORCE: a server a failed test left running may still hold connections.
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())


@contextlib.contextmanager
def postgres_cluster() -> Iterator[PostgresCluster]:
    """Run a throwaway cluster for as long as the block lasts, and stop it even on failure."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError(
            "PostgreSQL is not installed: apt-get install postgresql (or set TAVLE_TEST_PG_BIN)"
        )
    cluster = PostgresCluster(bin_dir)
    try:
        cluster.start()
        yield cluster
    except BaseException:
        print(f"\n----- PostgreSQL log -----\n{cluster.log()}")
        raise
    finally:
        cluster.stop()
