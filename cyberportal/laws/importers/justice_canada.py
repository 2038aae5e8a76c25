"""Justice Canada's XML for federal acts and bills (github.com/justicecanada/laws-lois-xml): <Statute> and
<Bill>, the example of a national schema read next to Akoma Ntoso.

Structure read: <Identification> (titles, chapter, assent date), <Body> with flat <Heading level="n">
markers that open Parts/Divisions, <Section> (Label, MarginalNote, Text, Subsection, Paragraph...),
<AmendedText> (what an amending section inserts or substitutes in another act: an amendment of that act,
never a section of this one), <Footnote> (notes) and <Schedule>s after the body.
"""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

from .parsed import Amendment, ImportError_, ParsedLaw, ParsedProvision
from .xmltext import element_words

# Heading levels: 1 opens a Part, 2 a Division, deeper ones a subdivision (kept as divisions).
HEADING_KINDS = {1: "part", 2: "division"}
# Elements whose text is not the provision's own: notes, amendments and nested units read separately.
SKIP_IN_TEXT = {"Footnote", "FootnoteRef", "HistoricalNote", "AmendedText", "MarginalNote", "Label"}
UNITS = ("Subsection", "Paragraph", "Subparagraph", "Clause", "Subclause")


def _words(element) -> str:
    return element_words(element, skip=lambda child: child.tag in SKIP_IN_TEXT or child.tag in UNITS)


def _lines(element, depth: int = 0) -> list[str]:
    """A unit's own text, then its subsections, paragraphs... as lines starting with their labels."""
    lines = []
    own = " ".join(_words(child) for child in element if child.tag in ("Text", "ContinuedSectionSubsection"))
    if own:
        lines.append(own)
    for child in element:
        if child.tag in UNITS:
            label = _words(child.find("Label"))
            rest = _lines(child, depth + 1)
            if rest:
                lines.append(f"{label} {rest[0]}".strip())
                lines += rest[1:]
    return lines


def _notes(element) -> list[str]:
    notes = []
    for tag in ("Footnote", "HistoricalNote"):
        for note in element.iter(tag):
            text = " ".join("".join(note.itertext()).split())
            if text:
                notes.append(text)
    return notes


def _date(element) -> datetime.date | None:
    if element is None:
        return None
    try:
        return datetime.date(
            int(element.findtext("YYYY")), int(element.findtext("MM")), int(element.findtext("DD"))
        )
    except (TypeError, ValueError):
        return None


def _label(element) -> str:
    return _words(element.find("Label")).rstrip(".").strip()


def _amended_act(section) -> str:
    """The act an amending section changes: the act it names, else "the Act" of the heading above."""
    text = section.find("Text")
    if text is None:
        text = next(iter(section.iter("Text")), None)
    reference = text.find(".//XRefExternal[@reference-type='act']") if text is not None else None
    return _words(reference) if reference is not None else ""


def parse_justice_canada(root) -> ParsedLaw:
    law = ParsedLaw(source_format="justice-canada-xml")
    language = root.get("{http://www.w3.org/XML/1998/namespace}lang", "en")
    law.language = language if language in ("en", "fr") else "en"
    identification = root.find("Identification")
    if identification is None:
        raise ImportError_(_("XML (Justice Canada): <Identification> is missing."))
    law.title = _title(identification)
    _number_and_type(identification, root, law)
    _enactment(identification, law)
    slug = "".join(c for c in law.number.lower() if c.isalnum() or c == "-")
    if law.year and slug:
        law.frbr_uri = f"/akn/ca/{law.law_type}/{law.year}/{slug}"
    else:
        law.warnings.append(_("The document gives no year or chapter; give them before saving."))
    body = root.find("Body")
    if body is None:
        raise ImportError_(_("XML (Justice Canada): <Body> is missing."))
    reader = _BodyReader(law)
    reader.read(body)
    reader.schedules(root)
    if not any(p.kind == "article" for p in law.provisions):
        raise ImportError_(_("XML (Justice Canada): the <Body> contains no <Section>."))
    law.confidence = reader.confidence()
    return law


