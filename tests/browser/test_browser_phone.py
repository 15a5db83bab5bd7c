"""A phone in the write phase, in real Chromium on an iPhone 13 profile (issue 12, item 3):
the form with one's own notes right under it, the board one tap away, the form out of the
way when nothing can be written, and a toast that never covers a control."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support.browser import fixture_of, join, phone, write
from tests.support.facilitator import Facilitator
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser

SHOTS = "/tmp/tavle-phone"

# Every control a thumb could be after, with its box in page coordinates (the toast's too).
CONTROLS_UNDER_TOAST = """() => {
  const toast = document.querySelector('[data-live]')
  const box = (element) => {
    const r = element.getBoundingClientRect()
    const [x, y] = [scrollX, scrollY]
    return { left: r.left + x, top: r.top + y, right: r.right + x, bottom: r.bottom + y }
  }
  const t = box(toast)
  const meets = (b) => b.left < t.right && t.left < b.right && b.top < t.bottom && t.top < b.bottom
  const controls = [...document.querySelectorAll('button, input, select, textarea, a[href]')]
    .filter((element) => element.checkVisibility({ visibilityProperty: true }))
    .filter((element) => element.getClientRects().length > 0)
  return {
    toast: t,
    shown: toast.textContent,
    covered: controls.filter((element) => meets(box(element))).map((e) => e.outerHTML.slice(0, 120))
  }
}"""


class Phone:
    """A value map, the facilitator's raw websocket and Bent on an iPhone 13."""

    def __init__(self, server: LiveServer, playwright: Playwright, browser: Browser) -> None:
        self.board = server.create_board("Værdi for borgerne", kind="value-map", locale="en")
        self.context: BrowserContext = phone(playwright, browser, "en-US", "iPhone 13")
        self.page = self.context.new_page()
        join(self.page, server, self.board["join_code"], "Bent")
        self.facilitator = Facilitator(server, self.board)

    def write(self, text: str, zone: str) -> None:
        write(self.page, text, zone)

    def own_notes(self) -> Locator:
        return self.page.get_by_role("region", name="Your notes")

    def close(self) -> None:
        self.facilitator.close()
        self.context.close()


bent = fixture_of(Phone)


def box(locator: Locator) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None
    return found


IN_VIEW = """(element) => {
  const r = element.getBoundingClientRect()
  const header = document.querySelector('.site-header').getBoundingClientRect()
  return r.top >= header.bottom && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth
}"""


SCROLL_ENDED = """() => new Promise((resolve) => {
  let last = -1
  let still = 0
  const tick = () => {
    still = scrollY === last ? still + 1 : 0
    last = scrollY
    if (still >= 5) resolve(scrollY)
    else requestAnimationFrame(tick)
  }
  tick()
})"""


def in_view(page: Page, locator: Locator) -> bool:
    """Whether the element is wholly on screen below the sticky header, once scrolling ends."""
    page.evaluate(SCROLL_ENDED)  # a smooth scroll that shows a note may still be under way
    try:
        page.wait_for_function(IN_VIEW, arg=locator.element_handle(), timeout=3000)
    except PlaywrightTimeoutError:
        return False
    return True


def gap_under_form(page: Page) -> float:
    """Pixels between the write form's foot and "Your notes" (measured at one moment)."""
    gap: float = page.evaluate(
        """() => document.querySelector('[data-own-notes]').getBoundingClientRect().top -
          document.querySelector('[data-note-form]').getBoundingClientRect().bottom"""
    )
    return gap


def in_header(toast: Locator) -> bool:
    """Whether the toast lies within the site's sticky header, as a row of it."""
    inside: bool = toast.evaluate(
        """(toast) => {
          const header = toast.closest('.site-header')
          if (header === null || getComputedStyle(header).position !== 'sticky') return false
          const [t, h] = [toast.getBoundingClientRect(), header.getBoundingClientRect()]
          return t.top >= h.top && t.bottom <= h.bottom && t.height > 0
        }"""
    )
    return inside


def toast_covers(page: Page) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(CONTROLS_UNDER_TOAST)
    return found


def test_each_posted_note_shows_in_view_under_the_form_marked_and_the_toast_covers_nothing(
    bent: Phone,
) -> None:
    page = bent.page
    page.screenshot(path=f"{SHOTS}-write-empty.png")
    notes = [
        ("Borgeren bliver hørt", "What creates value"),
        ("Frivillige i nærmiljøet", "Resources outside the municipality"),
        ("Prøv noget nyt", "New ideas and courage"),
    ]
    for count, (text, zone) in enumerate(notes, start=1):
        bent.write(text, zone)
        own = bent.own_notes()
        items = own.get_by_role("listitem")
        expect(items).to_have_count(count)
        # Newest first, with its zone, marked as the one just posted, and wholly in view.
        newest = items.first
        expect(newest).to_contain_text(text)
        expect(newest).to_contain_text(zone)
        expect(newest).to_have_attribute("data-just-posted", "true")
        expect(items.filter(has_text=notes[0][0])).to_have_count(1)
        expect(page.locator("[data-live]")).to_contain_text(zone)
        assert in_view(page, newest), box(newest)
        assert 0 <= gap_under_form(page) <= 32  # right under the form
        # The toast that confirms it covers no control.
        found = toast_covers(page)
        assert found["shown"], found
        assert found["covered"] == [], found
        page.screenshot(path=f"{SHOTS}-write-{count}.png")
    # The mark is brief: only the newest carries it.
    expect(bent.own_notes().locator("[data-just-posted]")).to_have_count(1)


