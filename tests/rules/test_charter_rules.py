"""The charter engine: its seed, wording, section states, amendments, votes and likes.

The adversarial cases send raw Yjs updates and commands an honest client would never
send; the server must undo or refuse them, say why, and leave every client and the
stored board correct.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from pycrdt import Doc, Map, XmlElement, XmlFragment, XmlText

import boards
from boards.wording import WordingError, parse_document, plain_text, read_fragment
from server.store import Board, Store
from server.sync.room import Room
from tests.support.items import delete, set_field
from tests.support.memclient import (
    TIMEOUT_S,
    SyncedClient,
    converged,
    leave_all,
    settled,
    synced,
)
from tests.support.rooms import ANNE, BENT, FACILITATOR, reopened, room_of
from tests.support.wording import document, paragraph, proposal, section_text, strong, type_into

pytestmark = pytest.mark.anyio


NEW_WORDING = document(paragraph("Vi sætter borgeren ", strong("først"), "."))


async def charter_room(store: Store) -> tuple[Room, Board]:
    return await room_of(store, "charter")


async def wording_converged(room: Room, *clients: SyncedClient) -> dict[str, str]:
    """Wait until every client's wording equals the room's, and return it as text."""

    def texts(doc: Doc[Any]) -> dict[str, str]:
        return {key: str(value) for key, value in doc.get("wording", type=Map).items()}

    return await settled(room, clients, texts)


async def versions_when(store: Store, board_id: str, count: int) -> list[dict[str, Any]]:
    """Return the board's versions once there are `count` (the room records them async)."""
    async with asyncio.timeout(TIMEOUT_S):
        while len(versions := await store.charter.versions_of(board_id)) < count:
            await asyncio.sleep(0.01)  # sleep-ok: the store has no event to wait on
    return versions


# -- seed and wording -----------------------------------------------------------------


@pytest.mark.parametrize("locale", ["da", "en"])
def test_the_charter_seeds_open_sections_with_questions_in_order(locale: str) -> None:
    kind = boards.get_kind("charter")
    assert kind is not None
    doc: Doc[Any] = Doc()
    doc.apply_update(kind.seed(locale))
    sections = doc.get("sections", type=Map).to_py() or {}
    ordered = sorted(sections, key=lambda s: sections[s]["order"])
    assert ordered == [section["id"] for section in kind.data["sections"]]
    assert sections["preamble"]["role"] == "preamble"
    assert {s["role"] for key, s in sections.items() if key != "preamble"} == {"principle"}
    assert {s["state"] for s in sections.values()} == {"open"}
    for template in kind.data["sections"]:
        assert sections[template["id"]]["question"] == template["question"][locale]
    preamble = section_text(doc, "preamble")
    assert preamble == kind.data["sections"][0]["wording"][locale][0]
    assert section_text(doc, "citizens") == ""


def test_a_wording_round_trips_through_a_fragment_with_marks_lists_and_emoji() -> None:
    document = parse_document(
        {
            "type": "doc",
            "content": [
                paragraph(
                    "Vi leder æøå 😀 ",
                    {
                        "type": "text",
                        "text": "sammen",
                        "marks": [{"type": "em"}, {"type": "strong"}],
                    },
                    {"type": "hard_break"},
                    "igen",
                ),
                {
                    "type": "ordered_list",
                    "content": [{"type": "list_item", "content": [paragraph("et")]}],
                },
            ],
        }
    )
    doc: Doc[Any] = Doc()
    wording = doc.get("wording", type=Map)
    wording["s"] = XmlFragment()
    from boards.wording import write_fragment

    with doc.transaction():
        write_fragment(wording["s"], document)
    assert read_fragment(wording["s"]) == document
    assert plain_text(document) == "Vi leder æøå 😀 sammen\nigen\n1. et"


