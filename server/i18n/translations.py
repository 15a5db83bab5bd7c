"""The compiled catalogs: look up a message, its plural form or its form in a context."""

from __future__ import annotations

from functools import cache
from importlib import resources

from babel.support import NullTranslations, Translations

from server.i18n.markers import InContext, Plural

LOCALES = ("da", "en")
DEFAULT_LOCALE = "da"
DOMAIN = "messages"


@cache
def translations(locale: str) -> NullTranslations:
    """Return the compiled catalog (.mo) of a locale, built from its .po by scripts/catalogs.

    A locale Tavle does not speak gets the English the source is written in.
    """
    if locale not in LOCALES:
        return NullTranslations()
    mo_file = resources.files(__package__).joinpath(f"locale/{locale}/LC_MESSAGES/{DOMAIN}.mo")
    if not mo_file.is_file():
        raise RuntimeError(
            f"{mo_file} is missing: run `.venv/bin/python scripts/catalogs` to compile it"
        )
    with mo_file.open("rb") as handle:
        return Translations(handle, domain=DOMAIN)


def gettext(locale: str, message: str | InContext, /, **params: object) -> str:
    """Translate a message into a locale and fill in its {placeholders}."""
    if isinstance(message, InContext):
        # Babel types pgettext as `str | object`; a gettext catalog holds only text.
        text = str(translations(locale).pgettext(message.context, message.message))
    else:
        text = translations(locale).gettext(message)
    return text.format(**params) if params else text


def ngettext(locale: str, message: Plural, count: int, /, **params: object) -> str:
    """Translate the form of a plural message that `count` needs; `{count}` is filled in."""
    text = translations(locale).ngettext(message.singular, message.plural, count)
    return text.format(**{"count": count, **params})
