"""Table groups on a real server: splitting, each group's space held against a modified
client, late joiners, private notes, and the way back to plenum (issue 15)."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from pycrdt import Doc, Map, XmlElement, XmlFragment, XmlText

from boards.wording import plain_text, read_fragment
from tests.support.items import Change, note, put, put_note, set_field
from tests.support.live import LiveServer
from tests.support.wsclient import RawClient, raw_client

pytestmark = pytest.mark.anyio


def join(server: LiveServer, code: str, name: str, table: str | None = None) -> dict[str, str]:
    body = {"code": code, "name": name, **({"table": table} if table else {})}
    response = httpx.post(server.url + "/api/join", json=body)
    response.raise_for_status()
    joined: dict[str, str] = response.json()
    return joined


@contextlib.asynccontextmanager
async def connected(
    server: LiveServer, board_id: str, tokens: list[str]
) -> AsyncIterator[list[RawClient]]:
    async with contextlib.AsyncExitStack() as stack:
        yield [
            await stack.enter_async_context(raw_client(server.ws_url, board_id, token))
            for token in tokens
        ]


def group_of(client: RawClient) -> Any:
    return client.last("group").get("group")


def in_group(
    group: str | None, text: str, zone: str = "value", order: str = "a0"
) -> dict[str, Any]:
    fields = note(text, zone, order)
    return {**fields, "group": group} if group else fields


async def test_split_by_table_gives_each_table_a_space_and_late_joiners_their_table(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Storledermøde", kind="value-map")
    code = board["join_code"]
    people = [
        join(live_server, code, name, table)
        for name, table in [
            ("Anne", "1"),
            ("Bo", "1"),
            ("Carl", "2"),
            ("Dorte", "2"),
            ("Eva", "10"),
            ("Finn", None),
        ]
    ]
    tokens = [board["facilitator_token"], *(person["token"] for person in people)]
    async with connected(live_server, board["id"], tokens) as (lead, *phones):
        await lead.command({"type": "groups.split", "by": "table"})
        await lead.until(lambda: lead.last("session").get("groups") is True)
        for phone in phones:
            await phone.until(lambda phone=phone: group_of(phone) is not None)
        groups = lead.root("groups")
        assert sorted(group["title"] for group in groups.values()) == [
            "Bord 1",
            "Bord 10",
            "Bord 2",
        ]
        # Tables in order of their numbers: 2 before 10.
        by_order = [g["table"] for g in sorted(groups.values(), key=lambda g: g["order"])]
        assert by_order == ["1", "2", "10"]
        anne, bo, carl, dorte, eva, finn = (group_of(phone) for phone in phones)
        assert anne == bo != carl == dorte != eva
        assert groups[anne]["table"] == "1"
        assert groups[eva]["table"] == "10"
        # Finn typed no table: he fills the smallest table, Eva's.
        assert finn == eva
        # The facilitator's overview follows the phones' own messages: wait for it too.
        await lead.until(lambda: bool(lead.last("groups").get("people")))
        overview = lead.last("groups")
        assert Counter(len(people) for people in overview["people"].values()) == Counter([2, 2, 2])
        # Someone who comes later with a table number sits at that table.
        gitte = join(live_server, code, "Gitte", "2")
        async with raw_client(live_server.ws_url, board["id"], gitte["token"]) as late:
            await late.until(lambda: group_of(late) is not None)
            assert group_of(late) == carl
            await lead.until(lambda: len(lead.last("groups")["people"][carl]) == 3)


async def test_a_modified_client_cannot_write_outside_its_groups_space(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Storledermøde", kind="value-map")
    code = board["join_code"]
    mallory = join(live_server, code, "Mallory", "1")
    anne = join(live_server, code, "Anne", "1")
    bo = join(live_server, code, "Bo", "2")
    tokens = [board["facilitator_token"], mallory["token"], anne["token"], bo["token"]]
    async with connected(live_server, board["id"], tokens) as (lead, cheat, same, other):
        # Before the split a note may not claim a group's space.
        await cheat.undone(put("notes", "early", in_group("made-up", "Tidligt")), "reverted")
        await cheat.edit(put_note("plenum-note", "Fra plenum"))
        await lead.until(lambda: "plenum-note" in lead.root("notes"))
        await lead.command({"type": "groups.split", "by": "table"})
        for phone in (cheat, same, other):
            await phone.until(lambda phone=phone: group_of(phone) is not None)
        mine, theirs = group_of(cheat), group_of(other)
        assert mine == group_of(same) != theirs
        await other.edit(put("notes", "bo-1", in_group(theirs, "Bords 2 idé")))
        await same.edit(put("notes", "anne-1", in_group(mine, "Annes idé")))
        await cheat.until(lambda: {"bo-1", "anne-1"} <= set(cheat.root("notes")))
        # An honest note in one's own space stays.
        await cheat.edit(put("notes", "m-1", in_group(mine, "Min idé")))
        await lead.until(lambda: "m-1" in lead.root("notes"))
        attempts = [
            put("notes", "m-2", in_group(theirs, "Ind i bord 2")),  # another group's space
            put("notes", "m-3", in_group(None, "I plenum")),  # the plenum's space, now
            set_field("notes", "m-1", "group", theirs),  # moving one's own note across
            set_field("notes", "plenum-note", "text", "Ændret"),  # one's own plenum note
            set_field("notes", "anne-1", "text", "Overskrevet"),  # a group mate's note
            set_field("notes", "bo-1", "text", "Overskrevet"),  # another group's note
        ]
        for attempt in attempts:
            await cheat.undone(attempt, "reverted")
        notes = lead.root("notes")
        assert "m-2" not in notes
        assert "m-3" not in notes
        assert notes["m-1"]["group"] == mine
        assert notes["plenum-note"]["text"] == "Fra plenum"
        assert notes["anne-1"]["text"] == "Annes idé"
        assert notes["bo-1"]["text"] == "Bords 2 idé"
        # Only the facilitator splits, moves and brings the groups back.
        for command in (
            {"type": "groups.split", "by": "random", "size": 2},
            {"type": "groups.move", "participant": mallory["participant_id"], "group": theirs},
            {"type": "groups.plenum"},
        ):
            await cheat.refused(command, "not_allowed")
        # Moved by the facilitator, Mallory writes in the other space, and only there.
        await lead.command(
            {"type": "groups.move", "participant": mallory["participant_id"], "group": theirs}
        )
        await cheat.until(lambda: group_of(cheat) == theirs)
        await cheat.edit(put("notes", "m-4", in_group(theirs, "Nu ved bord 2")))
        await lead.until(lambda: "m-4" in lead.root("notes"))
        await cheat.undone(put("notes", "m-5", in_group(mine, "Tilbage")), "reverted")


async def test_back_to_plenum_makes_each_groups_notes_a_titled_cluster_and_the_plenum_votes(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Storledermøde", kind="value-map")
    code = board["join_code"]
    people = [join(live_server, code, f"P{i}") for i in range(9)]
    tokens = [board["facilitator_token"], *(person["token"] for person in people)]
    async with connected(live_server, board["id"], tokens) as (lead, *phones):
        for size in (1, 13, "4", True, None):
            await lead.refused({"type": "groups.split", "by": "random", "size": size}, "invalid")
        await lead.refused({"type": "groups.split", "by": "table"}, "groups_no_tables")
        await lead.command({"type": "groups.split", "by": "random", "size": 4})
        for phone in phones:
            await phone.until(lambda phone=phone: group_of(phone) is not None)
        assert Counter(Counter(group_of(phone) for phone in phones).values()) == Counter([3, 3, 3])
        await lead.refused({"type": "groups.split", "by": "random", "size": 4}, "groups_active")
        for index, phone in enumerate(phones):
            zone = "value" if index % 2 else "courage"
            await phone.edit(
                put(
                    "notes",
                    f"n{index}",
                    in_group(group_of(phone), f"Idé {index}", zone, f"a{index}"),
                )
            )
        await lead.until(lambda: len(lead.root("notes")) == len(phones))
        groups_before = lead.root("groups")
        titles = {gid: group["title"] for gid, group in groups_before.items()}
        title_of = [titles[group_of(phone)] for phone in phones]
        expected = {(title, "value" if i % 2 else "courage") for i, title in enumerate(title_of)}
        await lead.command({"type": "groups.plenum"})
        await lead.until(lambda: lead.last("session").get("groups") is False)
        for phone in phones:
            await phone.until(lambda phone=phone: phone.last("group").get("group", "?") is None)
        clusters = lead.root("clusters")
        assert {(c["title"], c["zone"]) for c in clusters.values()} == expected
        notes = lead.root("notes")
        for index, title in enumerate(title_of):
            placed = notes[f"n{index}"]
            assert "group" not in placed
            cluster = clusters[placed["cluster"]]
            assert (cluster["title"], cluster["zone"]) == (title, placed["zone"])
        # In each zone the groups' clusters follow one another in the groups' order.
        group_order = [g["title"] for g in sorted(groups_before.values(), key=lambda g: g["order"])]
        for zone in ("value", "courage"):
            in_zone = sorted(
                (c for c in clusters.values() if c["zone"] == zone), key=lambda c: c["order"]
            )
            assert [c["title"] for c in in_zone] == [
                title for title in group_order if (title, zone) in expected
            ]
        assert lead.root("groups") == {}
        # The plenum votes as today.
        await lead.command({"type": "vote.start", "budget": 3, "per_note": 2})
        await phones[0].until(lambda: phones[0].last("vote").get("status") == "open")
        await phones[0].command({"type": "vote", "note": "n5", "delta": 1})
        await phones[0].until(lambda: phones[0].last("vote").get("mine", {}).get("n5") == 1)
        # Now in plenum, a phone writes without a group again.
        await phones[1].edit(put_note("after", "Efter grupperne"))
        await lead.until(lambda: "after" in lead.root("notes"))


async def test_a_private_note_revealed_in_groups_lands_in_its_writers_space(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Storledermøde", kind="value-map")
    anne = join(live_server, board["join_code"], "Anne", "4")
    async with connected(live_server, board["id"], [board["facilitator_token"], anne["token"]]) as (
        lead,
        phone,
    ):
        await lead.command({"type": "groups.split", "by": "table"})
        await phone.until(lambda: group_of(phone) is not None)
        await lead.command({"type": "phase.set", "phase": "private"})
        await phone.until(lambda: phone.last("session").get("phase") == "private")
        await phone.command(
            {
                "type": "private.put",
                "id": "private-anne-1",
                "fields": {"text": "Hemmelig", "zone": "value"},
            }
        )
        await lead.until(lambda: lead.last("private_count").get("count") == 1)
        await lead.command({"type": "private.reveal"})
        await lead.until(lambda: "private-anne-1" in lead.root("notes"))
        assert lead.root("notes")["private-anne-1"]["group"] == group_of(phone)


def write_in(root: str, key: str, text: str) -> Change:
    """Return a change that types text at the start of a fragment's first paragraph (making
    one in an empty fragment), as y-prosemirror does."""

    def change(doc: Doc[Any]) -> None:
        fragment = doc.get(root, type=Map)[key]
        if not len(fragment.children):
            fragment.children.append(XmlElement("paragraph", {}, [XmlText()]))
        paragraph = fragment.children[0]
        assert isinstance(paragraph, XmlElement)
        if not len(paragraph.children):
            paragraph.children.append(XmlText())
        run = paragraph.children[0]
        assert isinstance(run, XmlText)
        run.insert(0, text)

    return change


def add_fragment(root: str, key: str) -> Change:
    def change(doc: Doc[Any]) -> None:
        doc.get(root, type=Map)[key] = XmlFragment()

    return change


def remove_key(root: str, key: str) -> Change:
    def change(doc: Doc[Any]) -> None:
        del doc.get(root, type=Map)[key]

    return change


def text_of(client: RawClient, root: str, key: str) -> str:
    fragment = client.doc.get(root, type=Map).get(key)
    return plain_text(read_fragment(fragment)) if isinstance(fragment, XmlFragment) else ""


async def test_charter_tables_draft_a_section_each_and_their_drafts_come_back_as_amendments(
    live_server: LiveServer,
) -> None:
    board = live_server.create_board("Ledelsesgrundlag", kind="charter", locale="da")
    code = board["join_code"]
    people = [
        join(live_server, code, name, table)
        for name, table in [("Anne", "1"), ("Bo", "1"), ("Carl", "2"), ("Mallory", "2")]
    ]
    tokens = [board["facilitator_token"], *(person["token"] for person in people)]
    async with connected(live_server, board["id"], tokens) as (lead, anne, bo, carl, cheat):
        preamble = text_of(lead, "wording", "preamble")
        assert preamble
        await lead.command({"type": "groups.split", "by": "table"})
        for phone in (anne, bo, carl, cheat):
            await phone.until(lambda phone=phone: group_of(phone) is not None)
        one, two = group_of(anne), group_of(carl)
        groups = lead.root("groups")
        # The open sections go to the tables in turn, each draft starting from its wording.
        assert (groups[one]["title"], groups[one]["section"]) == ("Bord 1", "preamble")
        assert (groups[two]["title"], groups[two]["section"]) == ("Bord 2", "citizens")
        await lead.until(lambda: {one, two} <= set(lead.doc.get("drafts", type=Map).keys()))
        assert text_of(lead, "drafts", one) == preamble
        assert text_of(lead, "drafts", two) == ""

        # A table writes its own draft together; another table's is not theirs.
        await anne.edit(write_in("drafts", one, "Sammen: "))
        await carl.edit(write_in("drafts", two, "Borgeren først."))
        await lead.until(lambda: text_of(lead, "drafts", two) == "Borgeren først.")
        await lead.until(lambda: text_of(lead, "drafts", one).startswith("Sammen: "))
        await cheat.undone(write_in("drafts", one, "Bord 2 var her. "), "reverted")
        await lead.until(lambda: text_of(lead, "drafts", one) == "Sammen: " + preamble)
        assert text_of(cheat, "drafts", one) == "Sammen: " + preamble
        # Only the server adds or removes a draft.
        await cheat.undone(add_fragment("drafts", "made-up"), "reverted")
        await cheat.undone(remove_key("drafts", two), "reverted")
        await lead.until(lambda: text_of(lead, "drafts", two) == "Borgeren først.")
        assert "made-up" not in lead.doc.get("drafts", type=Map)

        await lead.command({"type": "groups.plenum"})
        await lead.until(lambda: len(lead.root("proposals")) == 2)
        proposals = sorted(lead.root("proposals").values(), key=lambda p: p["section"])
        assert [(p["section"], p["status"]) for p in proposals] == [
            ("citizens", "open"),
            ("preamble", "open"),
        ]
        assert "Bord 2" in proposals[0]["reason"]
        assert "Bord 1" in proposals[1]["reason"]
        assert plain_text(json.loads(proposals[0]["wording"])) == "Borgeren først."
        assert plain_text(json.loads(proposals[1]["wording"])) == "Sammen: " + preamble
        assert proposals[1]["base"] == preamble
        await lead.until(lambda: lead.root("groups") == {})
        await lead.until(lambda: len(lead.doc.get("drafts", type=Map)) == 0)
        # The plenum votes on them as on any amendment.
        proposal_id = next(
            k for k, p in lead.root("proposals").items() if p["section"] == "citizens"
        )
        await bo.command({"type": "proposal.vote", "proposal": proposal_id, "vote": "for"})
        await lead.until(
            lambda: lead.last("reactions").get("proposals", {}).get(proposal_id, {}).get("for") == 1
        )
