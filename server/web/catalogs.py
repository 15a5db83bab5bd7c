"""Serve the client's strings: one script per page's catalog and language, cached for a year."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.i18n import CATALOG_PATH, client_catalog

# The address names the content (its digest), so a browser may keep it for good.
IMMUTABLE = "public, max-age=31536000, immutable"
# A page rendered before a restart may ask for a digest this server no longer has: it gets
# today's strings, which its bundle can read, but must ask again next time.
REVALIDATE = "no-cache"


async def catalog(request: Request) -> Response:
    """Answer `/i18n/{locale}/{name}.{digest}.js` with that catalog's script."""
    name, _, digest = request.path_params["file"].removesuffix(".js").rpartition(".")
    try:
        found = client_catalog(request.path_params["locale"], name)
    except KeyError:
        return Response("There is no such catalog.", 404, media_type="text/plain")
    fresh = digest == found.digest
    headers = {"cache-control": IMMUTABLE if fresh else REVALIDATE, "etag": f'"{found.digest}"'}
    if request.headers.get("if-none-match") == headers["etag"]:
        return Response(status_code=304, headers=headers)
    return Response(found.body, headers=headers, media_type="text/javascript")


routes = [Route(CATALOG_PATH + "/{locale}/{file}", catalog, methods=["GET"])]
