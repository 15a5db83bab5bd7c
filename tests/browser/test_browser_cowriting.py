"""Phones co-writing at one spot of a charter section keep their runs intact (issue 12, item 2).

In Yjs, inserts at the same position are ordered by client id; what decides whether
runs interleave is where each writer's caret lands after every remote insert at it.
"""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support.browser import WORDING_TEXT, Devices, fixture_of, join, phone
from tests.support.live import LiveServer, bearer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SECTION = "citizens"
TITLE = "We create value for citizens"
START = "Vores løfte: "
# What each writer types at the same spot, then on a line of their own after Enter.
RUNS = {"Anna": "Vi leder", "Bent": "drejebog", "Carl": "hverdag"}
SECOND_LINES = {"Anna": "sammen", "Bent": "for borgerne", "Carl": "på tværs"}
CONVERGE_TIMEOUT_MS = 10_000

# A section's wording as people see it, by the section's id ('' before it is drawn).
WORDING_OF = f"""(id) => {{
  const editor = document.querySelector(`[data-section-id="${{id}}"] [data-wording-editor]`)
  return editor === null ? '' : ({WORDING_TEXT})(editor)
}}"""


class Workshop(Devices):
    """A charter board and three phones, Anna's, Bent's and Carl's, in one section."""

    def __init__(self, server: LiveServer, playwright: Playwright, browser: Browser) -> None:
        super().__init__()
        self.server = server
        self.board = server.create_board("Ledelsesgrundlag", kind="charter", locale="en")
        self.pages: dict[str, Page] = {}
        for name, device in zip(RUNS, ("iPhone 13", "Pixel 7", "Pixel 5"), strict=True):
            page = self.open(phone(playwright, browser, "en-US", device)).new_page()
            join(page, server, self.board["join_code"], name)
            page.get_by_role("button", name=f"Open “{TITLE}”").tap()
            expect(self.editor(page)).to_be_visible()
            self.pages[name] = page

    @staticmethod
    def editor(page: Page) -> Locator:
        return page.locator(f'[data-section-id="{SECTION}"] [data-wording-editor]')


def wording(page: Page) -> str:
    text: str = page.evaluate(WORDING_OF, SECTION)
    return text


def wait_for_length(pages: list[Page], length: int) -> None:
    """Wait until every page's wording is `length` characters long (everyone has everything)."""
    for page in pages:
        page.wait_for_function(
            f"([id, length]) => ({WORDING_OF})(id).length === length",
            arg=[SECTION, length],
            timeout=CONVERGE_TIMEOUT_MS,
        )


def wait_for_lines(pages: list[Page], lines: list[str]) -> None:
    """Wait until every page's wording has each of `lines` unbroken."""
    for page in pages:
        try:
            page.wait_for_function(
                f"([id, lines]) => lines.every((line) => ({WORDING_OF})(id).includes(line))",
                arg=[SECTION, lines],
                timeout=CONVERGE_TIMEOUT_MS,
            )
        except PlaywrightTimeoutError:
            pytest.fail(f"{lines} not all unbroken: {[wording(page) for page in pages]}")


def type_in_turns(pages: dict[str, Page], texts: dict[str, str]) -> None:
    """Type one character on each phone in turn, none waiting for the others' to arrive."""
    for index in range(max(len(text) for text in texts.values())):
        for name, page in pages.items():
            if index < len(texts[name]):
                page.keyboard.type(texts[name][index])


def server_wording(server: LiveServer, board: dict[str, str]) -> str:
    """The charter as the server exports it (Markdown) from the live room."""
    response = httpx.get(
        f"{server.url}/b/{board['id']}/export/charter.md",
        headers=bearer(board["facilitator_token"]),
    )
    response.raise_for_status()
    return response.text


workshop = fixture_of(Workshop)


def start_at_the_end_of_one_line(workshop: Workshop) -> list[Page]:
    """Anna writes the start of a line; then every phone's caret goes to its end."""
    pages = list(workshop.pages.values())
    workshop.editor(workshop.pages["Anna"]).tap()
    workshop.pages["Anna"].keyboard.type(START)
    wait_for_length(pages, len(START))
    for page in pages:
        workshop.editor(page).tap()
        page.keyboard.press("End")
    return pages


def test_text_typed_by_another_at_my_caret_stays_after_my_caret(workshop: Workshop) -> None:
    pages = start_at_the_end_of_one_line(workshop)
    bent, anna = workshop.pages["Bent"], workshop.pages["Anna"]
    bent.keyboard.type("drejebog")
    wait_for_length(pages, len(START + "drejebog"))
    # Anna's caret stayed where she left it, before Bent's word: her text goes there.
    anna.keyboard.type("Vi leder ")
    expected = START + "Vi leder drejebog"
    wait_for_length(pages, len(expected))
    assert [wording(page) for page in pages] == [expected] * len(pages)


def test_three_phones_typing_at_one_spot_keep_their_runs_intact(workshop: Workshop) -> None:
    pages = start_at_the_end_of_one_line(workshop)

    # One character on each phone in turn: each arrives at the others while they type.
    type_in_turns(workshop.pages, RUNS)
    first_line = len(START) + sum(len(run) for run in RUNS.values())
    wait_for_length(pages, first_line)
    for page in pages:
        text = wording(page)
        for run in RUNS.values():
            assert run in text, f"{run!r} broken: {text!r}"

    # All press Enter at the same moment, then write a second line each, in turns.
    for page in pages:
        page.keyboard.press("Enter")
    type_in_turns(workshop.pages, SECOND_LINES)
    wait_for_lines(pages, [*RUNS.values(), *SECOND_LINES.values()])
    texts = {wording(page) for page in pages}
    assert len(texts) == 1, texts
    (final,) = texts
    rows = final.split("\n")
    assert rows[0].startswith(START), final
    # Three line breaks in one line at once moved its tail three times: it is there once
    # (moved-text.js), and nothing of the first line is lost.
    for run in [START, *RUNS.values()]:
        assert final.count(run) == 1, f"{run!r} not once in {final!r}"
    # Each second line starts a row of its own and is there once; a row may go on with another
    # writer's run (an Enter in the middle of a line moves what follows to the new row).
    for line in SECOND_LINES.values():
        assert final.count(line) == 1, f"{line!r} not once in {final!r}"
        assert any(row.startswith(line) for row in rows), f"{line!r} not on a row of its own"
    exported = server_wording(workshop.server, workshop.board)
    for line in final.split("\n"):
        assert line in exported, f"{line!r} not on the server: {exported!r}"
