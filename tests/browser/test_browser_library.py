"""Afterwards, in real Chromium: the library, a team link, the timeline and compare, a
read-only link, search, deleting a board a phone still holds, and import."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect
from pycrdt import Map

from tests.support.browser import connected, laptop, phone
from tests.support.items import put_note, set_field
from tests.support.live import LiveServer, bearer
from tests.support.wsclient import raw_client

pytestmark = pytest.mark.browser

EVENT = "Storledermøde marts 2027"
T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a raw websocket client's work beside Playwright's sync API, which owns this thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=60)


async def add_notes(server: LiveServer, board: dict[str, str], notes: dict[str, str]) -> None:
    async with raw_client(server.ws_url, board["id"], board["facilitator_token"]) as lead:
        for note_id, text in notes.items():
            await lead.edit(put_note(note_id, text))
        await lead.until(lambda: all(i in lead.root("notes") for i in notes))


async def two_snapshots(server: LiveServer, board: dict[str, str]) -> None:
    """'Første': two notes; 'Anden': one of them moved to another zone, and a new one."""
    async with raw_client(server.ws_url, board["id"], board["facilitator_token"]) as lead:
        notes = lead.doc.get("notes", type=Map)
        await lead.edit(put_note("n1", "Flyttes"))
        await lead.edit(put_note("n2", "Bliver"))
        await lead.until(lambda: len(notes) == 2)
        await lead.command({"type": "snapshot.take", "label": "Første"})
        await lead.until(lambda: len(lead.last("snapshots").get("items", [])) == 1)
        await lead.edit(set_field("notes", "n1", "zone", "courage"))
        await lead.edit(put_note("n3", "Ny"))
        await lead.until(lambda: len(notes) == 3)
        await lead.command({"type": "snapshot.take", "label": "Anden"})
        await lead.until(lambda: len(lead.last("snapshots").get("items", [])) == 2)


def as_facilitator(context: BrowserContext, *boards: dict[str, str]) -> Page:
    """Open each board's facilitator link (the browser keeps a cookie), then the library."""
    page = context.new_page()
    for board in boards:
        page.goto(board["facilitator_url"])
        connected(page)
    page.goto(boards[0]["facilitator_url"].split("/b/")[0] + "/library")
    return page


def library_row(page: Page, title: str) -> Any:
    return page.locator("[data-library-board]").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


def note_card(page: Page, text: str) -> Any:
    return page.locator("[data-note-id]").filter(
        has=page.locator("[data-note-text]", has_text=re.compile(f"^{re.escape(text)}$"))
    )


def board_made_on_a_phone(
    server: LiveServer, playwright: Playwright, browser: Browser, title: str, event: str = ""
) -> tuple[Page, str, str]:
    """Create a board on a Danish phone's home page; return the phone's page, and the
    board's id and facilitator link as the created page shows them."""
    mobile = phone(playwright, browser, "da-DK", "iPhone 13").new_page()
    mobile.goto(server.url)
    mobile.get_by_label("Titel").fill(title)
    if event:
        mobile.get_by_label("Arrangement (valgfrit)").fill(event)
    mobile.get_by_role("button", name="Opret tavle").tap()
    facilitator_url = mobile.locator("[data-facilitator-url]").inner_text()
    return mobile, facilitator_url.split("/b/")[1].split("?")[0], facilitator_url


def event_id_of(server: LiveServer, board: dict[str, str]) -> str:
    cookies = {f"tavle_b_{board['id']}": board["facilitator_token"]}
    library = httpx.get(f"{server.url}/api/library", cookies=cookies).json()
    return str(library["events"][0]["id"])


