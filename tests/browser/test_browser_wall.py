"""The facilitator's wall on a 1366x768 laptop: the notes first, the tools folded (issue 12 §5)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.support.browser import facilitator_page
from tests.support.imports import import_value_map
from tests.support.items import note
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1366, 768
NOTES = 18


def board_with_notes(server: LiveServer) -> dict[str, Any]:
    """Import a value map with three notes in each of its six zones."""
    return import_value_map(
        server,
        lambda zones: {
            f"note-{i:02}": note(f"Idé nummer {i}", zones[i % len(zones)], f"a{i:02}")
            for i in range(1, NOTES + 1)
        },
    )


@pytest.fixture
def laptop(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="en-US")
    yield context
    context.close()


def open_wall(context: BrowserContext, server: LiveServer) -> Page:
    board = board_with_notes(server)
    page = facilitator_page(context, board)
    expect(page.locator("[data-note-id]")).to_have_count(NOTES)
    return page


def note_card(page: Page, text: str) -> Any:
    return page.locator("[data-note-id]").filter(
        has=page.locator("[data-note-text]").get_by_text(text, exact=True)
    )


def box(locator: Any) -> dict[str, float]:
    found: dict[str, float] | None = locator.bounding_box()
    assert found is not None
    return found


def test_the_wall_fills_the_laptop_screen_above_the_fold(
    live_server: LiveServer, laptop: BrowserContext
) -> None:
    page = open_wall(laptop, live_server)

    # The forms and the panel are folded away: a note is whole on the first screen.
    expect(page.get_by_label("Write a note")).to_be_hidden()
    expect(page.get_by_label("Dots per person")).to_be_hidden()
    expect(page.get_by_role("complementary", name="Facilitation")).to_be_hidden()
    first = box(page.locator("[data-note-id]").first)
    assert first["y"] >= 0
    assert first["y"] + first["height"] <= HEIGHT
    on_screen = page.locator("[data-note-id]").evaluate_all(
        f"cards => cards.filter(c => c.getBoundingClientRect().bottom <= {HEIGHT}).length"
    )
    assert on_screen >= 6, f"only {on_screen} whole notes above the fold"

    # The wall takes the width, the panel included once opened (it lies over the wall).
    wall = page.locator("[data-zones]")
    assert box(wall)["width"] >= 0.9 * WIDTH
    page.get_by_role("button", name="Facilitator panel").click()
    expect(page.get_by_role("complementary", name="Facilitation")).to_be_visible()
    assert box(wall)["width"] >= 0.9 * WIDTH


def test_the_form_vote_settings_and_panel_open_from_the_toolbar_and_close_on_escape(
    live_server: LiveServer, laptop: BrowserContext
) -> None:
    page = open_wall(laptop, live_server)

    # Write a note from the drawer; it stays open for the next one.
    write = page.get_by_role("button", name="Write note")
    write.click()
    expect(write).to_have_attribute("aria-expanded", "true")
    field = page.get_by_label("Write a note")
    expect(field).to_be_focused()
    field.fill("Skrevet fra skuffen")
    page.get_by_label("Zone", exact=True).select_option(label="New ideas and courage")
    page.get_by_role("button", name="Add note").click()
    expect(note_card(page, "Skrevet fra skuffen")).to_be_visible()
    expect(field).to_have_value("")
    field.press("Escape")
    expect(field).to_be_hidden()
    expect(write).to_be_focused()
    expect(write).to_have_attribute("aria-expanded", "false")

    # The vote settings, and only one drawer at a time.
    voting = page.get_by_role("button", name="Voting")
    write.click()
    voting.click()
    expect(page.get_by_label("Write a note")).to_be_hidden()
    expect(page.get_by_label("Dots per person")).to_be_visible()
    expect(page.get_by_role("button", name="Start vote")).to_be_visible()
    page.get_by_label("Dots per person").press("Escape")
    expect(page.get_by_label("Dots per person")).to_be_hidden()
    expect(voting).to_be_focused()

    # The panel: from its button, and by its shortcut, which it lists.
    toggle = page.get_by_role("button", name="Facilitator panel")
    panel = page.get_by_role("complementary", name="Facilitation")
    toggle.click()
    expect(panel).to_be_visible()
    panel.get_by_role("button", name="Next phase: Private writing").focus()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()
    page.keyboard.press("Alt+Shift+KeyP")
    expect(panel).to_be_visible()
    panel.get_by_text("Keyboard shortcuts").click()
    for label in ("Next phase", "Start or pause the timer", "Take a snapshot"):
        expect(panel.get_by_text(label, exact=True)).to_be_visible()
    page.keyboard.press("Alt+Shift+KeyN")
    expect(panel.get_by_role("button", name="Private writing", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    page.keyboard.press("Alt+Shift+KeyP")
    expect(panel).to_be_hidden()


def test_each_note_has_one_actions_menu_with_whole_zone_names(
    live_server: LiveServer, laptop: BrowserContext
) -> None:
    page = open_wall(laptop, live_server)
    columns = page.locator("[data-zone-id]")
    first_zone = columns.first.get_attribute("data-zone-id")
    first_title = columns.first.get_by_role("heading").first.inner_text()
    card = note_card(page, columns.first.locator("[data-note-text]").first.inner_text())
    expect(card.get_by_role("button")).to_have_count(1)
    actions = card.get_by_role("button", name="More")
    expect(actions).to_have_attribute("aria-expanded", "false")

    actions.click()
    expect(actions).to_have_attribute("aria-expanded", "true")
    for name in ("Edit note", "Move up", "Move down", "Hide", "Delete"):
        expect(card.get_by_role("button", name=name, exact=True)).to_be_visible()
    # Zones by their whole names, inside the window.
    longest = card.get_by_role("button", name="Resources elsewhere in the municipality")
    expect(longest).to_be_visible()
    assert longest.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    where = box(longest)
    assert where["x"] >= 0
    assert where["x"] + where["width"] <= WIDTH

    # Escape closes the menu and the keyboard is back on its button.
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(longest).to_be_hidden()
    expect(actions).to_be_focused()

    # The last column's menu opens towards the wall, and moves the note by a zone's name.
    text = columns.last.locator("[data-note-text]").first.inner_text()
    card = note_card(page, text)
    card.get_by_role("button", name="More").click()
    target = card.get_by_role("button", name=first_title, exact=True)
    where = box(target)
    assert where["x"] + where["width"] <= WIDTH
    target.click()
    expect(card).to_have_attribute("data-zone", first_zone or "")
    expect(card.get_by_role("button", name="More")).to_be_focused()

    # Edit from the menu; saving puts the keyboard back on the menu's button.
    card.get_by_role("button", name="More").press("Enter")
    card.get_by_role("button", name="Edit note").click()
    editor = page.get_by_label("Note text")
    editor.fill(f"{text}, rettet")
    editor.press("Enter")
    fixed = note_card(page, f"{text}, rettet")
    expect(fixed.get_by_role("button", name="More")).to_be_focused()
