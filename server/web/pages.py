"""HTML pages: home (create a board), created, join, the board, the language switch."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

import boards
from server.i18n import (
    LANG_COOKIE,
    LOCALES,
    choose_locale,
    client_catalog,
    gettext,
    page_catalog,
    translations,
)
from server.i18n.messages import ERROR_MESSAGES
from server.service import CreatedBoard, ServiceError
from server.store import Board, parse_snapshot_id
from server.web.common import (
    board_config,
    board_links,
    board_token,
    event_joiner,
    join_from_browser,
    join_url,
    member_token,
    remember_board,
    service_of,
    websocket_base,
)

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"
LANG_COOKIE_MAX_AGE_S = 365 * 24 * 3600
# Set when a board is made from the form; the page after the redirect shows the
# facilitator link once, while this cookie is there, and deletes it.
CREATED_FLASH_COOKIE = "tavle_created"
CREATED_FLASH_MAX_AGE_S = 10 * 60


@cache
def environment(locale: str) -> jinja2.Environment:
    """Return the template environment of one language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
    return env


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    config: dict[str, Any] | None = None,
    locale: str | None = None,
) -> HTMLResponse:
    """Render a page in the request's language (or `locale`), with the client's configuration."""
    locale = locale or choose_locale(request)
    page = template.removesuffix(".html")
    client_config = {"page": page, "lang": locale, **(config or {})}
    # The client's strings come as a script of their own, cached (server/i18n/client.py).
    shown = client_config.get("board")
    engine = shown.get("engine") if isinstance(shown, dict) else None
    catalog = client_catalog(locale, page_catalog(page, engine))
    other = next(code for code in LOCALES if code != locale)
    html = (
        environment(locale)
        .get_template(template)
        .render(
            request=request,
            lang=locale,
            page=page,
            other_lang=other,
            switch_url=f"/lang/{other}?next={quote(_here(request), safe='')}",
            config_json=_script_json(client_config),
            catalog_url=catalog.url,
            **context,
        )
    )
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    if request.query_params.get("lang") in LOCALES:
        _remember_language(response, request.query_params["lang"])
    return response


