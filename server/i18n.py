"""Translations: gettext catalogs (Babel) for pages, errors and the browser client."""

from __future__ import annotations

import io
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from babel import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from server.client_messages import CLIENT_MESSAGES

if TYPE_CHECKING:  # the room uses gettext and must not import the web framework
    from starlette.requests import HTTPConnection

LOCALES = ("da", "en")
DEFAULT_LOCALE = "da"
LANG_COOKIE = "tavle_lang"


@cache
def translations(locale: str) -> NullTranslations:
    """Return the compiled catalog of a locale, read from its .po file."""
    po_file = resources.files(__package__).joinpath(f"locale/{locale}/LC_MESSAGES/messages.po")
    if not po_file.is_file():
        return NullTranslations()
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def gettext(locale: str, message: str, /, **params: object) -> str:
    """Translate a message into a locale and fill in its {placeholders}."""
    text = translations(locale).gettext(message)
    return text.format(**params) if params else text


def client_messages(locale: str) -> dict[str, str]:
    """Return the browser client's strings in a locale."""
    return {key: gettext(locale, message) for key, message in CLIENT_MESSAGES.items()}


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


def language_name(locale: str) -> str:
    """Return a language's own name, e.g. 'dansk'."""
    return Locale.parse(locale).get_display_name(locale) or locale
