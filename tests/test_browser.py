"""Real Chromium with phone profiles and touch against a real server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from tests.support.browser import browser, phone, playwright
from tests.support.live import LiveServer

__all__ = ["browser", "playwright"]  # module-scoped fixtures, used by name

pytestmark = pytest.mark.browser


@pytest.fixture
def phones(
    playwright: Playwright, browser: Browser
) -> Iterator[tuple[BrowserContext, BrowserContext]]:
    english = phone(playwright, browser, "en-US", "iPhone 13")
    danish = phone(playwright, browser, "da-DK", "Pixel 7")
    yield english, danish
    english.close()
    danish.close()


def join(page: Page, server: LiveServer, code: str, name: str, *, english: bool) -> None:
    page.goto(f"{server.url}/join")
    page.get_by_label("Code from the screen" if english else "Kode fra skærmen").fill(code)
    page.get_by_label("Your name" if english else "Dit navn").fill(name)
    page.get_by_role("button", name="Join" if english else "Deltag", exact=True).tap()
    expect(page).to_have_url(re.compile(r"/b/"))
    expect(page.locator("[data-connection-status]")).to_have_attribute("data-state", "connected")


def notes(page: Page) -> Any:
    return page.locator("[data-notes] [data-note-id]")


def note_texts(page: Page) -> Any:
    return page.locator("[data-notes] [data-note-text]")


def add_note(page: Page, text: str, *, english: bool) -> None:
    page.get_by_label("Write a note" if english else "Skriv en note").fill(text)
    page.get_by_role("button", name="Add note" if english else "Tilføj note").tap()


def test_phones_share_notes_presence_and_offline_edits(
    live_server: LiveServer, phones: tuple[BrowserContext, BrowserContext]
) -> None:
    board = live_server.create_board("Værdi for borgerne")
    anne_context, bent_context = phones
    anne, bent = anne_context.new_page(), bent_context.new_page()
    join(anne, live_server, board["join_code"].lower(), "Anne", english=True)
    join(bent, live_server, board["join_code"], "Bent", english=False)

    add_note(anne, "Borgeren i centrum", english=True)
    expect(note_texts(bent)).to_have_text(["Borgeren i centrum"])
    expect(notes(anne).first).to_have_attribute("data-own", "true")
    expect(notes(bent).first).to_have_attribute("data-own", "false")
    # The field is cleared and keeps focus for the next note.
    expect(anne.get_by_label("Write a note")).to_have_value("")
    expect(anne.get_by_label("Write a note")).to_be_focused()

    for page in (anne, bent):
        names = page.locator("[data-presence-list] [data-presence-name]")
        expect(names).to_have_count(2)
        expect(page.locator('[data-presence-name="Anne"]')).to_be_visible()
        expect(page.locator('[data-presence-name="Bent"]')).to_be_visible()

    # Bent loses the network, writes on, and comes back.
    bent_context.set_offline(True)
    expect(bent.locator("[data-connection-status]")).to_have_attribute("data-state", "offline")
    add_note(bent, "Skrevet uden net", english=False)
    expect(bent.locator("[data-pending-edits]")).to_be_visible()
    add_note(anne, "Imens online", english=True)
    bent_context.set_offline(False)
    expect(bent.locator("[data-connection-status]")).to_have_attribute("data-state", "connected")
    expect(bent.locator("[data-pending-edits]")).to_be_hidden()
    for page in (anne, bent):
        expect(notes(page)).to_have_count(3)
    texts = sorted(note_texts(anne).all_inner_texts())
    assert texts == sorted(note_texts(bent).all_inner_texts())
    assert texts == ["Borgeren i centrum", "Imens online", "Skrevet uden net"]

    # Bent closes the page: Anne sees him leave.
    bent.close()
    expect(anne.locator('[data-presence-name="Bent"]')).to_have_count(0, timeout=2500)


def test_a_count_takes_the_plural_form_of_the_pages_language(
    live_server: LiveServer, phones: tuple[BrowserContext, BrowserContext]
) -> None:
    """The strings come from the page's cached /i18n/ script; Intl.PluralRules picks a form."""
    board = live_server.create_board()
    loaded: list[str] = []
    for context, english in zip(phones, (True, False), strict=True):
        page = context.new_page()
        page.on("response", lambda response: loaded.append(response.url))
        join(page, live_server, board["join_code"], "Anne" if english else "Bent", english=english)
        catalog = rf"/i18n/{'en' if english else 'da'}/board\.[0-9a-f]{{16}}\.js$"
        assert any(re.search(catalog, url) for url in loaded)
        context.set_offline(True)
        expect(page.locator("[data-connection-status]")).to_have_attribute("data-state", "offline")
        pending = page.locator("[data-pending-edits]")
        add_note(page, "Borgeren først", english=english)
        expect(pending).to_have_text("1 change waiting" if english else "1 ændring venter")
        add_note(page, "Mod til at prøve", english=english)
        expect(pending).to_have_text("2 changes waiting" if english else "2 ændringer venter")
        context.set_offline(False)
        expect(pending).to_be_hidden()
        page.close()


def test_client_stops_and_explains_on_a_refused_token(
    live_server: LiveServer, playwright: Playwright, browser: Browser
) -> None:
    board = live_server.create_board()
    context = phone(playwright, browser, "en-US")
    page = context.new_page()
    join(page, live_server, board["join_code"], "Anne", english=True)
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))

    def with_bad_token(route: Any) -> None:
        response = route.fetch()
        body = re.sub(r'"token": "[^"]+"', '"token": "p1.forged.0000"', response.text())
        route.fulfill(response=response, body=body)

    page.route(re.compile(r"/b/[^/?]+$"), with_bad_token)
    page.reload()
    fatal = page.locator("[data-fatal]")
    expect(fatal).to_be_visible()
    expect(fatal).to_contain_text("Join again")
    expect(page.locator("[data-connection-status]")).to_have_attribute("data-state", "closed")
    # Proving that no reconnect follows needs a pause longer than the provider's backoff.
    page.wait_for_timeout(1500)
    assert len(sockets) == 1
    context.close()


def test_facilitator_creates_a_board_on_a_laptop_and_finds_it_again(
    live_server: LiveServer, browser: Browser
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="da-DK")
    page = context.new_page()
    page.goto(live_server.url)
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_label("Titel").fill("Ledelsesgrundlag 2027")
    page.get_by_label("Arrangement (valgfrit)").fill("Storledermøde marts 2027")
    page.get_by_role("button", name="Opret tavle").click()
    code = page.locator("[data-join-code]").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    page.get_by_role("link", name="Åbn tavlen").click()
    expect(page).to_have_url(re.compile(r"/b/[^?]+$"))  # the secret left the address bar
    expect(page.locator('[data-role="facilitator"]')).to_be_visible()
    expect(page.locator("[data-connection-status]")).to_have_attribute("data-state", "connected")

    page.goto(live_server.url)
    mine = page.locator("[data-my-boards-list]")
    expect(mine).to_contain_text("Ledelsesgrundlag 2027")
    expect(mine).to_contain_text(code)

    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Create board")).to_be_visible()
    context.close()
