"""The one place that reads the environment."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

from server.sync.limits import RoomLimits
from server.sync.room import RoomOptions

DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    """Everything the server needs to know about its deployment."""

    data_dir: Path = Path("data")
    host: str = "127.0.0.1"
    port: int = 8000
    # The address people reach the server at, e.g. "https://tavle.example.dk".
    # Join links and QR codes use it; without it they use the request's own address.
    public_url: str | None = None
    # Proxies whose X-Forwarded-* headers are trusted (uvicorn's forwarded_allow_ips).
    forwarded_allow_ips: str = "127.0.0.1"
    # When set, creating a board needs this password. A server that listens beyond this
    # machine makes one up (in the data folder) unless open_creation is set.
    organiser_password: str | None = None
    open_creation: bool = False
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES
    # How long an applied update may wait before it is written (the durability window).
    flush_interval_s: float = 0.25
    # Log rows since the last compaction that trigger a new one.
    compact_after_rows: int = 200
    # How long a room with no connections stays in memory.
    idle_unload_s: float = 30.0
    # Messages a connection may have waiting before it is closed as too slow.
    outbox_size: int = 512
    # A room sends within a budget of socket writes a second, over every process that
    # serves it; beyond it, what changed meanwhile goes out together
    # (server/sync/fanout.py). 20,000 writes at once cost less CPU than 10,000 did queued
    # (docs/benchmarks.md, "Writing at once"). The window is a shortest time between
    # flushes besides: 0, since the budget measured better.
    fanout_window_s: float = 0.0
    fanout_sends_per_s: float = 20_000.0
    # permessage-deflate costs a zlib pass per message per connection (docs/benchmarks.md).
    websocket_compression: bool = False
    # Events (and boards of no event) untouched for this many days are deleted, with a
    # warning in the library for the last RETENTION_WARNING_DAYS. None keeps them for ever.
    retention_days: int | None = None
    # Wrong join codes the whole server accepts in a burst, and per second after it.
    wrong_code_burst: int = 30
    wrong_code_per_s: float = 2.0
    # What one connection or person may do to a room (server/sync/limits.py).
    room_limits: RoomLimits = field(default_factory=RoomLimits)
    # Several processes (docs/architecture.md, "Several processes"): the database every
    # process shares (postgresql://…; None: SQLite in the data folder), the Redis that
    # coordinates them (None: this process serves every board alone), and this process's
    # name among them (None: host and process id).
    database_url: str | None = None
    redis_url: str | None = None
    node_id: str | None = None

    @property
    def room_options(self) -> RoomOptions:
        """Return how each room serves its connections."""
        return RoomOptions(
            max_message_bytes=self.max_message_bytes,
            outbox_size=self.outbox_size,
            fanout_window_s=self.fanout_window_s,
            fanout_sends_per_s=self.fanout_sends_per_s,
            limits=self.room_limits,
        )

    @property
    def database_path(self) -> Path:
        """Return the SQLite file inside the data folder."""
        return self.data_dir / "tavle.db"

    @property
    def database_location(self) -> Path | str:
        """Return where the store is: a PostgreSQL URL, or the SQLite file."""
        return self.database_url or self.database_path

    @property
    def secret_key_path(self) -> Path:
        """Return the file holding the key that signs participant tokens."""
        return self.data_dir / "secret.key"

    @property
    def organiser_password_path(self) -> Path:
        """Return the file holding a made-up organiser password."""
        return self.data_dir / "organiser-password.txt"

    @property
    def open_to_network(self) -> bool:
        """Say whether the server listens beyond this machine."""
        return not _is_loopback(self.host)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Build settings from TAVLE_* environment variables, then explicit overrides."""
        env = os.environ
        values: dict[str, object] = {}
        if "TAVLE_DATA" in env:
            values["data_dir"] = Path(env["TAVLE_DATA"])
        if "TAVLE_HOST" in env:
            values["host"] = env["TAVLE_HOST"]
        if "TAVLE_PORT" in env or "PORT" in env:
            values["port"] = int(env.get("TAVLE_PORT") or env["PORT"])
        if env.get("TAVLE_PUBLIC_URL"):
            values["public_url"] = env["TAVLE_PUBLIC_URL"].rstrip("/")
        if "TAVLE_FORWARDED_ALLOW_IPS" in env:
            values["forwarded_allow_ips"] = env["TAVLE_FORWARDED_ALLOW_IPS"]
        if env.get("TAVLE_ORGANISER_PASSWORD"):
            values["organiser_password"] = env["TAVLE_ORGANISER_PASSWORD"]
        if env.get("TAVLE_OPEN_CREATION", "").lower() in ("1", "true", "yes"):
            values["open_creation"] = True
        if "TAVLE_MAX_MESSAGE_BYTES" in env:
            values["max_message_bytes"] = int(env["TAVLE_MAX_MESSAGE_BYTES"])
        if "TAVLE_FANOUT_WINDOW_S" in env:
            values["fanout_window_s"] = float(env["TAVLE_FANOUT_WINDOW_S"])
        if "TAVLE_FANOUT_SENDS_PER_S" in env:
            values["fanout_sends_per_s"] = float(env["TAVLE_FANOUT_SENDS_PER_S"])
        if env.get("TAVLE_WS_COMPRESSION", "").lower() in ("1", "true", "yes"):
            values["websocket_compression"] = True
        for name, key in (
            ("TAVLE_DATABASE_URL", "database_url"),
            ("TAVLE_REDIS_URL", "redis_url"),
            ("TAVLE_NODE_ID", "node_id"),
        ):
            if env.get(name):
                values[key] = env[name]
        if env.get("TAVLE_RETENTION_DAYS"):
            values["retention_days"] = int(env["TAVLE_RETENTION_DAYS"])
        if "TAVLE_COMPACT_AFTER_ROWS" in env:
            values["compact_after_rows"] = int(env["TAVLE_COMPACT_AFTER_ROWS"])
        if "TAVLE_FLUSH_INTERVAL_S" in env:
            values["flush_interval_s"] = float(env["TAVLE_FLUSH_INTERVAL_S"])
        limits = {
            "max_items_per_person": ("TAVLE_MAX_ITEMS_PER_PERSON", int),
            "max_presence_bytes": ("TAVLE_MAX_PRESENCE_BYTES", int),
            "messages_per_s": ("TAVLE_MESSAGES_PER_S", float),
            "message_burst": ("TAVLE_MESSAGE_BURST", int),
        }
        chosen = {key: read(env[name]) for key, (name, read) in limits.items() if name in env}
        if chosen:
            values["room_limits"] = RoomLimits(**chosen)
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise ValueError with the fix when a setting cannot work."""
        if self.flush_interval_s <= 0 or self.flush_interval_s > 1:
            raise ValueError("TAVLE_FLUSH_INTERVAL_S must be above 0 and at most 1 second")
        if self.retention_days is not None and self.retention_days < 1:
            raise ValueError("TAVLE_RETENTION_DAYS must be a whole number of days, at least 1")
        limits = self.room_limits
        if limits.max_items_per_person < 1 or limits.max_presence_bytes < 256:
            raise ValueError(
                "TAVLE_MAX_ITEMS_PER_PERSON must be at least 1 and"
                " TAVLE_MAX_PRESENCE_BYTES at least 256"
            )
        if limits.messages_per_s <= 0 or limits.message_burst < 1:
            raise ValueError("TAVLE_MESSAGES_PER_S and TAVLE_MESSAGE_BURST must be above 0")
        if self.database_url and not self.database_url.startswith(("postgresql://", "postgres://")):
            raise ValueError("TAVLE_DATABASE_URL must start with postgresql://")
        if self.redis_url and not self.redis_url.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("TAVLE_REDIS_URL must start with redis://, rediss:// or unix://")
        if self.max_message_bytes < 1024:
            raise ValueError("TAVLE_MAX_MESSAGE_BYTES must be at least 1024")
        if self.public_url and not self.public_url.startswith(("http://", "https://")):
            raise ValueError("TAVLE_PUBLIC_URL must start with http:// or https://")
