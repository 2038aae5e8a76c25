"""The plain data an importer produces before anything is saved: what the preview shows and the
`--json` output prints, and what `services.law_import` commits."""

from __future__ import annotations

import datetime
import json
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
    notes: list[str] = field(default_factory=list)  # footnotes / authorial notes, never in the text
    valid_from: datetime.date | None = None  # an earlier wording keeps the dates it applied
    valid_to: datetime.date | None = None


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
class ParsedMapping:
    """A mapping of a provision to a framework article, carried by an Akoma Ntoso export."""

    provision_index: int
    instrument: str  # the framework instrument's slug, e.g. "cets-185"
    article: str  # the framework article's number
    extent: str = "full"
    note: str = ""
    reviewed_at: datetime.datetime | None = None


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
    end_matter: str = ""  # promulgation formula, signatures, certificates, publishers' notes
    language_from_metadata: bool = False
    # Identity found in the document; what it does not state stays empty (never a placeholder).
    dates: dict[str, datetime.date] = field(default_factory=dict)  # enacted, published, in_force, repealed
    status: str = ""
    source_uri: str = ""  # an ELI or other non-/akn/ work URI the document used
    unplaced: list[dict] = field(default_factory=list)  # {"line": n, "text": ...} the parser could not place
    warnings: list[str] = field(default_factory=list)
    confidence: float | None = None  # share of the body's text placed in provisions, 0..1
    mappings: list[ParsedMapping] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)  # titleEn, sourceUrl, gazette from our own export

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
                self.dates[key] = value
        return self

    def to_data(self) -> dict:
        """Plain JSON-able data (the import job keeps it between the preview and the save)."""
        return json.loads(json.dumps(asdict(self), default=lambda value: value.isoformat()))

    @classmethod
    def from_data(cls, data: dict) -> ParsedLaw:
        data = dict(data)

        def provision(p: dict) -> ParsedProvision:
            p = dict(p)
            for key in ("valid_from", "valid_to"):
                p[key] = datetime.date.fromisoformat(p[key]) if p.get(key) else None
            return ParsedProvision(**p)

        provisions = [provision(p) for p in data.pop("provisions")]
        amendments = [
            Amendment(
                code_name=a["code_name"],
                action=a["action"],
                by_index=a["by_index"],
                article=a.get("article", ""),
                line=a.get("line", 0),
                provisions=[provision(p) for p in a["provisions"]],
            )
            for a in data.pop("amendments")
        ]
        dates = {key: datetime.date.fromisoformat(value) for key, value in data.pop("dates", {}).items()}
        mappings = [
            ParsedMapping(
                **{
                    **m,
                    "reviewed_at": datetime.datetime.fromisoformat(m["reviewed_at"])
                    if m.get("reviewed_at")
                    else None,
                }
            )
            for m in data.pop("mappings", [])
        ]
        return cls(provisions=provisions, amendments=amendments, dates=dates, mappings=mappings, **data)

    def numbers(self) -> list[str]:
        return [p.number for p in self.provisions if p.kind == "article"]

    def as_json(self) -> dict:
        """The shape `import_law --json` prints: each provision with its parent's number."""

        def row(p: ParsedProvision, items: list[ParsedProvision]) -> dict:
            parent = items[p.parent_index] if p.parent_index is not None else None
            data = {
                "kind": p.kind,
                "number": p.number,
                "heading": p.heading,
                "text": p.text,
                "parent": f"{parent.kind} {parent.number}".strip() if parent else None,
            }
            # Only what a plain text import cannot have, so that its rows keep their shape.
            if p.language and p.language != self.language:
                data["language"] = p.language
            if p.notes:
                data["notes"] = p.notes
            if p.valid_from or p.valid_to:
                data["valid_from"] = p.valid_from.isoformat() if p.valid_from else None
                data["valid_to"] = p.valid_to.isoformat() if p.valid_to else None
            return data

        return {
            "title": self.title,
            "identifier": self.identifier,
            "language": self.language,
            "type": self.law_type,
            "number": self.number,
            "year": self.year,
            "frbr_uri": self.frbr_uri,
            "source_uri": self.source_uri,
            "status": self.status,
            "dates": {key: value.isoformat() for key, value in sorted(self.dates.items())},
            "unplaced": self.unplaced,
            "warnings": self.warnings,
            "confidence": self.confidence,
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
            "mappings": [
                {
                    "provision": m.provision_index,
                    "instrument": m.instrument,
                    "article": m.article,
                    "extent": m.extent,
                    "reviewed": m.reviewed_at is not None,
                }
                for m in self.mappings
            ],
        }


def as_dict(item) -> dict:
    return asdict(item)
