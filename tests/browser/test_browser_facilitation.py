"""Facilitation in real Chromium: a facilitator's laptop and two phones (issue 6)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from tests.support.browser import (
    Devices,
    connected,
    facilitator_page,
    fixture_of,
    laptop,
    note_card,
    panel,
    phone,
    write,
)
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser

LIVE_S = 10_000  # ms: what "shows on every phone" may take at most in these tests


def join_by_typed_code(page: Page, server: LiveServer, code: str, name: str) -> None:
    page.goto(f"{server.url}/join")
    # Typed as people do: lower case, with a space.
    page.get_by_label("Code from the screen").fill(f"{code[:3].lower()} {code[3:].lower()}")
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join", exact=True).tap()
    connected(page)


def go_offline(context: BrowserContext, page: Page) -> None:
    """Take a phone off the network, its open socket included.

    Chromium's offline emulation refuses new connections but leaves an open websocket
    working, unlike a phone that walks out of the Wi-Fi: close it as the network would.
    """
    context.set_offline(True)
    page.evaluate("window.tavle.provider.ws && window.tavle.provider.ws.close()")
    # The pill turns offline on the provider's "disconnected" status, which y-websocket
    # emits after it has marked the socket closed. (`wait_for_function` would evaluate a
    # string, which the page's CSP forbids.)
    expect(page.locator("[data-connection-status]")).to_have_attribute("data-state", "offline")


class Room(Devices):
    """A value map with the facilitator on a laptop and Anne and Bent on two phones."""

    def __init__(self, server: LiveServer, playwright: Playwright, browser: Browser) -> None:
        super().__init__()
        self.server = server
        self.board = server.create_board("Storledermøde", kind="value-map", locale="en")
        self.lead_context = self.open(laptop(browser))
        self.lead = facilitator_page(self.lead_context, self.board)
        # Folded on a laptop (issue 12 §5): the wall comes first.
        expect(panel(self.lead)).to_be_hidden()
        self.lead.get_by_role("button", name="Facilitator panel").click()
        expect(panel(self.lead)).to_be_visible()
        self.anne_context = self.open(phone(playwright, browser, "en-US"))
        self.bent_context = self.open(phone(playwright, browser, "en-US", "iPhone 13"))
        self.anne = self.anne_context.new_page()
        self.bent = self.bent_context.new_page()

    def join_both(self) -> None:
        code = self.board["join_code"]
        for page, name in ((self.anne, "Anne"), (self.bent, "Bent")):
            join_by_typed_code(page, self.server, code, name)

    @property
    def phones(self) -> tuple[Page, Page]:
        return self.anne, self.bent


room = fixture_of(Room)


def test_phones_join_by_the_qr_address_and_by_code_until_joining_closes(
    room: Room, playwright: Playwright, browser: Browser
) -> None:
    lead, code = room.lead, room.board["join_code"]
    # The join screen opens from the panel in a new tab; its QR code encodes the join address.
    with room.lead_context.expect_page() as opened:
        panel(lead).get_by_role("link", name="Show join screen").click()
    screen = opened.value
    expect(screen.locator("[data-join-code]")).to_have_text(code)
    caption = screen.locator("[data-join-qr] figcaption").inner_text()
    qr_address = re.search(r"https?://\S+", caption)
    assert qr_address is not None
    assert qr_address.group(0).endswith(f"/join/{code}")

    anne, bent = room.phones
    anne.goto(qr_address.group(0))
    expect(anne.get_by_label("Code from the screen")).to_have_value(code)
    anne.get_by_label("Your name").fill("Anne")
    anne.get_by_role("button", name="Join", exact=True).tap()
    connected(anne)
    join_by_typed_code(bent, room.server, code, "Bent")
    expect(screen.locator("[data-people-count]")).to_have_attribute("data-joined", "2")

    # The panel lists who joined; the facilitator closes joining.
    people = panel(lead).locator("[data-panel-people]")
    people.locator("summary").click()
    for name in ("Anne", "Bent"):
        expect(people.locator("[data-person]", has_text=name)).to_have_attribute(
            "data-online", "true"
        )
    joining = panel(lead).get_by_role("switch", name="Open to new participants")
    expect(joining).to_be_checked()
    joining.click()
    expect(joining).not_to_be_checked()
    expect(screen.locator("[data-joining-closed]")).to_be_visible()

    third_context = phone(playwright, browser, "en-US")
    third = third_context.new_page()
    third.goto(qr_address.group(0))
    third.get_by_label("Your name").fill("Carl")
    third.get_by_role("button", name="Join", exact=True).tap()
    expect(third.get_by_role("alert")).to_contain_text("closed this board to new participants")
    expect(third.locator("[data-connection-status]")).to_have_count(0)
    third_context.close()
    # Those who joined are still on the board.
    expect(people.locator("[data-person]")).to_have_count(2)


def test_a_timer_counts_down_on_both_phones_and_a_lock_makes_them_read_only(room: Room) -> None:
    room.join_both()
    lead = room.lead
    anne, bent = room.phones
    write(anne, "Borgeren bliver hørt")

    panel(lead).get_by_role("button", name="3 min: start the timer").click()
    for page in (anne, bent, lead):
        timer = page.get_by_role("timer")
        expect(timer).to_be_visible(timeout=LIVE_S)
        expect(timer).to_have_attribute("data-timer-state", "running")
        expect(timer.locator("[data-timer-digits]")).to_have_text(re.compile(r"^0[23]:\d\d$"))
    digits = bent.locator("[data-timer-digits]")
    first = digits.inner_text()
    expect(digits).not_to_have_text(first, timeout=3000)  # it counts down on the phone itself
    panel(lead).get_by_role("button", name="Pause").click()
    for page in (anne, bent):
        expect(page.get_by_role("timer")).to_have_attribute("data-timer-state", "paused")
        expect(page.get_by_role("timer")).to_contain_text("Paused")

    # Lock: the phones become read-only and say why.
    panel(lead).get_by_role("switch", name="Lock the board for participants").click()
    for page in (anne, bent):
        strip = page.locator("[data-session]")
        expect(strip).to_have_attribute("data-locked", "true", timeout=LIVE_S)
        expect(strip).to_contain_text("The facilitator has locked the board")
        expect(page.get_by_label("Write a note")).to_be_disabled()
    expect(lead.locator("[data-session]")).to_contain_text("Locked for participants")

    # Open again: writing works again, and reaches the others.
    panel(lead).get_by_role("switch", name="Lock the board for participants").click()
    for page in (anne, bent):
        expect(page.locator("[data-session]")).to_have_attribute("data-locked", "false")
        expect(page.get_by_label("Write a note")).to_be_enabled()
    write(bent, "Fælles mål")
    expect(note_card(anne, "Fælles mål")).to_be_visible()
    panel(lead).get_by_role("button", name="Stop").click()
    expect(anne.get_by_role("timer")).to_be_hidden()


def test_private_writing_hides_a_phones_notes_until_the_panel_reveals_them(room: Room) -> None:
    room.join_both()
    lead = room.lead
    anne, bent = room.phones
    panel(lead).get_by_role("button", name="Private writing", exact=True).click()
    for page in (anne, bent, lead):
        expect(page.locator("[data-session]")).to_have_attribute("data-phase", "private")
        expect(page.locator("[data-session-phase]")).to_have_text("Private writing")
    write(anne, "Kun til mig")
    write(bent, "Bents tanke")
    expect(note_card(anne, "Kun til mig")).to_be_visible()
    expect(panel(lead).locator("[data-private-count]")).to_have_text("2 notes from 2 participants")
    for page, hidden in ((bent, "Kun til mig"), (anne, "Bents tanke"), (lead, "Kun til mig")):
        expect(note_card(page, hidden)).to_have_count(0)

    panel(lead).get_by_role("button", name="Show all notes").click()
    for page in (anne, bent, lead):
        expect(page.locator("[data-session]")).to_have_attribute("data-phase", "write")
        for text in ("Kun til mig", "Bents tanke"):
            expect(note_card(page, text)).to_be_visible()
    # The phase change was kept as a snapshot, named after the phase.
    expect(panel(lead).locator("[data-snapshot-kind='phase']").first).to_contain_text("Phase: ")


def test_a_note_written_offline_before_a_lock_is_handed_back_to_copy(room: Room) -> None:
    room.join_both()
    anne = room.anne
    go_offline(room.anne_context, anne)
    write(anne, "Skrevet i toget")
    panel(room.lead).get_by_role("switch", name="Lock the board for participants").click()
    expect(room.bent.locator("[data-session]")).to_have_attribute("data-locked", "true")
    room.anne_context.set_offline(False)
    dialog = anne.get_by_role("dialog", name="Your text was not saved — copy it")
    expect(dialog).to_be_visible(timeout=LIVE_S)
    expect(dialog.locator("[data-refused-text]")).to_contain_text("Skrevet i toget")
    expect(dialog.get_by_role("button", name="Copy text")).to_be_visible()
    expect(dialog.locator("[data-refused-reason]")).to_contain_text("locked")
    dialog.get_by_role("button", name="Close").tap()
    expect(dialog).to_be_hidden()
    expect(note_card(room.bent, "Skrevet i toget")).to_have_count(0)


def test_a_restored_snapshot_brings_every_screen_back_even_one_offline_at_the_time(
    room: Room,
) -> None:
    room.join_both()
    lead = room.lead
    anne, bent = room.phones
    write(anne, "Første idé")
    for page in (bent, lead):
        expect(note_card(page, "Første idé")).to_be_visible()
    snapshots = panel(lead).locator("[data-panel-snapshots]")
    snapshots.get_by_label("Name (optional)").fill("Before the break")
    snapshots.get_by_role("button", name="Take snapshot").click()
    taken = snapshots.locator("[data-snapshot-kind='manual']")
    expect(taken.locator("[data-snapshot-name]")).to_have_text("Before the break")
    expect(taken).to_contain_text("1 note")

    write(anne, "Anden idé")
    write(bent, "Tredje idé")
    for page in (anne, bent, lead):
        expect(page.locator("[data-note-id]")).to_have_count(3)

    # Opened read-only in a new tab: the snapshot as it was, without a connection.
    with room.lead_context.expect_page() as opened:
        snapshots.get_by_role("link", name="Open Before the break read-only in a new tab").click()
    frozen = opened.value
    expect(frozen.locator("[data-snapshot-banner]")).to_contain_text(
        re.compile(r"Snapshot: Before the break, .+ — read-only")
    )
    expect(note_card(frozen, "Første idé")).to_be_visible()
    expect(frozen.locator("[data-note-id]")).to_have_count(1)
    frozen.close()

    # Bent's phone is offline while the facilitator restores.
    go_offline(room.bent_context, bent)
    snapshots.get_by_role("button", name="Restore Before the break").click()
    confirm = lead.get_by_role("dialog", name="Restore “Before the break”?")
    expect(confirm).to_contain_text("kept as a snapshot")
    confirm.get_by_role("button", name="Restore").click()
    for page in (anne, lead):
        expect(page.locator("[data-note-id]")).to_have_count(1, timeout=LIVE_S)
        expect(note_card(page, "Første idé")).to_be_visible()
    expect(snapshots.locator("[data-snapshot-kind='before_restore']")).to_contain_text(
        "Before restoring #"
    )

    room.bent_context.set_offline(False)
    connected(bent)
    expect(bent.locator("[data-note-id]")).to_have_count(1, timeout=LIVE_S)
    expect(note_card(bent, "Første idé")).to_be_visible()
    # ...and Bent's copy did not bring the newer notes back to anyone.
    for page in (anne, lead):
        expect(note_card(page, "Tredje idé")).to_have_count(0)
        expect(page.locator("[data-note-id]")).to_have_count(1)


def test_the_facilitators_shortcuts_do_not_fire_while_typing(room: Room) -> None:
    room.join_both()
    lead, anne = room.lead, room.anne
    lead.get_by_role("button", name="Write note").click()
    lead.get_by_label("Write a note").fill("N")
    lead.get_by_label("Write a note").press("Alt+Shift+KeyN")
    lead.locator("body").click(position={"x": 5, "y": 300})
    expect(anne.locator("[data-session]")).to_have_attribute("data-phase", "write")
    lead.keyboard.press("Alt+Shift+KeyN")
    for page in (anne, lead):
        expect(page.locator("[data-session]")).to_have_attribute("data-phase", "private")
    expect(panel(lead).locator("[data-private-count]")).to_have_text("0 notes from 0 participants")
    # Right after a click on a switch (focus stays on it) the shortcuts still work.
    panel(lead).get_by_role("switch", name="Lock the board for participants").click()
    lead.keyboard.press("Alt+Shift+KeyS")
    expect(panel(lead).locator("[data-snapshot-kind='manual']")).to_have_count(1)
    lead.keyboard.press("Alt+Shift+KeyL")
    expect(anne.locator("[data-session]")).to_have_attribute("data-locked", "false")
    lead.keyboard.press("Alt+Shift+KeyT")
    expect(anne.get_by_role("timer")).to_have_attribute("data-timer-state", "running")
    # The shortcut pauses what the laptop itself shows running: wait until it does.
    expect(lead.get_by_role("timer")).to_have_attribute("data-timer-state", "running")
    lead.keyboard.press("Alt+Shift+KeyT")
    expect(anne.get_by_role("timer")).to_have_attribute("data-timer-state", "paused")
