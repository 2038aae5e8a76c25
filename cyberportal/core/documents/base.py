"""What every format reader returns, and the one error they raise."""

from __future__ import annotations

from dataclasses import dataclass, field

from cyberportal.core.uploads import UploadRefused


class DocumentError(UploadRefused):
    """A document that cannot be read or parsed; the message names the file, the line or page and the
    problem, e.g. “ley.docx, page 3: …”. Importers raise it too, so callers catch one class."""

    def __init__(self, message: str, *, name: str = "", line: int | None = None, page: int | None = None):
        self.problem, self.name, self.line, self.page = message, name, line, page
        from django.utils.translation import gettext as _

        where = [name] if name else []
        if page is not None:
            where.append(_("page %(page)s") % {"page": page})
        if line is not None:
            where.append(_("line %(line)s") % {"line": line})
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


@dataclass
class Line:
    text: str
    line: int = 0  # 1-based line (or paragraph) number in the source
    page: int | None = None  # 1-based page, for paged formats


@dataclass
class Document:
    name: str
    format: str  # "txt", "md", "docx", "pdf", "html", "xml"
    lines: list[Line] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)  # e.g. a Markdown file's YAML front matter
    notes: list[str] = field(default_factory=list)  # footnotes, kept apart from the body
    furniture: list[Line] = field(default_factory=list)  # running headers, footers, page numbers
    margin_notes: list[Line] = field(default_factory=list)  # a PDF's marginal notes, with their page
    language: str = ""
    # The title the document prints for itself as such (a Markdown level-1 heading before any text).
    title: str = ""
    raw: bytes = b""  # the bytes, for formats another reader interprets (XML: Akoma Ntoso)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def source_of(self, text_line: int) -> Line | None:
        """Where line `text_line` (1-based) of `text` stands in the file, for messages that name a
        page and line: importers parse `text` and report back through this."""
        return self.lines[text_line - 1] if 0 < text_line <= len(self.lines) else None


def numbered(texts, page: int | None = None, start: int = 1) -> list[Line]:
    return [Line(text=text, line=number, page=page) for number, text in enumerate(texts, start=start)]