@pytest.mark.parametrize(
    "document",
    [
        None,
        {"type": "paragraph"},
        {"type": "doc", "content": [{"type": "heading", "content": []}]},
        {
            "type": "doc",
            "content": [paragraph({"type": "text", "text": "x", "marks": [{"type": "link"}]})],
        },
        {"type": "doc", "content": [paragraph({"type": "image"})]},
        {"type": "doc", "content": [{"type": "bullet_list", "content": [paragraph("x")]}]},
        {"type": "doc", "content": [paragraph("x" * 20_001)]},
        {"type": "doc", "content": "text"},
    ],
)
def test_a_wording_outside_the_schema_is_refused(document: Any) -> None:
    with pytest.raises(WordingError):
        parse_document(document)


def test_deep_nesting_is_refused() -> None:
    node: dict[str, Any] = paragraph("x")
    for _ in range(10):
        node = {
            "type": "bullet_list",
            "content": [{"type": "list_item", "content": [paragraph("y"), node]}],
        }
    with pytest.raises(WordingError):
        parse_document({"type": "doc", "content": [node]})


# -- live co-writing and section states -------------------------------------------------


async def test_two_people_typing_in_one_sentence_keep_every_character(store: Store) -> None:
    room, _ = await charter_room(store)
    anne, bent = synced(room, ANNE, BENT)
    base = section_text(room.doc, "preamble")
    await wording_converged(room, anne, bent)
    # Both type into the same word at once: neither has seen the other's keys yet.
    for index in range(20):
        anne.edit(type_into("preamble", "a", 5 + index))
        bent.edit(type_into("preamble", "b", 5 + index))
    await wording_converged(room, anne, bent)
    text = section_text(room.doc, "preamble")
    assert len(text) == len(base) + 40
    assert text.count("a") == base.count("a") + 20
    assert text.count("b") == base.count("b") + 20
    assert "a" * 20 in text
    assert "b" * 20 in text
    assert anne.notices() == []
    assert bent.notices() == []
    await leave_all(anne, bent)


async def test_an_agreed_section_undoes_direct_edits_from_anyone(store: Store) -> None:
    room, _ = await charter_room(store)
    anne, bent, lead = synced(room, ANNE, BENT, FACILITATOR)
    await wording_converged(room, anne, bent, lead)
    agreed = section_text(room.doc, "preamble")
    await anne.refused(
        {"type": "section.state", "section": "preamble", "state": "agreed"}, "not_allowed"
    )
    lead.command({"type": "section.state", "section": "preamble", "state": "agreed"})
    await bent.until(lambda: bent.root("sections")["preamble"]["state"] == "agreed")

    bent.edit(type_into("preamble", "IKKE "))
    await bent.until(lambda: "section_agreed" in bent.notices())
    lead.edit(type_into("preamble", "HELLER IKKE "))
    await lead.until(lambda: "section_agreed" in lead.notices())
    await wording_converged(room, anne, bent, lead)
    for client in (anne, bent, lead):
        assert section_text(client.doc, "preamble") == agreed
    assert anne.notices() == ["not_allowed"]

    versions = await versions_when(store, room.board_id, 1)
    assert [(v["section_id"], v["kind"], v["text"]) for v in versions] == [
        ("preamble", "agreed", agreed)
    ]
    # Opened again, anyone writes.
    lead.command({"type": "section.state", "section": "preamble", "state": "open"})
    await bent.until(lambda: bent.root("sections")["preamble"]["state"] == "open")
    bent.edit(type_into("preamble", "Nu: "))
    await wording_converged(room, anne, bent, lead)
    assert section_text(room.doc, "preamble") == "Nu: " + agreed
    await leave_all(anne, bent, lead)


