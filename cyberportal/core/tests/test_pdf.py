"""Every PDF prints every name: the portal's fonts are embedded Unicode fonts, the text stays selectable,
and the document says its title and language and has an outline of its headings."""

import io

from pypdf import PdfReader
from reportlab.platypus import Paragraph

from cyberportal.core.pdf import Heading, PortalDocument, styles

NAMES = ["Nguyễn Thị Minh Khai", "Łukasz Żółkiewski", "Ñuñoa", "Gonçalves", "Erdős Pál", "Ελένη", "Дмитрий"]


def _pdf(story_names) -> PdfReader:
    buffer = io.BytesIO()
    sheet = styles()
    document = PortalDocument(buffer, title="Directorio — prueba", language="es")
    story = [Heading("Directorio", sheet["Title"]), Heading("Contactos", sheet["Heading2"], level=1)]
    story += [Paragraph(name, sheet["Normal"]) for name in story_names]
    document.build(story)
    return PdfReader(io.BytesIO(buffer.getvalue()))


def _fonts(reader: PdfReader) -> list:
    page = reader.pages[0]
    return [font.get_object() for font in page["/Resources"]["/Font"].values()]


def test_names_from_across_the_world_print_as_selectable_text():
    text = _pdf(NAMES).pages[0].extract_text()
    for name in NAMES:
        assert name in text


def test_the_fonts_are_embedded_and_none_is_a_base_14_font():
    fonts = _fonts(_pdf(NAMES))
    assert fonts
    for font in fonts:
        assert "DejaVuSans" in font["/BaseFont"], font["/BaseFont"]
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_the_document_says_its_title_and_language_and_has_an_outline():
    reader = _pdf(NAMES[:1])
    assert reader.metadata.title == "Directorio — prueba"
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert [item.title for item in reader.outline if not isinstance(item, list)] == ["Directorio"]
    assert [item.title for item in reader.outline[1]] == ["Contactos"]