def _script_json(value: dict[str, Any]) -> str:
    """Encode JSON for a <script type="application/json"> block."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _here(request: Request) -> str:
    path = request.url.path
    return path + (
        f"?{request.url.query}" if request.url.query and "key=" not in request.url.query else ""
    )


def _remember_language(response: Response, locale: str) -> None:
    response.set_cookie(LANG_COOKIE, locale, max_age=LANG_COOKIE_MAX_AGE_S, samesite="lax")


# -- home and creating a board -----------------------------------------------------


async def home(request: Request) -> Response:
    """Show the create-a-board form and the boards this browser created."""
    return _home_page(request, {}, None)


def _home_page(
    request: Request, form: dict[str, str], error: str | None, status: int = 200
) -> Response:
    locale = choose_locale(request)
    kinds = [
        {
            "slug": kind.slug,
            "title": kind.text("title", locale),
            "description": kind.text("description", locale),
        }
        for kind in boards.registry().values()
    ]
    return render(
        request,
        "home.html",
        {
            "kinds": kinds,
            "form": form,
            "error": error,
            "needs_password": service_of(request).organiser_password is not None,
        },
        status_code=status,
    )


async def create_from_form(request: Request) -> Response:
    """Create a board from the home page form and go to the page of its links."""
    form = await request.form()
    fields = {
        key: str(form.get(key) or "")
        for key in ("title", "kind", "locale", "event", "event_date", "password")
    }
    service = service_of(request)
    try:
        service.check_organiser(fields["password"] or None)
        created = await service.create_board(
            title=fields["title"],
            kind=fields["kind"] or None,
            locale=fields["locale"] or None,
            event_name=fields["event"],
            event_date=fields["event_date"],
            joins=await event_joiner(request),
        )
    except ServiceError as exc:
        fields.pop("password")
        message = gettext(choose_locale(request), ERROR_MESSAGES[exc.code], **exc.params)
        return _home_page(request, fields, message, status=exc.status)
    # Post/redirect/get: refreshing the page that shows the code must not make a second
    # board with another code (issue 12). The token goes into the board's cookie, as on
    # any facilitator link, and a one-time flash cookie lets the next page show the link.
    board_id = created.board.id
    response: Response = RedirectResponse(f"/b/{board_id}/created", status_code=303)
    remember_board(request, response, board_id, created.facilitator_token)
    response.set_cookie(
        CREATED_FLASH_COOKIE,
        board_id,
        max_age=CREATED_FLASH_MAX_AGE_S,
        **_flash_cookie_scope(request, board_id),
    )
    return response


def _flash_cookie_scope(request: Request, board_id: str) -> dict[str, Any]:
    """Return where the one-time cookie of a created board lives: its page alone."""
    return {
        "path": f"/b/{board_id}/created",
        "httponly": True,
        "samesite": "lax",
        "secure": request.url.scheme == "https",
    }


async def created_page(request: Request) -> Response:
    """Show a new board's code and join link; its facilitator link only the first time."""
    service = service_of(request)
    board = await service.store.boards.get(request.path_params["board_id"])
    if board is None:
        raise ServiceError("board_unknown", 404)
    token = board_token(request, board.id) or ""
    try:
        identity = await service.identify(board, token, choose_locale(request))
    except ServiceError:
        identity = None
    if identity is None or identity.role != "facilitator":
        # Only the board's facilitator sees its code here (the board page says the rest).
        return RedirectResponse(f"/b/{board.id}", status_code=303)
    first = request.cookies.get(CREATED_FLASH_COOKIE) == board.id
    links = board_links(request, CreatedBoard(board=board, event=None, facilitator_token=token))
    event = await service.store.boards.get_event(board.event_id) if board.event_id else None
    facilitator_url = links["facilitator_url"] if first else ""
    response = render(
        request,
        "created.html",
        {
            "board": board,
            "event": event,
            "join_url": links["join_url"],
            "board_url": links["board_url"],
            "facilitator_url": facilitator_url,
        },
        headers={"cache-control": "no-store"},
        config={
            "board": {
                "id": board.id,
                "title": board.title,
                "kind": board.kind,
                "joinCode": board.join_code,
                "joinUrl": links["join_url"],
                "facilitatorUrl": facilitator_url,
                "created": board.created,
            }
        },
    )
    if first:
        response.delete_cookie(CREATED_FLASH_COOKIE, **_flash_cookie_scope(request, board.id))
    return response


# -- joining -------------------------------------------------------------------------


async def join_page(request: Request) -> Response:
    """Ask for the board's code and the participant's name."""
    code = request.path_params.get("code") or request.query_params.get("code", "")
    return render(
        request, "join.html", {"code": code.upper(), "name": "", "table": "", "error": None}
    )


async def join_from_form(request: Request) -> Response:
    """Join a board from the join form and go to it."""
    form = await request.form()
    code = str(form.get("code") or "")
    name = str(form.get("name") or "")
    table = str(form.get("table") or "")
    try:
        membership = await join_from_browser(request, code, name, table=table)
    except ServiceError as exc:
        message = gettext(choose_locale(request), ERROR_MESSAGES[exc.code], **exc.params)
        headers = (
            {"Retry-After": str(exc.params["retry_after"])} if "retry_after" in exc.params else None
        )
        return render(
            request,
            "join.html",
            {"code": code.upper(), "name": name, "table": table, "error": message},
            status_code=exc.status,
            headers=headers,
        )
    response = RedirectResponse(f"/b/{membership.board.id}", status_code=303)
    remember_board(request, response, membership.board.id, membership.token)
    return response


# -- the board -----------------------------------------------------------------------


