"""Private writing, reveal, moderation and focus inside the board views, in real Chromium
(issue 6): a facilitator's laptop and two phones; the facilitator's commands go over a raw
websocket with the facilitator token, as the panel would send them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect

from tests.support.browser import (
    Devices,
    connected,
    facilitator_page,
    fixture_of,
    join,
    laptop,
    note_card,
    phone,
    write,
)
from tests.support.facilitator import Facilitator
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser


class MapRoom(Devices):
    """A value map with the facilitator's laptop and Anne's and Bent's phones."""

    def __init__(self, server: LiveServer, playwright: Playwright, browser: Browser) -> None:
        super().__init__()
        self.board = server.create_board("Værdi for borgerne", kind="value-map", locale="en")
        self.laptop_context = self.open(laptop(browser))
        self.anne_context = self.open(phone(playwright, browser, "en-US"))
        self.bent_context = self.open(phone(playwright, browser, "en-US", "iPhone 13"))
        self.laptop = facilitator_page(self.laptop_context, self.board)
        self.anne, self.bent = self.anne_context.new_page(), self.bent_context.new_page()
        join(self.anne, server, self.board["join_code"], "Anne")
        join(self.bent, server, self.board["join_code"], "Bent")
        self.facilitator = Facilitator(server, self.board)

    @property
    def pages(self) -> tuple[Page, Page, Page]:
        return self.laptop, self.anne, self.bent

    def close(self) -> None:
        self.facilitator.close()
        super().close()


room = fixture_of(MapRoom)


def test_private_notes_stay_on_their_phone_until_the_reveal(room: MapRoom) -> None:
    anne, bent, laptop = room.anne, room.bent, room.laptop
    room.facilitator.phase("private")
    for page in (anne, bent):
        expect(page.locator("[data-edit-reason]")).to_contain_text("Private writing")
        expect(page.locator("[data-private-hint]")).to_be_visible()

    write(anne, "Borgeren skal høres tidligt")
    write(anne, "Frivillige i nærmiljøet")
    write(bent, "Spørg de unge selv")
    mine = anne.locator("[data-note-id][data-private='true']")
    expect(mine).to_have_count(2)
    expect(mine.first).to_contain_text("Only you can see this until the facilitator shows")
    expect(note_card(bent, "Spørg de unge selv")).to_have_attribute("data-private", "true")

    # Bent's screen never shows Anne's notes, and they are not in his page at all.
    expect(bent.locator("[data-note-id]")).to_have_count(1)
    expect(laptop.locator("[data-note-id]")).to_have_count(0)
    for page in (bent, laptop):
        assert "Borgeren skal høres tidligt" not in page.content()

    room.facilitator.reveal()
    for page in room.pages:
        for text in (
            "Borgeren skal høres tidligt",
            "Frivillige i nærmiljøet",
            "Spørg de unge selv",
        ):
            expect(note_card(page, text)).to_be_visible()
        expect(page.locator("[data-note-id][data-private='true']")).to_have_count(0)
    expect(note_card(anne, "Frivillige i nærmiljøet")).to_have_attribute("data-own", "true")
    expect(note_card(bent, "Frivillige i nærmiljøet")).to_have_attribute("data-own", "false")
    expect(anne.locator("[data-edit-reason]")).to_be_hidden()

    # Offline during a second round: the note waits on Anne's phone and lands when she is back,
    # after the reveal has passed her by.
    room.facilitator.phase("private")
    expect(anne.locator("[data-edit-reason]")).to_contain_text("Private writing")
    room.anne_context.set_offline(True)
    write(anne, "Skrevet i kælderen uden net")
    offline_note = note_card(anne, "Skrevet i kælderen uden net")
    expect(offline_note.locator("[data-private-pending]")).to_be_visible()
    room.facilitator.reveal()
    expect(bent.locator("[data-edit-reason]")).to_be_hidden()
    assert "Skrevet i kælderen uden net" not in bent.content()
    room.anne_context.set_offline(False)
    for page in room.pages:
        expect(note_card(page, "Skrevet i kælderen uden net")).to_be_visible()
        expect(note_card(page, "Skrevet i kælderen uden net")).not_to_have_attribute(
            "data-private", "true"
        )
    expect(note_card(anne, "Skrevet i kælderen uden net")).to_have_attribute("data-own", "true")


