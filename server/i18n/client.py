"""The browser client's strings per page: one small, cacheable script per page and language.

A page names the feature groups of `client_messages` its code uses; the server translates
them once per language into a script at `/i18n/{locale}/{name}.{digest}.js`, whose address
changes whenever its content does, so browsers keep it for a year. The page loads it ahead
of the bundle (a deferred classic script: the strict CSP allows no inline script).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache

from babel import Locale

from server.i18n.client_messages import CLIENT_GROUPS, ClientMessage
from server.i18n.markers import Plural
from server.i18n.translations import LOCALES, gettext, translations

CATALOG_PATH = "/i18n"
# The global the script sets and client/src/i18n.js reads.
CATALOG_GLOBAL = "tavleCatalog"
DIGEST_CHARS = 16
LARGEST_SAMPLE = 1000  # a count to try when looking for a number of each plural category

# The groups each page's code uses (tests/test_i18n.py checks them against client/src).
PAGE_GROUPS: dict[str, tuple[str, ...]] = {
    "basic": ("copy",),  # created, join, error: only the copy buttons speak
    "home": ("copy", "home"),
    "join_screen": ("copy", "join_screen"),
    "library": ("copy", "shared", "library", "programme"),
    # "lus" and "actions": what some kinds of map add to their notes (views/map/extras.js).
    "board": ("copy", "shared", "board", "compare", "lus", "actions"),
    "history": ("copy", "shared", "board", "compare", "library", "history", "lus", "actions"),
    "programme": ("copy", "shared", "compare", "charter", "library", "history", "programme"),
}
# Pages that show a board also get the strings of its engine's views.
ENGINE_GROUPS: dict[str, tuple[str, ...]] = {
    "map": ("map", "groups"),
    "charter": ("charter", "section_vote", "groups"),
}
BOARD_PAGES = ("board", "history")

CATALOGS: dict[str, tuple[str, ...]] = {
    **PAGE_GROUPS,
    **{
        f"{page}-{engine}": (*PAGE_GROUPS[page], *groups)
        for page in BOARD_PAGES
        for engine, groups in ENGINE_GROUPS.items()
    },
}


@dataclass(frozen=True)
class ClientCatalog:
    """One page's strings in one language, as the script the page loads."""

    name: str
    locale: str
    body: bytes
    digest: str

    @property
    def url(self) -> str:
        """Return the address of this content; another content gets another address."""
        return f"{CATALOG_PATH}/{self.locale}/{self.name}.{self.digest}.js"


def page_catalog(page: str, engine: str | None = None) -> str:
    """Return the name of the catalog a page needs (with its board's engine, if it shows one)."""
    name = page if page in PAGE_GROUPS else "basic"
    if name in BOARD_PAGES and engine in ENGINE_GROUPS:
        name = f"{name}-{engine}"
    return name


@cache
def client_messages(locale: str, name: str) -> dict[str, str | dict[str, str]]:
    """Return the strings of a catalog in a locale: a plural message as a form per category.

    Raises:
        KeyError: for a locale or a catalog name Tavle does not have.
    """
    if locale not in LOCALES:
        raise KeyError(locale)
    return {
        key: _translate(locale, message)
        for group in CATALOGS[name]
        for key, message in CLIENT_GROUPS[group].items()
    }


@cache
def client_catalog(locale: str, name: str) -> ClientCatalog:
    """Return a catalog in a locale as the script a page loads.

    Raises:
        KeyError: for a locale or a catalog name Tavle does not have.
    """
    data = {"locale": locale, "messages": client_messages(locale, name)}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    body = f"globalThis.{CATALOG_GLOBAL}={text};\n".encode()
    digest = hashlib.sha256(body).hexdigest()[:DIGEST_CHARS]
    return ClientCatalog(name, locale, body, digest)


def _translate(locale: str, message: ClientMessage) -> str | dict[str, str]:
    """Return a message's translation; a plural message as its form for each plural category.

    The client picks the category with `Intl.PluralRules`, which follows the same CLDR
    rules as Babel: the form for a category is the one gettext gives a number in it.
    """
    catalog = translations(locale)
    if isinstance(message, Plural):
        return {
            category: catalog.ngettext(message.singular, message.plural, count)
            for category, count in plural_samples(locale).items()
        }
    return gettext(locale, message)


@cache
def plural_samples(locale: str) -> dict[str, int]:
    """Return a whole number in each of a language's plural categories (CLDR), e.g. one: 1."""
    rule = Locale.parse(locale).plural_form
    samples: dict[str, int] = {}
    for count in range(LARGEST_SAMPLE):
        samples.setdefault(rule(count), count)
    return samples
