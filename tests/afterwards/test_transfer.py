"""Exports in every format, JSON round trips, and the operator's commands, on a real server."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import docx
import httpx
import pytest
from PIL import Image
from pycrdt import Doc, Map

from server import auth
from server.afterwards.map_png import GAP, NORMAL
from server.settings import Settings
from tests.support.items import example, put_example, put_note
from tests.support.live import LiveServer, bearer, run_tavle
from tests.support.liveboard import LEAD, live_board
from tests.support.stores import make_board, opened_store
from tests.support.wording import document, paragraph, proposal
from tests.support.wsclient import RawClient, raw_client

pytestmark = pytest.mark.anyio

NOTES = [
    ("anne-0001", "Borgeren fortæller sin historie én gang", "value", "blue"),
    ("anne-0002", "Frivillige i nærområdet", "outside", "green"),
    ("bent-0001", "Fælles visitation på tværs", "value", "pink"),
]


def danish_csv(response: httpx.Response) -> list[dict[str, str]]:
    """Read a Danish CSV export as Excel does: a byte order mark, `;` between cells."""
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


CREATED = 1.7e12  # a time in 2023, in milliseconds as a phone writes it


async def fill_map(server: LiveServer) -> tuple[dict[str, str], dict[str, str]]:
    """Create a value map with notes by two people, a cluster and a vote with results."""
    board = live_board(server, "Værdi for borgerne", "value-map", "Anne", "Bent")
    async with board.clients(LEAD, "Anne", "Bent") as (lead, a, b):
        for note_id, text, zone, color in NOTES:
            writer = a if note_id.startswith("anne") else b
            await writer.edit(put_note(note_id, text, zone, color=color, created=CREATED))
        await lead.until(lambda: len(lead.root("notes")) == 3)

        def cluster(doc: Any) -> None:
            doc.get("clusters", type=Map)["cl-0001"] = Map(
                {"title": "Sammenhæng", "zone": "value", "order": "a0"}
            )
            doc.get("notes", type=Map)["anne-0001"]["cluster"] = "cl-0001"
            doc.get("notes", type=Map)["bent-0001"]["cluster"] = "cl-0001"

        await lead.edit(cluster)
        await lead.command({"type": "vote.start", "budget": 3, "per_note": 2, "zone": None})
        await a.until(lambda: a.last("vote").get("status") == "open")
        for voter in (a, b):
            await voter.command({"type": "vote", "note": "bent-0001", "delta": 1})
        await a.command({"type": "vote", "note": "anne-0002", "delta": 1})
        await lead.until(lambda: lead.last("vote").get("dots") == 3)
        await lead.command({"type": "vote.results", "visible": True})
        await a.until(lambda: a.last("vote").get("results") is not None)
    return board.made, board.people["Anne"]


async def test_a_map_exports_to_every_format(live_server: LiveServer) -> None:
    board, anne = await fill_map(live_server)
    base = f"{live_server.url}/b/{board['id']}/export"
    lead = bearer(board["facilitator_token"])

    md = httpx.get(f"{base}.md", headers=lead).text
    assert md.startswith("# Værdi for borgerne\n")
    assert "## Det, der skaber værdi" in md
    assert "### Sammenhæng (2 prikker)" in md
    assert "- Fælles visitation på tværs (2 prikker, Bent)" in md
    assert "- Frivillige i nærområdet (1 prik, Anne)" in md

    rows = danish_csv(httpx.get(f"{base}.csv", headers=lead))
    assert len(rows) == 3
    by_text = {row["text"]: row for row in rows}
    visitation = by_text["Fælles visitation på tværs"]
    assert visitation["zone"] == "Det, der skaber værdi"
    assert visitation["cluster"] == "Sammenhæng"
    assert visitation["votes"] == "2"
    assert visitation["author"] == "Bent"
    assert visitation["color"] == "pink"
    assert visitation["created"].startswith("2023-")
    # A participant's copy leaves out who wrote what.
    as_anne = danish_csv(httpx.get(f"{base}.csv", headers=bearer(anne["token"])))
    assert {row["author"] for row in as_anne} == {""}

    word = docx.Document(io.BytesIO(httpx.get(f"{base}.docx", headers=lead).content))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0] == "Værdi for borgerne"
    assert "Sammenhæng (2 prikker)" in paragraphs
    assert any(p.startswith("Fælles visitation på tværs") for p in paragraphs)

    png = httpx.get(f"{base}.png", headers=lead)
    assert png.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(png.content)).convert("RGB")
    # Six zones side by side, one card wide each: a wide image, as the board is.
    assert image.width == GAP + 6 * (NORMAL.width + GAP)
    assert image.width > image.height
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20) or []}
    for pale in ((0xD9, 0xE9, 0xFB), (0xDA, 0xF2, 0xDC), (0xFB, 0xDD, 0xE9)):  # blue, green, pink
        assert pale in colours

    # JSON is complete (names, authors), so only the facilitator gets it.
    assert httpx.get(f"{base}.json", headers=bearer(anne["token"])).status_code == 403


async def test_a_json_export_imports_as_an_equal_board(live_server: LiveServer) -> None:
    board, _ = await fill_map(live_server)
    lead = bearer(board["facilitator_token"])
    exported = httpx.get(f"{live_server.url}/b/{board['id']}/export.json", headers=lead).json()
    assert exported["format"] == "tavle-board"
    assert exported["document"]["notes"]["bent-0001"]["cluster"] == "cl-0001"
    assert [p["name"] for p in exported["participants"]] == ["Anne", "Bent"]
    assert exported["authors"]["bent-0001"] == "p2"

    made = httpx.post(f"{live_server.url}/api/import", json=exported)
    assert made.status_code == 201, made.text
    copy = made.json()
    assert copy["id"] != board["id"]
    again = httpx.get(
        f"{live_server.url}/b/{copy['id']}/export.json", headers=bearer(copy["facilitator_token"])
    ).json()
    assert comparable(again) == comparable(exported)
    md = httpx.get(
        f"{live_server.url}/b/{copy['id']}/export.md", headers=bearer(copy["facilitator_token"])
    )
    assert "- Fælles visitation på tværs (2 prikker, Bent)" in md.text


async def test_a_charter_round_trips_with_proposals_votes_and_examples(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Ledelsesgrundlag", "charter", "Anne")
    wording = document(paragraph("Sammen"))
    async with board.clients(LEAD, "Anne") as (lead, a):
        await lead.command({"type": "section.state", "section": "across", "state": "agreed"})
        await a.command(proposal("prop-0001", "across", "Kort", wording))
        await a.until(lambda: "prop-0001" in a.root("proposals"))
        await a.command({"type": "proposal.vote", "proposal": "prop-0001", "vote": "for"})
        await a.edit(put_example("ex-000001", example("Fælles møde")))
        await lead.until(lambda: "ex-000001" in lead.root("examples"))
        await lead.command({"type": "example.like", "example": "ex-000001", "like": True})
        await a.command({"type": "example.like", "example": "ex-000001", "like": True})
        await a.until(
            lambda: a.last("reactions").get("examples", {}).get("ex-000001", {}).get("likes") == 1
        )
        await lead.command(
            {"type": "proposal.decide", "proposal": "prop-0001", "decision": "accept"}
        )
        await a.until(lambda: a.root("proposals")["prop-0001"]["status"] == "accepted")
    exported = httpx.get(
        f"{live_server.url}/b/{board.id}/export.json", headers=board.headers()
    ).json()
    assert exported["document"]["wording"]["across"] == wording
    assert [v["kind"] for v in exported["versions"]] == ["agreed", "amendment"]
    made = httpx.post(f"{live_server.url}/api/import", json=exported).json()
    again = httpx.get(
        f"{live_server.url}/b/{made['id']}/export.json", headers=bearer(made["facilitator_token"])
    ).json()
    assert comparable(again) == comparable(exported)
    rows = danish_csv(
        httpx.get(
            f"{live_server.url}/b/{made['id']}/export.csv",
            headers=bearer(made["facilitator_token"]),
        )
    )
    assert {"section": "Vi leder på tværs", "example": "Fælles møde", "likes": "1"}.items() <= next(
        row for row in rows if row["example"]
    ).items()


def comparable(export: dict[str, Any]) -> dict[str, Any]:
    """An export without what must differ between two boards: times of export and import."""
    data = json.loads(json.dumps(export))
    data.pop("exported")
    data["board"].pop("created")
    for entry in data["votes"]:
        entry["session"].pop("opened", None)
        entry["session"].pop("closed", None)
    return data


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"hello": "world"}, "import_not_tavle"),
        ([1, 2, 3], "import_not_tavle"),
        ({"format": "tavle-board", "version": 99, "board": {}}, "import_newer"),
        (
            {"format": "tavle-board", "version": 1, "board": {"title": "x", "kind": "nope"}},
            "import_invalid",
        ),
        (
            {
                "format": "tavle-board",
                "version": 1,
                "board": {"title": "x", "kind": "charter"},
                "document": {"wording": {"s": {"type": "heading"}}},
            },
            "import_invalid",
        ),
    ],
)
async def test_a_file_that_is_not_an_export_gets_a_clear_error(
    live_server: LiveServer, body: Any, code: str
) -> None:
    response = httpx.post(
        f"{live_server.url}/api/import", json=body, headers={"accept": "application/json"}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    if code == "import_newer":
        assert "1" in error["message"]
    garbage = httpx.post(
        f"{live_server.url}/api/import",
        content=b"\x00not json",
        headers={"accept": "application/json", "content-type": "application/json"},
    )
    assert garbage.json()["error"]["code"] == "import_not_tavle"


async def writer(client: RawClient, stop: asyncio.Event) -> int:
    """Add notes until told to stop; return how many."""
    count = 0
    while not stop.is_set():
        item = f"load-{count:05d}"
        await client.edit(put_note(item, "Skrevet under backup", created=CREATED))
        count += 1
        await asyncio.sleep(0.005)  # sleep-ok: a steady stream of edits, not synchronisation
    return count


async def test_the_command_line_backs_up_exports_and_imports_while_serving(
    live_server: LiveServer, tmp_path: Path
) -> None:
    board, _ = await fill_map(live_server)
    data = str(live_server.data_dir)
    stop = asyncio.Event()
    async with raw_client(live_server.ws_url, board["id"], board["facilitator_token"]) as lead:
        writing = asyncio.create_task(writer(lead, stop))
        await asyncio.sleep(0.3)  # sleep-ok: let the writes get going before the backup
        backup = await asyncio.to_thread(
            run_tavle, "backup", str(tmp_path / "copy.db"), "--data", data
        )
        stop.set()
        written = await writing
    assert backup.returncode == 0, backup.stderr
    assert written > 10
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("SELECT title FROM boards WHERE id = ?", [board["id"]]).fetchone() == (
        "Værdi for borgerne",
    )
    copy.close()

    md = run_tavle("export", board["id"], "--format", "md", "--data", data)
    assert md.returncode == 0, md.stderr
    assert "Fælles visitation på tværs" in md.stdout
    exported = tmp_path / "board.json"
    out = run_tavle(
        "export", board["id"], "--format", "json", "--out", str(exported), "--data", data
    )
    assert out.returncode == 0, out.stderr
    imported = run_tavle("import", str(exported), "--data", data)
    assert imported.returncode == 0, imported.stderr
    assert "facilitator link:" in imported.stdout
    unknown = run_tavle("export", "nope", "--format", "md", "--data", data)
    assert unknown.returncode == 1
    assert "no board" in unknown.stderr
    not_tavle = tmp_path / "x.json"
    not_tavle.write_text('{"a": 1}')
    refused = run_tavle("import", str(not_tavle), "--data", data)
    assert refused.returncode == 1
    assert "import_not_tavle" in refused.stderr


@pytest.mark.parametrize(
    "damage",
    [
        {"votes": [{"session": {"budget": 3, "nonsense": 1}, "dots": []}]},
        {
            "votes": [
                {
                    "session": {"budget": 3, "per_note": 1, "status": "open", "opened": "x"},
                    "dots": [{"note": "n"}],
                }
            ]
        },
        {"moderated": [{"root": "notes", "id": "x", "action": "hide", "fields": [1, 2]}]},
        {"private": [{"id": "x", "participant": "p1", "root": "notes", "fields": "text"}]},
        {"reactions": [{"target": "board", "target_id": "x", "participant": "p1", "value": "for"}]},
        {"document": {"notes": {"n1": {"text": "x", "created": 10**30}}}},
        {"document": {"notes": {"n1": {"text": "x", "inner": {"deep": 1}}}}},
        {"authors": ["p1"]},
    ],
)
async def test_a_damaged_export_is_refused_and_leaves_nothing_behind(
    live_server: LiveServer, damage: dict[str, Any]
) -> None:
    board, _ = await fill_map(live_server)
    exported = httpx.get(
        f"{live_server.url}/b/{board['id']}/export.json", headers=bearer(board["facilitator_token"])
    ).json()
    before = sqlite3.connect(live_server.data_dir / "tavle.db")
    (boards_before,) = before.execute("SELECT count(*) FROM boards").fetchone()
    before.close()
    response = httpx.post(
        f"{live_server.url}/api/import",
        json={**exported, **damage},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "import_invalid"
    after = sqlite3.connect(live_server.data_dir / "tavle.db")
    (boards_after,) = after.execute("SELECT count(*) FROM boards").fetchone()
    after.close()
    assert boards_after == boards_before


async def test_export_finds_a_board_by_its_address_or_a_dash_led_id_after_two_dashes(
    tmp_path: Path,
) -> None:
    # Boards made before ids began with a letter or digit may begin with '-'.
    board_id = "-4FDVvTuIbnL"
    async with opened_store(Settings(data_dir=tmp_path).database_location) as store:
        await store.boards.create(make_board(board_id), Doc().get_update(), None)
    data = ["--data", str(tmp_path)]
    by_id = run_tavle("export", "--format", "json", *data, "--", board_id)
    assert by_id.returncode == 0, by_id.stderr
    assert json.loads(by_id.stdout)["board"]["title"] == "Test"
    address = f"https://tavle.kommune.dk/b/{board_id}?token=x"
    by_address = run_tavle("export", address, "--format", "json", *data)
    assert by_address.returncode == 0, by_address.stderr
    assert json.loads(by_address.stdout)["board"] == json.loads(by_id.stdout)["board"]
    unknown = run_tavle("export", "https://tavle.kommune.dk/b/nothing", "--format", "md", *data)
    assert unknown.returncode == 1
    assert "no board" in unknown.stderr


def test_new_board_ids_begin_with_a_letter_or_a_digit(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = iter(["-4FDVvTuIbnL", "_xY0aaaaaaaa", "k4FDVvTuIbnL"])
    monkeypatch.setattr(auth.secrets, "token_urlsafe", lambda _bytes: next(drawn))
    assert auth.new_board_id() == "k4FDVvTuIbnL"
