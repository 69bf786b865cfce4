"""Spreadsheet cells that stay text when someone opens the file (OWASP "CSV injection").

A cell whose text starts with `=`, `+`, `-` or `@` (or their full-width forms `＝＋－＠`, or
one of these after spaces or apostrophes), or with a tab, carriage return or line feed, is read
by Excel, LibreOffice and Google Sheets as a formula: `=HYPERLINK(…)` sends a reader's data
away, `=cmd|…` runs a program. Per format:

- CSV: such a cell is written with one apostrophe in front (`'=1+1`), the mark every spreadsheet
  program reads as "this is text"; `csv_text` undoes exactly that on import, so export then
  import is a byte-identical round trip (a legitimate `+62…` phone comes back as written).
  The rule is bijective: a cell that already starts with `'` before one of these characters is
  itself "dangerous" and gets one more apostrophe, so nothing legitimate loses a character.
- XLSX: a cell is stored as a string (never a formula) with Excel's quote-prefix flag, so the
  text is kept exactly and stays text even when edited (`xlsx_cell`).
"""

from __future__ import annotations

import re
from typing import Any

QUOTE = "'"
# Letters are needed to name a function or a cell, so digits and + - ( ) . / spaces alone can
# at most compute a number: `numbers_ok` leaves those (phone numbers) unescaped.
DANGER = re.compile(r"^[\s']*[=+\-@\uff1d\uff0b\uff0d\uff20]|^'*[\t\r\n]")
NUMERIC = re.compile(r"^[+\-]?[0-9][0-9 ()./+\-]*$")


def is_formula_like(text: str) -> bool:
    return bool(DANGER.match(text))


def csv_cell(value: Any, numbers_ok: bool = False) -> Any:
    """A value as a CSV cell that no spreadsheet program runs as a formula."""
    if not isinstance(value, str) or not DANGER.match(value):
        return value
    if numbers_ok and NUMERIC.match(value):
        return value
    return QUOTE + value


def csv_text(text: str) -> str:
    """The cell as it was before `csv_cell` (for import): one apostrophe fewer on a cell that
    would otherwise be a formula; every other cell unchanged."""
    if text.startswith(QUOTE) and DANGER.match(text[1:]):
        return text[1:]
    return text


def xlsx_cell(cell: Any) -> None:
    """Make an openpyxl cell holding text a string cell with the quote prefix (never a
    formula, whatever its first character)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if DANGER.match(cell.value):
            cell.quotePrefix = True
