"""Rounds in real Chromium: a charter carried into a second event with its everyday
examples, from the library's dialog, and the programme's page with both rounds (issue 15)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect

from tests.support.browser import connected, facilitator_page, join, laptop, phone
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser

MARCH = "Storledermøde marts 2027"
MAY = "Temadag maj 2027"
EXAMPLE = "We met the school and the social workers in one room."


def library_row(page: Page, title: str, event: str) -> Locator:
    return (
        page.locator(f'[data-event-name="{event}"]')
        .locator("[data-library-board]")
        .filter(has=page.get_by_role("heading", name=title, exact=True))
    )


def test_a_charter_carried_into_a_second_event_with_its_examples(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    board = live_server.create_board(
        "Leadership charter", kind="charter", locale="en", event=MARCH, event_date="2027-03-14"
    )
    lead_context = laptop(browser)
    phone_context = phone(playwright, browser, "en-US", "iPhone 13")
    try:
        lead = facilitator_page(lead_context, board)
        anna = phone_context.new_page()
        join(anna, live_server, board["join_code"], "Anna")
        anna.get_by_role("button", name="Open “We lead across boundaries”").tap()
        across = anna.locator('[data-section-id="across"]')
        across.locator("[data-example-open]").tap()
        across.get_by_label("Your example").fill(EXAMPLE)
        across.get_by_role("button", name="Add example").tap()
        on_laptop = lead.locator('[data-section-id="across"] [data-example-id]')
        expect(on_laptop).to_contain_text("social workers")

        # From the library: the dialog asks where the board goes on.
        lead.goto(f"{live_server.url}/library")
        row = library_row(lead, "Leadership charter", MARCH)
        carry = row.get_by_role("button", name="Carry into next event")
        carry.click()
        dialog = lead.get_by_role("dialog", name="Carry “Leadership charter” into the next event")
        expect(dialog).to_be_visible()
        expect(dialog.get_by_label("Name of the event")).to_be_focused()
        # Nothing typed: the dialog says what is missing and sends nothing.
        dialog.get_by_role("button", name="Carry into the event").click()
        expect(dialog.get_by_role("alert")).to_have_text("Please give the new event a name.")
        dialog.get_by_label("Name of the event").fill(MAY)
        dialog.get_by_label("Date (optional)").fill("2027-05-20")
        dialog.get_by_label("Kind of meeting").select_option(label="Theme day")
        dialog.get_by_label("Name of the programme").fill("Leadership charter 2027")
        dialog.get_by_role("button", name="Carry into the event").click()
        expect(dialog).to_be_hidden()

        # The new round is in the library, in its own event of the programme.
        new_row = library_row(lead, "Leadership charter", MAY)
        expect(new_row).to_have_count(1)
        expect(new_row).to_contain_text("continues an earlier round")
        may = lead.locator(f'[data-event-name="{MAY}"]')
        expect(may.locator("[data-meeting-kind]")).to_have_text("Theme day")
        expect(may.get_by_role("link", name="Programme: Leadership charter 2027")).to_be_visible()
        expect(row.locator("[data-carried-facilitator-url]")).to_have_value(
            re.compile(r"/b/[\w-]+\?key=f1_")
        )

        # The new round opens for this browser as its facilitator: the wording and the
        # example are there, and the example says which event it was written at.
        row.get_by_role("link", name="Open the new round").click()
        connected(lead)
        expect(lead.locator('[data-role="facilitator"]')).to_be_visible()
        carried = lead.locator('[data-section-id="across"] [data-example-id]')
        expect(carried).to_contain_text("social workers")
        preamble = lead.locator('[data-section-id="preamble"] [data-wording-editor]')
        expect(preamble).to_contain_text("Our leadership charter describes how we lead")
        board_id = lead.url.rsplit("/", 1)[1]
        markdown = lead.request.get(
            f"{live_server.url}/b/{board_id}/export.md", headers={"accept-language": "en"}
        ).text()
        assert f"{EXAMPLE} (from our own unit · from the event {MARCH})" in markdown

        # The programme's page: both events in order, with the two rounds.
        lead.goto(f"{live_server.url}/library")
        lead.get_by_role("link", name="Programme: Leadership charter 2027").first.click()
        expect(lead.get_by_role("heading", level=1)).to_have_text("Leadership charter 2027")
        events = lead.get_by_role("list", name="Events in order").locator("[data-programme-event]")
        expect(events).to_have_count(2)
        expect(events.nth(0).get_by_role("heading", level=2)).to_have_text(MARCH)
        expect(events.nth(1).get_by_role("heading", level=2)).to_have_text(MAY)
        expect(events.nth(1)).to_contain_text("Theme day")
        expect(events.nth(0).locator("[data-round]")).to_have_text("round 1")
        expect(events.nth(1).locator("[data-round]")).to_have_text("round 2")
        expect(events.nth(1)).to_contain_text(f"continues “Leadership charter” from {MARCH}")

        # Comparing the two rounds: nothing changed yet but the sections' states.
        lead.get_by_label("From round").select_option(
            label=f"Round 1 · {MARCH} · Leadership charter"
        )
        lead.get_by_label("To round").select_option(label=f"Round 2 · {MAY} · Leadership charter")
        lead.get_by_role("button", name="Compare", exact=True).click()
        result = lead.locator("[data-compare-result]")
        expect(result.locator("[data-compare-heading]")).to_have_text(
            f"From Round 1 · {MARCH} · Leadership charter to Round 2 · {MAY} · Leadership charter"
        )
        expect(result.locator("[data-compare-none]")).to_be_visible()
    finally:
        lead_context.close()
        phone_context.close()
