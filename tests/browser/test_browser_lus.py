"""Issue 15 in real Chromium: the LUS guide amended from its pilot, and a pre-jekt's action
carried on through a team link."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from playwright.sync_api import Browser, Playwright, expect

from tests.support.browser import (
    connected,
    facilitator_page,
    joined,
    laptop,
    note_card,
    phone,
    write,
)
from tests.support.live import LiveServer, bearer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EVENT = "LUS 2027"


def test_the_lus_guide_amended_from_a_pilot_note(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    pilot = live_server.create_board("LUS pilot", kind="lus-pilot", locale="en", event=EVENT)
    guide = live_server.create_board(
        "LUS guide",
        kind="lus-guide",
        locale="en",
        event=EVENT,
        event_token=pilot["facilitator_token"],
    )
    contexts = [phone(playwright, browser, "en-US", "iPhone 13"), laptop(browser)]
    try:
        # A phone writes, anonymously, a note in "To reword" naming a section of the guide.
        anna = joined(live_server, contexts[0], pilot, "Anna")
        anna.get_by_label("Which section of the guide?").select_option(label="Our cooperation")
        write(anna, "Ask what each of us needs from the other, not 'more or less'", "To reword")
        card = note_card(anna, "Ask what each of us needs")
        expect(card.locator("[data-note-topic-chip]")).to_have_text("Section: Our cooperation")

        # The pilot's facilitator sends it to the guide, editing the section's wording.
        lead = facilitator_page(contexts[1], pilot)
        wall_card = note_card(lead, "Ask what each of us needs")
        wall_card.get_by_role("button", name="Send to the guide as an amendment").click()
        dialog = lead.get_by_role("dialog", name="Amendment to the guide")
        expect(dialog.get_by_label("Section of the guide")).to_have_value("cooperation")
        wording = dialog.get_by_label("Proposed wording")
        expect(wording).to_have_value(
            "What do you need more or less of from me?\n"
            "How do we give each other feedback during the year?"
        )
        wording.fill("What does each of us need from the other?\n- How do we give feedback?")
        expect(dialog.locator("[data-amend-reason]")).to_contain_text("Ask what each of us needs")
        dialog.get_by_role("button", name="Send the amendment").click()
        expect(wall_card.locator("[data-note-sent]")).to_have_text("Sent to the guide")

        # On the guide, the proposal is there with the note as its reason, and the plenum
        # votes it in with the charter's own flow.
        guide_lead = facilitator_page(contexts[1], guide)
        proposal = guide_lead.locator('[data-section-id="cooperation"] [data-proposal-id]')
        expect(proposal).to_have_attribute("data-proposal-status", "open")
        expect(proposal.locator("[data-proposal-reason]")).to_contain_text("Ask what each of us")
        voter = joined(live_server, contexts[0], guide, "Bent")
        voter.get_by_role("button", name="Open “Our cooperation”").tap()
        voter.locator("[data-proposal-id]").get_by_role("button", name="Vote for").tap()
        expect(proposal.locator("[data-votes-for]")).to_have_attribute("data-votes-for", "1")
        proposal.get_by_role("button", name="Accept").click()
        editor = guide_lead.locator('[data-section-id="cooperation"] [data-wording-editor]')
        expect(editor).to_contain_text("What does each of us need from the other?")
        expect(editor.locator("li")).to_have_text("How do we give feedback?")
        expect(proposal).to_have_attribute("data-proposal-status", "accepted")
    finally:
        for context in contexts:
            context.close()


def test_a_pre_ject_action_updated_through_a_team_link(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    board = live_server.create_board("Pre-ject", kind="pre-ject", locale="en", event=EVENT)
    contexts = [laptop(browser), phone(playwright, browser, "en-US", "Pixel 7")]
    try:
        lead = facilitator_page(contexts[0], board)
        lead.get_by_role("button", name="Write note").click()
        lead.get_by_label("Write a note").fill("Call the job centre about a shared morning meeting")
        lead.get_by_label("Zone", exact=True).select_option(label="The first small step")
        lead.get_by_role("button", name="Add note").click()
        card = note_card(lead, "Call the job centre")
        card.get_by_role("button", name="Make it an action").click()
        dialog = lead.get_by_role("dialog", name="Make it an action")
        expect(dialog.get_by_label("What will you do?")).to_have_value(
            "Call the job centre about a shared morning meeting"
        )
        dialog.get_by_role("textbox", name="Who", exact=True).fill("Anna and Bent")
        dialog.get_by_label("By when").fill("2027-05-01")
        dialog.get_by_label("Progress").select_option(label="Running")
        dialog.get_by_role("button", name="Save the action").click()
        expect(card.locator("[data-note-action]")).to_have_text("Action: Running")

        # Weeks later the team opens the board through its team link, on a phone.
        event_id = httpx.get(
            f"{live_server.url}/api/library",
            cookies={f"tavle_b_{board['id']}": board["facilitator_token"]},
        ).json()["events"][0]["id"]
        team_url = httpx.post(
            f"{live_server.url}/api/events/{event_id}/team-link",
            headers=bearer(board["facilitator_token"]),
        ).json()["team_url"]
        team = contexts[1].new_page()
        team.goto(team_url)
        team.goto(board["board_url"])
        connected(team)
        actions = team.get_by_role("region", name="Actions")
        item = actions.locator("[data-action]")
        expect(item).to_contain_text("Anna and Bent · by 2027-05-01")
        item.get_by_role("button", name="Edit the action").tap()
        edit = team.get_by_role("dialog", name="Edit the action")
        edit.get_by_label("Progress").select_option(label="Tried")
        edit.get_by_label("What did you learn? (one line)").fill("The meeting works")
        edit.get_by_role("button", name="Save the action").tap()
        expect(item.locator("[data-action-status-badge]")).to_have_text("Tried")
        expect(card.locator("[data-note-action]")).to_have_text("Action: Tried")

        export = httpx.get(
            f"{live_server.url}/b/{board['id']}/export.actions.csv",
            headers={**bearer(board["facilitator_token"]), "accept-language": "en"},
        )
        rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
        assert rows[1][:5] == [
            "Call the job centre about a shared morning meeting",
            "Anna and Bent",
            "2027-05-01",
            "Tried",
            "The meeting works",
        ]
        link = actions.get_by_role("link", name="Action list (CSV)")
        expect(link).to_have_attribute("href", f"/b/{board['id']}/export.actions.csv")
    finally:
        for context in contexts:
            context.close()
