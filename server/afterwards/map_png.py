"""A map board as a PNG image: a column per zone, each note a card in its colour (Pillow).

A zone with many notes lays them out in several card columns, so a big board keeps the
wall's shape instead of becoming a long strip; a very big board gets smaller cards, so
the picture stays small enough to open and to draw in well under a second or two
(docs/benchmarks.md, "Afterwards").
"""

from __future__ import annotations

import io
import logging
import math
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from server.afterwards.map_export import MapBoard, Note

log = logging.getLogger(__name__)

# The colours of the board's cards (server/static/map.css): a pale card, a strong edge.
NOTE_COLOURS = {
    "yellow": ("#fff4b8", "#b89600"),
    "green": ("#daf2dc", "#2e7d32"),
    "blue": ("#d9e9fb", "#1d5fa8"),
    "pink": ("#fbdde9", "#b0306a"),
    "orange": ("#ffe2c6", "#b65400"),
    "purple": ("#e9e0fa", "#6a3fb5"),
}
GAP = 16
TITLE_H = 72
# A zone's head: its title wrapped (never cut, issue 12), its guiding question under it,
# then a rule. The head is as tall as the tallest zone's, so the cards start level.
ZONE_TITLE_PX = 20
ZONE_TITLE_LINE_H = 26
QUESTION_PX = 15
QUESTION_LINE_H = 20
MAX_HEAD_LINES = 6  # of a title and of a question each; a zone's texts are short anyway
HEAD_RULE_GAP = 10  # between the texts and the rule, and the rule and the cards
NOTES_PER_CARD_COLUMN = 40  # a zone gets another card column for every 40 notes
MAX_CARD_COLUMNS = 4
# DejaVu Sans has every Danish letter; Pillow's own font has no æ, ø or å. Debian's
# fonts-dejavu-core puts it here (scripts/test installs it; README, "Operating it").
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)
BOLD_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
)
BACKGROUND = "#f5f4ef"
INK = "#1c1c1c"


@dataclass(frozen=True)
class CardSize:
    """How big a note card is drawn."""

    width: int
    font_px: int
    max_lines: int

    @property
    def wrap_chars(self) -> int:
        """Return how many characters fit a line (DejaVu Sans averages ~0.6 em)."""
        return int((self.width - 2 * self.pad - 5) / (0.62 * self.font_px))

    @property
    def line_h(self) -> int:
        """Return the height of one line of note text."""
        return self.font_px + 5

    def height(self, lines: int) -> int:
        """Return the height of a card with this many lines."""
        return 2 * self.pad + self.line_h * lines + 6

    @property
    def pad(self) -> int:
        """Return the padding inside a card."""
        return self.font_px // 2 + 4


# Full size for a workshop's board; smaller cards once it holds hundreds of notes, and the
# beginning of each note once it holds a thousand (drawing text is most of the time:
# about 0.15 ms a line).
NORMAL = CardSize(width=300, font_px=17, max_lines=8)
COMPACT = CardSize(width=200, font_px=12, max_lines=3)
OVERVIEW = CardSize(width=180, font_px=11, max_lines=2)
COMPACT_FROM_NOTES = 300
OVERVIEW_FROM_NOTES = 1000


def zone_width(notes: int, size: CardSize) -> int:
    """Return the width of a zone column holding this many notes."""
    columns = card_columns(notes)
    return columns * size.width + (columns - 1) * GAP // 2


def card_columns(notes: int) -> int:
    """Return how many columns of cards a zone with this many notes gets."""
    return max(1, min(MAX_CARD_COLUMNS, math.ceil(notes / NOTES_PER_CARD_COLUMN)))


def card_size(board: MapBoard) -> CardSize:
    """Return the card size for a board: smaller as it holds more notes."""
    notes = sum(len(zone.notes) for zone in board.zones)
    if notes >= OVERVIEW_FROM_NOTES:
        return OVERVIEW
    return COMPACT if notes >= COMPACT_FROM_NOTES else NORMAL


