"""Exports a Danish office opens as they are (issue 12): CSV for Danish Excel, and a PNG
that keeps long zone titles and shows each zone's question."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from PIL import Image

from server.afterwards.map_export import (
    CSV_HEADER,
    Cluster,
    MapBoard,
    Note,
    Zone,
    map_csv,
    map_markdown,
)
from server.afterwards.map_png import (
    BOLD_FONT_FILES,
    NORMAL,
    ZONE_TITLE_PX,
    load_font,
    map_png,
    wrap_to_width,
)
from server.afterwards.spreadsheet import csv_text
from tests.support.live import LiveServer

BOM = b"\xef\xbb\xbf"


def zone(title: str, question: str = "") -> Zone:
    note = Note(id="n", text="Fælles visitation", color="pink", votes=0, author=None, created="")
    return Zone(id="z", title=title, question=question, clusters=[Cluster(None, "", [note])])


def png_height(*zones: Zone) -> int:
    image = Image.open(io.BytesIO(map_png(MapBoard("Værdi", list(zones), has_votes=False))))
    return image.height


# -- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("locale", "separator"), [("da", ";"), ("en", ",")])
def test_a_csv_starts_with_a_byte_order_mark_and_splits_on_the_locales_separator(
    locale: str, separator: str
) -> None:
    text = csv_text(["zone", "text"], [["Værdi, for borgerne", "=1+1"]], locale)
    assert text.startswith("\ufeff")
    body = text.removeprefix("\ufeff")
    assert body.splitlines()[0] == f"zone{separator}text"
    rows = list(csv.reader(io.StringIO(body), delimiter=separator))
    assert rows == [["zone", "text"], ["Værdi, for borgerne", "'=1+1"]]


def test_a_map_csv_in_danish_has_one_column_per_field() -> None:
    board = MapBoard(title="Værdi", zones=[zone("Borgerens situation")], has_votes=False)
    header = map_csv(board, "da").encode("utf-8").split(b"\r\n")[0]
    assert header == BOM + ";".join(CSV_HEADER).encode()


def test_the_export_route_writes_danish_and_english_csv(live_server: LiveServer) -> None:
    board = live_server.create_board("Værdi for borgerne", kind="value-map", locale="da")
    url = f"{live_server.url}/b/{board['id']}/export.csv"
    lead = {"authorization": f"Bearer {board['facilitator_token']}"}
    danish = httpx.get(url, headers={**lead, "accept-language": "da-DK"})
    english = httpx.get(url, headers={**lead, "accept-language": "en-GB"})
    assert danish.content.startswith(BOM + b"zone;cluster;text;")
    assert english.content.startswith(BOM + b"zone,cluster,text,")
    charter = live_server.create_board("Ledelsesgrundlag", kind="charter", locale="da")
    answer = httpx.get(
        f"{live_server.url}/b/{charter['id']}/export.csv",
        headers={"authorization": f"Bearer {charter['facilitator_token']}"},
        params={"lang": "da"},
    )
    assert answer.content.startswith(BOM + b"section;state;wording;")


@pytest.mark.parametrize(
    ("locale", "cluster", "one", "three"),
    [("da", "4 prikker", "1 prik", "3 prikker"), ("en", "4 dots", "1 dot", "3 dots")],
)
def test_a_map_summary_counts_dots_in_the_plural_form_of_its_language(
    locale: str, cluster: str, one: str, three: str
) -> None:
    notes = [
        Note(id=f"n{votes}", text=text, color="pink", votes=votes, author=None, created="")
        for text, votes in (("Tillid", 1), ("Mod", 3))
    ]
    zone = Zone(id="z", title="Mod", question="", clusters=[Cluster("c", "Klynge", notes)])
    summary = map_markdown(MapBoard("Værdi", [zone], has_votes=True), locale)
    assert f"### Klynge ({cluster})" in summary
    assert f"- Tillid ({one})" in summary
    assert f"- Mod ({three})" in summary


# -- PNG -------------------------------------------------------------------------------------

LONG_TITLE = "Ressourcer uden for organisationen: civilsamfund, virksomheder og frivillige"
QUESTION = "Hvem uden for rådhuset kan bidrage, og hvad skal der til, for at de vil?"


def test_a_long_zone_title_wraps_instead_of_being_cut() -> None:
    short = png_height(zone("Nye idéer"), zone("Mod"))
    long = png_height(zone("Nye idéer"), zone(LONG_TITLE))
    # Wrapped onto more lines, the head grows: before, it was cut with "…" at one line.
    assert long > short
    lines = wrap_to_width(LONG_TITLE, load_font(BOLD_FONT_FILES, ZONE_TITLE_PX), NORMAL.width)
    assert len(lines) > 1
    assert " ".join(lines) == LONG_TITLE


def test_each_zones_question_is_drawn_under_its_title() -> None:
    without = png_height(zone("Borgerens situation"))
    with_question = png_height(zone("Borgerens situation", QUESTION))
    assert with_question > without