async def test_only_the_facilitator_adds_or_removes_sections(store: Store) -> None:
    room, _ = await charter_room(store)
    anne, lead = synced(room, ANNE, FACILITATOR)
    await wording_converged(room, anne, lead)
    before = await wording_converged(room, anne, lead)

    await anne.undone(delete("wording", "citizens"), "reverted")
    anne.edit(lambda doc: doc.get("wording", type=Map).__setitem__("mine", XmlFragment()))
    anne.edit(
        lambda doc: doc.get("sections", type=Map).__setitem__(
            "mine", Map({"title": "Mit", "state": "open"})
        )
    )
    await anne.until(lambda: anne.notices().count("reverted") >= 3)
    assert await wording_converged(room, anne, lead) == before
    assert "mine" not in room.doc.get("sections", type=Map)

    def add_section(doc: Doc[Any]) -> None:
        doc.get("sections", type=Map)["new"] = Map(
            {"title": "Ny", "question": "?", "order": "a9", "role": "principle", "state": "open"}
        )
        doc.get("wording", type=Map)["new"] = XmlFragment([XmlElement("paragraph")])

    lead.edit(add_section)
    await anne.until(lambda: "new" in anne.root("sections"))
    anne.edit(type_into("new", "Anne skriver"))
    await wording_converged(room, anne, lead)
    assert section_text(room.doc, "new") == "Anne skriver"
    assert lead.notices() == []
    await leave_all(anne, lead)


# -- amendments ---------------------------------------------------------------------------


async def test_a_proposal_is_voted_on_and_accepted_into_every_screen(store: Store) -> None:
    room, _ = await charter_room(store)
    anne, bent, lead = synced(room, ANNE, BENT, FACILITATOR)
    await wording_converged(room, anne, bent, lead)
    lead.command({"type": "section.state", "section": "preamble", "state": "agreed"})
    base = section_text(room.doc, "preamble")
    anne.command(proposal("prop-0001", "preamble", "Kortere\n og klarere", NEW_WORDING))
    await bent.until(lambda: "prop-0001" in bent.root("proposals"))
    made = bent.root("proposals")["prop-0001"]
    assert made["status"] == "open"
    assert made["reason"] == "Kortere og klarere"
    assert made["base"] == base
    assert json.loads(made["wording"]) == NEW_WORDING
    await anne.until(lambda: (anne.last("own") or {}).get("items") == ["prop-0001"])

    bent.command({"type": "proposal.vote", "proposal": "prop-0001", "vote": "against"})
    bent.command({"type": "proposal.vote", "proposal": "prop-0001", "vote": "for"})
    bent.command({"type": "proposal.vote", "proposal": "prop-0001", "vote": "for"})
    anne.command({"type": "proposal.vote", "proposal": "prop-0001", "vote": "for"})

    def tally(client: SyncedClient) -> Any:
        message = client.last("reactions")
        return message and message["proposals"].get("prop-0001")

    await bent.until(lambda: tally(bent) == {"for": 2, "against": 0, "mine": "for"})
    await lead.until(lambda: tally(lead) == {"for": 2, "against": 0, "mine": None})

    await anne.refused(
        {"type": "proposal.decide", "proposal": "prop-0001", "decision": "accept"}, "not_allowed"
    )
    lead.command({"type": "proposal.decide", "proposal": "prop-0001", "decision": "accept"})
    await wording_converged(room, anne, bent, lead)
    await bent.until(lambda: bent.root("proposals")["prop-0001"]["status"] == "accepted")
    for client in (anne, bent, lead):
        assert section_text(client.doc, "preamble") == "Vi sætter borgeren først."
    assert read_fragment(room.doc.get("wording", type=Map)["preamble"]) == NEW_WORDING
    decided = bent.root("proposals")["prop-0001"]
    assert (decided["votes_for"], decided["votes_against"]) == (2, 0)

    await bent.refused(
        {"type": "proposal.vote", "proposal": "prop-0001", "vote": "against"}, "proposal_closed"
    )
    versions = await versions_when(store, room.board_id, 2)
    amendment = versions[-1]
    assert amendment["kind"] == "amendment"
    assert amendment["proposer"] == "Anne"
    assert (amendment["votes_for"], amendment["votes_against"]) == (2, 0)
    assert amendment["reason"] == "Kortere og klarere"
    assert amendment["text"] == "Vi sætter borgeren først."
    # The section stays agreed: the accepted wording is as fixed as the one before.
    bent.edit(type_into("preamble", "x"))
    await bent.until(lambda: "section_agreed" in bent.notices())
    await leave_all(anne, bent, lead)


