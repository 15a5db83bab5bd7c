"""The `tavle` command."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import uvicorn

from .app import create_app
from .settings import Settings

SHUTDOWN_GRACE_S = 5


class HideQueryStrings(logging.Filter):
    """Cut query strings out of uvicorn's log lines: a websocket's token is one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                arg.split("?", 1)[0] if isinstance(arg, str) and "?" in arg else arg
                for arg in record.args
            )
        return True


def serve(args: argparse.Namespace) -> int:
    """Run the server until it is stopped (SIGINT or SIGTERM)."""
    try:
        settings = Settings.from_env(
            host=args.host, port=args.port, data_dir=Path(args.data) if args.data else None
        )
    except ValueError as exc:
        print(f"tavle: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    logging.getLogger("uvicorn.error").addFilter(HideQueryStrings())
    print(
        f"Tavle on http://{settings.host}:{settings.port} (data in {settings.data_dir.resolve()})"
    )
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        # Our own access log leaves out query strings, which may hold secrets.
        access_log=False,
        ws="websockets-sansio",
        # Oversized messages are refused by the room with 1009; the transport allows a
        # little more so the room, not the library, decides and says why.
        ws_max_size=settings.max_message_bytes + 64 * 1024,
        ws_per_message_deflate=settings.websocket_compression,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
        log_level="info",
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run a subcommand."""
    parser = argparse.ArgumentParser(prog="tavle", description="Real-time workshop boards.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run the web server")
    serve_parser.add_argument(
        "--host", help="address to listen on (default 127.0.0.1, or TAVLE_HOST)"
    )
    serve_parser.add_argument("--port", type=int, help="port (default 8000, or TAVLE_PORT / PORT)")
    serve_parser.add_argument(
        "--data", help="data folder holding the SQLite database (default ./data)"
    )
    serve_parser.set_defaults(run=serve)
    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
