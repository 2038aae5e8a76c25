"""Parses a recommendations document (text, Markdown, DOCX, a PDF's text layer or HTML, read by
`core.documents`) into a parsed structure.

Nothing here touches the database except `propose_lineage`, which only reads earlier recommendations.
The upload form and `manage.py import_recommendations` both call `read_document`; saving is
`services.meeting_import`. The parser keeps the numbering a reader sees: arabic-numbered items, lettered
sub-items (a., b., ...), continuation lines joined to the item they continue, footnotes and page-break
debris left out, and every line it could not place reported with its number.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from cyberportal.core import documents
from cyberportal.core.documents import Document, DocumentError, detect_language

SUPPORTED_EXTENSIONS = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")

# The one error class of the document reader, under the name this importer's callers know.
ImporterError = DocumentError


@dataclass
class Problem:
    line: int | None
    message: str


@dataclass
class ParsedSubItem:
    letter: str
    text: str
    line: int


@dataclass
class ParsedRecommendation:
    number: int
    text: str
    line: int
    sub_items: list[ParsedSubItem] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    previous_id: int | None = None
    previous_label: str = ""
    similarity: float = 0.0

    @property
    def letters(self) -> list[str]:
        return [s.letter for s in self.sub_items]


@dataclass
class ParsedMeeting:
    body: str = ""
    number: str = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    year: int | None = None
    place: str = ""
    symbol: str = ""
    original_language: str = ""


@dataclass
class ParsedDocument:
    meeting: ParsedMeeting
    recommendations: list[ParsedRecommendation]
    language: str
    problems: list[Problem]
    source_name: str = ""
    text: str = ""
    # Lines the parser could not place in any recommendation ({"line": n, "text": ...}), and how far the
    # structure can be trusted (0..1), as the law importer reports them.
    unplaced: list[dict] = field(default_factory=list)
    confidence: float | None = None

    def as_json(self) -> dict:
        meeting = asdict(self.meeting)
        for key in ("start_date", "end_date"):
            meeting[key] = meeting[key].isoformat() if meeting[key] else None
        return {
            "source": self.source_name,
            "meeting": meeting,
            "language": self.language,
            "recommendations": [
                {
                    "number": r.number,
                    "letters": r.letters,
                    "text": r.text,
                    "sub_items": [{"letter": s.letter, "text": s.text} for s in r.sub_items],
                    "themes": r.themes,
                    "addressees": r.addressees,
                    "previous": r.previous_label or None,
                }
                for r in self.recommendations
            ],
            "problems": [{"line": p.line, "message": p.message} for p in self.problems],
            "unplaced": self.unplaced,
            "confidence": self.confidence,
        }


# --- Reading the file: the core document reader --------------------------------------------------------


def read_file(name: str, data: bytes) -> Document:
    """The file as the core reader sees it: Word's automatic numbers written out, footnotes and page
    furniture kept apart, Markdown taken off the words."""
    return documents.read_document(name, data, accept=SUPPORTED_EXTENSIONS)


# --- Parsing -----------------------------------------------------------------------------------------

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ORDINALS = {
    # English, Spanish, Portuguese, French ordinals as the titles spell them.
    1: ("first", "initial", "primera", "primeira", "première", "premiere"),
    2: ("second", "segunda", "deuxième"),
    3: ("third", "tercera", "terceira", "troisième"),
    4: ("fourth", "cuarta", "quarta", "quatrième"),
    5: ("fifth", "quinta", "cinquième"),
    6: ("sixth", "sexta", "sixième"),
    7: ("seventh", "séptima", "septima", "sétima", "septième"),
    8: ("eighth", "octava", "oitava", "huitième"),
    9: ("ninth", "novena", "nona", "neuvième"),
    10: ("tenth", "décima", "decima", "dixième"),
    11: ("eleventh", "undécima", "décima primeira", "onzième"),
    12: ("twelfth", "duodécima", "décima segunda", "douzième"),
}
ORDINAL_WORDS = {word: n for n, words in ORDINALS.items() for word in words}
MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "enero", "janeiro", "janvier"),
            ("february", "febrero", "fevereiro", "février"),
            ("march", "marzo", "março", "mars"),
            ("april", "abril", "avril"),
            ("may", "mayo", "maio", "mai"),
            ("june", "junio", "junho", "juin"),
            ("july", "julio", "julho", "juillet"),
            ("august", "agosto", "août"),
            ("september", "septiembre", "setembro", "septembre"),
            ("october", "octubre", "outubro", "octobre"),
            ("november", "noviembre", "novembro", "novembre"),
            ("december", "diciembre", "dezembro", "décembre"),
        ],
        start=1,
    )
    for name in names
}
LANGUAGE_NAMES = {
    "english": "en", "inglés": "en", "ingles": "en", "inglês": "en", "anglais": "en",
    "spanish": "es", "español": "es", "espanol": "es", "espanhol": "es", "espagnol": "es",
    "portuguese": "pt", "portugués": "pt", "português": "pt", "portugais": "pt",
    "french": "fr", "francés": "fr", "francês": "fr", "français": "fr",
}  # fmt: skip

MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
ITEM_RE = re.compile(r"^\s*(?:[-*+]\s+)?(\d{1,2})\s*[.)]\s+(\S.*)$")
SUB_RE = re.compile(r"^\s*(?:[-*+]\s+)?\(?([a-z])[.)]\s+(\S.*)$")
SECTION_RE = re.compile(r"^\s*(?:#+\s*)?[IVXLC]+\.\s+[^a-z]+$")
FOOTNOTE_RE = re.compile(r"^\s*(?:\\?\*+\s*[A-Z]|\[\^?\d+\]:?|[¹²³⁴⁵⁶⁷⁸⁹])")
PAGE_DEBRIS_RE = re.compile(
    r"^\s*(?:-{3,}|_{3,}|\*{3,}|[-–]\s*\d+\s*[-–]|\d{1,3}|page\s+\d+(\s+of\s+\d+)?|página\s+\d+|\f)\s*$",
    re.IGNORECASE,
)
SYMBOL_RE = re.compile(
    r"\b([A-Z][A-Z0-9.\-]*(?:/[A-Za-z0-9.\-]+)*/doc\.\s?\d+/\d+(?:\s*(?:rev|corr)\.\s*\d+)?)"
)
ORIGINAL_RE = re.compile(r"\b(?:original|idioma original|langue originale)\s*:\s*([^\s*]+)", re.IGNORECASE)
RANGE_RE = re.compile(
    rf"\b({MONTH_RE})\s+(\d{{1,2}})\s*(?:-|–|and|y|e|et|to|al)\s*(\d{{1,2}}),?\s+(\d{{4}})", re.IGNORECASE
)
SINGLE_RE = re.compile(rf"\b({MONTH_RE})\s+(\d{{1,2}}),?\s+(\d{{4}})", re.IGNORECASE)
DAY_FIRST_RANGE_RE = re.compile(
    rf"\b(\d{{1,2}})\s*(?:-|–|al|y|e|et|au|a)\s*(\d{{1,2}})\s+(?:de\s+)?({MONTH_RE})\s+(?:de\s+)?(\d{{4}})",
    re.IGNORECASE,
)
RANGE_JOIN = r"\s*(?:-|–|—|and|to|y|al|a|e|et|au)\s*"
# Meetings that span two months: “April 30 - May 2, 2016”, “30 de abril al 2 de mayo de 2016”.
CROSS_MONTH_RE = re.compile(
    rf"\b({MONTH_RE})\s+(\d{{1,2}}){RANGE_JOIN}({MONTH_RE})\s+(\d{{1,2}}),?\s+(\d{{4}})", re.IGNORECASE
)
DAY_FIRST_CROSS_MONTH_RE = re.compile(
    rf"\b(\d{{1,2}})\s+(?:de\s+)?({MONTH_RE}){RANGE_JOIN}(\d{{1,2}})\s+(?:de\s+)?({MONTH_RE}),?\s+(?:de\s+)?(\d{{4}})",
    re.IGNORECASE,
)
DAY_FIRST_SINGLE_RE = re.compile(
    rf"\b(\d{{1,2}})\s+(?:de\s+)?({MONTH_RE}),?\s+(?:de\s+)?(\d{{4}})", re.IGNORECASE
)
NOT_A_PLACE_RE = re.compile(
    r"\d{4}|recommend|recomend|recommand|original|/doc\.|OEA/|meeting|reuni", re.IGNORECASE
)
TITLE_NUMBER_RE = re.compile(
    r"\b([IVXLC]+)\s+(?:meeting|reuni[oó]n|reuni[aã]o|r[ée]union)\b(.*)", re.IGNORECASE
)
TITLE_ORDINAL_RE = re.compile(
    r"\b("
    + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
    + r")\s+(?:meeting|reuni[oó]n|reuni[aã]o|r[ée]union)\b(.*)",
    re.IGNORECASE,
)
REMJA_RE = re.compile(r"\bREMJA-([IVXLC]+)\b")


def roman_to_int(numeral: str) -> int:
    total, previous = 0, 0
    for char in reversed(numeral.upper()):
        value = ROMAN.get(char, 0)
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


def int_to_roman(number: int) -> str:
    parts = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for value, numeral in parts:
        while number >= value:
            out += numeral
            number -= value
    return out


def _clean(line: str) -> str:
    """Markdown emphasis and escapes removed; what a reader sees on the line."""
    line = line.replace("\u00a0", " ").replace("\f", "")
    line = re.sub(r"\\([*_#\[\]().-])", r"\1", line)
    line = re.sub(r"(\*\*|__)", "", line)
    line = re.sub(r"(?<!\w)\*(?=\S)([^*]+)(?<=\S)\*(?!\w)", r"\1", line)
    return line.rstrip()


def _body_of(text: str) -> str:
    lowered = text.lower()
    if "working group" in lowered or "grupo de trabajo" in lowered or "groupe de travail" in lowered:
        return "working_group"
    if "expert" in lowered or "experto" in lowered or "especialista" in lowered:
        return "experts"
    if "minist" in lowered or "remja" in lowered:
        return "remja"
    return ""


def _parse_header(lines: list[tuple[int, str]], meeting: ParsedMeeting, problems: list[Problem]) -> None:
    text = "\n".join(line for _, line in lines)
    for _number, line in lines:
        match = TITLE_NUMBER_RE.search(line) or TITLE_ORDINAL_RE.search(line)
        if match:
            word = match.group(1)
            value = ORDINAL_WORDS.get(word.lower()) or roman_to_int(word)
            # The title may wrap onto the next lines ("...MEETING OF MINISTERS OF JUSTICE OR OF").
            meeting.number = int_to_roman(value)
            meeting.body = _body_of(match.group(2) + " " + text[:400])
            break
        match = REMJA_RE.search(line)
        if match:
            meeting.number, meeting.body = match.group(1), "remja"
            break
    for _number, line in lines:
        # The symbol stands on a line of its own; symbols cited in the preamble are other documents.
        symbol = SYMBOL_RE.fullmatch(line.strip())
        if symbol:
            meeting.symbol = symbol.group(1).strip()
            break
    original = ORIGINAL_RE.search(text)
    if original:
        meeting.original_language = LANGUAGE_NAMES.get(original.group(1).lower().strip(".:"), "")
        if not meeting.original_language:
            problems.append(
                Problem(None, _("Unknown original language “%(value)s”.") % {"value": original.group(1)})
            )
    # A range is the meeting's dates; a single date is more often the document's own (“12 December
    # 2016”), so it counts only when no line gives a range.
    for ranges_only in (True, False):
        for index, (_number, line) in enumerate(lines):
            found = _dates_in(line, ranges_only=ranges_only)
            if found:
                meeting.start_date, meeting.end_date, before, after = found
                meeting.year = meeting.start_date.year
                meeting.place = _place(before, after, lines[index + 1 :])[:200]
                break
        if meeting.year is not None:
            break
    if meeting.year is None and meeting.symbol:
        year = re.search(r"/(\d{2})\b", meeting.symbol.split("doc.")[-1])
        if year:
            meeting.year = 2000 + int(year.group(1))


def _place(before: str, after: str, following: list[tuple[int, str]]) -> str:
    """The place as printed beside the dates (“Washington, D.C., 27-29 April 2016”, “April 28-30, 2004.
    Washington, D.C. USA”), else on the line below them (“December 12-13, 2016” / “Washington, D.C.”)."""
    before, after = before.strip(" ,;:–—-("), after.strip(" .,;:–—-)")
    if before and not NOT_A_PLACE_RE.search(before) and len(before) <= 80:
        return before
    if after and not NOT_A_PLACE_RE.search(after) and len(after) <= 80:
        return after
    for _number, line in following[:1]:
        line = line.strip()
        if line and not NOT_A_PLACE_RE.search(line) and len(line) <= 80:
            return line
    return ""


def _date(year: str, month: str, day: str) -> datetime.date:
    return datetime.date(int(year), MONTHS[month.lower()], int(day))


def _dates_in(line: str, *, ranges_only: bool = False):
    """(start, end, text before, text after) of the first date or date range on the line, or None."""
    patterns = [
        (CROSS_MONTH_RE, lambda m1, d1, m2, d2, y: (_date(y, m1, d1), _date(y, m2, d2))),
        (DAY_FIRST_CROSS_MONTH_RE, lambda d1, m1, d2, m2, y: (_date(y, m1, d1), _date(y, m2, d2))),
        (RANGE_RE, lambda m, d1, d2, y: (_date(y, m, d1), _date(y, m, d2))),
        (DAY_FIRST_RANGE_RE, lambda d1, d2, m, y: (_date(y, m, d1), _date(y, m, d2))),
    ]
    if not ranges_only:
        patterns += [
            (SINGLE_RE, lambda m, d, y: (_date(y, m, d),) * 2),
            (DAY_FIRST_SINGLE_RE, lambda d, m, y: (_date(y, m, d),) * 2),
        ]
    for regex, dates in patterns:
        for match in regex.finditer(line):
            try:
                start, end = dates(*match.groups())
            except (ValueError, KeyError):
                continue
            if end >= start:
                return start, end, line[: match.start()], line[match.end() :]
    return None


def _join(parts: list[str], addition: str) -> None:
    """Add a continuation: a new paragraph after a finished sentence, else the same sentence. The parts
    are joined once at the end; joining the text for every line made parsing quadratic (issue 11)."""
    if parts:
        new_paragraph = parts[-1].endswith((".", ":", ";")) and addition[:1].isupper()
        parts.append("\n\n" if new_paragraph else " ")
    parts.append(addition)


INLINE_SUB_RE = re.compile(r"(?:(?<=^)|(?<=[:;.]))\s*(\(?([a-z])\))\s+(?=\S)")


def _split_sub_items(line: str) -> list[str]:
    """A printed paragraph that runs its sub-items on (“…criminalise: (a) access; (b) interception; (c)
    …”) split into one line per sub-item. Only a run of consecutive letters after a colon or semicolon
    counts, so “paragraph (b) above” stays where it is."""
    matches = list(INLINE_SUB_RE.finditer(line))
    if len(matches) < 2:
        return [line]
    letters = [m.group(2) for m in matches]
    consecutive = all(ord(b) - ord(a) == 1 for a, b in zip(letters, letters[1:], strict=False))
    if not consecutive or (matches[0].start() > 0 and letters[0] != "a"):
        return [line]
    cuts = [m.start() for m in matches]
    parts = [line[: cuts[0]]] if cuts[0] > 0 else []
    parts += [line[start:end].strip() for start, end in zip(cuts, cuts[1:] + [len(line)], strict=True)]
    return [part for part in parts if part.strip()]


class _ItemReader:
    """One pass over the lines: the header until item 1, then numbered items, their lettered sub-items
    and the lines that continue them; footnotes, page debris and repeated page headers left out."""

    def __init__(self, raw_lines: list[str]):
        self.problems: list[Problem] = []
        self.header: list[tuple[int, str]] = []
        self.header_lines: set[str] = set()
        # A header line seen again after item 1 is a running page header, not text.
        self.seen_lines = Counter(_clean(line).strip() for line in raw_lines if line.strip())
        self.recommendations: list[ParsedRecommendation] = []
        self.current: ParsedRecommendation | None = None
        self.current_sub: ParsedSubItem | None = None
        self.in_footnote = False
        self.finished = False
        self.unplaced: list[dict] = []  # what follows the recommendations' end, never silently dropped
        self.out_of_sequence = 0
        self.line_number = 0
        self.texts: list[tuple[ParsedRecommendation | ParsedSubItem, list[str]]] = []  # joined at the end
        self.current_parts: list[str] = []
        self.sub_parts: list[str] = []

    def read(self, number: int, raw: str) -> None:
        self.line_number = number
        line = _clean(raw)
        stripped = line.strip()
        if not stripped or PAGE_DEBRIS_RE.match(stripped):
            self.in_footnote = False
            return
        first_item = ITEM_RE.match(stripped)
        if self.current is None and not (first_item and first_item.group(1) == "1"):
            self.header.append((number, stripped))
            self.header_lines.add(stripped)
            return
        if self.finished:
            self.unplaced.append({"line": number, "text": stripped})
            return
        item, sub = ITEM_RE.match(stripped), SUB_RE.match(stripped)
        if self._left_out(line, stripped, numbered=bool(item or sub)):
            return
        if item and self._start_item(number, item):
            return
        if sub and self.current is not None and self._start_sub_item(number, sub):
            return
        if self.current_sub is not None:
            _join(self.sub_parts, stripped)
        elif self.current is not None:
            _join(self.current_parts, stripped)

    def _left_out(self, line: str, stripped: str, *, numbered: bool) -> bool:
        """A footnote, a repeated page header, or the end of the recommendations."""
        if not numbered and (FOOTNOTE_RE.match(line) or self.in_footnote):
            self.in_footnote = True  # a footnote runs to the next blank line
            return True
        self.in_footnote = False
        if self.current is not None and self.seen_lines[stripped] > 1 and stripped in self.header_lines:
            return True  # a running page header repeated after a page break
        if self.current is not None and SECTION_RE.match(stripped):
            self.finished = True  # the next section of a longer report: the recommendations are over
            self.unplaced.append({"line": self.line_number, "text": stripped})
            return True
        return False

    def _start_item(self, number: int, item: re.Match) -> bool:
        """Start the next numbered item; a number out of sequence is reported and read as text."""
        value = int(item.group(1))
        expected = self.recommendations[-1].number + 1 if self.recommendations else 1
        if value == expected:
            self.current = ParsedRecommendation(number=value, text="", line=number)
            self.current_parts = [item.group(2).strip()]
            self.texts.append((self.current, self.current_parts))
            self.recommendations.append(self.current)
            self.current_sub = None
            return True
        self.out_of_sequence += 1
        self.problems.append(
            Problem(
                number,
                _(
                    "Item numbered %(found)s where %(expected)s was expected; read as part of item %(current)s."
                )
                % {"found": value, "expected": expected, "current": expected - 1},
            )
        )
        return False

    def _start_sub_item(self, number: int, sub: re.Match) -> bool:
        """Start the next lettered sub-item; a letter out of sequence is reported and read as text."""
        letter = sub.group(1)
        current = self.current
        expected_letter = chr(ord(current.sub_items[-1].letter) + 1) if current.sub_items else "a"
        if letter == expected_letter:
            self.current_sub = ParsedSubItem(letter=letter, text="", line=number)
            self.sub_parts = [sub.group(2).strip()]
            self.texts.append((self.current_sub, self.sub_parts))
            current.sub_items.append(self.current_sub)
            return True
        self.out_of_sequence += 1
        self.problems.append(
            Problem(
                number,
                _("Sub-item “%(found)s” where “%(expected)s” was expected; read as continuation text.")
                % {"found": letter, "expected": expected_letter},
            )
        )
        return False

    def join_texts(self) -> None:
        for item, parts in self.texts:
            item.text = "".join(parts)

    def confidence(self) -> float:
        """How far the structure can be trusted, 0..1: the share of numbers and letters that followed their
        predecessor (one out of sequence was read as text, perhaps wrongly). What follows the
        recommendations' end is listed in `unplaced` but does not lower it: the end was recognised."""
        numbered = len(self.recommendations) + sum(len(r.sub_items) for r in self.recommendations)
        return round(numbered / (numbered + self.out_of_sequence), 2) if numbered else 0.0