def test_a_team_link_opens_the_event_and_its_timeline_compares_two_snapshots(
    live_server: LiveServer, browser: Browser
) -> None:
    board = live_server.create_board(
        "Værdi for borgerne", kind="value-map", locale="en", event=EVENT, event_date="2027-03-14"
    )
    charter = live_server.create_board(
        "Ledelsesgrundlag",
        kind="charter",
        event=EVENT,
        event_date="2027-03-14",
        event_token=board["facilitator_token"],
    )
    run_async(two_snapshots(live_server, board))
    made = httpx.post(
        f"{live_server.url}/api/events/{event_id_of(live_server, board)}/team-link",
        headers=bearer(board["facilitator_token"]),
    )
    assert made.status_code == 201

    # A team that was not in the room opens the link in a browser of its own.
    team = laptop(browser).new_page()
    team.goto(made.json()["team_url"])
    expect(team).to_have_url(re.compile(r"/library$"))
    event = team.locator("[data-library-event]")
    expect(event.get_by_role("heading", level=2)).to_have_text(EVENT)
    for title in (board["title"], charter["title"]):
        expect(library_row(team, title)).to_be_visible()
    expect(library_row(team, board["title"]).locator("[data-kind]")).to_have_text(
        "Value for citizens"
    )
    # A team carries the work on; deleting and new links stay the facilitator's.
    expect(team.get_by_role("button", name="Delete board")).to_have_count(0)
    expect(team.get_by_role("button", name="Team link")).to_have_count(0)

    library_row(team, board["title"]).get_by_role("link", name="History").click()
    points = team.locator("[data-timeline-point]")
    expect(points).to_have_count(3)
    expect(points.nth(2)).to_have_attribute("aria-current", "true")  # "Now" first
    expect(points.nth(2)).to_contain_text("Now")
    view = team.locator("[data-board-view]")
    expect(view).to_have_attribute("data-history-point", "live")
    expect(note_card(team, "Ny")).to_be_visible()

    # Step back with the button, then with the arrow key: "Første" has two notes, no "Ny".
    team.get_by_role("button", name="Previous").click()
    expect(points.nth(1)).to_have_attribute("aria-current", "true")
    expect(points.nth(1)).to_contain_text("Anden")
    points.nth(1).focus()  # the line is one Tab stop: the selected point
    team.keyboard.press("ArrowLeft")
    expect(points.nth(0)).to_have_attribute("aria-current", "true")
    expect(points.nth(0)).to_be_focused()
    expect(view).to_have_attribute("data-history-point", re.compile(r"^snapshot:\d+$"))
    expect(note_card(team, "Flyttes")).to_have_attribute("data-zone", "value")
    expect(note_card(team, "Ny")).to_have_count(0)
    expect(team.get_by_role("button", name="Previous")).to_be_disabled()
    # That point exports as it was: the team's Markdown of the snapshot has no "Ny" yet.
    exports = team.locator("[data-history-exports]")
    markdown = exports.locator("[data-export-format='md']")
    expect(markdown).to_have_attribute("href", re.compile(r"/export\.md\?snapshot=\d+$"))
    expect(exports.locator("[data-export-format='json']")).to_have_count(0)  # facilitator's
    text = team.context.request.get(live_server.url + str(markdown.get_attribute("href"))).text()
    assert "Flyttes" in text
    assert "- Ny" not in text
    # Read-only: no way to write or change a note.
    expect(view.get_by_role("button", name="Add note")).to_have_count(0)
    expect(view.locator("[data-note-edit]")).to_have_count(0)
    team.keyboard.press("ArrowRight")
    expect(points.nth(1)).to_have_attribute("aria-current", "true")
    expect(note_card(team, "Ny")).to_be_visible()
    expect(note_card(team, "Flyttes")).to_have_attribute("data-zone", "courage")

    # Compare: "From" the point before the selected one, "To" the selected one.
    expect(team.get_by_label("From", exact=True)).to_have_value(re.compile(r"^snapshot:"))
    expect(team.get_by_label("To", exact=True)).to_have_value(re.compile(r"^snapshot:"))
    team.get_by_role("button", name="Compare").click()
    result = team.locator("[data-compare-result]")
    expect(result.locator("[data-compare-list='added']")).to_contain_text("Ny")
    expect(result.locator("[data-compare-list='moved']")).to_contain_text(
        "Flyttes from What creates value to New ideas and courage"
    )
    expect(result.locator("[data-compare-list='removed']")).to_have_count(0)
    # ...and on the board itself, with a word as well as an outline.
    expect(note_card(team, "Ny")).to_have_attribute("data-change", "added")
    expect(note_card(team, "Ny").locator("[data-change-badge]")).to_have_text("New")
    expect(note_card(team, "Flyttes")).to_have_attribute("data-change", "moved")
    expect(note_card(team, "Flyttes").locator("[data-change-badge]")).to_have_text("Moved")
    expect(note_card(team, "Bliver")).not_to_have_attribute("data-change", re.compile(".*"))

    # The team link opens the board itself for editing too.
    team.goto(f"{live_server.url}/b/{board['id']}")
    connected(team)
    expect(team.get_by_label("Write a note")).to_be_editable()


def test_a_read_only_link_from_the_library_shows_the_board_without_edit_controls(
    live_server: LiveServer, browser: Browser
) -> None:
    board = live_server.create_board("Værdi for borgerne", kind="value-map", event=EVENT)
    run_async(add_notes(live_server, board, {"n1": "Borgeren bliver hørt"}))
    lead = as_facilitator(laptop(browser), board)
    row = library_row(lead, board["title"])
    row.get_by_role("button", name="Read-only link").click()
    field = row.locator("[data-read-only-url]")
    expect(field).to_have_value(re.compile(r"/b/.+\?key="))
    expect(row.get_by_role("button", name="Copy link")).to_be_focused()
    read_only_url = field.input_value()

    viewer = laptop(browser).new_page()
    viewer.goto(read_only_url)
    connected(viewer)
    expect(note_card(viewer, "Borgeren bliver hørt")).to_be_visible()
    board_view = viewer.locator("[data-board-view]")
    expect(viewer.get_by_label("Write a note")).to_have_count(0)
    for control in ("[data-note-edit]", "[data-note-delete]", "[data-vote-add]", "select"):
        expect(board_view.locator(control)).to_have_count(0)