async def board_page(request: Request) -> Response:
    """Show a board to its facilitator or to a participant who joined it."""
    service = service_of(request)
    board = await service.store.boards.get(request.path_params["board_id"])
    if board is None:
        raise ServiceError("board_unknown", 404)
    key = request.query_params.get("key")
    if key is not None:
        # Take the secret out of the address bar (it may be on a projector) into a cookie.
        # A facilitator's, team's or read-only link (a participant joins by code instead).
        keyed = await service.identify(board, key, choose_locale(request))
        if keyed.role == "participant":
            raise ServiceError("token_invalid", 401)
        response: Response = RedirectResponse(f"/b/{board.id}", status_code=303)
        remember_board(request, response, board.id, key)
        return response
    token = member_token(request, board) or ""
    # The projector speaks the board's language, the room's, whatever the laptop's is: the
    # page's `lang` is what hyphenates the board's words on the wall (issue 12 §6).
    present = request.query_params.get("view") == "present"
    locale = board.locale if present and board.locale in LOCALES else choose_locale(request)
    try:
        identity = await service.identify(board, token, locale)
    except ServiceError:
        # To the join form without the code: a board's address is in every read-only
        # link, and it must not lead to the code that makes its holder a participant.
        return RedirectResponse("/join", status_code=303)
    name = gettext(locale, "Facilitator")
    if identity.participant_id is not None:
        participant = await service.store.people.get_participant(identity.participant_id)
        name = participant.name if participant else name
    shows_code = identity.role in ("facilitator", "participant")
    return render(
        request,
        "board.html",
        {
            "board": board,
            "role": identity.role,
            "join_url": join_url(request, board) if shows_code else "",
            "name": name,
            "present": present,
        },
        locale=locale,
        config={
            "board": {
                **board_config(board),
                # A read-only link must not hand out the way in as a participant.
                "joinCode": board.join_code if shows_code else "",
                "joinUrl": join_url(request, board) if shows_code else "",
            },
            "ws": {"url": websocket_base(request) + "/ws", "token": token},
            "me": {"role": identity.role, "participantId": identity.participant_id, "name": name},
            # The projector's clean view: the same board without editing chrome.
            "view": "present" if present else "edit",
            "snapshot": await _snapshot_to_show(request, board, identity.role),
        },
    )


async def _snapshot_to_show(request: Request, board: Board, role: str) -> dict[str, Any] | None:
    """Return the snapshot `?snapshot=ID` asks to show read-only, for its facilitator."""
    wanted = request.query_params.get("snapshot")
    if wanted is None:
        return None
    if role not in ("facilitator", "team"):
        raise ServiceError("facilitator_only", 403)
    number = parse_snapshot_id(wanted)
    row = (
        await service_of(request).store.facilitation.get_snapshot(board.id, number)
        if number
        else None
    )
    if row is None:
        raise ServiceError("snapshot_unknown", 404)
    return {
        "id": row["id"],
        "label": row["label"],
        "kind": row["kind"],
        "created": row["created"],
        "documentUrl": f"/api/boards/{board.id}/snapshots/{row['id']}/document",
    }


async def switch_language(request: Request) -> Response:
    """Remember the chosen language and go back to the page."""
    locale = request.path_params["locale"]
    target = request.query_params.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    response = RedirectResponse(target, status_code=303)
    if locale in LOCALES:
        _remember_language(response, locale)
    return response


routes = [
    Route("/", home, methods=["GET"]),
    Route("/", create_from_form, methods=["POST"]),
    Route("/join", join_page, methods=["GET"]),
    Route("/join", join_from_form, methods=["POST"]),
    Route("/join/{code}", join_page, methods=["GET"]),
    Route("/b/{board_id}", board_page, methods=["GET"]),
    Route("/b/{board_id}/created", created_page, methods=["GET"]),
    Route("/lang/{locale}", switch_language, methods=["GET"]),
]