def _title(identification) -> str:
    """The official short title, else the long title, in reading order."""
    short = identification.find("ShortTitle")
    long_title = _words(identification.find("LongTitle"))
    if short is not None and short.get("status") != "unofficial" and _words(short):
        return _uninverted(_words(short))
    return _uninverted(long_title)


def _uninverted(title: str) -> str:
    """Justice Canada files French titles in index order ("Sanction royale, Loi sur la"); the act is
    called by the title in reading order ("Loi sur la sanction royale")."""
    head, comma, tail = title.rpartition(", ")
    if not comma or not re.match(r"^Loi\b", tail) or not re.search(r"(\b\w+|[’'])$", tail):
        return title
    if tail.endswith(("’", "'")):
        return f"{tail}{head}"
    return f"{tail} {head[:1].lower()}{head[1:]}"


def _number_and_type(identification, root, law: ParsedLaw) -> None:
    """An annual statute's chapter, a consolidation's number (e.g. T-16) or a bill's number."""
    annual = identification.find("Chapter/AnnualStatuteId")
    consolidated = identification.findtext("Chapter/ConsolidatedNumber", "").strip()
    if annual is not None:
        year, number = annual.findtext("YYYY", "").strip(), annual.findtext("AnnualStatuteNumber", "").strip()
        law.year = int(year) if year.isdigit() else None
        law.number = number
        law.identifier = f"L.C. {year}, ch. {number}" if law.language == "fr" else f"S.C. {year}, c. {number}"
        law.law_type = "act"
    elif consolidated:
        law.number = consolidated
        law.identifier = consolidated
        law.law_type = "act"
        _revision_year(root, consolidated, law)
    else:
        law.number = identification.findtext("BillNumber", "").strip()
        law.identifier = law.number
        law.law_type = "bill" if root.tag == "Bill" else "act"


def _revision_year(root, consolidated: str, law: ParsedLaw) -> None:
    """A consolidation states no year; the historical notes cite the revision that enacted the
    chapter: "R.S., 1985, c. T-16, s. 2" / "L.R. (1985), ch. T-16, art. 2"."""
    revision = re.compile(
        r"\b(?:R\.S\.,|L\.R\.)\s*\(?(\d{4})\)?,\s*ch?\.\s*" + re.escape(consolidated) + r"\b"
    )
    for note in root.iter("HistoricalNoteSubItem"):
        cited = revision.search(_words(note))
        if cited:
            law.year = int(cited.group(1))
            law.identifier = (
                f"L.R.C. ({law.year}), ch. {consolidated}"
                if law.language == "fr"
                else f"R.S.C., {law.year}, c. {consolidated}"
            )
            return


def _enactment(identification, law: ParsedLaw) -> None:
    """The assent date, and the year from it when the chapter gave none."""
    for stage in identification.iter("Stages"):
        if stage.get("stage") == "assented-to" and _date(stage.find("Date")):
            law.dates["enacted"] = _date(stage.find("Date"))
    # The lims: dates of a consolidation are those of the consolidated version, not of the act: not used.
    if law.year is None and "enacted" in law.dates:
        law.year = law.dates["enacted"].year


