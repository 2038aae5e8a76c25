"""The plain data an importer produces before anything is saved: what the preview shows and the
`--json` output prints, and what `services.law_import` commits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from cyberportal.core.uploads import UploadRefused


class ImportError_(UploadRefused):
    """Input the importer cannot use; the message names the file type, line or heading."""


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
    article: str = ""  # the amended article or section named by the amending provision, if any
    line: int = 0

    def text(self) -> str:
        return "\n".join(
            " ".join(x for x in (p.number if p.kind != "article" else "", p.heading, p.text) if x)
            for p in self.provisions
        ).strip()


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
    source_url: str = ""
    dates: dict[str, str] = field(default_factory=dict)  # enactment, publication, in_force: ISO dates
    end_matter: str = ""  # promulgation formula, signatures, certificates, publishers' notes
    unplaced: list[dict] = field(default_factory=list)  # {"line": n, "text": ...} the parser could not place
    warnings: list[str] = field(default_factory=list)
    confidence: float | None = None  # see text.structure_confidence; None: not measured (Akoma Ntoso)
    language_from_metadata: bool = False

    def counts(self) -> dict[str, int]:
        """How many provisions of each kind, and how many wordings go into other instruments."""
        counts: dict[str, int] = {}
        for p in self.provisions:
            counts[p.kind] = counts.get(p.kind, 0) + 1
        counts["amendments"] = len(self.amendments)
        return counts

    def corrected(self, **fields) -> ParsedLaw:
        """The editor's corrections of the identity (title, law_type, number, year, dates, source_url);
        empty values leave what the parser found."""
        for name in ("title", "identifier", "law_type", "number", "year", "source_url"):
            value = fields.get(name)
            if value not in (None, ""):
                setattr(self, name, value)
        for key, value in (fields.get("dates") or {}).items():
            if value:
                self.dates[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return self

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
            "number": self.number,
            "year": self.year,
            "dates": self.dates,
            "frbr_uri": self.frbr_uri,
            "source_format": self.source_format,
            "provisions": [row(p, self.provisions) for p in self.provisions],
            "amendments": [
                {
                    "target": a.code_name,
                    "code": a.code_name,  # the older name of "target", kept for existing readers
                    "article": a.article,
                    "action": a.action,
                    "by": self.provisions[a.by_index].number if a.by_index < len(self.provisions) else "",
                    "text": a.text(),
                    "provisions": [row(p, a.provisions) for p in a.provisions],
                }
                for a in self.amendments
            ],
            "end_matter": self.end_matter,
            "counts": self.counts(),
            "unplaced": self.unplaced,
            "warnings": self.warnings,
            "confidence": self.confidence,
        }


def as_dict(item) -> dict:
    return asdict(item)
