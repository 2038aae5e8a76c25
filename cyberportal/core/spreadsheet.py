"""CSV writers that every export uses, so no cell can run as a formula when the file is opened.

Spreadsheets (Excel, LibreOffice, Google Sheets) treat a cell that starts with `=`, `+`, `-` or `@` as a
formula, and a leading tab or carriage return can hide one; a contact named `=HYPERLINK(...)` would run in
the reader's spreadsheet. Following OWASP's advice on CSV injection, such a text cell is prefixed with a
single quote. That includes legitimate values such as E.164 phone numbers ("+54 11 ..."): the quote is
the price of one rule that holds for every cell, and spreadsheets do not show it. Numbers are written as
they are (a negative number is not text and cannot be a formula).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value, or a text that starts with a formula character prefixed with `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose rows pass through `safe_cell`."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Sequence[Any]):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """`csv.DictWriter` whose values pass through `safe_cell` (the header row is ours, not data)."""

    def writerow(self, rowdict: Mapping[str, Any]):
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for row in rowdicts:
            self.writerow(row)