def test_search_finds_a_board_by_a_word_in_a_note(
    live_server: LiveServer, browser: Browser
) -> None:
    found = live_server.create_board("Værdi for borgerne", kind="value-map", event=EVENT)
    other = live_server.create_board(
        "Ledelsesgrundlag", kind="charter", event=EVENT, event_token=found["facilitator_token"]
    )
    run_async(add_notes(live_server, found, {"n1": "Sundhedsplejerske på hjemmebesøg"}))
    live_server.stop()  # the room is compacted: its text becomes searchable
    live_server.start()

    lead = as_facilitator(laptop(browser), found, other)
    expect(lead.locator("[data-library-board]")).to_have_count(2)
    lead.get_by_label("Search titles and content").fill("hjemmebesøg")
    expect(lead.locator("[data-library-board]")).to_have_count(1)
    hit = library_row(lead, found["title"])
    expect(hit.locator("[data-snippet] mark")).to_have_text("hjemmebesøg")
    expect(lead.locator("[data-library-status]")).to_contain_text("1 board matches")
    lead.get_by_label("Search titles and content").fill("")
    lead.get_by_role("button", name="Search", exact=True).click()
    expect(lead.locator("[data-library-board]")).to_have_count(2)


def test_deleting_from_the_library_reaches_the_phone_that_made_the_board(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    # A phone creates a board (in Danish): the home page lists it, and it stays open.
    mobile, board_id, facilitator_url = board_made_on_a_phone(
        live_server, playwright, browser, "Slettes snart", EVENT
    )
    mobile.get_by_role("link", name="Åbn tavlen").tap()
    connected(mobile)

    # The facilitator, on a laptop, deletes it from the library.
    lead = as_facilitator(laptop(browser), {"id": board_id, "facilitator_url": facilitator_url})
    row = library_row(lead, "Slettes snart")
    row.get_by_role("button", name="Delete board").click()
    dialog = lead.get_by_role("dialog", name="Delete “Slettes snart”?")
    expect(dialog).to_contain_text(
        "Every note, snapshot, vote and participant name is deleted. This cannot be undone."
    )
    dialog.get_by_role("button", name="Delete for good").click()
    expect(lead.locator("[data-library-board]")).to_have_count(0)
    expect(lead.locator("[data-library-status]")).to_contain_text("No boards here yet")

    # The phone is told, and keeps nothing of it.
    fatal = mobile.locator("[data-fatal]")
    expect(fatal).to_have_attribute("data-code", "4410")
    expect(fatal).to_contain_text("Tavlen er slettet")
    mobile.goto(live_server.url)
    expect(mobile.get_by_role("heading", name="Opret en tavle")).to_be_visible()
    expect(mobile.locator(f"[data-my-boards-list] [data-board-id='{board_id}']")).to_have_count(0)
    gone = mobile.goto(f"{live_server.url}/b/{board_id}")
    assert gone is not None
    assert gone.status == 404


def test_a_phone_away_when_its_board_was_deleted_drops_it_when_it_comes_back(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    mobile, board_id, facilitator_url = board_made_on_a_phone(
        live_server, playwright, browser, "Væk imens"
    )
    mobile.goto(live_server.url)
    listed = mobile.locator(f"[data-my-boards-list] [data-board-id='{board_id}']")
    expect(listed).to_have_count(1)
    # Deleted while the phone is elsewhere (no socket open to tell it)...
    token = facilitator_url.split("?key=")[1]
    deleted = httpx.delete(f"{live_server.url}/api/boards/{board_id}", headers=bearer(token))
    assert deleted.status_code == 204
    # ...it learns when it opens the board again, and drops what it kept.
    gone = mobile.goto(f"{live_server.url}/b/{board_id}")
    assert gone is not None
    assert gone.status == 404
    mobile.goto(live_server.url)
    expect(mobile.get_by_role("heading", name="Opret en tavle")).to_be_visible()
    expect(listed).to_have_count(0)


def test_importing_a_json_export_makes_a_working_board(
    live_server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    board = live_server.create_board("Værdi for borgerne", kind="value-map", event=EVENT)
    run_async(add_notes(live_server, board, {"n1": "Frivillige fra idrætsforeningen"}))
    exported = httpx.get(
        f"{live_server.url}/b/{board['id']}/export.json",
        headers=bearer(board["facilitator_token"]),
    )
    assert exported.status_code == 200
    export_file = tmp_path / "vaerdi.json"
    export_file.write_bytes(exported.content)
    not_tavle = tmp_path / "noter.json"
    not_tavle.write_text(json.dumps({"notes": ["ikke en tavle"]}))

    page = laptop(browser).new_page()
    page.goto(f"{live_server.url}/library")
    result = page.locator("[data-import-result]")
    page.get_by_label("JSON export").set_input_files(not_tavle)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(result.get_by_role("alert")).to_have_text(
        "This file is not a board exported from Tavle (a .json export)."
    )

    page.get_by_label("JSON export").set_input_files(export_file)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(result).to_contain_text("New board: Værdi for borgerne")
    opened = page.get_by_role("link", name="Open the new board")
    expect(opened).to_be_focused()
    opened.click()
    connected(page)
    assert board["id"] not in page.url
    expect(note_card(page, "Frivillige fra idrætsforeningen")).to_be_visible()
    expect(page.get_by_label("Write a note")).to_be_editable()
