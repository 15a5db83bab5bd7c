"""Vote results as a picture in real Chromium: the best few as a bar chart, the whole
ranking paged, never an unbounded list (issue 12, "Results bury the board")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from tests.support.browser import facilitator_page, join, panel, phone, write
from tests.support.imports import import_value_map
from tests.support.items import note
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser

NOTES = 25


def voted_board(server: LiveServer) -> dict[str, Any]:
    """Import a value map of 25 notes, note i with i dots, its results shown."""
    session = {
        "budget": 20,
        "per_note": 1,
        "zone": None,
        "show_live": False,
        "status": "closed",
        "results_visible": True,
        "opened": "2027-03-14T10:00:00+00:00",
        "closed": "2027-03-14T10:05:00+00:00",
    }
    dots = [
        {"participant": f"p{voter}", "note": f"note-{i:02}", "dots": 1}
        for i in range(1, NOTES + 1)
        for voter in range(1, i + 1)
    ]
    return import_value_map(
        server,
        lambda zones: {
            f"note-{i:02}": note(f"Idé nummer {i}", zones[0], f"a{i:02}")
            for i in range(1, NOTES + 1)
        },
        participants=[{"ref": f"p{i}", "name": f"Leder {i}"} for i in range(1, 26)],
        votes=[{"session": session, "dots": dots}],
    )


@pytest.fixture
def laptop(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
    yield context
    context.close()


def chart(page: Page) -> Any:
    return page.locator("[data-results-chart] > li")


def test_results_show_the_best_ten_as_bars_and_the_rest_a_page_at_a_time(
    live_server: LiveServer, laptop: BrowserContext, playwright: Playwright, browser: Browser
) -> None:
    board = voted_board(live_server)
    lead = facilitator_page(laptop, board)
    results = lead.get_by_role("region", name="Results")
    expect(chart(lead)).to_have_count(10)
    expect(chart(lead).first).to_contain_text("Idé nummer 25")
    expect(chart(lead).first.locator("[data-result-dots]")).to_have_attribute(
        "data-result-dots", "25"
    )
    # Bars are as long as their share of the first's dots.
    widths = [
        chart(lead).nth(i).locator(".tv-results__fill").evaluate("el => el.style.width")
        for i in (0, 9)
    ]
    assert widths == ["100%", "64%"]

    # The whole ranking, one click away, twenty to a page.
    results.get_by_text("See the whole ranking (25)").click()
    page_rows = lead.locator("[data-results-page] > li")
    expect(page_rows).to_have_count(20)
    expect(lead.locator("[data-results-position]")).to_have_text("Page 1 of 2")
    results.get_by_role("button", name="Next").click()
    expect(page_rows).to_have_count(5)
    expect(page_rows.last).to_contain_text("Idé nummer 1")
    expect(results.get_by_role("button", name="Next")).to_be_disabled()

    # The facilitator shows the best five: every screen follows.
    context = phone(playwright, browser, "en-US")
    try:
        anne = context.new_page()
        anne.goto(f"{live_server.url}/join/{board['join_code']}")
        anne.get_by_label("Your name").fill("Anne")
        anne.get_by_role("button", name="Join", exact=True).tap()
        expect(chart(anne)).to_have_count(10)
        lead.get_by_role("button", name="Voting").click()
        shown = lead.get_by_label("Results shown")
        shown.fill("5")
        shown.press("Enter")
        shown.blur()
        expect(chart(lead)).to_have_count(5)
        expect(chart(anne)).to_have_count(5)
        expect(chart(anne).first).to_contain_text("Idé nummer 25")
    finally:
        context.close()


def test_a_phone_votes_from_one_list_with_its_dots_left_in_view(
    live_server: LiveServer, laptop: BrowserContext, playwright: Playwright, browser: Browser
) -> None:
    board = live_server.create_board("Storledermøde", kind="value-map", locale="en")
    lead = facilitator_page(laptop, board)
    context = phone(playwright, browser, "en-US", "iPhone 13")
    try:
        anne = context.new_page()
        join(anne, live_server, board["join_code"], "Anne")
        for index in range(12):
            write(anne, f"Idé {index}")
        expect(lead.locator("[data-note-id]")).to_have_count(12)

        lead.get_by_role("button", name="Facilitator panel").click()
        panel(lead).get_by_role("button", name="Vote", exact=True).click()
        lead.get_by_role("button", name="Voting").click()
        lead.get_by_role("button", name="Start vote").click()
        voting = anne.get_by_role("region", name="Place your dots")
        expect(voting).to_be_visible()
        # No disabled form on top: the first dot button is on the first screen.
        expect(anne.locator("[data-note-form]")).to_be_hidden()
        first = voting.locator("[data-vote-item]").first.get_by_role("button", name="Add dot")
        box = first.bounding_box()
        assert box is not None
        viewport = anne.viewport_size
        assert viewport is not None
        assert box["y"] + box["height"] <= viewport["height"]
        expect(voting.locator("[data-vote-item]")).to_have_count(12)
        left = voting.locator("[data-vote-list-left]")
        expect(left).to_have_text("3 dots left")
        first.tap()
        expect(left).to_have_text("2 dots left")
        # The count stays in view while scrolling down the list.
        voting.locator("[data-vote-item]").last.scroll_into_view_if_needed()
        box = left.bounding_box()
        assert box is not None
        assert 0 <= box["y"] <= viewport["height"]
        voting.locator("[data-vote-item]").last.get_by_role("button", name="Add dot").tap()
        expect(left).to_have_text("1 dot left")

        lead.get_by_role("button", name="End vote").click()
        expect(voting).to_be_hidden()
    finally:
        context.close()
