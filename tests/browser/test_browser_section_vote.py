"""The LUS guide's dot vote over its sections in real Chromium: three phones pick the
themes common to every conversation; the facilitator's laptop and the projector rank them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from tests.support.axe import report, violations
from tests.support.browser import connected, facilitator_page, joined, laptop
from tests.support.live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def iphone(playwright: Playwright, browser: Browser) -> BrowserContext:
    """An iPhone 13 that lets axe's script in (the pages' CSP refuses inline scripts)."""
    device = playwright.devices["iPhone 13"]
    profile = {k: v for k, v in device.items() if k != "default_browser_type"}
    return browser.new_context(**profile, locale="en-US", bypass_csp=True)


def dot(page: Page, section: str) -> None:
    page.get_by_role("button", name=f"Add dot to “{section}”").tap()


def test_three_phones_pick_the_common_themes_of_the_lus_guide(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    guide = live_server.create_board("LUS guide", kind="lus-guide", locale="en")
    contexts = [iphone(playwright, browser) for _ in range(3)]
    contexts.append(laptop(browser, bypass_csp=True))
    try:
        lead = facilitator_page(contexts[3], guide)
        panel = lead.get_by_role("region", name="Dot vote on the sections")
        expect(panel).to_contain_text("Which three themes belong in every conversation?")
        expect(panel.get_by_label("Dots per person")).to_have_value("3")  # the kind's
        anna, bent, cecilie = (
            joined(live_server, context, guide, name)
            for context, name in zip(contexts[:3], ("Anna", "Bent", "Cecilie"), strict=True)
        )
        panel.get_by_role("button", name="Start vote").click()

        # Anna spends her three dots, changes her mind about one, and has none left.
        for section in ("The dual role", "Wellbeing as a leader", "Our cooperation"):
            dot(anna, section)
        anna.get_by_role("button", name="Remove dot from “Our cooperation”").tap()
        dot(anna, "Follow-up")
        expect(anna.get_by_role("status").filter(has_text="dots left")).to_have_text("0 dots left")
        row = anna.locator('[data-section-vote-item="follow-up"]')
        expect(row).to_contain_text("Your dots: 1")
        expect(anna.get_by_role("button", name="Add dot to “Our cooperation”")).to_be_disabled()
        # The preamble frames the guide: it is no theme to vote on.
        expect(anna.get_by_role("button", name="Add dot to “The purpose of LUS”")).to_have_count(0)
        assert report("a phone voting on sections", violations(anna)) == []
        for section in ("The dual role", "Wellbeing as a leader", "Our cooperation"):
            dot(bent, section)
        for section in ("The dual role", "Follow-up", "Development goals and agreements"):
            dot(cecilie, section)
        expect(panel).to_contain_text("3 people have voted, 9 dots")
        # Nobody sees the results until the facilitator shows them.
        expect(lead.get_by_role("region", name="Results")).to_be_hidden()
        expect(cecilie.get_by_role("region", name="Results")).to_be_hidden()

        panel.get_by_role("button", name="End vote").click()
        expect(bent.get_by_text("Voting has ended. Thank you!").first).to_be_visible()
        expect(bent.get_by_role("button", name="Add dot to “Follow-up”")).to_be_hidden()
        panel.get_by_role("button", name="Show results").click()

        projector = contexts[3].new_page()
        projector.goto(f"{live_server.url}/b/{guide['id']}?view=present")
        connected(projector)
        for screen in (lead, projector, anna):
            results = screen.get_by_role("region", name="Results")
            chosen = results.get_by_role("list", name="The 3 common themes").get_by_role("listitem")
            expect(chosen).to_have_count(3)
            # Ties keep the guide's order: wellbeing comes before follow-up in it.
            expect(chosen).to_contain_text(
                ["The dual role3 dots", "Wellbeing as a leader2 dots", "Follow-up2 dots"]
            )
            others = results.get_by_role("list", name="The other sections").get_by_role("listitem")
            expect(others).to_have_count(7)
            expect(others.nth(0)).to_contain_text("Our cooperation1 dot")
            expect(others.nth(1)).to_contain_text("Development goals and agreements1 dot")
            expect(others.nth(2)).to_contain_text("Course and preparation0 dots")
        assert report("the section vote's results", violations(lead)) == []
    finally:
        for context in contexts:
            context.close()
