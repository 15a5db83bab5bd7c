"""WCAG 2.1 AA in real Chromium: axe-core finds no serious or critical violation on any
page, in any phase of a session, on a phone or a laptop (issue 12, "Accessibility")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from tests.support.axe import report, violations
from tests.support.browser import connected, facilitator_page, join, panel, write
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1366, "height": 768}}


def context_for(
    playwright: Playwright, browser: Browser, device: str | None, locale: str
) -> BrowserContext:
    """A context axe can be injected into (Tavle's CSP allows only Tavle's own scripts)."""
    profile: dict[str, Any] = dict(LAPTOP)
    if device is not None:
        profile = {
            k: v for k, v in playwright.devices[device].items() if k != "default_browser_type"
        }
    return browser.new_context(**profile, locale=locale, bypass_csp=True)


def open_panel(page: Page) -> None:
    """Open the facilitator's panel, folded on a laptop (issue 12 §5)."""
    page.get_by_role("button", name="Facilitator panel").click()
    expect(panel(page)).to_be_visible()


class Audit:
    """Collect violations page by page; fail once, listing them all."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def check(self, where: str, page: Page) -> None:
        self.found += report(where, violations(page))

    def assert_clean(self) -> None:
        assert not self.found, "\n".join(self.found)


@pytest.fixture
def contexts(playwright: Playwright, browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    made: list[BrowserContext] = []

    def make(device: str | None = None, locale: str = "en-US") -> BrowserContext:
        context = context_for(playwright, browser, device, locale)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def test_the_entry_pages_have_no_serious_violations(
    live_server: LiveServer, contexts: Callable[..., BrowserContext]
) -> None:
    audit = Audit()
    for device, locale in ((None, "da-DK"), ("iPhone 13", "da-DK"), ("Pixel 7", "en-US")):
        page = contexts(device, locale).new_page()
        page.goto(live_server.url + "/")
        audit.check(f"home {device or 'laptop'} {locale}", page)
        page.goto(live_server.url + "/join")
        audit.check(f"join {device or 'laptop'} {locale}", page)
    board = live_server.create_board("Storledermøde", kind="value-map")
    page = contexts("iPhone 13", "da-DK").new_page()
    page.goto(f"{live_server.url}/join/{board['join_code']}")
    audit.check("join with code", page)
    page.goto(f"{live_server.url}/b/unknown-board")
    audit.check("unknown board", page)
    audit.assert_clean()


def test_a_value_map_in_every_phase_has_no_serious_violations(
    live_server: LiveServer, contexts: Callable[..., BrowserContext]
) -> None:
    audit = Audit()
    board = live_server.create_board("Storledermøde", kind="value-map", locale="en")
    lead = facilitator_page(contexts(), board)
    open_panel(lead)
    phone = contexts("iPhone 13").new_page()
    join(phone, live_server, board["join_code"], "Anne")
    phone.get_by_label("Write a note").fill("Borgeren bliver hørt")
    phone.get_by_role("button", name="Add note").tap()
    expect(lead.locator("[data-note-id]")).to_have_count(1)

    def phase(name: str, value: str) -> None:
        panel(lead).get_by_role("button", name=name, exact=True).click()
        for page in (lead, phone):
            expect(page.locator("[data-session]")).to_have_attribute("data-phase", value)

    audit.check("map write, laptop", lead)
    # The wall's drawers and a note's actions menu, open.
    lead.get_by_role("button", name="Write note").click()
    expect(lead.get_by_label("Write a note")).to_be_visible()
    audit.check("map write, laptop, note form open", lead)
    lead.get_by_role("button", name="Voting").click()
    expect(lead.get_by_label("Dots per person")).to_be_visible()
    audit.check("map write, laptop, vote settings open", lead)
    lead.keyboard.press("Escape")
    lead.locator("[data-note-id]").get_by_role("button", name="More").click()
    expect(lead.locator("[data-note-id]").get_by_role("button", name="Hide")).to_be_visible()
    audit.check("map write, laptop, note menu open", lead)
    lead.keyboard.press("Escape")
    danish = facilitator_page(contexts(None, "da-DK"), board)
    audit.check("map write, Danish laptop", danish)
    audit.check("map write, phone", phone)
    phase("Private writing", "private")
    audit.check("map private, phone", phone)
    audit.check("map private, laptop", lead)
    phase("Vote", "vote")
    lead.get_by_role("button", name="Voting").click()
    lead.get_by_role("button", name="Start vote").click()
    expect(phone.locator("[data-vote-banner]")).to_be_visible()
    audit.check("map vote, phone", phone)
    audit.check("map vote, laptop", lead)
    phase("Discussion", "discuss")
    audit.check("map discuss, phone", phone)
    panel(lead).get_by_role("switch", name="Lock the board for participants").click()
    expect(phone.locator("[data-session]")).to_have_attribute("data-locked", "true")
    audit.check("map locked, phone", phone)

    present = lead.context.new_page()  # the facilitator's cookie opens the projector view
    present.set_viewport_size({"width": 1920, "height": 1080})
    present.goto(f"{live_server.url}/b/{board['id']}?view=present")
    expect(present.locator("[data-note-id]")).to_have_count(1)
    audit.check("map presentation view", present)
    present.goto(f"{live_server.url}/b/{board['id']}/join-screen")
    audit.check("join screen", present)
    audit.assert_clean()


def test_a_charter_while_writing_has_no_serious_violations(
    live_server: LiveServer, contexts: Callable[..., BrowserContext]
) -> None:
    audit = Audit()
    board = live_server.create_board("Ledelsesgrundlag", kind="charter", locale="en")
    laptop = facilitator_page(contexts(), board)
    expect(laptop.locator("[data-section-id]")).to_have_count(6)
    audit.check("charter, laptop", laptop)
    phone = contexts("Pixel 7").new_page()
    join(phone, live_server, board["join_code"], "Anna")
    audit.check("charter list, phone", phone)
    editor = laptop.locator("[data-wording-editor]").first
    editor.click()
    laptop.keyboard.type("Vi leder sammen. ")
    audit.check("charter while typing, laptop", laptop)
    audit.assert_clean()


def test_the_afterwards_pages_have_no_serious_violations(
    live_server: LiveServer, contexts: Callable[..., BrowserContext]
) -> None:
    audit = Audit()
    board = live_server.create_board("Storledermøde", kind="value-map", locale="en")
    page = facilitator_page(contexts(), board)
    page.goto(f"{live_server.url}/library")
    expect(page.locator("[data-library-board]")).to_have_count(1)
    audit.check("library", page)
    page.goto(f"{live_server.url}/b/{board['id']}/history")
    audit.check("history", page)
    audit.assert_clean()


def tab_to(page: Page, target: Any, presses: int = 60) -> None:
    """Press Tab until `target` has the focus, as a keyboard user moves through a page."""
    for _ in range(presses):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def test_a_keyboard_alone_joins_posts_votes_and_reads_the_results(
    live_server: LiveServer, contexts: Callable[..., BrowserContext]
) -> None:
    board = live_server.create_board("Storledermøde", kind="value-map", locale="en")
    lead = facilitator_page(contexts(), board)
    page = contexts().new_page()
    page.goto(f"{live_server.url}/join/{board['join_code']}")
    # Join: name, then Enter.
    tab_to(page, page.get_by_label("Your name"))
    page.keyboard.type("Anne")
    page.keyboard.press("Enter")
    connected(page)
    # Post a note: the field, then the button.
    tab_to(page, page.get_by_label("Write a note"))
    page.keyboard.type("Borgeren bliver hørt")
    tab_to(page, page.get_by_role("button", name="Add note"))
    page.keyboard.press("Enter")
    note = page.locator("[data-note-id]").filter(has_text="Borgeren bliver hørt")
    expect(note).to_have_count(1)
    expect(lead.locator("[data-note-id]")).to_have_count(1)

    # The facilitator opens a vote; the keyboard places a dot.
    open_panel(lead)
    panel(lead).get_by_role("button", name="Vote", exact=True).click()
    lead.get_by_role("button", name="Voting").click()
    lead.get_by_role("button", name="Start vote").click()
    add = note.get_by_role("button", name="Add dot")
    expect(add).to_be_visible()
    tab_to(page, add)
    page.keyboard.press("Space")
    expect(page.locator("[data-vote-banner]")).to_contain_text("2 dots left")

    # Results shown: the keyboard user reads them (their note is ranked, with its dot).
    lead.get_by_role("button", name="End vote").click()
    lead.get_by_role("button", name="Show results").click()
    results = page.get_by_role("region", name="Results")
    expect(results).to_contain_text("Borgeren bliver hørt")
    first_result = results.get_by_role("listitem").first
    expect(first_result).to_contain_text("1")


def test_a_screen_reader_hears_of_others_notes_in_summary(
    live_server: LiveServer, contexts: Callable[..., BrowserContext]
) -> None:
    board = live_server.create_board("Storledermøde", kind="value-map", locale="en")
    pages = []
    for name in ("Anne", "Bent"):
        page = contexts("Pixel 7").new_page()
        join(page, live_server, board["join_code"], name)
        pages.append(page)
    anne, bent = pages
    for text in ("Tillid", "Mod", "Samarbejde"):
        write(bent, text)
    # One polite message for the three, not three; and none for one's own notes.
    arrivals = anne.locator("[data-arrivals]")
    expect(arrivals).to_have_attribute("aria-live", "polite")
    expect(arrivals).to_have_text("3 new notes from others", timeout=15_000)
    expect(bent.locator("[data-arrivals]")).to_have_text("")


NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth + 1"


def test_pages_reflow_at_200_percent_zoom_and_honour_reduced_motion(
    live_server: LiveServer, browser: Browser
) -> None:
    board = live_server.create_board("Storledermøde", kind="value-map", locale="da")
    # 200 % zoom of a 1366-pixel laptop is a 683-pixel-wide page (WCAG 1.4.4, 1.4.10).
    context = browser.new_context(
        viewport={"width": 683, "height": 384}, locale="da-DK", reduced_motion="reduce"
    )
    try:
        page = context.new_page()
        wide: list[str] = []
        for path in ("/", "/join", f"/join/{board['join_code']}"):
            page.goto(live_server.url + path)
            if not page.evaluate(NO_SIDEWAYS_SCROLL):
                wide.append(path)
        page.goto(board["facilitator_url"])
        connected(page)
        if not page.evaluate(NO_SIDEWAYS_SCROLL):
            wide.append("facilitator's board")
        assert wide == [], f"pages that scroll sideways at 200 %: {wide}"
        # Reduced motion: nothing on the board animates.
        moving = page.evaluate(
            """() => [...document.querySelectorAll('*')].filter((element) => {
                const style = getComputedStyle(element)
                const seconds = (value) => Math.max(...value.split(',').map(parseFloat))
                const longest = Math.max(
                  seconds(style.transitionDuration), seconds(style.animationDuration)
                )
                return longest > 0.01
            }).map((element) => element.className).slice(0, 5)"""
        )
        assert moving == [], f"elements that still animate with reduced motion: {moving}"
    finally:
        context.close()
