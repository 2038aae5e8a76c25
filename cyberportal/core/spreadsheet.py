"""CSV writers that every export uses, and a middleware for CSV responses written elsewhere, so no cell
can run as a formula when the file is opened.

Spreadsheets (Excel, LibreOffice, Google Sheets) treat a cell that starts with `=`, `+`, `-` or `@` as a
formula, and a leading tab or carriage return can hide one; a contact named `=HYPERLINK(...)` would run in
the reader's spreadsheet. Following OWASP's advice on CSV injection, such a text cell is prefixed with a
single quote. That includes legitimate values such as E.164 phone numbers ("+54 11 ..."): the quote is
the price of one rule that holds for every cell, and spreadsheets do not show it. Numbers are written as
they are (a negative number is not text and cannot be a formula).

Every CSV also starts with a UTF-8 byte order mark: without it Excel reads UTF-8 as the local code page
and "Colômbia" or "Ley 1273 – artículo" arrive garbled; LibreOffice, Google Sheets and Python's
"utf-8-sig" read it as what it is. The writers write it first; the middleware adds it to CSV responses
written elsewhere.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_cell(value: Any) -> Any:
    """The value, or a text that starts with a formula character prefixed with `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose rows pass through `safe_cell`."""

    def __init__(self, out, *, bom: bool = True, **kwargs):
        if bom:
            out.write(BOM)
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Sequence[Any]):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """`csv.DictWriter` whose values pass through `safe_cell` (the header row is ours, not data)."""

    def __init__(self, f, fieldnames, *args, bom: bool = True, **kwargs):
        if bom:
            f.write(BOM)
        super().__init__(f, fieldnames, *args, **kwargs)

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
        bom = BOM if charset.lower().replace("_", "-") in {"utf-8", "utf8"} else ""
        if not response.streaming:
            text = "".join(neutralise_csv([response.content.decode(charset)]))
            response.content = (text if text.startswith(BOM) else bom + text).encode(charset)
            if response.has_header("Content-Length"):  # set by CommonMiddleware, inside this one
                response["Content-Length"] = str(len(response.content))
        elif not response.is_async:
            decoder = codecs.getincrementaldecoder(charset)()
            text = (decoder.decode(chunk) for chunk in response.streaming_content)
            response.streaming_content = _with_bom(neutralise_csv(text), bom, charset)
        return response


def _with_bom(rows: Iterable[str], bom: str, charset: str) -> Iterator[bytes]:
    """The rows encoded, the first one starting with the byte order mark unless it already does."""
    first = True
    for row in rows:
        if first and bom and not row.startswith(BOM):
            row = bom + row
        first = False
        yield row.encode(charset)