def _report_missing_header_fields(meeting: ParsedMeeting, problems: list[Problem]) -> None:
    for label, value in (
        (_("body"), meeting.body),
        (_("meeting number"), meeting.number),
        (_("dates"), meeting.year),
    ):
        if not value:
            problems.append(
                Problem(
                    None,
                    _("The header does not say the %(field)s; enter it before confirming.")
                    % {"field": label},
                )
            )


def _review_recommendations(recommendations: list[ParsedRecommendation], problems: list[Problem]) -> None:
    """Report an item without text; propose themes and addressees from each item's whole text."""
    for recommendation in recommendations:
        if not recommendation.text.strip():
            problems.append(
                Problem(
                    recommendation.line,
                    _("Recommendation %(number)s has no text.") % {"number": recommendation.number},
                )
            )
        full = recommendation.text + " " + " ".join(s.text for s in recommendation.sub_items)
        recommendation.themes = propose_themes(full)
        recommendation.addressees = propose_addressees(full)


def parse_text(text: str, source_name: str = "") -> ParsedDocument:
    """Parse a document's text; ImporterError when it is empty or has no numbered recommendations."""
    if not text or not text.strip():
        raise ImporterError(_("The document is empty: there is no text to read."))
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    reader = _ItemReader(raw_lines)
    for number, raw in enumerate(raw_lines, start=1):
        for part in _split_sub_items(raw):
            reader.read(number, part)
    reader.join_texts()
    recommendations, problems = reader.recommendations, reader.problems
    if not recommendations:
        raise ImporterError(
            _(
                "No numbered recommendations found: the document must contain items such as “1. That the states…”."
            )
        )
    meeting = ParsedMeeting()
    _parse_header(reader.header, meeting, problems)
    body_text = " ".join(r.text for r in recommendations)
    language = detect_language(body_text)
    if not meeting.original_language:
        meeting.original_language = language
    _report_missing_header_fields(meeting, problems)
    _review_recommendations(recommendations, problems)
    if reader.unplaced:
        problems.append(
            Problem(
                reader.unplaced[0]["line"],
                _("%(n)s line(s) after the recommendations were not imported.") % {"n": len(reader.unplaced)},
            )
        )
    return ParsedDocument(
        meeting=meeting,
        recommendations=recommendations,
        language=language,
        problems=problems,
        source_name=source_name,
        text=text,
        unplaced=reader.unplaced,
        confidence=reader.confidence(),
    )


