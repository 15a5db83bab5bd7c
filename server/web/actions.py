"""A pre-jekt's action list as files: /b/{id}/export.actions.csv and .docx.

Only kinds that declare `"actions": true` (boards/kinds/pre-ject.json) have the list; it is
read from the live room when the board is in memory, as every export is
(server/web/exports.py), and written by server/afterwards/actions.py.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import boards
from server.afterwards.actions import actions_csv, actions_docx, read_actions
from server.service import ServiceError
from server.web.common import board_and_identity
from server.web.exports import DOCX_TYPE, _attachment, live_source

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "docx": DOCX_TYPE}


async def export_actions(request: Request) -> Response:
    """GET /b/{id}/export.actions.{csv|docx}: the board's actions, for anyone on the board."""
    board, identity = await board_and_identity(request)
    fmt = request.path_params["format"]
    kind = boards.get_kind(board.kind)
    if fmt not in MEDIA_TYPES or kind is None or not kind.actions:
        raise ServiceError("export_format", 404)
    actions = read_actions((await live_source(request, board)).doc)
    if fmt == "csv":
        body = actions_csv(actions, identity.locale).encode("utf-8")
    else:
        body = actions_docx(board.title, actions, identity.locale)
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={
            "content-disposition": _attachment(f"{board.title}.actions.{fmt}"),
            "cache-control": "no-store",
        },
    )


# Ahead of /b/{id}/export.{format} in the app's routes: that one would take "actions.csv".
routes = [Route("/b/{board_id}/export.actions.{format}", export_actions, methods=["GET"])]
