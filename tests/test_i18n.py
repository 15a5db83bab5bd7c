"""Translations (server/i18n): the catalogs, plural forms, and each page's strings script."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from starlette.testclient import TestClient

from server.app import create_app
from server.i18n import LOCALES, Plural, gettext, in_context, ngettext, translations
from server.i18n.client import CATALOGS, client_catalog, client_messages, page_catalog
from server.i18n.client_messages import CLIENT_GROUPS, CLIENT_MESSAGES, ClientMessage
from server.i18n.markers import InContext
from server.i18n.messages import ERROR_MESSAGES, NOTICE_MESSAGES
from server.settings import Settings
from tests.support.live import ROOT

CLIENT_SRC = ROOT / "client" / "src"

SAME_IN_DANISH = {
    "Tavle",
    "OK",
    "Offline",
    "Facilitator",
    "Zone",
    "Orange",
    "1 note",
    "Plenum",
    "1 person",
    "Zoom",
    "{count} for",
    "Markdown",
    "Word",
    "{count} min",
    "Start",
    "Pause",
    "Stop",
    "under {section}",
    "JSON",
    "PNG",
    "CSV",
    "Link",
}


def danish_catalog() -> Catalog:
    po = resources.files("server.i18n").joinpath("locale/da/LC_MESSAGES/messages.po")
    with po.open("rb") as handle:
        return read_po(handle, locale="da")


def forms(message: ClientMessage, locale: str) -> list[tuple[str, str]]:
    """Return (English, translation) for each form of a message: a plural has two."""
    catalog = translations(locale)
    if isinstance(message, Plural):
        return [
            (message.singular, catalog.ngettext(message.singular, message.plural, 1)),
            (message.plural, catalog.ngettext(message.singular, message.plural, 2)),
        ]
    if isinstance(message, InContext):
        return [(message.message, catalog.pgettext(message.context, message.message))]
    return [(message, catalog.gettext(message))]


# -- the catalogs ------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated_and_keeps_its_placeholders(locale: str) -> None:
    sources = [*ERROR_MESSAGES.values(), *NOTICE_MESSAGES.values(), *CLIENT_MESSAGES.values()]
    for source in sources:
        for english, translated in forms(source, locale):
            if locale == "da":
                # Words Danish shares with English are allowed to stay as they are.
                assert translated != english or english in SAME_IN_DANISH, (
                    f"untranslated: {english}"
                )
            placeholders = set(re.findall(r"{\w+}", translated))
            assert placeholders == set(re.findall(r"{\w+}", english)), english


def test_danish_catalog_has_no_fuzzy_or_missing_entries() -> None:
    problems = []
    for message in danish_catalog():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and (not all(strings) or message.fuzzy):
            problems.append(message.id)
    assert problems == []


def test_catalogs_hold_every_marked_string_and_are_compiled() -> None:
    """The .po files are up to date with the source, and the committed .mo files with them."""
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "catalogs"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert check.returncode == 0, check.stderr


# One word for one thing (docs/glossary.md, issue 12): a Danish word the glossary sets
# aside, and the one it chose instead.
AVOIDED_DANISH = {
    r"\bbegivenhed": "arrangement",
    r"(?<!store )\bgrupp": "klynge",  # a cluster; "store grupper" of people stay
    r"\bsnapshot": "øjebliksbillede",
    r"\bsedl?er?\b": "note",
}


def test_danish_catalog_uses_the_glossarys_words() -> None:
    found = [
        (text, instead)
        for message in danish_catalog()
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        for avoided, instead in AVOIDED_DANISH.items()
        if re.search(avoided, str(text), re.IGNORECASE)
    ]
    assert found == []


def test_one_english_text_can_have_two_danish_ones_by_context() -> None:
    assert gettext("da", "Guiding question") == "Spørgsmål til zonen"
    assert gettext("da", in_context("section", "Guiding question")) == "Spørgsmål til afsnittet"
    assert gettext("en", in_context("section", "Guiding question")) == "Guiding question"


# -- plural forms ------------------------------------------------------------------------------

DOTS = Plural("1 dot", "{count} dots")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("da", ["0 prikker", "1 prik", "2 prikker", "21 prikker"]),
        ("en", ["0 dots", "1 dot", "2 dots", "21 dots"]),
    ],
)
def test_the_server_picks_the_plural_form_of_a_count(locale: str, expected: list[str]) -> None:
    assert [ngettext(locale, DOTS, count) for count in (0, 1, 2, 21)] == expected


@pytest.mark.parametrize("locale", LOCALES)
def test_a_plural_message_reaches_the_client_as_a_form_per_plural_category(locale: str) -> None:
    messages = client_messages(locale, "board-map")
    plurals = {key for key, message in CLIENT_GROUPS["map"].items() if isinstance(message, Plural)}
    assert "map.vote.dots" in plurals
    for key in plurals:
        assert set(messages[key]) == {"one", "other"}, key
    # No hand-made plurals left: a `.one` key beside an `.other` one.
    assert not [key for key in CLIENT_MESSAGES if key.endswith(".one")]


CLIENT_PLURALS = """
const body = await new Promise((done) => {
  let text = ''
  process.stdin.on('data', (chunk) => { text += chunk })
  process.stdin.on('end', () => done(text))
})
new Function(body)()
const { loadCatalog, plural, t } = await import(process.argv[1])
loadCatalog('xx')
const counts = [0, 1, 2, 21]
console.log(JSON.stringify({
  dots: counts.map((count) => plural('map.vote.dots', count)),
  zone: counts.map((count) => plural('map.zone.removeBody', count, { target: 'Mod' })),
  other: t('map.vote.dots', { count: 5 }),
}))
"""


@pytest.mark.parametrize(
    ("locale", "dots", "zone"),
    [
        (
            "da",
            ["0 prikker", "1 prik", "2 prikker", "21 prikker"],
            "Zonens note flyttes til »Mod«.",
        ),
        ("en", ["0 dots", "1 dot", "2 dots", "21 dots"], "Its note moves to “Mod”."),
    ],
)
def test_the_client_picks_the_plural_form_with_intl_plural_rules(
    locale: str, dots: list[str], zone: str
) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node is needed: run the README's test command")
    result = subprocess.run(
        [node, "--input-type=module", "-e", CLIENT_PLURALS, (CLIENT_SRC / "i18n.js").as_uri()],
        input=client_catalog(locale, "board-map").body.decode(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    shown = json.loads(result.stdout)
    assert shown["dots"] == dots
    assert shown["zone"][1] == zone
    assert shown["zone"][2].count("2") == 1
    assert "Mod" in shown["zone"][2]
    # A plural message read without a count falls back to its `other` form.
    assert shown["other"] == dots[3].replace("21", "5")


# -- each page's strings -------------------------------------------------------------------------

IMPORT = re.compile(r"""(?:from|import)\s*\(?\s*['"](\.{1,2}/[^'"]+)['"]""")
PREFIXES = sorted({key.split(".")[0] for key in CLIENT_MESSAGES})
# A quoted key, or the start of one a template or `+` completes (`session.phase.${phase}`).
KEY_LITERAL = re.compile(r"""(['"`])((?:%s)\.[\w.]*)(\$\{|\1)""" % "|".join(PREFIXES))  # noqa: UP031
# A key written out where it is translated.
KEY_CALL = re.compile(r"""\b(?:t|plural)\(\s*'([^']+)'""")
# What every page runs besides its own start (client/src/main.js).
EVERY_PAGE = ["main.js"]
PAGE_STARTS = {
    "basic": ["pages/created.js", "pages/join.js"],
    "home": ["pages/home.js"],
    "join_screen": ["pages/join-screen.js"],
    "library": ["library/index.js"],
    "board": ["pages/board.js"],
    "history": ["history/index.js"],
    "programme": ["pages/programme.js"],
}
ENGINE_VIEWS = {"map": "views/map/", "charter": "views/charter/"}


def modules_from(starts: list[str], skip: tuple[str, ...]) -> set[Path]:
    """Return the client modules `starts` import, directly or not, leaving out `skip` folders."""
    found: set[Path] = set()
    todo = [(CLIENT_SRC / start).resolve() for start in starts]
    while todo:
        module = todo.pop()
        relative = module.relative_to(CLIENT_SRC.resolve()).as_posix()
        if module in found or relative.startswith(skip):
            continue
        found.add(module)
        todo += [(module.parent / m).resolve() for m in IMPORT.findall(module.read_text())]
    return found


def keys_used(name: str) -> set[tuple[str, bool]]:
    """Return the keys (or key prefixes, True) that the code of a catalog's page may ask for.

    A quoted string counts when it names a key (or begins one) of any group: the same code
    also writes command types such as `focus.set`, which are no keys.
    """
    page, _, engine = name.partition("-")
    others = tuple(folder for key, folder in ENGINE_VIEWS.items() if key != engine)
    pages = [start for starts in PAGE_STARTS.values() for start in starts]
    # main.js imports every page's start: follow only what it imports for all of them.
    every = [
        m
        for m in IMPORT.findall((CLIENT_SRC / "main.js").read_text())
        if m.removeprefix("./") not in pages
    ]
    modules = modules_from([*PAGE_STARTS[page], *every], others)
    literals = {
        (match[1], match[2] == "${" or match[1].endswith("."))
        for module in modules
        for match in KEY_LITERAL.findall(module.read_text())
    }
    return {
        (literal, is_prefix)
        for literal, is_prefix in literals
        if literal in CLIENT_MESSAGES
        or (is_prefix and any(key.startswith(literal) for key in CLIENT_MESSAGES))
    }


@pytest.mark.parametrize("name", sorted(CATALOGS))
def test_each_pages_catalog_holds_every_string_its_code_uses(name: str) -> None:
    keys = client_messages("en", name).keys()
    missing = sorted(
        literal
        for literal, is_prefix in keys_used(name)
        if not (any(key.startswith(literal) for key in keys) if is_prefix else literal in keys)
    )
    assert missing == []


def test_every_key_the_client_translates_exists() -> None:
    written = {
        key for module in CLIENT_SRC.rglob("*.js") for key in KEY_CALL.findall(module.read_text())
    }
    assert len(written) > 300
    # A key completed in code (`t('map.color.' + value)`) must begin one.
    unknown = {
        key
        for key in written
        if key not in CLIENT_MESSAGES
        and not (key.endswith(".") and any(k.startswith(key) for k in CLIENT_MESSAGES))
    }
    assert sorted(unknown) == []


def test_a_page_gets_the_strings_of_its_own_features_only() -> None:
    home, board_map, board_charter = (
        client_messages("da", name) for name in ("home", "board-map", "board-charter")
    )
    assert "home.forget" in home
    assert "notes.add" not in home
    assert "map.zones" in board_map
    assert "charter.section.add" not in board_map
    assert "charter.section.add" in board_charter
    assert "map.zones" not in board_charter
    assert not any(key.startswith("library.") for key in board_map)
    assert page_catalog("board", "charter") == "board-charter"
    assert page_catalog("board", "notes") == "board"
    assert page_catalog("created") == "basic"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(data_dir=tmp_path / "data"))
    with TestClient(app, base_url="http://tavle.test") as client:
        yield client


def catalog_url(page: str) -> str:
    found = re.search(r'<script src="(/i18n/[^"]+)" defer></script>', page)
    assert found is not None
    return found[1]


def test_a_page_loads_its_strings_as_a_script_cached_for_good(client: TestClient) -> None:
    danish = client.get("/", headers={"accept-language": "da"})
    english = client.get("/", headers={"accept-language": "en"})
    url = catalog_url(danish.text)
    assert re.fullmatch(r"/i18n/da/home\.[0-9a-f]{16}\.js", url)
    assert catalog_url(english.text).startswith("/i18n/en/home.")
    forget = client_messages("da", "home")["home.forget"]
    assert forget != "Forget"
    # The page itself carries none of the strings any more.
    assert forget not in danish.text
    assert '"messages"' not in danish.text

    script = client.get(url)
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert hashlib.sha256(script.content).hexdigest().startswith(url.split(".")[-2])
    assert forget in script.text
    assert client.get(url, headers={"if-none-match": script.headers["etag"]}).status_code == 304
    # The strict CSP lets it run: it comes from Tavle itself, not from an inline script.
    assert "script-src 'self'" in danish.headers["content-security-policy"]


def test_a_board_page_loads_the_strings_of_its_engine(client: TestClient) -> None:
    urls = {}
    for kind in ("value-map", "charter"):
        board = client.post("/api/boards", json={"title": "T", "kind": kind}).json()
        client.get(f"/b/{board['id']}?key={board['facilitator_token']}")
        urls[kind] = catalog_url(client.get(f"/b/{board['id']}").text)
    assert urls["value-map"].startswith("/i18n/da/board-map.")
    assert urls["charter"].startswith("/i18n/da/board-charter.")
    assert '"map.zones"' in client.get(urls["value-map"]).text
    assert '"charter.' not in client.get(urls["value-map"]).text


def test_an_outdated_or_unknown_catalog_address(client: TestClient) -> None:
    url = catalog_url(client.get("/join").text)
    stale = re.sub(r"\.[0-9a-f]{16}\.js$", ".0000000000000000.js", url)
    answer = client.get(stale)
    # A page from before a restart still gets today's strings, but not for good.
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-cache"
    assert answer.content == client.get(url).content
    assert client.get("/i18n/da/nothing.0000000000000000.js").status_code == 404
    assert client.get("/i18n/xx/basic.0000000000000000.js").status_code == 404
