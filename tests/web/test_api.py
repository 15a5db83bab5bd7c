"""The JSON API and the pages, in process (Starlette's TestClient runs the lifespan)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from server.app import create_app
from server.settings import Settings
from tests.support.live import LiveServer


def make_client(tmp_path: Path, **settings: object) -> TestClient:
    app = create_app(Settings(data_dir=tmp_path / "data", **settings))  # type: ignore[arg-type]
    return TestClient(app, base_url="http://tavle.test")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path) as client:
        yield client


def create(client: TestClient, **body: str) -> dict[str, str]:
    response = client.post("/api/boards", json={"title": "Storledermøde", **body})
    assert response.status_code == 201, response.text
    created: dict[str, str] = response.json()
    return created


def test_create_board_answers_with_links_and_secret(client: TestClient) -> None:
    board = create(client, event="Storledermøde marts 2027", event_date="2027-03-14")
    assert re.fullmatch(r"[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}", board["join_code"])
    assert board["kind"] == "value-map"
    assert board["locale"] == "da"
    assert board["event"] == "Storledermøde marts 2027"
    assert board["join_url"] == f"http://tavle.test/join/{board['join_code']}"
    assert board["facilitator_url"].endswith(f"/b/{board['id']}?key={board['facilitator_token']}")
    again = create(client, event="Storledermøde marts 2027", event_date="2027-03-14")
    assert again["event"] == board["event"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"title": ""}, "title_missing"),
        ({"title": "x" * 121}, "title_too_long"),
        ({"title": "x", "kind": "nope"}, "kind_unknown"),
        ({"title": "x", "locale": "de"}, "locale_unknown"),
        ({"title": "x", "event": "E", "event_date": "14/3"}, "event_date_invalid"),
        ({"title": 5}, "json_expected"),
    ],
)
def test_create_board_refuses_bad_input_with_a_reason(
    client: TestClient, body: dict[str, object], code: str
) -> None:
    response = client.post("/api/boards", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


def test_malformed_json_is_a_clear_400(client: TestClient) -> None:
    response = client.post("/api/boards", content=b"{not json", headers={"accept-language": "en"})
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "json_expected",
        "message": "Send a JSON object in the request body.",
    }


def test_join_and_rejoin_give_the_same_participant(client: TestClient) -> None:
    board = create(client)
    first = client.post(
        "/api/join", json={"code": board["join_code"].lower(), "name": "Mette"}
    ).json()
    assert first["board_id"] == board["id"]
    assert first["role"] == "participant"
    # With the token it was given (a script), or from the same browser (its cookie).
    by_token = client.post(
        "/api/join", json={"code": board["join_code"], "name": "Mette H.", "token": first["token"]}
    ).json()
    assert by_token["participant_id"] == first["participant_id"]
    assert by_token["name"] == "Mette H."
    by_cookie = client.post("/api/join", json={"code": board["join_code"], "name": "Mette"}).json()
    assert by_cookie["participant_id"] == first["participant_id"]
    client.cookies.clear()
    stranger = client.post("/api/join", json={"code": board["join_code"], "name": "Mette"}).json()
    assert stranger["participant_id"] != first["participant_id"]


def test_join_code_is_matched_ignoring_case_spaces_and_dashes(client: TestClient) -> None:
    code = create(client)["join_code"]
    typed = f"{code[:3].lower()}-{code[3:]} "
    assert client.post("/api/join", json={"code": typed, "name": "A"}).status_code == 200


def test_unknown_code_is_404_in_the_callers_language(client: TestClient) -> None:
    danish = client.post("/api/join", json={"code": "ZZZZZZ", "name": "A"})
    english = client.post(
        "/api/join", json={"code": "ZZZZZZ", "name": "A"}, headers={"accept-language": "en-GB,en"}
    )
    assert danish.status_code == english.status_code == 404
    assert danish.json()["error"]["message"].startswith("Ingen tavle")
    assert english.json()["error"]["message"].startswith("No board has that code")


def test_wrong_codes_are_slowed_down_for_everyone_but_right_codes_still_join(
    tmp_path: Path,
) -> None:
    with make_client(tmp_path, wrong_code_burst=3, wrong_code_per_s=0.01) as client:
        code = create(client)["join_code"]
        statuses = [
            client.post("/api/join", json={"code": "ZZZZZZ", "name": "A"}).status_code
            for _ in range(5)
        ]
        assert statuses == [404, 404, 404, 429, 429]
        refused = client.post("/api/join", json={"code": "YYYYYY", "name": "A"})
        assert int(refused.headers["retry-after"]) >= 1
        assert client.post("/api/join", json={"code": code, "name": "A"}).status_code == 200


def test_organiser_password_guards_creating(tmp_path: Path) -> None:
    with make_client(tmp_path, organiser_password="hemmelig") as client:
        assert client.post("/api/boards", json={"title": "x"}).status_code == 401
        wrong = client.post(
            "/api/boards", json={"title": "x"}, headers={"authorization": "Bearer nej"}
        )
        assert wrong.status_code == 401
        right = client.post(
            "/api/boards", json={"title": "x"}, headers={"authorization": "Bearer hemmelig"}
        )
        assert right.status_code == 201
        form = client.post("/", data={"title": "x"})
        assert form.status_code == 401
        assert "organiser" in form.text or "arrangør" in form.text


def test_public_url_is_used_in_links(tmp_path: Path) -> None:
    with make_client(tmp_path, public_url="https://tavle.kommune.dk") as client:
        board = create(client)
        assert board["join_url"] == f"https://tavle.kommune.dk/join/{board['join_code']}"
        assert board["facilitator_url"].startswith("https://tavle.kommune.dk/b/")
        client.get(f"/b/{board['id']}?key={board['facilitator_token']}")
        page = client.get(f"/b/{board['id']}")
        assert '"url": "wss://tavle.kommune.dk/ws"' in page.text


def test_board_api_needs_a_token_of_that_board(client: TestClient) -> None:
    board = create(client)
    other = create(client)
    url = f"/api/boards/{board['id']}"
    assert client.get(url).status_code == 401
    bad = client.get(url, headers={"authorization": f"Bearer {other['facilitator_token']}"})
    assert bad.status_code == 401
    member = client.post("/api/join", json={"code": board["join_code"], "name": "A"}).json()
    ok = client.get(url, headers={"authorization": f"Bearer {member['token']}"})
    assert ok.json()["role"] == "participant"
    # A participant token of one board is worthless on another.
    cross = client.get(
        f"/api/boards/{other['id']}", headers={"authorization": f"Bearer {member['token']}"}
    )
    assert cross.status_code == 401
    assert client.get("/api/boards/nope").status_code == 404


def test_unknown_pages_get_a_page_in_danish_or_english(client: TestClient) -> None:
    danish = client.get("/findes/ikke")
    english = client.get("/findes/ikke", headers={"accept-language": "en-US,en;q=0.9"})
    assert danish.status_code == english.status_code == 404
    assert 'lang="da"' in danish.text
    assert "Der er intet på denne adresse" in danish.text
    assert "There is nothing at this address." in english.text


def test_language_switch_is_remembered(client: TestClient) -> None:
    response = client.get("/lang/en?next=/join", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/join"
    assert 'lang="en"' in client.get("/join").text
    assert (
        client.get("/lang/da?next=https://evil.example", follow_redirects=False).headers["location"]
        == "/"
    )


def test_refreshing_the_created_page_makes_no_second_board(live_server: LiveServer) -> None:
    # Issue 12: the page with the code was the answer to the form's post, so a refresh
    # posted again and made a second board with another code.
    with httpx.Client(base_url=live_server.url) as browser:
        posted = browser.post("/", data={"title": "Storledermøde"})
        assert posted.status_code == 303
        page_url = posted.headers["location"]
        assert re.fullmatch(r"/b/[^/]+/created", page_url)
        first = browser.get(page_url)
        again = browser.get(page_url)
        stranger = httpx.get(live_server.url + page_url, follow_redirects=True)
    assert first.status_code == again.status_code == 200
    codes = [
        re.findall(r"data-join-code[^>]*>([A-Z0-9]{6})<", page.text) for page in (first, again)
    ]
    assert len(codes[0]) == 1
    assert codes[1] == codes[0]
    code = codes[0][0]
    # The secret is shown once, after the redirect, never in its address.
    assert "data-facilitator-url" in first.text
    assert "?key=" not in page_url
    assert "data-facilitator-url" not in again.text
    assert "data-facilitator-link-shown" in again.text
    assert "no-store" in again.headers["cache-control"]
    # Someone else with the address gets neither the code nor the link.
    assert stranger.status_code == 200
    assert code not in stranger.text
    with sqlite3.connect(live_server.data_dir / "tavle.db") as db:
        assert db.execute("SELECT count(*) FROM boards").fetchone() == (1,)


def test_form_flow_create_join_and_open_board(client: TestClient) -> None:
    created = client.post("/", data={"title": "Værdi for borgerne", "event": "Temadag"})
    assert created.status_code == 200
    assert re.fullmatch(r"http://tavle.test/b/[^/]+/created", str(created.url))
    code = re.search(r"data-join-code[^>]*>([A-Z0-9]{6})<", created.text)
    assert code is not None
    facilitator_url = re.search(r"data-facilitator-url>([^<]+)<", created.text)
    assert facilitator_url is not None
    # The facilitator link moves its secret into a cookie and out of the address bar.
    opened = client.get(
        facilitator_url.group(1).replace("http://tavle.test", ""), follow_redirects=False
    )
    assert opened.status_code == 303
    board_url = opened.headers["location"]
    page = client.get(board_url)
    assert '"role": "facilitator"' in page.text

    phone = TestClient(client.app, base_url="http://tavle.test")
    # Without a token the board's address leads to the join form, never to its code.
    assert phone.get(board_url, follow_redirects=False).headers["location"] == "/join"
    joined = phone.post(
        "/join", data={"code": code.group(1), "name": "Søren"}, follow_redirects=False
    )
    assert joined.status_code == 303
    assert joined.headers["location"] == board_url
    page = phone.get(board_url)
    assert '"role": "participant"' in page.text
    assert '"name": "Søren"' in page.text


def test_join_form_shows_the_error_and_keeps_what_was_typed(client: TestClient) -> None:
    response = client.post("/join", data={"code": "abc", "name": "Birgitte"})
    assert response.status_code == 404
    assert 'value="Birgitte"' in response.text
    assert 'role="alert"' in response.text


def test_pages_load_nothing_from_other_sites(client: TestClient) -> None:
    board = create(client)
    client.get(f"/b/{board['id']}?key={board['facilitator_token']}")
    for path in ("/", "/join", f"/b/{board['id']}"):
        response = client.get(path)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["referrer-policy"] == "no-referrer"
        assert not re.search(r'(src|href)="(https?:)?//', response.text), path


def test_user_text_is_escaped(client: TestClient) -> None:
    board = create(client, title="<script>alert(1)</script>")
    client.get(f"/b/{board['id']}?key={board['facilitator_token']}")
    page = client.get(f"/b/{board['id']}").text
    assert "<script>alert(1)</script>" not in page


def test_a_server_open_to_the_network_makes_up_an_organiser_password(tmp_path: Path) -> None:
    with make_client(tmp_path, host="0.0.0.0") as client:
        assert client.post("/api/boards", json={"title": "x"}).status_code == 401
        password = (tmp_path / "data" / "organiser-password.txt").read_text().strip()
        headers = {"authorization": f"Bearer {password}"}
        assert client.post("/api/boards", json={"title": "x"}, headers=headers).status_code == 201
        assert 'name="password"' in client.get("/").text
    with make_client(tmp_path, host="0.0.0.0", open_creation=True) as client:
        assert client.post("/api/boards", json={"title": "x"}).status_code == 201


def test_unknown_board_page_says_so(client: TestClient) -> None:
    response = client.get("/b/nope", headers={"accept-language": "da"})
    assert response.status_code == 404
    assert "Denne tavle findes ikke" in response.text


def test_an_oversized_body_is_refused_without_reading_it(client: TestClient) -> None:
    big = {"title": "x", "padding": "y" * 200_000}
    response = client.post("/api/boards", json=big, headers={"accept-language": "en"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    form = client.post("/join", data={"code": "ABCDEF", "name": "z" * 100_000})
    assert form.status_code == 413
    assert client.post("/api/boards", json={"title": "x"}).status_code == 201
