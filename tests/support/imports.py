"""Boards made in one request: a value map's JSON export, filled in, imported again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.support.live import LiveServer

Notes = Callable[[list[str]], dict[str, dict[str, Any]]]


def import_value_map(
    server: LiveServer,
    notes: Notes,
    *,
    participants: list[dict[str, Any]] | None = None,
    votes: list[dict[str, Any]] | None = None,
    title: str = "Storledermøde",
    locale: str = "en",
) -> dict[str, Any]:
    """Import a value map holding `notes(zone ids)`, and people and votes if given.

    Returns the import's answer (the new board's id, join code and facilitator link).
    """
    board = server.create_board(title, kind="value-map", locale=locale)
    data: dict[str, Any] = httpx.get(
        f"{server.url}/b/{board['id']}/export.json",
        headers={"authorization": f"Bearer {board['facilitator_token']}"},
    ).json()
    data["document"]["notes"] = notes(list(data["document"]["zones"]))
    if participants is not None:
        data["participants"] = participants
    if votes is not None:
        data["votes"] = votes
    made = httpx.post(f"{server.url}/api/import", json=data, timeout=60)
    assert made.status_code == 201, made.text
    imported: dict[str, Any] = made.json()
    return imported
