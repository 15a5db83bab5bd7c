"""CSV that a spreadsheet opens as text, never as a formula.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@`
(and some strip a leading tab or carriage return first) as a formula, so a note reading
`=HYPERLINK("https://…")` would run on the facilitator's computer (issue 11, OWASP's
"CSV injection"). Every CSV the server writes goes through `csv_text`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(cell: object) -> object:
    """Return a text cell with a leading `'` if a spreadsheet would read it as a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_text(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """Return a CSV of the header and rows, every text cell made safe for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([neutral(cell) for cell in row] for row in rows)
    return buffer.getvalue()