def read_document(name: str, data: bytes) -> ParsedDocument:
    """Extract and parse an uploaded or pasted document."""
    return parse_text(read_file(name, data).text, source_name=name)


def parse_for_job(name: str, data: bytes) -> dict:
    """`read_document` as plain data for the background import job (core/imports.py). The text stays:
    the saved meeting keeps its source text."""
    document = read_document(name, data)
    result = asdict(document)
    for key in ("start_date", "end_date"):
        value = result["meeting"][key]
        result["meeting"][key] = value.isoformat() if value else None
    return result


def document_from_data(data: dict) -> ParsedDocument:
    """The ParsedDocument that `parse_for_job` turned into data."""
    meeting = dict(data["meeting"])
    for key in ("start_date", "end_date"):
        meeting[key] = datetime.date.fromisoformat(meeting[key]) if meeting[key] else None
    recommendations = [
        ParsedRecommendation(
            **{key: value for key, value in item.items() if key != "sub_items"},
            sub_items=[ParsedSubItem(**sub) for sub in item["sub_items"]],
        )
        for item in data["recommendations"]
    ]
    return ParsedDocument(
        meeting=ParsedMeeting(**meeting),
        recommendations=recommendations,
        language=data["language"],
        problems=[Problem(**problem) for problem in data["problems"]],
        source_name=data["source_name"],
        text=data["text"],
        unplaced=data.get("unplaced", []),
        confidence=data.get("confidence"),
    )