def map_png(board: MapBoard) -> bytes:
    """Return the board drawn as a PNG."""
    size = card_size(board)
    font = load_font(FONT_FILES, size.font_px)
    bold = load_font(BOLD_FONT_FILES, ZONE_TITLE_PX)
    question_font = load_font(FONT_FILES, QUESTION_PX)
    heading = load_font(BOLD_FONT_FILES, 30)
    columns = []  # per zone: its x, width, head lines, and notes with their wrapped lines
    x = GAP
    height = 0
    texts_h = 0
    for zone in board.zones:
        notes = [(note, _wrap(note.text, size)) for note in zone.notes]
        width = max(size.width, zone_width(len(notes), size))
        title = wrap_to_width(zone.title, bold, width)
        question = wrap_to_width(zone.question, question_font, width)
        columns.append((x, width, title, question, notes))
        texts_h = max(texts_h, len(title) * ZONE_TITLE_LINE_H + len(question) * QUESTION_LINE_H)
        height = max(height, _column_height(notes, size, card_columns(len(notes))))
        x += width + GAP
    rule_y = TITLE_H + texts_h + HEAD_RULE_GAP
    cards_y = rule_y + HEAD_RULE_GAP + GAP
    image = Image.new("RGB", (max(x, 400), cards_y + height + GAP), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((GAP, GAP), board.title, font=heading, fill=INK)
    for left, width, title, question, notes in columns:
        y = TITLE_H
        for line in title:
            draw.text((left, y), line, font=bold, fill=INK)
            y += ZONE_TITLE_LINE_H
        for line in question:
            draw.text((left, y), line, font=question_font, fill="#4a4a4a")
            y += QUESTION_LINE_H
        draw.line((left, rule_y, left + width, rule_y), fill="#5a5a5a", width=2)
        per_column = math.ceil(len(notes) / card_columns(len(notes))) if notes else 0
        for index, (note, lines) in enumerate(notes):
            column, row_start = divmod(index, per_column)
            card_x = left + column * (size.width + GAP // 2)
            if row_start == 0:
                y = cards_y
            y = _draw_card(draw, note, lines, card_x, y, size, font) + GAP // 2
    buffer = io.BytesIO()
    # Fast compression: `optimize` made a 2,000-note board take ten seconds to encode.
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _column_height(notes: list[tuple[Note, list[str]]], size: CardSize, columns: int) -> int:
    if not notes:
        return 0
    per_column = math.ceil(len(notes) / columns)
    heights = [0] * columns
    for index, (_, lines) in enumerate(notes):
        heights[index // per_column] += size.height(len(lines)) + GAP // 2
    return max(heights)


def _draw_card(
    draw: ImageDraw.ImageDraw,
    note: Note,
    lines: list[str],
    x: int,
    y: int,
    size: CardSize,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
) -> int:
    """Draw one card with its top at y; return its bottom."""
    fill, edge = NOTE_COLOURS.get(note.color, NOTE_COLOURS["yellow"])
    bottom = y + size.height(len(lines))
    draw.rectangle((x, y, x + size.width, bottom), fill=fill, outline=edge, width=2)
    draw.rectangle((x, y, x + 5, bottom), fill=edge)
    draw.multiline_text(
        (x + size.pad + 5, y + size.pad),
        "\n".join(lines),
        font=font,
        fill=INK,
        spacing=size.line_h - size.font_px,
    )
    if note.votes:
        draw.text(
            (x + size.width - 4 * size.font_px, bottom - size.line_h - 2),
            f"● {note.votes}",
            font=font,
            fill=edge,
        )
    return bottom


@cache
def load_font(files: tuple[str, ...], size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Return the first of the font files that exists, or Pillow's own font."""
    for path in files:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    log.warning("no DejaVu font found: Danish letters in PNG exports will not show")
    return ImageFont.load_default(size=size)


def _wrap(text: str, size: CardSize) -> list[str]:
    lines = textwrap.wrap(text, size.wrap_chars) or [""]
    if len(lines) > size.max_lines:
        last = lines[size.max_lines - 1][: size.wrap_chars - 1]
        lines = [*lines[: size.max_lines - 1], last + "…"]
    return lines


def wrap_to_width(
    text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int
) -> list[str]:
    """Return the text in lines of at most `width` pixels (at most MAX_HEAD_LINES)."""
    lines: list[str] = []
    for word in text.split():
        while font.getlength(word) > width:  # a word wider than the column is broken
            cut = len(word) - 1
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines, word = [*lines, word[:cut]], word[cut:]
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > MAX_HEAD_LINES:
        lines = [*lines[: MAX_HEAD_LINES - 1], _fit(lines[MAX_HEAD_LINES - 1] + " …", font, width)]
    return lines


def _fit(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> str:
    """Return the text, cut with an ellipsis to fit `width` pixels."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
