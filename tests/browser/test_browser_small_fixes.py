"""The smaller observations of issue 12 in real Chromium: creating a board, the timer,
names that contain what a button shows, and the facilitator's count of participants."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.support.axe import rule_violations, violations
from tests.support.browser import facilitator_page, laptop
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser

LIVE_MS = 10_000  # what "follows live" may take at most here (the panel polls every 4 s)


@pytest.fixture
def danish_laptop(browser: Browser) -> Iterator[BrowserContext]:
    """A Danish laptop's context (axe is injected as a script tag, which the page's CSP
    would refuse)."""
    context = laptop(browser, "da-DK", viewport={"width": 1366, "height": 768}, bypass_csp=True)
    yield context
    context.close()


def name_mismatches(page: Page, selector: str) -> list[str]:
    """Return axe-core's `label-content-name-mismatch` findings inside `selector`."""
    return rule_violations(page, "label-content-name-mismatch", selector)


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """Return axe-core's serious and critical findings on the whole page, every rule."""
    return violations(page, tags=None)


def test_refreshing_the_page_with_the_code_makes_no_second_board(
    live_server: LiveServer, danish_laptop: BrowserContext
) -> None:
    page = danish_laptop.new_page()
    page.goto(live_server.url)
    page.get_by_label("Titel").fill("Storledermøde")
    page.get_by_role("button", name="Opret tavle").click()
    expect(page.get_by_role("heading", name="Din tavle er klar")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/b/[^/?]+/created$"))
    code = page.locator("[data-join-code]").inner_text()
    expect(page.locator("[data-facilitator-url]")).to_contain_text("?key=")
    assert serious_violations(page) == []

    page.reload()
    expect(page.locator("[data-join-code]")).to_have_text(code)
    # The secret was shown once; the browser keeps it, and the board still opens.
    expect(page.locator("[data-facilitator-url]")).to_have_count(0)
    assert serious_violations(page) == []
    page.get_by_role("link", name="Åbn tavlen").click()
    expect(page).to_have_url(re.compile(r"/b/[^/?]+$"))
    expect(page.locator('[data-role="facilitator"]')).to_be_visible()
    with sqlite3.connect(live_server.data_dir / "tavle.db") as db:
        assert db.execute("SELECT count(*) FROM boards").fetchone() == (1,)


def test_timer_presets_are_the_ones_facilitators_use_and_named_as_shown(
    live_server: LiveServer, danish_laptop: BrowserContext
) -> None:
    board = live_server.create_board("Temadag", kind="value-map", locale="da")
    page = facilitator_page(danish_laptop, board)
    # Folded on a laptop: the wall comes first (issue 12 §5).
    page.get_by_role("button", name="Facilitatorpanel").click()
    panel = page.get_by_role("complementary", name="Facilitering")
    presets = panel.locator("[data-timer-preset]")
    expect(presets).to_have_text(["1 min", "2 min", "3 min", "5 min", "10 min"])
    assert name_mismatches(page, "[data-facilitation-panel]") == []
    panel.get_by_role("button", name="2 min: start nedtællingen").click()
    expect(page.get_by_role("timer").locator("[data-timer-digits]")).to_have_text(
        re.compile(r"^0[12]:\d\d$")
    )


def test_charter_format_buttons_are_named_with_what_they_show(
    live_server: LiveServer, danish_laptop: BrowserContext
) -> None:
    board = live_server.create_board("Ledelsesgrundlag", kind="charter", locale="da")
    page = facilitator_page(danish_laptop, board)
    toolbar = page.locator("[data-format-toolbar]").first
    expect(toolbar.get_by_role("button", name="Nummereret liste")).to_have_count(1)
    assert name_mismatches(page, "[data-format-toolbar]") == []


def test_the_panel_counts_participants_as_they_join(
    live_server: LiveServer, danish_laptop: BrowserContext
) -> None:
    board = live_server.create_board("Temadag", kind="value-map", locale="da")
    page = facilitator_page(danish_laptop, board)
    page.get_by_role("button", name="Facilitatorpanel").click()
    count = page.locator("[data-panel-people] [data-people-summary]")
    expect(count).to_have_text("(0)")
    for name in ("Anne", "Bent", "Carl", "Dorte", "Eva"):
        live_server.join(board["join_code"], name)
    # The participants' section stays folded, as it was when it showed "(0)" with five joined.
    expect(count).to_have_text("(5)", timeout=LIVE_MS)
