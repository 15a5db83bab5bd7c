"""Translations: gettext catalogs (Babel) for pages, errors, exports and the browser client.

English is written in the source and marked with `_()`, `plural()` or `in_context()`; its
Danish lives only in `locale/da/LC_MESSAGES/messages.po`. `scripts/catalogs` extracts the
marks into the `.po` files and compiles them into the `.mo` files the server reads.
"""

from server.i18n.client import CATALOG_PATH, ClientCatalog, client_catalog, page_catalog
from server.i18n.markers import InContext, Plural, _, in_context, plural
from server.i18n.negotiation import LANG_COOKIE, choose_locale
from server.i18n.translations import DEFAULT_LOCALE, LOCALES, gettext, ngettext, translations

__all__ = [
    "CATALOG_PATH",
    "DEFAULT_LOCALE",
    "LANG_COOKIE",
    "LOCALES",
    "ClientCatalog",
    "InContext",
    "Plural",
    "_",
    "choose_locale",
    "client_catalog",
    "gettext",
    "in_context",
    "ngettext",
    "page_catalog",
    "plural",
    "translations",
]
