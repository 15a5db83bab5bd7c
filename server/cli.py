"""The `tavle` command."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette

from server.afterwards.board_json import (
    VERSION,
    ImportRefused,
    PreparedImport,
    import_board,
    prepare_import,
)
from server.afterwards.source import stored_source
from server.app import create_app, tune_collector
from server.auth import Signer, load_or_create_key
from server.i18n.messages import ERROR_MESSAGES
from server.service import BoardService, ServiceError
from server.settings import Settings
from server.store import Store
from server.web.exports import formats_of, render

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
    workers = args.workers or 1
    if workers > 1 and not settings.redis_url:
        print(
            "tavle: --workers needs TAVLE_REDIS_URL (the processes share boards through Redis)",
            file=sys.stderr,
        )
        return 2
    print(
        f"Tavle on http://{settings.host}:{settings.port} (data in {settings.data_dir.resolve()})"
        + (f", {workers} processes" if workers > 1 else "")
    )
    if workers > 1:
        # Each worker reads its settings from the environment: pass the options on.
        os.environ.update(
            {
                "TAVLE_HOST": settings.host,
                "TAVLE_PORT": str(settings.port),
                "TAVLE_DATA": str(settings.data_dir),
            }
        )
    # Each worker builds its own app (and tunes its own collector) from the environment.
    app: Starlette | str = "server.app:app_from_env"
    if workers == 1:
        app = create_app(settings)
        tune_collector()
    uvicorn.run(
        app,
        factory=workers > 1,
        workers=workers if workers > 1 else None,
        host=settings.host,
        port=settings.port,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        # Our own access log leaves out query strings, which may hold secrets.
        access_log=False,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
        log_level="info",
        **websocket_options(settings),
    )
    return 0


def websocket_options(settings: Settings) -> dict[str, Any]:
    """Return how uvicorn serves websockets for Tavle (its sans-I/O protocol, whose
    transport a room writes frames to at once: server/web/ws.py)."""
    return {
        "ws": "websockets-sansio",
        # Oversized messages are refused by the room with 1009; the transport allows a
        # little more so the room, not the library, decides and says why.
        "ws_max_size": settings.max_message_bytes + 64 * 1024,
        "ws_per_message_deflate": settings.websocket_compression,
    }


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(data_dir=Path(args.data) if args.data else None)


def backup(args: argparse.Namespace) -> int:
    """Copy the database consistently while the server may be writing to it."""
    if _settings(args).database_url:
        print(
            "tavle: the database is PostgreSQL (TAVLE_DATABASE_URL): back it up with pg_dump",
            file=sys.stderr,
        )
        return 1
    source_path = _settings(args).database_path
    if not source_path.exists():
        print(f"tavle: no database at {source_path}", file=sys.stderr)
        return 1
    destination = Path(args.destination)
    if destination.is_dir():
        destination = destination / f"tavle-{datetime.now(UTC):%Y%m%d-%H%M%S}.db"
    if destination.exists():
        print(f"tavle: {destination} exists already; choose a new name", file=sys.stderr)
        return 1
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(destination)
    try:
        # SQLite's online backup copies a consistent state page by page, even while the
        # server goes on writing (docs/architecture.md, "Backups").
        source.backup(target)
    finally:
        target.close()
        source.close()
    print(f"backed up {source_path} to {destination}")
    return 0


def export(args: argparse.Namespace) -> int:
    """Write one board in a format to a file (or standard output)."""
    body = asyncio.run(_export(args))
    if isinstance(body, int):
        return body
    if args.out in (None, "-"):
        sys.stdout.buffer.write(body)
    else:
        Path(args.out).write_bytes(body)
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


def board_id_of(text: str) -> str:
    """Return the board id in a board's address (…/b/{id}/…), or the text itself."""
    _, marker, rest = text.partition("/b/")
    if not marker:
        return text
    return rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


async def _export(args: argparse.Namespace) -> bytes | int:
    """Return the board's file, or an exit status when there is none."""
    store = Store(_settings(args).database_location)
    await store.open()
    try:
        board = await store.boards.get(board_id_of(args.board))
        if board is None:
            print(f"tavle: no board {args.board!r}", file=sys.stderr)
            return 1
        if args.format not in formats_of(board):
            known = ", ".join(formats_of(board))
            print(f"tavle: a {board.kind} board exports as {known}", file=sys.stderr)
            return 2
        source = await stored_source(store, board)
        return await render(
            store, board, args.format, source, facilitator=True, locale=args.locale or board.locale
        )
    finally:
        await store.close()


def import_file(args: argparse.Namespace) -> int:
    """Create a new board from a JSON export and print its facilitator link."""
    try:
        prepared = prepare_import(Path(args.file).read_bytes())
    except ImportRefused as refused:
        print(f"tavle: cannot import {args.file}: {_refusal(refused)}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"tavle: cannot read {args.file}: {exc}", file=sys.stderr)
        return 1
    settings = _settings(args)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return asyncio.run(_import(args, settings, prepared))


def _refusal(refused: ImportRefused | ServiceError) -> str:
    """Return why an import was refused, in English, with what it refers to."""
    params: dict[str, object] = {"version": VERSION, **refused.params}
    message = ERROR_MESSAGES[refused.code].format(**params)
    detail = getattr(refused, "args", ("",))[0]
    return f"{message} ({detail})" if isinstance(refused, ImportRefused) else message


async def _import(args: argparse.Namespace, settings: Settings, prepared: PreparedImport) -> int:
    store = Store(settings.database_location)
    await store.open()
    try:
        signer = Signer(load_or_create_key(settings.secret_key_path))
        service = BoardService(settings, store, signer)
        created = await import_board(service, prepared, None)  # the operator may use any event
    except (ImportRefused, ServiceError) as refused:
        print(f"tavle: cannot import {args.file}: {_refusal(refused)}", file=sys.stderr)
        return 1
    finally:
        await store.close()
    base = (settings.public_url or f"http://{settings.host}:{settings.port}").rstrip("/")
    board = created.board
    print(f"imported {board.title!r} as board {board.id} (join code {board.join_code})")
    print(f"facilitator link: {base}/b/{board.id}?key={created.facilitator_token}")
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
    serve_parser.add_argument(
        "--workers",
        type=int,
        help="processes sharing the port (needs TAVLE_REDIS_URL; default 1)",
    )
    serve_parser.set_defaults(run=serve)
    data_help = "data folder holding the SQLite database (default ./data, or TAVLE_DATA)"
    backup_parser = commands.add_parser(
        "backup", help="copy the database consistently, also while the server runs"
    )
    backup_parser.add_argument("destination", help="a new file, or a folder to put it in")
    backup_parser.add_argument("--data", help=data_help)
    backup_parser.set_defaults(run=backup)
    export_parser = commands.add_parser("export", help="write a board as a file")
    export_parser.add_argument(
        "board",
        help="the board's address, or its id (the part after /b/ in it); "
        "an id that begins with '-' goes after '--': tavle export --format md -- -4FDVvTuIbnL",
    )
    export_parser.add_argument(
        "--format", required=True, choices=("md", "csv", "json", "docx", "png")
    )
    export_parser.add_argument("--out", help="file to write (default: standard output)")
    export_parser.add_argument("--locale", choices=("da", "en"), help="language of the text")
    export_parser.add_argument("--data", help=data_help)
    export_parser.set_defaults(run=export)
    import_parser = commands.add_parser("import", help="create a board from a JSON export")
    import_parser.add_argument("file", help="a .json file written by an export")
    import_parser.add_argument("--data", help=data_help)
    import_parser.set_defaults(run=import_file)
    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
