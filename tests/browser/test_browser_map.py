"""The value map in real Chromium: two phones and a projector, moves, clusters, a vote."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Playwright, expect

from tests.support.browser import facilitator_page, join, laptop, note_card, phone, write
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser


def test_phones_and_projector_share_moves_clusters_and_a_vote(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    board = live_server.create_board("Værdi for borgerne", kind="value-map", locale="en")
    projector_context = laptop(browser, viewport={"width": 1920, "height": 1080})
    projector = facilitator_page(projector_context, board)
    expect(projector.locator("[data-zone-id]")).to_have_count(6)

    anne_context, bent_context = (
        phone(playwright, browser, "en-US"),
        phone(playwright, browser, "en-US", "iPhone 13"),
    )
    anne, bent = anne_context.new_page(), bent_context.new_page()
    join(anne, live_server, board["join_code"], "Anne")
    join(bent, live_server, board["join_code"], "Bent")

    # A note from phone A appears on phone B and on the projector.
    write(anne, "Borgeren bliver hørt", zone="What creates value")
    for page in (bent, projector):
        expect(note_card(page, "Borgeren bliver hørt")).to_have_attribute("data-zone", "value")
    expect(note_card(anne, "Borgeren bliver hørt")).to_have_attribute("data-own", "true")
    expect(note_card(bent, "Borgeren bliver hørt")).to_have_attribute("data-own", "false")
    expect(projector.locator("[data-participant-count]")).to_contain_text("2")

    # The projector moves it to another zone (from the note's one menu); the phones follow.
    card = note_card(projector, "Borgeren bliver hørt")
    card.get_by_role("button", name="More").click()
    card.get_by_role("button", name="New ideas and courage").click()
    for page in (anne, bent):
        expect(note_card(page, "Borgeren bliver hørt")).to_have_attribute("data-zone", "courage")

    # ...and clusters it with another note.
    write(bent, "Prøv noget nyt", zone="New ideas and courage")
    expect(note_card(projector, "Prøv noget nyt")).to_be_visible()
    for text in ("Borgeren bliver hørt", "Prøv noget nyt"):
        note_card(projector, text).get_by_label("Select note").check()
    projector.get_by_label("Cluster name").fill("Mod og tillid")
    projector.get_by_role("button", name="Group", exact=True).click()
    for page in (anne, bent, projector):
        cluster = page.locator("[data-cluster-id]")
        expect(cluster.locator("[data-cluster-title]")).to_have_text("Mod og tillid")
        for text in ("Borgeren bliver hørt", "Prøv noget nyt"):
            expect(note_card(page, text)).not_to_have_attribute("data-cluster", "")

    # Two more notes, then a vote with a budget of 3.
    write(anne, "Frivillige hjælper", zone="Resources outside the municipality")
    write(bent, "Fælles mål", zone="What creates value")
    expect(projector.locator("[data-note-id]")).to_have_count(4)
    # The vote settings open from the wall's toolbar.
    projector.get_by_role("button", name="Voting").click()
    projector.get_by_label("Dots per person").fill("3")
    projector.get_by_role("button", name="Start vote").click()
    expect(anne.locator("[data-vote-left]")).to_contain_text("3")
    for text in ("Borgeren bliver hørt", "Frivillige hjælper", "Fælles mål"):
        note_card(anne, text).get_by_role("button", name="Add dot").tap()
    expect(anne.locator("[data-vote-left]")).to_contain_text("0")
    fourth = note_card(anne, "Prøv noget nyt").get_by_role("button", name="Add dot")
    expect(fourth).to_be_disabled()
    note_card(bent, "Fælles mål").get_by_role("button", name="Add dot").tap()
    expect(bent.locator("[data-vote-left]")).to_contain_text("2")
    # Hidden during the vote.
    expect(anne.locator("[data-results] [data-result-id]")).to_have_count(0)

    projector.get_by_role("button", name="End vote").click()
    projector.get_by_role("button", name="Show results").click()
    for page in (anne, bent, projector):
        results = page.locator("[data-results] [data-result-id]")
        expect(results.first).to_be_visible()
        expect(results.first).to_contain_text(re.compile("Mod og tillid|Fælles mål"))
    ranked = anne.locator("[data-results] [data-result-id]").all_inner_texts()
    assert any("Fælles mål" in text for text in ranked[:2])
    for context in (projector_context, anne_context, bent_context):
        context.close()
