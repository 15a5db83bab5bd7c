"""Real Chromium for the browser tests: Debian's build, phone profiles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

CHROMIUM = "/usr/bin/chromium"


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