@pytest.mark.parametrize(
    "change",
    [
        {"id": "short"},
        {"section": "nowhere"},
        {"reason": ""},
        {"reason": "x" * 281},
        {"reason": 7},
        {"wording": {"type": "doc", "content": [{"type": "heading"}]}},
        {"wording": "<p>html</p>"},
    ],
)
async def test_a_malformed_proposal_is_refused(store: Store, change: dict[str, Any]) -> None:
    room, _ = await charter_room(store)
    anne = SyncedClient(room, ANNE)
    anne.command({**proposal("prop-0002", "preamble", "ok", NEW_WORDING), **change})
    await anne.until(lambda: "proposal_invalid" in anne.notices())
    assert len(room.doc.get("proposals", type=Map)) == 0
    await anne.leave()


async def test_forged_proposals_votes_and_decisions_are_undone(store: Store) -> None:
    room, _ = await charter_room(store)
    anne, bent, lead = synced(room, ANNE, BENT, FACILITATOR)
    lead.command({"type": "section.state", "section": "whole", "state": "agreed"})
    bent.command(proposal("prop-bent1", "whole", "Bents forslag", NEW_WORDING))
    await anne.until(lambda: "prop-bent1" in anne.root("proposals"))
    # Anne writes a proposal straight into the document, already accepted, and marks
    # Bent's as rejected.
    anne.edit(
        lambda doc: doc.get("proposals", type=Map).__setitem__(
            "prop-forged", Map({"section": "whole", "status": "accepted", "wording": "{}"})
        )
    )
    anne.edit(set_field("proposals", "prop-bent1", "status", "rejected"))
    await anne.until(lambda: anne.notices().count("reverted") >= 2)
    # Bent accepts his own proposal, and withdraws Anne's... which he cannot.
    await bent.refused(
        {"type": "proposal.decide", "proposal": "prop-bent1", "decision": "accept"}, "not_allowed"
    )
    await anne.refused({"type": "proposal.withdraw", "proposal": "prop-bent1"}, "not_allowed")
    await anne.refused(
        {"type": "proposal.vote", "proposal": "prop-bent1", "vote": "maybe"}, "invalid"
    )
    await converged(room, anne, bent, lead, root="proposals")
    assert set(room.doc.get("proposals", type=Map).keys()) == {"prop-bent1"}
    assert room.doc.get("proposals", type=Map)["prop-bent1"]["status"] == "open"
    assert section_text(room.doc, "whole") == ""

    bent.command({"type": "proposal.withdraw", "proposal": "prop-bent1"})
    await anne.until(lambda: anne.root("proposals")["prop-bent1"]["status"] == "withdrawn")
    await leave_all(anne, bent, lead)


# -- examples -------------------------------------------------------------------------------


async def test_examples_are_their_authors_and_liked_once_each(store: Store) -> None:
    room, _ = await charter_room(store)
    anne, bent = synced(room, ANNE, BENT)
    example = {"section": "across", "text": "Fælles visitation", "scope": "across", "created": 1.0}
    anne.edit(lambda doc: doc.get("examples", type=Map).__setitem__("ex-anne-1", Map(example)))
    await bent.until(lambda: "ex-anne-1" in bent.root("examples"))
    await bent.undone(delete("examples", "ex-anne-1"), "reverted")
    await converged(room, anne, bent, root="examples")
    assert "ex-anne-1" in room.doc.get("examples", type=Map)

    for _ in range(3):
        bent.command({"type": "example.like", "example": "ex-anne-1", "like": True})
    anne.command({"type": "example.like", "example": "ex-anne-1", "like": True})
    anne.command({"type": "example.like", "example": "ex-anne-1", "like": False})
    await bent.refused({"type": "example.like", "example": "nope", "like": True}, "invalid")

    def likes(client: SyncedClient) -> Any:
        message = client.last("reactions")
        return message and message["examples"].get("ex-anne-1")

    await anne.until(lambda: likes(anne) == {"likes": 1, "mine": False})
    await bent.until(lambda: likes(bent) == {"likes": 1, "mine": True})
    await leave_all(anne, bent)


