"""The projector's view in real Chromium at 1920 by 1080: a screen for a room (issue 12 §6)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Playwright, expect

from tests.support.browser import Devices, facilitator_page, fixture_of, join, laptop, phone
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}
LONG_WORD = "Frivillighedsorganisationerne"

# Whether `word` in the first note that holds it lies on one line: not split letter by letter.
WORD_LINES = """(word) => {
  const text = [...document.querySelectorAll('[data-note-text]')]
    .find((p) => p.textContent.includes(word))
  const node = [...text.childNodes].find((child) => child.textContent.includes(word))
  const range = document.createRange()
  const start = node.textContent.indexOf(word)
  range.setStart(node, start)
  range.setEnd(node, start + word.length)
  return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size
}"""

# The presence count once the list has been drawn: it is redrawn once a frame.
COUNT_AFTER_NEXT_FRAME = """() => new Promise((done) => requestAnimationFrame(() =>
  requestAnimationFrame(() =>
    done(document.querySelector('[data-presence-count]').dataset.count))))"""


def font_px(locator: object) -> float:
    size: str = locator.evaluate("(e) => getComputedStyle(e).fontSize")  # type: ignore[attr-defined]
    return float(size.removesuffix("px"))


class Room(Devices):
    """A Danish board: the facilitator's laptop, its projector tab, and Anne's phone.

    The laptop's browser speaks English: the projector speaks the board's language anyway.
    """

    def __init__(
        self,
        server: LiveServer,
        playwright: Playwright,
        browser: Browser,
        kind: str = "value-map",
        laptop_locale: str = "en-US",
    ) -> None:
        super().__init__()
        self.server = server
        self.board = server.create_board("Værdi for borgerne", kind=kind, locale="da")
        laptop_context = self.open(laptop(browser, laptop_locale))
        self.laptop = facilitator_page(laptop_context, self.board)
        # Opened as the laptop's "Presentation view" link opens it: a tab of the same browser.
        self.projector = laptop_context.new_page()
        self.projector.set_viewport_size(PROJECTOR)
        self.projector.goto(f"{server.url}/b/{self.board['id']}?view=present")
        self.anne = self.open(phone(playwright, browser, "da-DK")).new_page()

    def join(self) -> None:
        join(self.anne, self.server, self.board["join_code"], "Anne", "da")

    def write(self, text: str) -> None:
        self.anne.get_by_label("Skriv en note").fill(text)
        self.anne.get_by_role("button", name="Tilføj note").tap()
        expect(self.anne.get_by_label("Skriv en note")).to_have_value("")
        note = self.projector.locator("[data-note-text]", has_text=text)
        expect(note).to_be_visible()


room = fixture_of(Room)


def test_the_projector_shows_the_wall_and_no_controls(room: Room) -> None:
    room.join()
    room.write("Borgeren bliver hørt")
    room.write("Medarbejdernes erfaringer med borgerkontakt")
    projector = room.projector
    expect(projector.locator("[data-zone-id]")).to_have_count(6)
    # Nothing to press, nothing of the laptop's: no language switch, pill, badge or library.
    expect(projector.get_by_role("button")).to_have_count(0)
    expect(projector.get_by_role("link", name="English")).to_have_count(0)
    expect(projector.get_by_role("link", name="Bibliotek")).to_have_count(0)
    expect(projector.locator("[data-lang-switch]")).to_have_count(0)
    expect(projector.locator("[data-role='facilitator']")).to_have_count(0)
    expect(projector.locator("[data-connection-status]")).to_be_hidden()
    # The code to join by stays: people in the room still arrive.
    expect(projector.locator("[data-join-code]")).to_have_text(room.board["join_code"])
    # The wall fits the screen: every zone's title in view, none below the foot.
    for title in projector.locator("[data-zone-id] .tv-zone__title").all():
        box = title.bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= PROJECTOR["height"]
    frame = projector.locator("[data-zone-id]").last.bounding_box()
    assert frame is not None
    assert frame["y"] + frame["height"] <= PROJECTOR["height"]


def test_here_now_counts_the_people_not_the_projector(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    room = Room(live_server, playwright, browser, "value-map", laptop_locale="da-DK")
    room.join()
    room.write("Borgeren bliver hørt")
    # The phone has heard of all three connections (the projector's among them)...
    room.anne.wait_for_function("() => window.tavle.awareness.getStates().size === 3")
    # ...and, once it has drawn the list (once a frame), counts two people: the
    # facilitator's laptop and Anne.
    assert room.anne.evaluate(COUNT_AFTER_NEXT_FRAME) == "2"
    people = room.anne.locator("[data-presence-list] [data-presence-role='facilitator']")
    expect(people).to_have_count(1)
    assert room.laptop.evaluate(COUNT_AFTER_NEXT_FRAME) == "2"
    room.close()


def test_danish_words_break_at_syllables_not_letters(room: Room) -> None:
    room.join()
    room.write(f"{LONG_WORD} og foreningsliv hjælper")
    projector = room.projector
    expect(projector.locator("html")).to_have_attribute("lang", "da")
    note = projector.locator("[data-note-text]", has_text=LONG_WORD)
    assert note.evaluate("(e) => getComputedStyle(e).hyphens") == "auto"
    # This Chromium has no hyphenation dictionary (component updates are off): the word
    # must then stand whole on one line, set smaller if need be, not split at the edge.
    assert projector.evaluate(WORD_LINES, LONG_WORD) == 1


def test_the_timer_and_the_phase_are_large(room: Room) -> None:
    # The facilitator's panel is folded on a laptop (issue 12 §5).
    room.laptop.locator("[data-panel-toggle]").click()
    room.laptop.locator("[data-timer-preset='3']").click()
    timer = room.projector.get_by_role("timer")
    expect(timer).to_be_visible()
    expect(timer).to_have_attribute("data-timer-state", "running")
    assert font_px(timer.locator("[data-timer-digits]")) >= 80
    phase = room.projector.locator("[data-session-phase]")
    expect(phase).to_be_visible()
    assert font_px(phase) >= 32
    box = timer.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= PROJECTOR["height"]


def test_the_charter_is_in_projector_type(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    room = Room(live_server, playwright, browser, "charter")
    try:
        projector = room.projector
        wording = projector.locator("[data-section-id] [data-wording-editor] p").first
        expect(wording).to_be_visible()
        assert font_px(wording) >= 28
        expect(projector.get_by_role("button")).to_have_count(0)
        expect(projector.locator("[data-lang-switch]")).to_have_count(0)
    finally:
        room.close()
