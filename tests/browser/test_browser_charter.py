"""The leadership charter in real Chromium: phones co-writing, amendments, examples (issue 5)."""

from __future__ import annotations

from collections import Counter

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect

from tests.support.browser import (
    WORDING_TEXT,
    Devices,
    facilitator_page,
    fixture_of,
    join,
    laptop,
    phone,
)
from tests.support.live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


class Room(Devices):
    """A charter board with a facilitator's laptop and two phones, Anna's and Bent's."""

    def __init__(self, server: LiveServer, playwright: Playwright, browser: Browser) -> None:
        super().__init__()
        self.server = server
        self.board = server.create_board("Ledelsesgrundlag", kind="charter", locale="en")
        self.laptop = facilitator_page(self.open(laptop(browser)), self.board)
        self.anna = self.open(phone(playwright, browser, "en-US", "iPhone 13")).new_page()
        self.bent = self.open(phone(playwright, browser, "en-US", "Pixel 7")).new_page()
        join(self.anna, server, self.board["join_code"], "Anna")
        join(self.bent, server, self.board["join_code"], "Bent")
        for page in self.pages:
            expect(page.locator("[data-section-id]")).to_have_count(6)

    @property
    def pages(self) -> tuple[Page, Page, Page]:
        return self.laptop, self.anna, self.bent


def section(page: Page, section_id: str) -> Locator:
    return page.locator(f'[data-section-id="{section_id}"]')


def open_on_phone(page: Page, section_id: str, title: str) -> Locator:
    """Tap a section in a phone's list; it opens alone, full-width."""
    page.get_by_role("button", name=f"Open “{title}”").tap()
    opened = section(page, section_id)
    expect(opened.locator("[data-section-back]")).to_be_visible()
    return opened


def wording(page: Page, section_id: str) -> str:
    text: str = section(page, section_id).locator("[data-wording-editor]").evaluate(WORDING_TEXT)
    return text


def wait_for_wording(page: Page, section_id: str, length: int) -> None:
    """Wait until the section's wording on `page` is `length` characters long."""
    page.wait_for_function(
        f"""([id, length]) => {{
          const editor = document.querySelector(`[data-section-id="${{id}}"] [data-wording-editor]`)
          return editor !== null && ({WORDING_TEXT})(editor).length === length
        }}""",
        arg=[section_id, length],
        timeout=10_000,
    )


def in_order(text: str, characters: str) -> bool:
    """Whether `characters` occur in `text` in this order (not necessarily together)."""
    rest = iter(text)
    return all(character in rest for character in characters)


room = fixture_of(Room)


def test_two_phones_type_into_the_same_sentence_at_once(room: Room) -> None:
    start = "We listen to citizens."
    anna = open_on_phone(room.anna, "citizens", "We create value for citizens")
    bent = open_on_phone(room.bent, "citizens", "We create value for citizens")
    anna.locator("[data-wording-editor]").tap()
    room.anna.keyboard.type(start)
    for page in room.pages:
        wait_for_wording(page, "citizens", len(start))

    # Both carets just before "citizens."; then 20 characters each, in alternating chunks of
    # four, sent without waiting for the other's to arrive.
    typed = {"anna": "ABCDEFGHIJKLMNOPQRST", "bent": "01234567890123456789"}
    for page, editor in ((room.anna, anna), (room.bent, bent)):
        editor.locator("[data-wording-editor]").tap()
        page.keyboard.press("End")
        for _ in range(len("citizens.")):
            page.keyboard.press("ArrowLeft")
    for chunk in range(0, 20, 4):
        room.anna.keyboard.type(typed["anna"][chunk : chunk + 4])
        room.bent.keyboard.type(typed["bent"][chunk : chunk + 4])

    total = len(start) + 40
    for page in room.pages:
        wait_for_wording(page, "citizens", total)
    texts = {wording(page, "citizens") for page in room.pages}
    assert len(texts) == 1, texts
    (final,) = texts
    assert Counter(final) - Counter(start) == Counter(typed["anna"] + typed["bent"])
    assert in_order(final, typed["anna"])
    assert in_order(final, typed["bent"])
    assert final.startswith("We listen to ")
    assert final.endswith("citizens.")
    # Each phone sees the other's caret, with the name on it.
    expect(anna.locator('[data-remote-caret="Bent"]')).to_have_count(1)
    expect(bent.locator('[data-remote-caret="Anna"]')).to_have_count(1)


