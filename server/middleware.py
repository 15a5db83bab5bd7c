"""Pure ASGI middleware: security headers, and an access log without secrets."""

from __future__ import annotations

import logging
import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .service import ServiceError

access_log = logging.getLogger("tavle.access")

# Every page loads only from Tavle itself: no CDN, no remote fonts, no analytics.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


MAX_BODY_BYTES = 64 * 1024
# Importing a board sends its whole JSON export: 2,000 notes are about 1 MB.
MAX_IMPORT_BYTES = 32 * 1024 * 1024
IMPORT_PATH = "/api/import"


class BodyLimitMiddleware:
    """Refuse request bodies over a limit, without reading more of them than that.

    Creating a board or joining takes a few hundred bytes; a bigger body is a mistake or
    an attack. The endpoint that reads it gets a ServiceError, answered with 413 in the
    caller's language like every other refusal.
    """

    def __init__(
        self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES, import_bytes: int = MAX_IMPORT_BYTES
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.import_bytes = import_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.import_bytes if scope.get("path") == IMPORT_PATH else self.max_bytes
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        received = int(declared) if declared.isdigit() else 0

        async def limited() -> Message:
            nonlocal received
            if received > limit:
                raise ServiceError("too_large", 413, limit=limit // 1024)
            message = await receive()
            if message["type"] == "http.request" and not declared.isdigit():
                received += len(message.get("body", b""))
                if received > limit:
                    raise ServiceError("too_large", 413, limit=limit // 1024)
            return message

        await self.app(scope, limited, send)


class SecurityHeadersMiddleware:
    """Add headers that keep pages self-contained and links out of Referer headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                # Facilitator links carry a secret: never leak it to another site.
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("X-Content-Type-Options", "nosniff")
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AccessLogMiddleware:
    """Log method, path and status; never the query string, which may hold a secret.

    Websockets pass through unwrapped: wrapping `send` would cost every message of a
    board's fan-out a Python call; the websocket route logs its own connections.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status: list[int] = []

        async def record(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            access_log.info(
                "%s %s %s %.0fms",
                scope["method"],
                scope["path"],
                status[0] if status else "-",
                (time.perf_counter() - started) * 1000,
            )
