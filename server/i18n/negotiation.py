"""Choose a request's language: the visible switch first, then what the browser prefers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel import negotiate_locale

from server.i18n.translations import DEFAULT_LOCALE, LOCALES

if TYPE_CHECKING:  # the room uses gettext and must not import the web framework
    from starlette.requests import HTTPConnection

LANG_COOKIE = "tavle_lang"


def choose_locale(conn: HTTPConnection) -> str:
    """Pick the language: the visible switch (a cookie) first, then the browser's."""
    chosen = conn.query_params.get("lang") or conn.cookies.get(LANG_COOKIE)
    if chosen in LOCALES:
        return chosen
    header = conn.headers.get("accept-language", "")
    preferred = [part.split(";")[0].strip().replace("-", "_") for part in header.split(",")]
    preferred = [tag for tag in preferred if tag and tag != "*"]
    return negotiate_locale(preferred, list(LOCALES)) or _language_only(preferred)


def _language_only(preferred: list[str]) -> str:
    for tag in preferred:
        language = tag.split("_")[0].lower()
        if language in LOCALES:
            return language
        if language in ("nb", "no", "nn", "sv"):
            # Scandinavian readers get Danish, which they read more easily than English.
            return "da"
    return DEFAULT_LOCALE if not preferred else "en"
