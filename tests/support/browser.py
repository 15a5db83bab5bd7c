"""Real Chromium for the browser tests: Debian's build, phone and laptop profiles, and what
every browser test does on a page (join, write a note, find one, wait for the connection)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    Playwright,
    ViewportSize,
    expect,
    sync_playwright,
)

from tests.support.live import LiveServer

CHROMIUM = "/usr/bin/chromium"


class Closable(Protocol):
    def close(self) -> None: ...


D = TypeVar("D", bound=Closable)


LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    # A page served through route.fulfill counts as "local" and may not open
    # websockets to 127.0.0.1 otherwise.
    "--disable-features=LocalNetworkAccessChecks",
]


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    # Module-scoped and stopped here: Playwright's sync API holds an event loop, which
    # must be gone before the async tests of other modules start theirs.
    runner = sync_playwright().start()
    yield runner
    runner.stop()


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium; Playwright cannot download browsers here."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
    yield browser
    browser.close()


def phone(
    playwright: Playwright, browser: Browser, locale: str, device: str = "Pixel 7"
) -> BrowserContext:
    profile = {k: v for k, v in playwright.devices[device].items() if k != "default_browser_type"}
    return browser.new_context(**profile, locale=locale)


LAPTOP: ViewportSize = {"width": 1440, "height": 900}
# A charter section's wording as people see it, one line per block, from its editor
# element: other people's carets (with their names) left out.
WORDING_TEXT = """(editor) => {
  const copy = editor.cloneNode(true)
  copy.querySelectorAll('[data-remote-caret]').forEach((caret) => caret.remove())
  return Array.from(copy.querySelectorAll('p, li'), (block) => block.textContent).join('\\n')
}"""

# The join form's name field and button, by the language the phone's browser speaks.
JOIN_FORM = {"en": ("Your name", "Join"), "da": ("Dit navn", "Deltag")}


def laptop(
    browser: Browser, locale: str = "en-US", viewport: ViewportSize = LAPTOP, **options: Any
) -> BrowserContext:
    """Return a browser context of a facilitator's laptop (`options`: Playwright's)."""
    return browser.new_context(viewport=viewport, locale=locale, **options)


def connected(page: Page) -> None:
    """Wait until the page's board is connected, as its status pill says."""
    expect(page.locator("[data-connection-status]")).to_have_attribute("data-state", "connected")


def facilitator_page(context: BrowserContext, board: dict[str, str]) -> Page:
    """Open a board by its facilitator link in a new tab of a context; wait until connected."""
    page = context.new_page()
    page.goto(board["facilitator_url"])
    connected(page)
    return page


def joined(server: LiveServer, context: BrowserContext, board: dict[str, str], name: str) -> Page:
    """Open a board on a phone as a participant who joined it by its code (the API's join)."""
    token = server.join(board["join_code"], name)["token"]
    context.add_cookies([{"name": f"tavle_b_{board['id']}", "value": token, "url": server.url}])
    page = context.new_page()
    page.goto(f"{server.url}/b/{board['id']}")
    connected(page)
    return page


def join(page: Page, server: LiveServer, code: str, name: str, language: str = "en") -> None:
    """Join a board by its link with a code, as a phone does; wait until connected."""
    label, button = JOIN_FORM[language]
    page.goto(f"{server.url}/join/{code}")
    page.get_by_label(label).fill(name)
    page.get_by_role("button", name=button, exact=True).tap()
    connected(page)


def write(page: Page, text: str, zone: str | None = None) -> None:
    """Post a note from the form (in a zone named as shown, when given), in English."""
    page.get_by_label("Write a note").fill(text)
    if zone is not None:
        page.get_by_label("Zone", exact=True).select_option(label=zone)
    page.get_by_role("button", name="Add note").tap()
    expect(page.get_by_label("Write a note")).to_have_value("")


def note_card(page: Page, text: str) -> Locator:
    """Return the note cards whose text contains `text`."""
    return page.locator("[data-note-id]").filter(
        has=page.locator("[data-note-text]", has_text=text)
    )


def panel(page: Page) -> Locator:
    """Return the facilitator's panel, in English."""
    return page.get_by_role("complementary", name="Facilitation")


class Devices:
    """The browser contexts a test's set-up opened; `close` closes them all."""

    def __init__(self) -> None:
        self.contexts: list[BrowserContext] = []

    def open(self, context: BrowserContext) -> BrowserContext:
        self.contexts.append(context)
        return context

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def fixture_of(
    make: Callable[[LiveServer, Playwright, Browser], D],
) -> Callable[..., Iterator[D]]:
    """Return a pytest fixture that sets `make(live_server, playwright, browser)` up for a
    test and closes it after: `room = fixture_of(Room)` in a test module."""

    @pytest.fixture
    def fixture(live_server: LiveServer, playwright: Playwright, browser: Browser) -> Iterator[D]:
        made = make(live_server, playwright, browser)
        yield made
        made.close()

    return fixture