async def test_reactions_and_versions_survive_a_reload(store: Store) -> None:
    room, board = await charter_room(store)
    anne, lead = synced(room, ANNE, FACILITATOR)
    lead.command({"type": "section.state", "section": "courage", "state": "agreed"})
    anne.command(proposal("prop-reload", "courage", "Mod", NEW_WORDING))
    await anne.until(lambda: "prop-reload" in anne.root("proposals"))
    anne.command({"type": "proposal.vote", "proposal": "prop-reload", "vote": "against"})
    await anne.until(lambda: bool((anne.last("reactions") or {}).get("proposals")))
    await leave_all(anne, lead)
    room.stop_observing()
    await store.boards.flush()

    again = await reopened(store, board, "charter")
    bent = SyncedClient(again, BENT)
    await bent.until(lambda: bent.last("reactions") is not None)
    reactions = bent.last("reactions")
    assert reactions is not None
    assert reactions["proposals"]["prop-reload"] == {"for": 0, "against": 1, "mine": None}
    bent.edit(type_into("courage", "x"))
    await bent.until(lambda: "section_agreed" in bent.notices())
    assert [v["kind"] for v in await store.charter.versions_of(board.id)] == ["agreed"]
    await bent.leave()


def test_markdown_keeps_formatting_lists_and_escapes_what_people_typed() -> None:
    from server.afterwards.charter_export import wording_markdown

    document = parse_document(
        {
            "type": "doc",
            "content": [
                paragraph(
                    "# ikke en overskrift, *ikke kursiv* ",
                    {"type": "text", "text": "men fed ", "marks": [{"type": "strong"}]},
                    {"type": "hard_break"},
                    "ny linje",
                ),
                {
                    "type": "ordered_list",
                    "content": [
                        {
                            "type": "list_item",
                            "content": [
                                paragraph("et"),
                                {
                                    "type": "bullet_list",
                                    "content": [
                                        {"type": "list_item", "content": [paragraph("under")]}
                                    ],
                                },
                            ],
                        },
                        {"type": "list_item", "content": [paragraph("to")]},
                    ],
                },
            ],
        }
    )
    assert wording_markdown(document) == (
        "\\# ikke en overskrift, \\*ikke kursiv\\* **men fed** \\\nny linje\n\n"
        "1. et\n   - under\n2. to"
    )


async def test_a_thousand_nested_lists_do_not_break_the_board(store: Store) -> None:
    room, board = await charter_room(store)
    mallory = SyncedClient(room, BENT)
    await wording_converged(room, mallory)

    def nest(doc: Doc[Any]) -> None:
        fragment = doc.get("wording", type=Map)["citizens"]
        parent: Any = fragment
        for _ in range(1200):
            items = parent.children.append(XmlElement("bullet_list"))
            parent = items.children.append(XmlElement("list_item"))
        parent.children.append(XmlElement("paragraph")).children.append(XmlText("bunden"))

    before = section_text(room.doc, "citizens")
    mallory.edit(nest)
    # Deeper than the schema nests: the whitelist undoes it (it is still read safely).
    await mallory.until(lambda: "reverted" in mallory.notices())
    await wording_converged(room, mallory)
    document = read_fragment(room.doc.get("wording", type=Map)["citizens"])
    assert "bunden" not in plain_text(document)
    assert section_text(room.doc, "citizens") == before
    # The board still snapshots, exports, unloads and opens again.
    lead = SyncedClient(room, FACILITATOR)
    lead.command({"type": "snapshot.take", "label": "Dybt"})
    await lead.until(lambda: len((lead.last("snapshots") or {}).get("items", [])) == 1)
    await leave_all(lead, mallory)
    room.stop_observing()
    await room.compact()
    again = await reopened(store, board, "charter")
    assert section_text(again.doc, "citizens") == before
