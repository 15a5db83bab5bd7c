"""Error answers: JSON for the API, a page for people, both in their language."""

from __future__ import annotations

import logging
import re

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.i18n import choose_locale, gettext
from server.i18n.messages import ERROR_MESSAGES
from server.service import ServiceError

log = logging.getLogger(__name__)

_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}


# A board's page: /b/{id}, and the pages below it.
BOARD_PAGE = re.compile(r"^/b/([A-Za-z0-9_-]+)(?:/|$)")


def error_response(
    request: Request,
    status: int,
    code: str,
    headers: dict[str, str] | None = None,
    **params: object,
) -> Response:
    """Answer with a translated error, as JSON under /api and as a page elsewhere."""
    locale = choose_locale(request)
    message = gettext(locale, ERROR_MESSAGES[code], **params)
    if request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    ):
        return JSONResponse(
            {"error": {"code": code, "message": message}}, status_code=status, headers=headers
        )
    from server.web.pages import render  # the page renderer imports the service; import late

    config = {}
    gone = BOARD_PAGE.match(request.url.path)
    if code == "board_unknown" and gone:
        # A phone that was offline when the board was deleted drops its copy now.
        config["forgetBoard"] = gone.group(1)
    return render(
        request,
        "error.html",
        {"status": status, "message": message, "code": code},
        status_code=status,
        headers=headers,
        config=config,
    )


async def http_error(request: Request, exc: Exception) -> Response:
    """Answer Starlette's HTTP errors (unknown route, wrong method)."""
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, "bad_request")
    return error_response(request, exc.status_code, code, headers=dict(exc.headers or {}))


async def service_error(request: Request, exc: Exception) -> Response:
    """Answer a refused request with its reason."""
    assert isinstance(exc, ServiceError)
    headers = (
        {"Retry-After": str(exc.params["retry_after"])} if "retry_after" in exc.params else None
    )
    return error_response(request, exc.status, exc.code, headers=headers, **exc.params)


async def server_error(request: Request, exc: Exception) -> Response:
    """Answer an unexpected failure without details, and log them."""
    log.error("unhandled error on %s", request.url.path, exc_info=exc)
    return error_response(request, 500, "internal")