def test_the_whole_board_is_one_tap_away_from_the_form(bent: Phone) -> None:
    page = bent.page
    bent.write("Borgeren bliver hørt", "What creates value")
    page.get_by_role("link", name="See the whole board").tap()
    # The board, at the zone of the note just posted, with the zone tabs above it.
    expect(page.get_by_role("navigation", name="Zones")).to_be_in_viewport()
    expect(page.locator('[data-zone-tab="value"]')).to_have_attribute("aria-current", "true")
    heading = page.locator('[data-zone-id="value"] h2')
    expect(heading).to_be_focused()
    assert in_view(page, heading)
    page.screenshot(path=f"{SHOTS}-board.png")


@pytest.mark.parametrize("how", ["discuss", "locked"])
def test_when_nothing_can_be_written_the_board_comes_first(bent: Phone, how: str) -> None:
    page = bent.page
    bent.write("Borgeren bliver hørt", "The citizen's situation")
    if how == "discuss":
        bent.facilitator.phase("discuss")
        expect(page.locator("[data-session]")).to_have_attribute("data-phase", "discuss")
    else:
        bent.facilitator.command(
            {"type": "lock.set", "locked": True},
            lambda m: m.get("type") == "session" and m.get("locked") is True,
        )
        expect(page.locator("[data-session]")).to_have_attribute("data-locked", "true")
    expect(page.get_by_label("Write a note")).to_be_disabled()
    expect(page.get_by_label("Write a note")).to_be_hidden()
    expect(page.locator("[data-edit-reason]")).to_be_visible()
    # Once the phase's message has gone from the header, the first note is in the first screen.
    expect(page.locator("[data-live]")).to_be_empty(timeout=8000)
    page.evaluate("scrollTo(0, 0)")
    text = page.locator("[data-note-id] [data-note-text]", has_text="Borgeren bliver hørt")
    assert in_view(page, text), box(text)
    page.screenshot(path=f"{SHOTS}-{how}.png")

    # Writing again brings the form back.
    if how == "discuss":
        bent.facilitator.phase("write")
    else:
        bent.facilitator.command(
            {"type": "lock.set", "locked": False},
            lambda m: m.get("type") == "session" and m.get("locked") is False,
        )
    expect(page.get_by_label("Write a note")).to_be_visible()
    expect(page.get_by_label("Write a note")).to_be_enabled()


def test_private_notes_show_right_under_the_form(bent: Phone) -> None:
    page = bent.page
    bent.facilitator.phase("private")
    expect(page.locator("[data-session]")).to_have_attribute("data-phase", "private")
    bent.write("Kun til mig", "What creates value")
    own = bent.own_notes()
    newest = own.get_by_role("listitem").first
    expect(newest).to_contain_text("Kun til mig")
    expect(newest).to_contain_text("What creates value")
    expect(newest).to_contain_text("Only you can see it")
    assert in_view(page, newest), box(newest)
    assert 0 <= gap_under_form(page) <= 32
    found = toast_covers(page)
    assert found["covered"] == [], found
    page.screenshot(path=f"{SHOTS}-private.png")


def test_a_toast_covers_no_control(bent: Phone) -> None:
    page = bent.page
    # The zone in view is the first one: posting elsewhere has always been announced.
    bent.write("Frivillige i nærmiljøet", "Resources outside the municipality")
    expect(page.locator("[data-live]")).to_contain_text("Resources outside the municipality")
    page.evaluate(SCROLL_ENDED)
    found = toast_covers(page)
    assert found["covered"] == [], found
    assert in_header(page.locator("[data-live]"))
    # So does the next message, the facilitator's change of phase.
    bent.facilitator.phase("private")
    expect(page.locator("[data-live]")).to_contain_text("Private writing")
    page.evaluate(SCROLL_ENDED)
    found = toast_covers(page)
    assert found["covered"] == [], found


def test_bring_everyone_here_covers_no_control(bent: Phone) -> None:
    page = bent.page
    bent.write("Frivillige i nærmiljøet", "Resources outside the municipality")
    bent.facilitator.command(
        {"type": "focus.set", "kind": "zone", "id": "outside"},
        lambda m: m.get("type") == "session" and m.get("focus") is not None,
    )
    toast = page.locator("[data-focus-toast]")
    expect(toast).to_contain_text("The facilitator has gathered")
    expect(page.locator('[data-zone-tab="outside"]')).to_have_attribute("aria-current", "true")
    page.evaluate(SCROLL_ENDED)
    # It is part of the sticky header (what is under it was scrolled under the header), and
    # the page below starts under it: the zone's tab and heading are not covered.
    assert in_header(toast)
    tabs = page.get_by_role("navigation", name="Zones")
    assert box(tabs)["y"] >= box(toast)["y"] + box(toast)["height"]
    # The zone it brought everyone to is in view, below the header and its message.
    assert in_view(page, page.locator('[data-zone-id="outside"] h2'))
    page.screenshot(path=f"{SHOTS}-focus.png")