# --- Proposals: themes, addressees, lineage ---------------------------------------------------------

# Keyword rules in English, Spanish, Portuguese and French; a match proposes the theme, the editor decides.
THEME_RULES = {
    "legislation": r"legislat|legal systems|criminaliz|model legislation|legislaci|legisla[çc]|législ|sistemas jur",
    "units": r"speciali[sz]ed units|specific units|units or bodies|unidades|unités|domestic bodies|[oó]rganos especializad",
    "contacts": r"points? of contact|puntos de contacto|pontos de contato|points de contact|directory|directorio",
    "network_247": r"24\s*/\s*7|24 hours|24 hour|24 horas|24 heures",
    "budapest": r"council of europe|budapest|consejo de europa|conselho da europa|conseil de l.europe",
    "evidence": r"electronic evidence|digital evidence|prueba electr|prueba digital|prova eletr|prova digital|preuve [ée]lectronique|preuve num",
    "training": r"\btraining|capacitaci[óo]n|\bformaci[óo]n|treinamento|capacita[çc][ãa]o|\bformation\b",
    "portal": r"\bportal\b|\bportail\b|web ?page|internet pages|p[áa]ginas? (web|de internet)",
    "statistics": r"statistic|estad[íi]stic|estat[íi]stic|statistiqu",
    "private_sector": r"private sector|service providers?|sector privado|setor privado|secteur priv|proveedores de servicio|provedores",
    "strategy": r"strateg|estrategia|estrat[ée]gia",
    "cooperation": r"international cooperation|mutual (legal )?assistance|extradition|cooperaci[óo]n internacional|coopera[çc][ãa]o internacional|coopération internationale|other international organizations|asistencia mutua|entraide",
}
ADDRESSEE_RULES = {
    "states": r"\bstates\b|member states|estados|états|etats",
    "technical_secretariat": r"technical secretariat|secretar[íi]a t[ée]cnica|secr[ée]tariat technique",
    "working_group": r"working group|this group|grupos? de trabajo|\b(?:el|del) grupo\b|group of governmental experts|grupo de trabajo|grupo de trabalho|groupe de travail",
    "general_secretariat": r"general secretariat|secretar[íi]a general|secretaria-geral|secr[ée]tariat g[ée]n[ée]ral",
    "partners": r"council of europe|cicte|citel|interpol|private sector|united states government|consejo de europa|conseil de l.europe",
}


