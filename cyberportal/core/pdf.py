"""What every PDF the portal prints shares: embedded Unicode fonts, styles, metadata and an outline.

reportlab's built-in Helvetica covers only WinAnsi (Latin-1 and a few more): "Nguyễn" or "Łukasz" print
as boxes. DejaVu Sans (vendored in core/fonts/ with its licence, so no system font is needed) covers
Latin, Greek, Cyrillic and more; reportlab embeds the subset a document uses, so text stays selectable
and searchable. reportlab cannot write a structure tree (a tagged PDF); what it can do for screen readers
is done here: the document's title, author, subject and language in its metadata, and an outline
(bookmarks) of its headings, shown when it opens.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.styles import StyleSheet1, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

FONTS = Path(__file__).parent / "fonts"
REGULAR, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"


@cache
def register_fonts() -> None:
    for name in (REGULAR, BOLD, ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


def styles() -> StyleSheet1:
    """reportlab's sample styles, every one of them in the embedded Unicode fonts."""
    register_fonts()
    sheet = getSampleStyleSheet()
    for style in sheet.byName.values():
        font = getattr(style, "fontName", "")
        if "Bold" in font:
            style.fontName = BOLD
        elif "Italic" in font or "Oblique" in font:
            style.fontName = ITALIC
        elif font:
            style.fontName = REGULAR
    return sheet


class Heading(Paragraph):
    """A heading that becomes an entry of the PDF's outline (level 0 or 1)."""

    def __init__(self, text: str, style, *, level: int = 0):
        super().__init__(text, style)
        self.outline_level = level


class PortalDocument(SimpleDocTemplate):
    """A document template that adds each `Heading` to the outline as it is placed."""

    def __init__(self, buffer, *, title: str, language: str, subject: str = "", **options):
        register_fonts()
        super().__init__(
            buffer,
            title=title,
            author="Cyberportal",
            subject=subject,
            lang=language,
            initialFontName=REGULAR,  # else every page also names Helvetica, a font that is not embedded
            **options,
        )
        self._outline_count = 0

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, Heading):
            key = f"h{self._outline_count}"
            self._outline_count += 1
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=flowable.outline_level)

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.canv.showOutline()
