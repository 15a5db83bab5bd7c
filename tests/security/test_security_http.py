"""Attacks over HTTP on a real server: bad bodies, cross-site requests, links, CSV cells."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from boards.limits import MAX_NAME_CHARS
from server.afterwards.spreadsheet import csv_text
from tests.support.items import example, put_example, put_note
from tests.support.live import LiveServer, bearer, run_tavle
from tests.support.liveboard import LEAD, live_board

pytestmark = pytest.mark.anyio

DEPTH = 5000  # far past Python's recursion limit, as the attack was
NESTED = {
    "lists": "[" * DEPTH + "]" * DEPTH,
    "objects": '{"a":' * DEPTH + "1" + "}" * DEPTH,
}


def error_code(response: httpx.Response) -> str:
    code: str = response.json()["error"]["code"]
    return code


# -- bad bodies ------------------------------------------------------------------------


@pytest.mark.parametrize("shape", sorted(NESTED))
async def test_deeply_nested_json_is_a_clear_400_on_every_json_endpoint(
    live_server: LiveServer, shape: str
) -> None:
    board = live_server.create_board()
    lead = bearer(board["facilitator_token"])
    endpoints = [
        ("/api/boards", {}),
        ("/api/join", {}),
        ("/api/import", {}),
        (f"/api/boards/{board['id']}/archive", lead),
    ]
    for path, headers in endpoints:
        response = httpx.post(
            live_server.url + path,
            content=NESTED[shape],
            headers={**headers, "content-type": "application/json", "accept-language": "da"},
        )
        assert response.status_code == 400, (path, response.text[:200])
        assert error_code(response) == "json_too_deep", path
        assert "niveauer dybt" in response.json()["error"]["message"]
    assert "RecursionError" not in live_server.log()


def send_chunked(port: int, path: str, total_bytes: int) -> tuple[bytes, int]:
    """POST total_bytes of JSON in chunks, stopping once the server answers.

    Returns the start of the answer and how many body bytes had been sent when it came.
    """
    chunk = b"[" * 65536
    sock = socket.create_connection(("127.0.0.1", port))
    # Small buffers, so "sent" is close to what the server could have read.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    sock.sendall(head.encode())
    answered = threading.Event()
    sent = [0]

    def write() -> None:
        try:
            while sent[0] < total_bytes and not answered.is_set():
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent[0] += len(chunk)
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server closed the connection after answering: what we want

    writer = threading.Thread(target=write)
    writer.start()
    sock.settimeout(30)
    try:
        answer = sock.recv(4096)
        at = sent[0]
    finally:
        answered.set()
        sock.shutdown(socket.SHUT_RDWR)
        writer.join()
        sock.close()
    return answer, at


@pytest.mark.parametrize(
    ("path", "total_mb"), [("/api/join", 8), ("/api/import", 50)], ids=["join", "import"]
)
async def test_a_chunked_body_over_the_limit_gets_413_before_the_rest_is_sent(
    live_server: LiveServer, path: str, total_mb: int
) -> None:
    total = total_mb * 1024 * 1024
    answer, sent = send_chunked(live_server.port, path, total)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:100]
    assert sent < total  # answered as soon as the limit passed, not after reading it all
    assert httpx.get(live_server.url + "/healthz").status_code == 200


async def test_a_csv_export_quotes_every_cell_a_spreadsheet_would_run(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, '=HYPERLINK("https://evil.example")', "value-map", "@Anne")
    # A note's text is trimmed on export, so a leading tab or CR is checked below.
    formulas = ['=HYPERLINK("https://evil.example","klik")', "+1+1", "-2+3", "@SUM(A1)"]
    async with board.clients(LEAD, "@Anne") as (lead, writer):
        for index, text in enumerate(formulas):
            await writer.edit(put_note(f"anne-{index}", text, color="blue"))
        await lead.until(lambda: len(lead.root("notes")) == len(formulas))
        await writer.until(
            lambda: (
                len({i for m in writer.messages if m.get("type") == "own" for i in m["items"]})
                == len(formulas)
            )
        )
    export = httpx.get(f"{live_server.url}/b/{board.id}/export.csv", headers=board.headers())
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert sorted(row["text"] for row in rows) == sorted("'" + text for text in formulas)
    assert {row["author"] for row in rows} == {"'@Anne"}


def test_every_formula_start_is_quoted_and_nothing_else() -> None:
    rows = [["=a", "+b", "-c", "@d", "\te", "\rf", "g=", " =h", 7, -1]]
    cells = next(csv.reader(io.StringIO(csv_text(["h"] * 10, rows, "en").split("\r\n", 1)[1])))
    assert cells == ["'=a", "'+b", "'-c", "'@d", "'\te", "'\rf", "g=", " =h", "7", "-1"]


async def test_a_charter_csv_quotes_examples_a_spreadsheet_would_run(
    live_server: LiveServer,
) -> None:
    board = live_board(live_server, "Ledelsesgrundlag", "charter", "Anne")
    async with board.clients(LEAD, "Anne") as (lead, writer):
        await writer.edit(put_example("anne-ex-1", example("=1+1", unit="-Skole")))
        await lead.until(lambda: "anne-ex-1" in lead.root("examples"))
    export = httpx.get(f"{live_server.url}/b/{board.id}/export.csv", headers=board.headers())
    text = export.content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert "'=1+1" in cells
    assert "'-Skole" in cells
    assert "=1+1" not in cells


# -- imports over the limits --------------------------------------------------------------


def exported(server: LiveServer) -> dict[str, Any]:
    """Return the JSON export of a small board with one participant and one note."""
    board = server.create_board("Eksport")
    server.join(board["join_code"], "Anne")
    response = httpx.get(
        f"{server.url}/b/{board['id']}/export.json", headers=bearer(board["facilitator_token"])
    )
    response.raise_for_status()
    data: dict[str, Any] = response.json()
    return data


async def test_an_import_with_a_100000_character_name_is_refused_in_the_callers_language(
    live_server: LiveServer, tmp_path: Path
) -> None:
    data = exported(live_server)
    data["participants"][0]["name"] = "N" * 100_000
    for language, words in (("da", "Et deltagernavn"), ("en", "A participant's name")):
        response = httpx.post(
            live_server.url + "/api/import",
            json=data,
            headers={"accept-language": language},
        )
        assert response.status_code == 400
        assert error_code(response) == "import_name_too_long"
        assert response.json()["error"]["message"].startswith(words)
        assert "40" in response.json()["error"]["message"]
    # The command line refuses it too, with the reason.
    path = tmp_path / "long-name.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    refused = run_tavle("import", str(path), "--data", str(tmp_path / "cli-data"))
    assert refused.returncode == 1
    assert "A participant's name" in refused.stderr


@pytest.mark.parametrize(
    ("where", "field"),
    [("notes", "text"), ("title", "title"), ("versions", "reason")],
)
async def test_an_import_with_a_text_over_the_limit_is_refused(
    live_server: LiveServer, where: str, field: str
) -> None:
    data = exported(live_server)
    if where == "notes":
        data["document"]["notes"] = {"n1": {"text": "x" * 2001, "created": 1.0}}
        code = "import_text_too_long"
    elif where == "title":
        data["board"]["title"] = "T" * 121
        code = "title_too_long"
    else:
        wording = {"type": "doc", "content": [{"type": "paragraph"}]}
        data["versions"] = [
            {
                "section_id": "s",
                "kind": "amendment",
                "wording": wording,
                "text": "",
                "reason": "r" * 281,
            }
        ]
        code = "import_text_too_long"
    response = httpx.post(live_server.url + "/api/import", json=data)
    assert response.status_code == 400, response.text
    assert error_code(response) == code
    # Just within every limit, the same file imports.
    if where == "notes":
        data["document"]["notes"]["n1"]["text"] = "x" * 2000
    elif where == "title":
        data["board"]["title"] = "T" * 120
    else:
        data["versions"][0]["reason"] = "r" * 280
    assert httpx.post(live_server.url + "/api/import", json=data).status_code == 201


# -- links and sessions -------------------------------------------------------------------


async def test_a_read_only_link_never_learns_the_join_code(live_server: LiveServer) -> None:
    board = live_server.create_board()
    made = httpx.post(
        f"{live_server.url}/api/boards/{board['id']}/read-only-link",
        headers=bearer(board["facilitator_token"]),
    )
    secret = made.json()["read_only_url"].split("?key=")[1]
    read = httpx.get(f"{live_server.url}/api/boards/{board['id']}", headers=bearer(secret))
    assert read.status_code == 200
    assert read.json()["role"] == "viewer"
    assert board["join_code"] not in read.text
    # The board's page with the link's cookie, and without any token (the address is in
    # the link): neither leads to the code.
    with httpx.Client(base_url=live_server.url) as viewer:
        page = viewer.get(f"/b/{board['id']}?key={secret}", follow_redirects=True)
        assert page.status_code == 200
        assert board["join_code"] not in page.text
    stranger = httpx.get(f"{live_server.url}/b/{board['id']}", follow_redirects=False)
    assert stranger.headers["location"] == "/join"
    assert board["join_code"] not in httpx.get(f"{live_server.url}/join").text
    # The facilitator still gets it.
    own = httpx.get(
        f"{live_server.url}/api/boards/{board['id']}", headers=bearer(board["facilitator_token"])
    )
    assert own.json()["join_code"] == board["join_code"]


CROSS_SITE = [
    {"origin": "https://evil.example"},
    {"origin": "null"},
    {"sec-fetch-site": "cross-site", "origin": "https://evil.example"},
    {"sec-fetch-site": "same-site"},
]


async def test_cross_site_requests_with_a_cookie_change_nothing(live_server: LiveServer) -> None:
    board = live_server.create_board()
    cookies = {f"tavle_b_{board['id']}": board["facilitator_token"]}
    base = f"/api/boards/{board['id']}"
    with httpx.Client(base_url=live_server.url, cookies=cookies) as browser:
        for headers in CROSS_SITE:
            attempts = [
                browser.post(f"{base}/archive", json={"archived": True}, headers=headers),
                browser.delete(base, headers=headers),
                browser.post(f"{base}/read-only-link", headers=headers),
                browser.post(f"{base}/cofacilitators", headers=headers),
                browser.post("/", data={"title": "Fra et andet websted"}, headers=headers),
                browser.post(
                    "/join", data={"code": board["join_code"], "name": "Mallory"}, headers=headers
                ),
                browser.post("/api/import", content=b"{}", headers=headers),
            ]
            for response in attempts:
                assert response.status_code == 403, (headers, response.request.url)
                assert "cross_site" in response.text
        da = browser.post(
            f"{base}/archive",
            json={"archived": True},
            headers={"origin": "https://evil.example", "accept-language": "da"},
        )
        assert "et andet websted" in da.json()["error"]["message"]
        # Nothing changed: the board is there, not archived, and nobody joined.
        library = browser.get("/api/library").json()
        rows = [row for event in library["events"] for row in event["boards"]]
        assert [row["archived"] for row in rows if row["id"] == board["id"]] == [False]
        people = browser.get(f"{base}/people").json()
        assert people["participants"] == []

        # Tavle's own pages, and requests no browser made, still work.
        own = {"origin": live_server.url}
        assert (
            browser.post(f"{base}/archive", json={"archived": True}, headers=own).status_code == 200
        )
        same = {"sec-fetch-site": "same-origin", "origin": "https://proxy.example"}
        assert (
            browser.post(f"{base}/archive", json={"archived": False}, headers=same).status_code
            == 200
        )
        assert browser.post(f"{base}/archive", json={"archived": True}).status_code == 200
    # A bearer token cannot be added by another site's page: it passes whatever the origin.
    with_bearer = httpx.post(
        f"{live_server.url}{base}/archive",
        json={"archived": False},
        headers={**bearer(board["facilitator_token"]), "origin": "https://evil.example"},
    )
    assert with_bearer.status_code == 200


async def test_a_join_name_over_the_limit_is_refused(live_server: LiveServer) -> None:
    board = live_server.create_board()
    url = live_server.url + "/api/join"
    too_long = httpx.post(
        url, json={"code": board["join_code"], "name": "N" * (MAX_NAME_CHARS + 1)}
    )
    assert too_long.status_code == 400
    assert error_code(too_long) == "name_too_long"
    huge = httpx.post(url, json={"code": board["join_code"], "name": "N" * 100_000})
    assert huge.status_code == 413
    just = httpx.post(url, json={"code": board["join_code"], "name": "N" * MAX_NAME_CHARS})
    assert just.status_code == 200


@pytest.mark.parametrize(
    "note",
    [
        pytest.param({"text": "Hej", "created": 1.0, "author": "Anne"}, id="field-outside"),
        pytest.param({"text": 7, "created": 1.0}, id="wrong-type"),
    ],
)
async def test_an_import_holds_items_to_the_boards_layout(
    live_server: LiveServer, note: dict[str, Any]
) -> None:
    data = exported(live_server)
    data["document"]["notes"] = {"n1": note}
    response = httpx.post(live_server.url + "/api/import", json=data)
    assert response.status_code == 400, response.text
    assert error_code(response) == "import_invalid"
    data["document"]["notes"] = {"n1": {"text": "Hej", "created": 1.0}}
    assert httpx.post(live_server.url + "/api/import", json=data).status_code == 201
