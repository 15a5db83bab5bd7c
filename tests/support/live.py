"""A real Tavle server in a subprocess on a free port, as an operator would run it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 20.0
AS_JSON = {"accept": "application/json"}  # errors come as JSON, not as a page


def bearer(token: str) -> dict[str, str]:
    """Return the headers of an API request made with a token, asking for JSON."""
    return {"authorization": f"Bearer {token}", **AS_JSON}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """Start, stop and restart `python -m server serve` on one data folder."""

    def __init__(
        self,
        data_dir: Path,
        log_path: Path,
        env: dict[str, str] | None = None,
        database_url: str | None = None,
        serve_args: tuple[str, ...] = (),
    ) -> None:
        """`database_url`: a PostgreSQL database to serve from, instead of SQLite in data_dir.

        `serve_args`: more options of `tavle serve` (`--workers 2`, say).
        """
        self.data_dir = data_dir
        self.log_path = log_path
        self.serve_args = serve_args
        self.env = env or {}
        if database_url is not None:
            self.env = {**self.env, "TAVLE_DATABASE_URL": database_url}
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def start(self) -> None:
        env = {**os.environ, "TAVLE_FLUSH_INTERVAL_S": "0.1", **self.env}
        with self.log_path.open("ab") as log:
            self.process = self._spawn(env, log)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited at start:\n{self.log()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)  # sleep-ok: waiting for a process to listen
        raise RuntimeError(f"server did not start in {START_TIMEOUT_S}s:\n{self.log()}")

    def _spawn(self, env: dict[str, str], log: IO[bytes]) -> subprocess.Popen[bytes]:
        command = [
            sys.executable,
            "-m",
            "server",
            "serve",
            "--port",
            str(self.port),
            *self.serve_args,
        ]
        return subprocess.Popen(
            [*command, "--data", str(self.data_dir)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def stop(
        self, sig: signal.Signals = signal.SIGTERM, timeout_s: float = 15.0
    ) -> tuple[int, float]:
        """Stop the server with a signal; return its exit code and how long it took."""
        assert self.process is not None
        started = time.monotonic()
        self.process.send_signal(sig)
        code = self.process.wait(timeout=timeout_s)
        self.process = None
        return code, time.monotonic() - started

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def create_board(self, title: str = "Storledermøde", **fields: str) -> dict[str, str]:
        body = {"title": title, "kind": "notes", **fields}
        response = httpx.post(self.url + "/api/boards", json=body)
        response.raise_for_status()
        made: dict[str, str] = response.json()
        return made

    def join(self, code: str, name: str) -> dict[str, str]:
        response = httpx.post(self.url + "/api/join", json={"code": code, "name": name})
        response.raise_for_status()
        body: dict[str, str] = response.json()
        return body


def run_tavle(*args: str) -> subprocess.CompletedProcess[str]:
    """Run Tavle's command line (`python -m server ...`) and return what it did."""
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