class _BodyReader:
    """One pass over <Body>: flat <Heading>s open parts and divisions, each <Section> sits under the
    deepest one open, and its <AmendedText> becomes an amendment of another act, not a section."""

    def __init__(self, law: ParsedLaw):
        self.law = law
        self.open_headings: dict[int, int] = {}  # heading level -> index of the provision it opened
        self.placed = 0  # characters placed in provisions, for the confidence
        # "the Act" in an amending section is the act last named (or the amending heading above it).
        self.amended_act = ""

    def add(self, item: ParsedProvision) -> int:
        self.placed += len(item.text) + len(item.heading)
        self.law.provisions.append(item)
        return len(self.law.provisions) - 1

    def _parent(self) -> int | None:
        return self.open_headings[max(self.open_headings)] if self.open_headings else None

    def read(self, body) -> None:
        for child in body:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "Heading":
                self.heading(child)
            elif child.tag == "Section":
                self.section(child)
            else:
                self.unplaced(child)

    def heading(self, child) -> None:
        if child.get("type") == "amending" and child.find("MarginalNote") is not None:
            self.amended_act = _words(child.find("TitleText")).title()
        level = int(child.get("level", "1") or 1)
        for deeper in [lvl for lvl in self.open_headings if lvl >= level]:
            del self.open_headings[deeper]
        parent = self._parent()
        self.open_headings[level] = self.add(
            ParsedProvision(
                kind=HEADING_KINDS.get(level, "division"),
                number=_label(child),
                heading=_words(child.find("TitleText")),
                parent_index=parent,
                line=child.sourceline or 0,
                language=self.law.language,
            )
        )

    def section(self, child) -> None:
        index = self.add(
            ParsedProvision(
                kind="article",
                number=_label(child),
                heading=_words(child.find("MarginalNote")),
                text="\n".join(_lines(child)),
                parent_index=self._parent(),
                line=child.sourceline or 0,
                language=self.law.language,
                notes=_notes(child),
            )
        )
        self.amended_act = _amended_act(child) or self.amended_act
        for amended in child.iter("AmendedText"):
            amendment = self.amendment(amended, index)
            if amendment.provisions:
                self.law.amendments.append(amendment)

    def amendment(self, amended, by_index: int) -> Amendment:
        """The sections and units an <AmendedText> inserts in (or substitutes for) the amended act's."""
        text = " ".join(_words(t) for t in amended.getparent().findall("Text"))
        amendment = Amendment(
            code_name=self.amended_act or self.law.title,
            action="replace" if "replaced by" in text or "remplacé" in text else "insert",
            by_index=by_index,
        )
        # "Subsection 7(3) of the Act is replaced by": the new wording of the unit as the amended act
        # cites it (7(3)), a whole unit of its own like a section, not a loose "(3)".
        cited = re.search(r"\b(\d+(?:\.\d+)?(?:\([0-9A-Za-z.]+\))+)", text)
        top = [unit for unit in amended if unit.tag == "Section" or unit.tag in UNITS]
        for unit in amended:
            if unit.tag == "Section":
                kind, number = "article", _label(unit)
            elif unit.tag in UNITS and cited and len(top) == 1:
                kind, number = "article", cited.group(1)
            elif unit.tag in UNITS:
                kind, number = "paragraph", _label(unit)
            else:
                continue
            amendment.provisions.append(
                ParsedProvision(
                    kind=kind,
                    number=number,
                    heading=_words(unit.find("MarginalNote")),
                    text="\n".join(_lines(unit)),
                    line=unit.sourceline or 0,
                    language=self.law.language,
                )
            )
        return amendment

    def unplaced(self, child) -> None:
        text = " ".join("".join(child.itertext()).split())
        if text:
            self.law.unplaced.append({"line": child.sourceline or 0, "text": text[:500]})

    def schedules(self, root) -> None:
        for n, schedule in enumerate(root.iter("Schedule"), start=1):
            heading = schedule.find("ScheduleFormHeading")
            lines = [
                " ".join("".join(p.itertext()).split())
                for p in schedule.iter("Provision", "Item")
                if p.find(".//Provision") is None
            ]
            self.add(
                ParsedProvision(
                    kind="schedule",
                    number=_words(heading.find("Label")) if heading is not None else str(n),
                    heading=_words(heading.find("TitleText")) if heading is not None else "",
                    text="\n".join(line for line in lines if line),
                    line=schedule.sourceline or 0,
                    language=self.law.language,
                )
            )

    def confidence(self) -> float:
        unplaced = sum(len(u["text"]) for u in self.law.unplaced)
        total = self.placed + unplaced
        return round(self.placed / total, 2) if total else 0.0
