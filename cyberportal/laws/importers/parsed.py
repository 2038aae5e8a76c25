"""The plain data an importer produces before anything is saved: what the preview shows and the
`--json` output prints, and what `services.law_import` commits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from cyberportal.core.documents import DocumentError

# The one error class of the document reader; the laws importer raises it under its historic name.
ImportError_ = DocumentError


@dataclass
class ParsedProvision:
    kind: str
    number: str = ""
    heading: str = ""
    text: str = ""
    parent_index: int | None = None  # index in ParsedLaw.provisions
    line: int = 0  # where it starts in the source, for messages
    language: str = ""


@dataclass
class Amendment:
    """Articles an amending law inserts into (or replaces in) a code, e.g. the Penal Code."""

    code_name: str
    action: str  # "insert" or "replace"
    provisions: list[ParsedProvision] = field(default_factory=list)
    by_index: int = 0  # the article of the amending law that makes the change


@dataclass
class ParsedLaw:
    title: str = ""
    identifier: str = ""
    language: str = "en"
    law_type: str = "act"
    year: int | None = None
    number: str = ""
    frbr_uri: str = ""
    preamble: str = ""
    provisions: list[ParsedProvision] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    source_format: str = ""

    def numbers(self) -> list[str]:
        return [p.number for p in self.provisions if p.kind == "article"]

    def as_json(self) -> dict:
        """The shape `import_law --json` prints: each provision with its parent's number."""

        def row(p: ParsedProvision, items: list[ParsedProvision]) -> dict:
            parent = items[p.parent_index] if p.parent_index is not None else None
            return {
                "kind": p.kind,
                "number": p.number,
                "heading": p.heading,
                "text": p.text,
                "parent": f"{parent.kind} {parent.number}".strip() if parent else None,
            }

        return {
            "title": self.title,
            "identifier": self.identifier,
            "language": self.language,
            "type": self.law_type,
            "year": self.year,
            "frbr_uri": self.frbr_uri,
            "source_format": self.source_format,
            "provisions": [row(p, self.provisions) for p in self.provisions],
            "amendments": [
                {
                    "code": a.code_name,
                    "action": a.action,
                    "provisions": [row(p, a.provisions) for p in a.provisions],
                }
                for a in self.amendments
            ],
        }


def as_dict(item) -> dict:
    return asdict(item)
