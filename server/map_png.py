"""A map board as a PNG image: a column per zone, each note a card in its colour (Pillow)."""

from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

from .map_export import MapBoard

# The colours of the board's cards (server/static/map.css): a pale card, a strong edge.
NOTE_COLOURS = {
    "yellow": ("#fff4b8", "#b89600"),
    "green": ("#daf2dc", "#2e7d32"),
    "blue": ("#d9e9fb", "#1d5fa8"),
    "pink": ("#fbdde9", "#b0306a"),
    "orange": ("#ffe2c6", "#b65400"),
    "purple": ("#e9e0fa", "#6a3fb5"),
}
COLUMN_W = 320
GAP = 16
CARD_PAD = 12
LINE_H = 22
WRAP_CHARS = 30
MAX_LINES = 8
TITLE_H = 72
ZONE_HEAD_H = 64
BACKGROUND = "#f5f4ef"
INK = "#1c1c1c"


def map_png(board: MapBoard) -> bytes:
    """Return the board drawn as a PNG, as wide as its zones and as tall as the longest."""
    font = ImageFont.load_default(size=17)
    bold = ImageFont.load_default(size=20)
    heading = ImageFont.load_default(size=30)
    columns = max(1, len(board.zones))
    cards = [
        [_wrap(note.text) for cluster in zone.clusters for note in cluster.notes]
        for zone in board.zones
    ]
    heights = [sum(_card_h(lines) + GAP for lines in column) for column in cards] or [0]
    width = GAP + columns * (COLUMN_W + GAP)
    height = TITLE_H + ZONE_HEAD_H + max(heights) + GAP * 2
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((GAP, GAP), board.title, font=heading, fill=INK)
    for index, zone in enumerate(board.zones):
        x = GAP + index * (COLUMN_W + GAP)
        y = TITLE_H
        draw.text((x, y), _fit(zone.title, 26), font=bold, fill=INK)
        draw.line((x, y + 34, x + COLUMN_W, y + 34), fill="#5a5a5a", width=2)
        y += ZONE_HEAD_H
        notes = [note for cluster in zone.clusters for note in cluster.notes]
        for note, lines in zip(notes, cards[index], strict=True):
            fill, edge = NOTE_COLOURS.get(note.color, NOTE_COLOURS["yellow"])
            card_h = _card_h(lines)
            draw.rectangle((x, y, x + COLUMN_W, y + card_h), fill=fill, outline=edge, width=2)
            draw.rectangle((x, y, x + 6, y + card_h), fill=edge)
            for number, line in enumerate(lines):
                draw.text(
                    (x + CARD_PAD + 6, y + CARD_PAD + number * LINE_H), line, font=font, fill=INK
                )
            if note.votes:
                draw.text(
                    (x + COLUMN_W - 48, y + card_h - LINE_H - 4),
                    f"● {note.votes}",
                    font=font,
                    fill=edge,
                )
            y += card_h + GAP
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _wrap(text: str) -> list[str]:
    lines = textwrap.wrap(text, WRAP_CHARS) or [""]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1][: WRAP_CHARS - 1] + "…"]
    return lines


def _card_h(lines: list[str]) -> int:
    return CARD_PAD * 2 + LINE_H * len(lines) + 8


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
