"""Rounds in real Chromium: a charter carried into a second event with its everyday
examples, from the library's dialog, and the programme's page with both rounds (issue 15)."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect

from tests.support.browser import connected, facilitator_page, join, laptop, phone
from tests.support.items import Change, put, put_note
from tests.support.live import LiveServer, bearer
from tests.support.wsclient import raw_client

pytestmark = pytest.mark.browser

MARCH = "Storledermøde marts 2027"
MAY = "Temadag maj 2027"
EXAMPLE = "We met the school and the social workers in one room."
CALL = "Ring til jobcentret om et fælles morgenmøde"


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
        # On the board itself, under the example: the event it came from.
        expect(carried.locator("[data-example-event]")).to_have_text(f"from the event {MARCH}")
        expect(carried.locator("[data-example-event]")).to_have_attribute(
            "data-example-event", MARCH
        )
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


def make_action(server: LiveServer, board: dict[str, str], note_id: str, *changes: Change) -> None:
    """Make changes as the board's facilitator over a raw websocket, until the room holds
    the action of `note_id`."""

    async def edit() -> None:
        async with raw_client(server.ws_url, board["id"], board["facilitator_token"]) as lead:
            for change in changes:
                await lead.edit(change)
        # A second connection gets what the room holds: the edits arrived.
        async with raw_client(server.ws_url, board["id"], board["facilitator_token"]) as check:
            await check.until(lambda: note_id in check.root("actions"))

    # Playwright's sync API holds this thread's event loop: the client runs in a thread.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, edit()).result()


def test_the_programme_shows_each_pre_jekt_and_its_actions_status_to_the_team(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    board = live_server.create_board(
        "Fælles visitation", kind="pre-ject", event=MARCH, event_date="2027-03-14"
    )
    lead_headers = bearer(board["facilitator_token"])
    charter = live_server.create_board(
        "Ledelsesgrundlag",
        kind="charter",
        event=MARCH,
        event_date="2027-03-14",
        event_token=board["facilitator_token"],
    )
    action: dict[str, Any] = {"what": CALL, "who": "Anne og Bo", "status": "running"}
    make_action(
        live_server,
        board,
        "lead-note-1",
        put_note("lead-note-1", "Fælles morgenmøde", "idea"),
        put("actions", "lead-note-1", {**action, "due": "2027-05-01", "updated": 1.0}),
    )
    [event] = httpx.get(
        f"{live_server.url}/api/library",
        cookies={f"tavle_b_{board['id']}": board["facilitator_token"]},
    ).json()["events"]
    programme = httpx.post(
        f"{live_server.url}/api/programmes",
        json={"name": "Pre-jekter 2027", "event_id": event["id"]},
        headers=lead_headers,
    ).json()
    team_url = httpx.post(
        f"{live_server.url}/api/events/{event['id']}/team-link", headers=lead_headers
    ).json()["team_url"]

    team_context = phone(playwright, browser, "da-DK", "iPhone 13")
    lead_context = laptop(browser)
    try:
        # The team, weeks later, on a phone: its link, then the programme's page.
        team = team_context.new_page()
        team.goto(team_url)
        team.goto(f"{live_server.url}{programme['url']}")
        section = team.get_by_role("region", name="Pre-jekter")
        expect(section).to_be_visible()
        march = section.get_by_role("region", name=MARCH)
        expect(march.get_by_role("heading", level=3)).to_have_text(MARCH)
        pre_ject = march.get_by_role("listitem").filter(
            has=team.get_by_role("heading", name="Fælles visitation", level=4)
        )
        expect(pre_ject).to_have_count(1)
        expect(pre_ject.locator("[data-action-summary]")).to_have_text("1 i gang")
        actions = pre_ject.get_by_role("list", name="Handlinger i “Fælles visitation”")
        item = actions.get_by_role("listitem")
        expect(item).to_have_count(1)
        expect(item).to_contain_text(CALL)
        expect(item.locator("[data-status]")).to_have_text("I gang")
        expect(item).to_contain_text("Anne og Bo")
        expect(item).to_contain_text("senest 1. maj 2027")
        expect(pre_ject.get_by_role("link", name="Handlingsliste (CSV)")).to_have_attribute(
            "href", f"/b/{board['id']}/export.actions.csv"
        )
        expect(section).not_to_contain_text("Ledelsesgrundlag")  # a charter has no actions

        # The team opens the board from there and moves the action on.
        pre_ject.get_by_role("link", name="Åbn tavlen").tap()
        connected(team)
        on_board = team.locator("[data-actions-panel] [data-action]")
        on_board.get_by_role("button", name="Redigér handlingen").tap()
        dialog = team.get_by_role("dialog", name="Redigér handlingen")
        dialog.get_by_label("Status").select_option(label="Afprøvet")
        dialog.get_by_label("Hvad lærte I? (én linje)").fill("Morgenmødet virker")
        dialog.get_by_role("button", name="Gem handlingen").tap()
        expect(on_board.locator("[data-action-status-badge]")).to_have_text("Afprøvet")

        # Back on the programme's page, at once: the new status and what was learned.
        team.go_back()
        team.reload()
        item = team.get_by_role("region", name="Pre-jekter").locator(
            f'[data-pre-ject="{board["id"]}"] [data-action]'
        )
        expect(item.locator("[data-status]")).to_have_text("Afprøvet")
        expect(item.locator("[data-action-learning]")).to_have_text("Lært: Morgenmødet virker")
        expect(team.locator("[data-action-summary]")).to_have_text("1 afprøvet")

        # The facilitator's library offers the action list among a pre-jekt's exports only.
        lead = facilitator_page(lead_context, board)
        lead_context.add_cookies(
            [
                {
                    "name": f"tavle_b_{charter['id']}",
                    "value": charter["facilitator_token"],
                    "url": live_server.url,
                }
            ]
        )
        lead.goto(f"{live_server.url}/library")
        row = library_row(lead, "Fælles visitation", MARCH)
        menu = row.locator("[data-export-menu]")
        menu.get_by_text("Export", exact=True).click()
        expect(menu.get_by_role("link", name="Action list (CSV)")).to_have_attribute(
            "href", f"/b/{board['id']}/export.actions.csv"
        )
        expect(menu.get_by_role("link", name="Action list (Word)")).to_have_attribute(
            "href", f"/b/{board['id']}/export.actions.docx"
        )
        charter_menu = library_row(lead, "Ledelsesgrundlag", MARCH).locator("[data-export-menu]")
        expect(charter_menu.locator("[data-export]")).not_to_have_count(0)
        expect(charter_menu.locator('[data-export^="actions."]')).to_have_count(0)
        lead.goto(f"{live_server.url}{programme['url']}")
        expect(lead.get_by_role("region", name="Pre-jects")).to_contain_text("1 tried")
    finally:
        team_context.close()
        lead_context.close()
