"""A note list (engine `notes`, no zones) exports its notes, in every format but JSON too."""

from __future__ import annotations

import io

import docx
import httpx
import pytest

from tests.support.items import put
from tests.support.live import LiveServer
from tests.support.liveboard import live_board

pytestmark = pytest.mark.anyio


async def test_a_note_lists_exports_hold_its_notes(live_server: LiveServer) -> None:
    board = live_board(live_server, "Idéer til næste møde", "notes", "Anne")
    async with board.client("Anne") as anne:
        await anne.edit(put("notes", "anne-note-1", {"text": "Fælles frokost", "created": 1.0}))
        await anne.edit(
            put("notes", "anne-note-2", {"text": "Besøg hos jobcentret", "created": 2.0})
        )
        async with board.client() as lead:
            await lead.until(lambda: len(lead.root("notes")) == 2)
    for fmt in ("md", "csv", "docx"):
        response = httpx.get(
            f"{live_server.url}/b/{board.id}/export.{fmt}", headers=board.headers()
        )
        assert response.status_code == 200, response.text
        if fmt == "docx":
            text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
        else:
            text = response.content.decode("utf-8-sig")
        assert "Fælles frokost" in text, (fmt, text)
        assert "Besøg hos jobcentret" in text, (fmt, text)
        if fmt == "md":
            assert "## \n" not in text  # no empty heading for the list's one group
    png = httpx.get(f"{live_server.url}/b/{board.id}/export.png", headers=board.headers())
    assert png.status_code == 200
    assert png.content.startswith(b"\x89PNG")
