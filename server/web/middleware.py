"""Pure ASGI middleware: body limits, cross-site refusal, security headers, an access log."""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.service import ServiceError
from server.web.errors import error_response

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
        # A chunked body has no Content-Length: count what arrives (issue 11 found the
        # limit skipped when the header was absent, as if it had said 0).
        declared = dict(scope["headers"]).get(b"content-length")
        counted = declared is None or not declared.isdigit()
        received = 0 if counted else int(declared or b"0")

        async def limited() -> Message:
            nonlocal received
            if received > limit:
                raise ServiceError("too_large", 413, limit=limit // 1024)
            message = await receive()
            if message["type"] == "http.request" and counted:
                received += len(message.get("body", b""))
                if received > limit:
                    raise ServiceError("too_large", 413, limit=limit // 1024)
            return message

        await self.app(scope, limited, send)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# What a browser says in Sec-Fetch-Site when Tavle's own page (or the address bar) sent it.
OWN_FETCH_SITES = frozenset({"same-origin", "none"})


class CrossSiteMiddleware:
    """Refuse state-changing requests another website's page made a browser send.

    Cookies hold facilitator, team and participant tokens, so a form or fetch on another
    site could archive, delete, import or hand out links in the name of whoever is signed
    in; SameSite=Lax lets a sibling site behind the same SSO portal through (issue 11).
    The browser tells where a request comes from in `Sec-Fetch-Site`, or else in `Origin`;
    a request with neither (a script, curl) is no browser's and passes, and so does one
    carrying `Authorization: Bearer`, which no other site can make a browser add.
    """

    def __init__(self, app: ASGIApp, public_url: str | None = None) -> None:
        self.app = app
        self.public_netloc = urlsplit(public_url).netloc if public_url else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS or self._own(scope):
            await self.app(scope, receive, send)
            return
        response = error_response(Request(scope), 403, "cross_site")
        await response(scope, receive, send)

    def _own(self, scope: Scope) -> bool:
        """Say whether a request came from Tavle's own pages, or from no browser at all."""
        headers = {
            key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]
        }
        if headers.get("authorization", "").lower().startswith("bearer "):
            return True
        site = headers.get("sec-fetch-site")
        if site is not None:
            return site in OWN_FETCH_SITES
        origin = headers.get("origin")
        if origin is None:
            return True
        netloc = urlsplit(origin).netloc
        return bool(netloc) and netloc in (headers.get("host"), self.public_netloc)


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