def test_an_amendment_is_proposed_voted_on_accepted_and_kept_in_history(room: Room) -> None:
    room.laptop.get_by_role("button", name="Mark as agreed").first.click()
    for page in room.pages:
        expect(section(page, "preamble")).to_have_attribute("data-section-state", "agreed")

    # Anna proposes new wording for the agreed preamble.
    proposed = "Our charter describes how we lead together, for the citizens."
    anna = open_on_phone(room.anna, "preamble", "Preamble")
    expect(anna.locator("[data-wording-editor]")).to_have_attribute("contenteditable", "false")
    anna.get_by_role("button", name="Propose new wording").tap()
    draft = anna.get_by_role("textbox", name="Proposed wording")
    expect(draft).to_contain_text("Our leadership charter describes")
    draft.tap()
    room.anna.keyboard.press("ControlOrMeta+a")
    room.anna.keyboard.type(proposed)
    anna.get_by_label("Why? (one line)").fill("Shorter, and it names who we lead for")
    anna.get_by_role("button", name="Send proposal").tap()

    # Bent sees it with the difference marked, and both vote.
    bent = open_on_phone(room.bent, "preamble", "Preamble")
    proposal = bent.locator("[data-proposal-id]")
    expect(proposal).to_have_attribute("data-proposal-status", "open")
    expect(proposal.locator("[data-proposal-reason]")).to_contain_text("Shorter")
    expect(proposal.locator("ins").first).to_contain_text("together")
    expect(proposal.locator("del").first).to_be_visible()
    expect(anna.locator("[data-proposal-id]")).to_have_attribute("data-own", "true")
    anna.locator("[data-proposal-id]").get_by_role("button", name="Vote for").tap()
    proposal.get_by_role("button", name="Vote against").tap()
    expect(proposal.get_by_role("button", name="Vote against")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(anna.get_by_role("button", name="Vote for")).to_have_attribute("aria-pressed", "true")
    counts = section(room.laptop, "preamble").locator("[data-proposal-counts]")
    expect(counts.locator("[data-votes-for]")).to_have_attribute("data-votes-for", "1")
    expect(counts.locator("[data-votes-against]")).to_have_attribute("data-votes-against", "1")
    # A comment from Bent, which only he may delete.
    proposal.locator("[data-comments-toggle]").tap()
    proposal.get_by_label("Write a comment").fill("Good, but keep 'across'")
    proposal.get_by_role("button", name="Comment", exact=True).tap()
    laptop_proposal = section(room.laptop, "preamble").locator("[data-proposal-id]")
    laptop_proposal.locator("[data-comments-toggle]").click()
    expect(laptop_proposal.locator("[data-comment-id]")).to_contain_text("keep 'across'")
    expect(laptop_proposal.get_by_role("button", name="Delete comment")).to_have_count(0)

    # The projector shows the proposal with its live counts, and no buttons.
    projector = room.contexts[0].new_page()
    projector.goto(room.board["board_url"] + "?view=present")
    shown = section(projector, "preamble")
    expect(shown.locator("[data-proposal-counts]")).to_have_text("1 for · 1 against")
    expect(shown.locator("[data-proposal-diff] ins").first).to_contain_text("together")
    expect(shown.get_by_role("button")).to_have_count(0)
    expect(projector.locator("[data-format-toolbar]:visible")).to_have_count(0)

    # The facilitator accepts: the wording changes on every screen.
    laptop_proposal.get_by_role("button", name="Accept").click()
    for page in (*room.pages, projector):
        expect(section(page, "preamble").locator("[data-wording-editor]")).to_have_text(proposed)
        decided = section(page, "preamble").locator("[data-proposal-id]")
        expect(decided).to_have_attribute("data-proposal-status", "accepted")
        expect(decided).to_contain_text("1 for, 1 against")

    # History: the agreed wording, then the amendment, by Anna.
    anna.get_by_role("button", name="History").tap()
    history = anna.locator("[data-history]")
    expect(history.locator("[data-history-position]")).to_have_text("Version 2 of 2")
    expect(history.locator("[data-history-about]")).to_contain_text("Anna")
    expect(history.locator("[data-history-about]")).to_contain_text("1 for, 1 against")
    expect(history.locator("[data-history-diff] ins").first).to_contain_text("together")
    history.get_by_role("button", name="Previous").tap()
    expect(history.locator("[data-history-position]")).to_have_text("Version 1 of 2")
    expect(history.locator("[data-history-diff]")).to_contain_text("Our leadership charter")
    # Any two versions: from version 1 compared with version 2, whatever the order.
    history.get_by_label("Compare with").select_option(label="Version 2 of 2")
    expect(history.locator("[data-history-diff]")).to_contain_text("version 1 to version 2")
    expect(history.locator("[data-history-diff] ins").first).to_contain_text("together")


def test_a_proposal_says_when_the_wording_changed_after_it(room: Room) -> None:
    anna = open_on_phone(room.anna, "preamble", "Preamble")
    anna.get_by_role("button", name="Propose new wording").tap()
    anna.get_by_role("textbox", name="Proposed wording").tap()
    room.anna.keyboard.press("ControlOrMeta+End")
    room.anna.keyboard.type(" Every day.")
    anna.get_by_label("Why? (one line)").fill("Make it concrete")
    anna.get_by_role("button", name="Send proposal").tap()
    proposal = section(room.laptop, "preamble").locator("[data-proposal-id]")
    expect(proposal.locator("ins")).to_contain_text("Every day.")
    expect(proposal.locator("[data-proposal-stale]")).to_have_count(0)

    # The section is still open: Bent changes the live wording meanwhile.
    bent = open_on_phone(room.bent, "preamble", "Preamble")
    bent.locator("[data-wording-editor]").tap()
    room.bent.keyboard.press("ControlOrMeta+Home")
    room.bent.keyboard.type("Today: ")
    expect(proposal.locator("[data-proposal-stale]")).to_be_visible()
    expect(proposal.locator("del").first).to_contain_text("Today:")

    # Anna comments, deletes her comment, then withdraws the proposal.
    mine = anna.locator("[data-proposal-id]")
    mine.locator("[data-comments-toggle]").tap()
    mine.get_by_label("Write a comment").fill("Never mind")
    mine.get_by_role("button", name="Comment", exact=True).tap()
    expect(mine.locator("[data-comment-id]")).to_have_count(1)
    mine.get_by_role("button", name="Delete comment").tap()
    expect(mine.locator("[data-comment-id]")).to_have_count(0)
    mine.get_by_role("button", name="Withdraw proposal").tap()
    room.anna.get_by_role("dialog").get_by_role("button", name="Withdraw proposal").tap()
    expect(proposal).to_have_attribute("data-proposal-status", "withdrawn")
    expect(proposal).to_contain_text("Withdrawn")


def test_an_example_from_a_phone_appears_on_the_laptop_and_gets_likes(room: Room) -> None:
    anna = open_on_phone(room.anna, "across", "We lead across boundaries")
    anna.locator("[data-example-open]").tap()
    anna.get_by_label("Your example").fill("We met the school and the social workers in one room.")
    anna.get_by_label("Across the organisation").check()
    anna.get_by_label("Unit (optional)").fill("Family services")
    anna.get_by_role("button", name="Add example").tap()

    on_laptop = section(room.laptop, "across").locator("[data-example-id]")
    expect(on_laptop).to_have_count(1)
    expect(on_laptop).to_contain_text("social workers")
    expect(on_laptop).to_contain_text("Family services")
    expect(on_laptop).to_have_attribute("data-scope", "across")
    expect(on_laptop.locator("[data-likes]")).to_have_attribute("data-likes", "0")

    bent = open_on_phone(room.bent, "across", "We lead across boundaries")
    for page_section in (anna, bent):
        like = page_section.locator("[data-example-id]").get_by_role("button", name="Like")
        like.tap()
        expect(like).to_have_attribute("aria-pressed", "true")
    expect(on_laptop.locator("[data-likes]")).to_have_attribute("data-likes", "2")
    expect(on_laptop).to_contain_text("2 likes")
    # Taking a like back.
    bent.locator("[data-example-id]").get_by_role("button", name="Like").tap()
    expect(on_laptop.locator("[data-likes]")).to_have_attribute("data-likes", "1")
    # Only the author may edit or delete it.
    expect(anna.get_by_role("button", name="Delete example")).to_have_count(1)
    expect(bent.get_by_role("button", name="Delete example")).to_have_count(0)


def test_the_facilitator_adds_renames_moves_and_removes_a_section(room: Room) -> None:
    laptop = room.laptop
    laptop.get_by_role("button", name="Add section").click()
    editor = laptop.locator("[data-section-editor]")
    editor.get_by_label("Title").fill("We learn from our mistakes")
    editor.get_by_label("Guiding question").fill("What did we learn this year?")
    editor.get_by_role("button", name="Save").click()
    for page in room.pages:
        expect(page.locator("[data-section-id]")).to_have_count(7)
        expect(page.locator("[data-section-title]").last).to_have_text("We learn from our mistakes")

    new_id = laptop.locator("[data-section-id]").last.get_attribute("data-section-id")
    assert new_id is not None
    section(laptop, new_id).get_by_role("button", name="Move section up").click()
    titles = room.anna.locator("[data-section-title]")
    expect(titles.nth(5)).to_have_text("We learn from our mistakes")
    expect(titles.nth(6)).to_have_text("We set direction and make room")
    # A new section is open: a phone writes in it straight away.
    opened = open_on_phone(room.anna, new_id, "We learn from our mistakes")
    opened.locator("[data-wording-editor]").tap()
    room.anna.keyboard.type("We share what went wrong.")
    room.anna.keyboard.press("Escape")  # leaves the editor: the caret goes from other screens
    expect(opened.locator("[data-wording-editor]")).not_to_be_focused()
    expect(section(laptop, new_id).locator("[data-wording-editor]")).to_have_text(
        "We share what went wrong."
    )

    section(laptop, new_id).get_by_role("button", name="Remove section").click()
    laptop.locator("[data-section-remove-dialog]").get_by_role(
        "button", name="Remove section"
    ).click()
    for page in room.pages:
        expect(page.locator("[data-section-id]")).to_have_count(6)
    # Anna's phone had it open: it goes back to the list.
    expect(room.anna.locator(".tv-charter")).to_have_attribute("data-layout", "list")
