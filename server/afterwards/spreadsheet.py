"""CSV that a spreadsheet opens as text, never as a formula.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@`
(and some strip a leading tab or carriage return first) as a formula, so a note reading
`=HYPERLINK("https://…")` would run on the facilitator's computer (issue 11, OWASP's
"CSV injection"). Every CSV the server writes goes through `csv_text`.

Danish Excel reads a CSV without a byte order mark as Windows-1252 and splits on `;`
(the list separator where `,` is the decimal mark), so "Værdi" came out as "VÃ¦rdi" in
one column (issue 12): every CSV starts with a BOM, and a Danish one uses `;`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"
# The list separator of the locale's spreadsheets; `,` for any other.
SEPARATORS = {"da": ";"}


def neutral(cell: object) -> object:
    """Return a text cell with a leading `'` if a spreadsheet would read it as a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def separator(locale: str) -> str:
    """Return the separator a spreadsheet of the locale splits a CSV's cells on."""
    return SEPARATORS.get(locale, ",")


def csv_text(header: Iterable[str], rows: Iterable[Iterable[object]], locale: str) -> str:
    """Return a CSV of the header and rows for a spreadsheet of the locale: a byte order
    mark, the locale's separator, and every text cell made safe."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer, delimiter=separator(locale))
    writer.writerow(header)
    writer.writerows([neutral(cell) for cell in row] for row in rows)
    return buffer.getvalue()
