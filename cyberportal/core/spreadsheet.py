"""CSV writers that every export uses, and a middleware for CSV responses written elsewhere, so no cell
can run as a formula when the file is opened.

Spreadsheets (Excel, LibreOffice, Google Sheets) treat a cell that starts with `=`, `+`, `-` or `@` as a
formula, and a leading tab or carriage return can hide one; a contact named `=HYPERLINK(...)` would run in
the reader's spreadsheet. Following OWASP's advice on CSV injection, such a text cell is prefixed with a
single quote. That includes legitimate values such as E.164 phone numbers ("+54 11 ..."): the quote is
the price of one rule that holds for every cell, and spreadsheets do not show it. Numbers are written as
they are (a negative number is not text and cannot be a formula).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
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


class _Echo:
    def write(self, value: str) -> str:
        return value


def _lines(chunks: Iterable[str]) -> Iterator[str]:
    """Complete lines, endings kept, from text that arrives in arbitrary pieces."""
    pending = ""
    for chunk in chunks:
        pending += chunk
        cut = pending.rfind("\n") + 1
        if cut:
            yield from io.StringIO(pending[:cut], newline="")
            pending = pending[cut:]
    if pending:
        yield from io.StringIO(pending, newline="")


def neutralise_csv(chunks: Iterable[str]) -> Iterator[str]:
    """CSV text rewritten row by row with every cell through `safe_cell` (idempotent: a neutralised
    cell starts with a quote). The middleware below applies it to CSV responses it did not write."""
    writer = csv.writer(_Echo())
    for row in csv.reader(_lines(chunks)):
        yield writer.writerow([safe_cell(cell) for cell in row])


class CsvFormulaMiddleware:
    """Every `text/csv` response leaves neutralised, including those of views the portal does not own
    (Wagtail's report and snippet exports) and exports added later; our own writers already are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/csv"):
            return response
        charset = response.charset
        if not response.streaming:
            response.content = "".join(neutralise_csv([response.content.decode(charset)])).encode(charset)
            if response.has_header("Content-Length"):  # set by CommonMiddleware, inside this one
                response["Content-Length"] = str(len(response.content))
        elif not response.is_async:
            decoder = codecs.getincrementaldecoder(charset)()
            text = (decoder.decode(chunk) for chunk in response.streaming_content)
            response.streaming_content = (row.encode(charset) for row in neutralise_csv(text))
        return response
