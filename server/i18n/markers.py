"""Mark strings for the catalogs: `scripts/catalogs` extracts every marked string."""

from __future__ import annotations

from typing import NamedTuple


class Plural(NamedTuple):
    """A message with a singular and a plural form, chosen by a count (`ngettext`)."""

    singular: str
    plural: str


class InContext(NamedTuple):
    """A message whose translation depends on where it stands (`pgettext`)."""

    context: str
    message: str


def _(message: str) -> str:
    """Mark a string for extraction; it is translated when it is shown."""
    return message


def plural(singular: str, plural: str) -> Plural:
    """Mark a message that has plural forms; the count picks one when it is shown."""
    return Plural(singular, plural)


def in_context(context: str, message: str) -> InContext:
    """Mark a message that another place translates differently under the same English."""
    return InContext(context, message)


# How scripts/catalogs finds the marks (Babel's keyword specifications).
KEYWORDS: dict[str, object] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "plural": (1, 2),
    "in_context": ((1, "c"), 2),
}
