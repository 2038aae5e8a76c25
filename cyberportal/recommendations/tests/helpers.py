"""Test helpers: fixture documents written for the tests (never the project's seeds) and small factories."""

import datetime
import io
from pathlib import Path

from cyberportal.recommendations import importer, services
from cyberportal.recommendations.models import Recommendation

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def import_fixture(name: str, lineage: dict | None = None, **changes):
    """Import a fixture through the same path as the preview's confirmation, with proposed lineage."""
    document = importer.read_document(name, fixture_bytes(name))
    importer.propose_lineage(document, Recommendation.objects.select_related("meeting__body"))
    for key, value in changes.items():
        setattr(document.meeting, key, value)
    return services.meeting_import(document=document, lineage=lineage)


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(lines: list[str] | None) -> bytes:
    """A PDF with a text layer, or (lines=None) one with only a drawing, like a scanned page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    if lines is None:
        pdf.rect(50, 50, 400, 600, fill=1)
    else:
        y = 800
        for line in lines:
            pdf.drawString(50, y, line)
            y -= 16
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


TODAY = datetime.date(2026, 1, 15)
