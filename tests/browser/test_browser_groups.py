"""A seminar in table groups in real Chromium: twelve phones at three tables, each table
writing in its own space, the facilitator looking at each and at all, then back to plenum
as one cluster per table, and the plenum votes (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from tests.support.browser import connected, facilitator_page, laptop, phone, write
from tests.support.live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABLES = ("1", "2", "3")
PER_TABLE = 4


@pytest.fixture
def devices(playwright: Playwright, browser: Browser) -> Iterator[list[BrowserContext]]:
    """A facilitator's laptop and twelve phones."""
    contexts = [laptop(browser)] + [
        phone(playwright, browser, "en-US", "iPhone 13") for _ in range(len(TABLES) * PER_TABLE)
    ]
    yield contexts
    for context in contexts:
        context.close()


def join_at_table(page: Page, server: LiveServer, code: str, name: str, table: str) -> None:
    """Join by the board's link with a table number, as a phone at a seminar table does."""
    page.goto(f"{server.url}/join/{code}")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Table number (optional)").fill(table)
    page.get_by_role("button", name="Join", exact=True).tap()
    connected(page)


def test_a_seminar_of_twelve_phones_in_three_table_groups_goes_back_to_plenum_and_votes(
    live_server: LiveServer, devices: list[BrowserContext]
) -> None:
    board = live_server.create_board("Storledermøde", kind="value-map", locale="da")
    lead = facilitator_page(devices[0], board)
    phones: dict[str, list[Page]] = {table: [] for table in TABLES}
    for index, context in enumerate(devices[1:]):
        table = TABLES[index % len(TABLES)]
        page = context.new_page()
        join_at_table(page, live_server, board["join_code"], f"Leder {index}", table)
        phones[table].append(page)

    lead.get_by_role("button", name="Table groups").click()
    drawer = lead.get_by_role("region", name="Table groups")
    expect(drawer.locator("[data-groups-tables]")).to_have_text(
        "12 people here have typed a table number."
    )
    drawer.get_by_role("button", name="Split by table number").click()
    for table, pages in phones.items():
        for page in pages:
            expect(page.locator("[data-my-group]")).to_have_text(f"Your group: Bord {table}")

    # One phone at each table writes; its table mates see it, the other tables do not.
    for table, pages in phones.items():
        write(pages[0], f"Idé fra bord {table}")
    for table, pages in phones.items():
        expect(pages[-1].locator("[data-zones] [data-note-text]")).to_have_text(
            [f"Idé fra bord {table}"]
        )

    # The facilitator sees every table side by side, then one table at a time.
    overview = lead.get_by_role("region", name="All groups side by side")
    for table in TABLES:
        card = overview.get_by_role("article", name=f"Bord {table}")
        expect(card).to_contain_text("4 people · 1 note")
        expect(card.get_by_role("listitem")).to_have_text([f"Idé fra bord {table}"])
    lead.get_by_role("button", name="Bord 2 · 4 people").click()
    expect(overview).to_be_hidden()
    expect(lead.locator("[data-zones] [data-note-text]")).to_have_text(["Idé fra bord 2"])

    lead.get_by_role("button", name="Table groups").click()
    drawer.get_by_role("button", name="Back to plenum").click()
    # Each table's result arrives as one unit: a cluster titled with the table's name.
    clusters = lead.locator("[data-cluster-id]")
    expect(clusters).to_have_count(3)
    for table in TABLES:
        cluster = clusters.filter(has_text=f"Bord {table}")
        expect(cluster.locator("[data-note-text]")).to_have_text([f"Idé fra bord {table}"])
    everything = [f"Idé fra bord {table}" for table in TABLES]
    for pages in phones.values():
        expect(pages[1].locator("[data-my-group]")).to_be_hidden()
        expect(pages[1].locator("[data-zones] [data-note-text]")).to_have_text(everything)

    # The plenum votes as before the groups.
    lead.get_by_role("button", name="Voting").click()
    lead.get_by_role("button", name="Start vote").click()
    voters = [phones["1"][1], phones["2"][1], phones["3"][1]]
    for page in voters:
        voting = page.get_by_role("region", name="Place your dots")
        item = voting.locator("[data-vote-item]").filter(has_text="Idé fra bord 2")
        item.get_by_role("button", name="Add dot").tap()
        expect(voting.locator("[data-vote-list-left]")).to_have_text("2 dots left")
    expect(lead.locator("[data-vote-progress]")).to_contain_text("3 people have voted")
