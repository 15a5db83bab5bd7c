"""The charter on a real server: a modified client, the exports, and the versions API.

The adversarial client sends raw Yjs updates and commands an honest client never
would; the server undoes or refuses each, tells that client why, and the honest
clients, the exports and the stored board all end with the right wording.
"""

from __future__ import annotations

import io
import json
from typing import Any

import docx
import httpx
import pytest
from pycrdt import Doc, Map, XmlElement, XmlText

from tests.support.items import example, put_example, set_field
from tests.support.live import LiveServer, bearer
from tests.support.liveboard import LEAD, live_board
from tests.support.wording import ACCEPTED, proposal, section_text, type_into

pytestmark = pytest.mark.anyio


async def test_a_modified_client_cannot_rewrite_agreed_wording_vote_twice_or_accept_itself(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Ledelsesgrundlag", "charter", "Anne", "Mallory")
    async with board.clients(LEAD, "Anne", "Mallory") as (facilitator, honest, cheat):
        await facilitator.command({"type": "section.state", "section": "across", "state": "agreed"})
        await cheat.until(lambda: cheat.root("sections")["across"]["state"] == "agreed")

        # Rewriting the agreed wording directly: undone for everyone, Mallory told why.
        await cheat.undone(type_into("across", "Hver for sig. "), "section_agreed")
        await cheat.until(lambda: section_text(cheat.doc, "across") == "")
        assert section_text(honest.doc, "across") == ""

        # A proposal, voted on twice by Mallory: one vote counts.
        await cheat.command(proposal("mallory-proposal-1", "across", "Tydeligere"))
        await honest.until(lambda: "mallory-proposal-1" in honest.root("proposals"))
        for vote in ("for", "for", "against", "for"):
            await cheat.command(
                {"type": "proposal.vote", "proposal": "mallory-proposal-1", "vote": vote}
            )
        await honest.command(
            {"type": "proposal.vote", "proposal": "mallory-proposal-1", "vote": "against"}
        )
        await honest.until(
            lambda: (
                honest.last("reactions").get("proposals", {}).get("mallory-proposal-1")
                == {"for": 1, "against": 1, "mine": "against"}
            )
        )

        # Accepting its own proposal: by command, and by writing the outcome directly.
        decide = {"type": "proposal.decide", "proposal": "mallory-proposal-1", "decision": "accept"}
        await cheat.refused(decide, "not_allowed")
        await cheat.undone(
            set_field("proposals", "mallory-proposal-1", "status", "accepted"), "reverted"
        )
        await cheat.until(lambda: cheat.root("proposals")["mallory-proposal-1"]["status"] == "open")
        assert section_text(honest.doc, "across") == ""

        # The facilitator accepts it: the wording changes on every screen.
        await facilitator.command(decide)
        expected = "Vi går sammen på tværs af siloerne.\n- Vi deler"
        for client in (honest, cheat, facilitator):
            await client.until(lambda c=client: section_text(c.doc, "across") == expected)  # type: ignore[misc]
        assert honest.root("proposals")["mallory-proposal-1"]["status"] == "accepted"

        # An example, liked by Anne.
        shared = example("Fælles morgenmøde med jobcentret", scope="across", unit="Socialområdet")
        await honest.edit(put_example("anne-example-1", shared))
        await cheat.until(lambda: "anne-example-1" in cheat.root("examples"))
        await cheat.command({"type": "example.like", "example": "anne-example-1", "like": True})
        await honest.until(
            lambda: (
                honest.last("reactions").get("examples", {}).get("anne-example-1", {})
                == {"likes": 1, "mine": False}
            )
        )

        versions = httpx.get(
            f"{live_server.url}/api/boards/{board.id}/charter/versions",
            headers=board.headers("Anne"),
        )
        assert versions.status_code == 200
        across = versions.json()["sections"]["across"]
        assert [v["kind"] for v in across] == ["agreed", "amendment"]
        assert across[1]["proposer"] == "Mallory"
        assert (across[1]["votes_for"], across[1]["votes_against"]) == (1, 1)
        assert across[1]["text"] == expected
        assert across[1]["wording"] == ACCEPTED

        markdown, word = exports(live_server, board.id, board.token("Anne"))

    # After a restart the stored board says the same.
    live_server.stop()
    live_server.start()
    again_md, again_word = exports(live_server, board.id, board.token("Anne"))
    assert again_md == markdown
    assert again_word == word


def exports(server: LiveServer, board_id: str, token: str) -> tuple[str, list[str]]:
    """Fetch both exports, check what a reader needs is in them, and return their text."""
    headers = bearer(token)
    md = httpx.get(f"{server.url}/b/{board_id}/export/charter.md", headers=headers)
    assert md.status_code == 200
    assert md.headers["content-type"].startswith("text/markdown")
    assert "attachment" in md.headers["content-disposition"]
    text = md.text
    assert text.startswith("# Ledelsesgrundlag\n")
    assert "## Vi leder på tværs" in text
    assert "Vi går **sammen** på tværs af siloerne." in text
    assert "- Vi deler" in text
    assert "Vedtaget ordlyd" in text
    assert (
        "Fælles morgenmøde med jobcentret (fra andre dele af organisationen: Socialområdet" in text
    )
    assert "## Bilag: ændringsforslag og afstemninger" in text
    assert "Foreslået af Mallory" in text
    assert "1 for, 1 imod" in text
    assert "**Begrundelse:** Tydeligere" in text
    without = httpx.get(f"{server.url}/b/{board_id}/export/charter.md?appendix=0", headers=headers)
    assert "Bilag" not in without.text

    response = httpx.get(f"{server.url}/b/{board_id}/export/charter.docx", headers=headers)
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Ledelsesgrundlag"
    assert "Vi leder på tværs" in paragraphs
    accepted = next(
        p for p in document.paragraphs if p.text == "Vi går sammen på tværs af siloerne."
    )
    assert [run.text for run in accepted.runs if run.bold] == ["sammen"]
    assert any(p.text == "Vi deler" and p.style.name == "List Bullet" for p in document.paragraphs)
    assert any(p.startswith("Fælles morgenmøde med jobcentret") for p in paragraphs)
    assert "Bilag: ændringsforslag og afstemninger" in paragraphs
    assert any("Foreslået af Mallory" in p and "1 for, 1 imod" in p for p in paragraphs)
    assert "Begrundelse: Tydeligere" in paragraphs
    return text, paragraphs


async def test_exports_and_versions_need_a_member_and_a_charter(live_server: LiveServer) -> None:
    charter = live_server.create_board("Ledelsesgrundlag", kind="charter")
    other = live_server.create_board("Noter", kind="notes")
    base = live_server.url
    as_json = {"accept": "application/json"}
    nobody = httpx.get(f"{base}/b/{charter['id']}/export/charter.md", headers=as_json)
    assert nobody.status_code == 401
    assert nobody.json()["error"]["code"] == "token_invalid"
    wrong = httpx.get(
        f"{base}/api/boards/{charter['id']}/charter/versions",
        headers={"authorization": f"Bearer {other['facilitator_token']}"},
    )
    assert wrong.status_code == 401
    unknown = httpx.get(f"{base}/b/nope/export/charter.md", headers=as_json)
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "board_unknown"
    auth = {"authorization": f"Bearer {other['facilitator_token']}", **as_json}
    not_charter = httpx.get(f"{base}/b/{other['id']}/export/charter.docx", headers=auth)
    assert not_charter.status_code == 404
    assert not_charter.json()["error"]["code"] == "export_format"
    auth = {"authorization": f"Bearer {charter['facilitator_token']}", **as_json}
    odd = httpx.get(f"{base}/b/{charter['id']}/export/charter.pdf", headers=auth)
    assert odd.status_code == 404
    fresh = httpx.get(f"{base}/api/boards/{charter['id']}/charter/versions", headers=auth)
    assert fresh.json() == {"sections": {}}
    english = httpx.get(
        f"{base}/b/{charter['id']}/export/charter.md",
        headers={**auth, "accept-language": "en"},
    )
    assert "## Vi skaber værdi for borgerne" in english.text  # the board is Danish
    assert "### Everyday examples" in english.text  # the reader reads English
    assert json.dumps(english.text)  # plain text, no surprises


async def test_an_anonymous_charters_history_names_no_proposer(live_server: LiveServer) -> None:
    board = live_board(live_server, "Ledelsesgrundlag", "charter", "Anne")
    async with board.clients(LEAD, "Anne") as (lead, phone):
        await lead.command({"type": "anonymous.set", "anonymous": True})
        await lead.command({"type": "section.state", "section": "whole", "state": "agreed"})
        await phone.command(proposal("anon-prop-1", "whole", "Uden navn"))
        await lead.until(lambda: "anon-prop-1" in lead.root("proposals"))
        await lead.command(
            {"type": "proposal.decide", "proposal": "anon-prop-1", "decision": "accept"}
        )
        await phone.until(
            lambda: phone.root("proposals").get("anon-prop-1", {}).get("status") == "accepted"
        )
    headers = board.headers()
    api = f"{live_server.url}/api/boards/{board.id}"
    versions = httpx.get(f"{api}/charter/versions", headers=headers).json()
    assert [v["proposer"] for v in versions["sections"]["whole"]] == [None, None]
    timeline = httpx.get(f"{api}/timeline", headers=headers)
    assert [p["proposer"] for p in timeline.json()["points"] if p["type"] == "amendment"] == [None]
    markdown = httpx.get(f"{live_server.url}/b/{board.id}/export.md", headers=headers).text
    assert "Anne" not in markdown
    complete = httpx.get(f"{live_server.url}/b/{board.id}/export.json", headers=headers).text
    assert "Anne" not in complete
    assert "Uden navn" in markdown


def text_with_attribute(section: str, name: str, value: str) -> Any:
    """Write a run of text carrying a run-level attribute, as moved-text.js does."""

    def change(doc: Doc[Any]) -> None:
        paragraph = doc.get("wording", type=Map)[section].children[0]
        assert isinstance(paragraph, XmlElement)
        run = paragraph.children.append(XmlText("Vi deler"))
        run.attributes[name] = value

    return change


async def test_a_run_of_text_carries_only_a_short_moved_note(live_server: LiveServer) -> None:
    board = live_board(live_server, "Ledelsesgrundlag", "charter", "Mallory")
    async with board.clients(LEAD, "Mallory") as (facilitator, cheat):
        # What moved-text.js writes stays.
        await cheat.edit(text_with_attribute("across", "moved", "12.0.8>34.5.8"))
        await facilitator.until(lambda: section_text(facilitator.doc, "across") == "Vi deler")
        # Anything else on a run is undone, and the text written with it.
        for name, value in [
            ("onclick", "alert(1)"),
            ("moved", "<img src=x>"),
            ("moved", "1.2.3>" + "4" * 9_000),
        ]:
            before = cheat.notices().count("reverted")
            await cheat.edit(text_with_attribute("across", name, value))
            await cheat.until(lambda b=before: cheat.notices().count("reverted") == b + 1)  # type: ignore[misc]
            await cheat.until(lambda: section_text(cheat.doc, "across") == "Vi deler")
        assert section_text(facilitator.doc, "across") == "Vi deler"