def propose_themes(text: str) -> list[str]:
    lowered = text.lower()
    return [code for code, rule in THEME_RULES.items() if re.search(rule, lowered)]


def propose_addressees(text: str) -> list[str]:
    lowered = text.lower()
    found = [code for code, rule in ADDRESSEE_RULES.items() if re.search(rule, lowered)]
    return found or ["states"]


TOKEN_RE = re.compile(r"[a-zà-ÿ]{3,}")
SIMILARITY_THRESHOLD = 0.3


def _tokens(text: str) -> list[str]:
    # A crude stem (first six letters) lets "cyber-crimes" meet "cybercrime" and "establish" meet "established".
    return [token[:6] for token in TOKEN_RE.findall(text.lower().replace("-", ""))]


def _tfidf(documents: list[list[str]]) -> list[dict[str, float]]:
    frequency = Counter(token for doc in documents for token in set(doc))
    total = len(documents)
    vectors = []
    for doc in documents:
        counts = Counter(doc)
        vector = {
            t: (1 + math.log(c)) * math.log((1 + total) / (1 + frequency[t])) for t, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    return vectors


def similarity_scores(texts: list[str], candidates: list[str]) -> list[list[float]]:
    """Cosine similarity of TF-IDF vectors: one row per text, one column per candidate."""
    vectors = _tfidf([_tokens(t) for t in texts + candidates])
    left, right = vectors[: len(texts)], vectors[len(texts) :]
    return [[sum(w * b.get(t, 0.0) for t, w in a.items()) for b in right] for a in left]


def propose_lineage(document: ParsedDocument, candidates) -> None:
    """Point each parsed recommendation to the most similar recommendation of the latest earlier meeting
    that has one above the threshold. `candidates`: earlier Recommendation objects, meetings selected."""
    candidates = list(candidates)
    if not candidates:
        return
    texts = [r.text + " " + " ".join(s.text for s in r.sub_items) for r in document.recommendations]
    scores = similarity_scores(texts, [c.text for c in candidates])
    for recommendation, row in zip(document.recommendations, scores, strict=True):
        ranked = sorted(
            ((score, c) for score, c in zip(row, candidates, strict=True) if score >= SIMILARITY_THRESHOLD),
            key=lambda pair: (pair[1].meeting.year, pair[1].meeting.start_date or datetime.date.min, pair[0]),
            reverse=True,
        )
        if ranked:
            score, best = ranked[0]
            recommendation.previous_id = best.pk
            recommendation.previous_label = str(best)
            recommendation.similarity = round(score, 2)