def test_phases_hide_a_note_and_bring_everyone_to_a_zone(room: MapRoom) -> None:
    anne, bent, laptop = room.anne, room.bent, room.laptop
    write(anne, "Et rum for pårørende")
    for page in room.pages:
        expect(note_card(page, "Et rum for pårørende")).to_be_visible()

    # Voting: editing one's own note is off, with the reason on screen.
    room.facilitator.phase("vote")
    expect(anne.locator("[data-edit-reason]")).to_contain_text("Voting")
    expect(
        note_card(anne, "Et rum for pårørende").get_by_role("button", name="Edit note")
    ).to_be_disabled()
    # Nothing can be written: the disabled form gives way to the board (issue 12).
    expect(anne.get_by_label("Write a note")).to_be_disabled()
    expect(anne.get_by_label("Write a note")).to_be_hidden()
    room.facilitator.phase("write")
    expect(
        note_card(anne, "Et rum for pårørende").get_by_role("button", name="Edit note")
    ).to_be_enabled()

    # The facilitator hides the note: it leaves both phones; restoring brings it back.
    note_id = note_card(anne, "Et rum for pårørende").get_attribute("data-note-id")
    assert note_id is not None
    expect(anne.get_by_role("button", name="Hide")).to_have_count(0)
    # The facilitator's note tools are in one Actions menu per note.
    note_card(laptop, "Et rum for pårørende").get_by_role("button", name="More").click()
    note_card(laptop, "Et rum for pårørende").get_by_role("button", name="Hide").click()
    expect(laptop.locator("[data-live]")).to_contain_text("Hidden")
    for page in room.pages:
        expect(note_card(page, "Et rum for pårørende")).to_have_count(0)
    room.facilitator.command(
        {"type": "moderate.restore", "root": "notes", "id": note_id},
        lambda m: m.get("type") == "moderation" and not m.get("items"),
    )
    for page in room.pages:
        expect(note_card(page, "Et rum for pårørende")).to_be_visible()

    # "Bring everyone here" from the zone's header: both phones swipe there and say who asked.
    zone = laptop.locator('[data-zone-id="courage"]')
    zone.get_by_role("button", name="Bring everyone here").click()
    for page in (anne, bent):
        expect(page.locator("[data-focus-toast]")).to_contain_text("The facilitator has gathered")
        expect(page.locator('[data-zone-tab="courage"]')).to_have_attribute("aria-current", "true")
    bent.get_by_role("button", name="Close").tap()
    expect(bent.locator("[data-focus-toast]")).to_be_hidden()
    # They may leave at once.
    bent.locator('[data-zone-tab="situation"]').tap()
    expect(bent.locator('[data-zone-tab="situation"]')).to_have_attribute("aria-current", "true")


def test_a_private_everyday_example_stays_private_until_the_reveal(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    board = live_server.create_board("Ledelsesgrundlag", kind="charter", locale="en")
    contexts = [
        laptop(browser),
        phone(playwright, browser, "en-US", "iPhone 13"),
        phone(playwright, browser, "en-US"),
    ]
    lead, anna, bent = (context.new_page() for context in contexts)
    lead.goto(board["facilitator_url"])
    connected(lead)
    join(anna, live_server, board["join_code"], "Anna")
    join(bent, live_server, board["join_code"], "Bent")
    facilitator = Facilitator(live_server, board)
    try:
        facilitator.phase("private")
        expect(anna.locator("[data-edit-reason]")).to_contain_text("Private writing")
        anna.get_by_role("button", name="Open “We lead across boundaries”").tap()
        across = anna.locator('[data-section-id="across"]')
        expect(across.locator("[data-wording-editor]")).to_have_attribute(
            "contenteditable", "false"
        )
        across.locator("[data-example-open]").tap()
        across.get_by_label("Your example").fill("Vi holdt et fælles møde med skolen.")
        across.get_by_role("button", name="Add example").tap()
        private = across.locator("[data-example-id][data-private='true']")
        expect(private).to_contain_text("Only you can see this until the facilitator shows")
        expect(private).to_contain_text("Vi holdt et fælles møde med skolen.")

        bent_across = bent.locator('[data-section-id="across"]')
        expect(bent_across.locator("[data-example-count]")).to_have_attribute("data-count", "0")
        for page in (bent, lead):
            assert "fælles møde med skolen" not in page.content()

        facilitator.reveal()
        for page in (lead, anna, bent):
            shown = page.locator('[data-section-id="across"] [data-example-id]')
            expect(shown).to_have_count(1)
            expect(shown).to_contain_text("fælles møde med skolen")
            expect(shown).not_to_have_attribute("data-private", "true")
        # The facilitator hides it: gone from both phones.
        lead.locator('[data-section-id="across"] [data-example-id]').get_by_role(
            "button", name="Hide"
        ).click()
        for page in (anna, bent):
            expect(page.locator('[data-section-id="across"] [data-example-id]')).to_have_count(0)
    finally:
        facilitator.close()
        for context in contexts:
            context.close()
