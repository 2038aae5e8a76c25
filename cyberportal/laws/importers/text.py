"""Split a statute's plain text into provisions, in the drafting traditions of the Americas.

`parse_text` runs named steps: clean the lines (Markdown, YAML front matter), skip an arrangement of
sections, find where the body starts, walk the body line by line, set end matter apart, fill the
identity (`identity.py`) and score the result (`structure_confidence`).

Recognised shapes:
- civil law (es/pt/fr): "Artículo 1°.", "**Artículo 1°.**", "Art. 1º", "ARTÍCULO 5-A", "Artículo 269A",
  "Art. 154-A", "Article 1er", "Artículo primero", "Artículo transitorio", "PRIMERA." under "Disposiciones
  transitorias / complementarias", books, titles, chapters, sections, numerals, literals, "§ 1º", incisos;
- Commonwealth: sections "1." with marginal headings, subsections (1), paragraphs (a), sub-paragraphs (i),
  Parts, Divisions, Schedules; the arrangement of sections is a table of contents and is skipped;
- amending laws: articles and quoted text a law inserts into or substitutes in another instrument become
  `Amendment`s (wordings of the amended instrument), never provisions of the amending law;
- end matter (promulgation formulas, signatures, certificates, publishers' notes) is kept apart.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

import yaml
from django.utils.translation import gettext as _

from cyberportal.core.documents import detect_language

from .identity import COMMENCEMENT_RE, IDENTIFIER_RE, apply_identity, fold, number_in_words
from .parsed import Amendment, ImportError_, ParsedLaw, ParsedProvision

NUMBER = r"(\d+(?:\.\d+)*(?:\s?[-–]\s?[A-Z]\b|(?-i:[A-Z]{1,2})\b)?(?:\s+(?:bis|ter|quater|quinquies)\b(?:\s+\d+)?)?)"
ORDINAL_WORDS = {
    "primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercero": 3, "tercera": 3, "cuarto": 4,
    "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6, "septimo": 7, "septima": 7, "setimo": 7,
    "setima": 7, "octavo": 8, "octava": 8, "noveno": 9, "novena": 9, "decimo": 10, "decima": 10,
    "undecimo": 11, "undecima": 11, "duodecimo": 12, "duodecima": 12, "vigesimo": 20, "vigesima": 20,
    "unico": 1, "unica": 1, "premier": 1, "premiere": 1,
}  # fmt: skip
ORDINAL = r"((?:d[ée]cimo|d[ée]cima|vig[ée]sim[oa])?\s?[a-zéáíóúñ]+)"
# Gazette text sometimes prints a full stop after a capitalised label ("Artículo. 57."); a lower-case
# "artículo." starting a line ends a wrapped sentence instead, so only the capitalised label takes it.
ARTICLE_RE = re.compile(
    r"^\s*(?:(?-i:A(?:rt[íi]culo|RT[ÍI]CULO))\.|art[íi]culo|artigo|article|art\.?|section|sec\.)\s*"
    + NUMBER
    + r"\s*(?:[°ºo](?=[\s.\-–:]|$)|\.[°º]|er\b)?\s*(?:\.\s*[-–—]|[-–—:.])?\s*(.*)$",
    re.IGNORECASE,
)
ORDINAL_ARTICLE_RE = re.compile(
    r"^\s*(?:art[íi]culo|artigo|article)\s+" + ORDINAL + r"(\s+transitori[oa])?\b\s*[.\-–—:]*\s*(.*)$",
    re.IGNORECASE,
)
TRANSITORY_ARTICLE_RE = re.compile(
    r"^\s*(?:art[íi]culo|artigo)\s+transit[óo]ri[oa]\s*"
    + r"(\d+|"
    + ORDINAL[1:-1]
    + r")?\s*[°º]?\s*[.\-–—:]*\s*(.*)$",
    re.IGNORECASE,
)
# "PRIMERO.-", "Segunda." under a "Transitorios" or "Disposiciones complementarias" heading.
# Peru's Constitution prints the ordinal alone on its line ("Sétima", then the text).
ORDINAL_ITEM_RE = re.compile(r"^\s*" + ORDINAL + r"\s*(?:\.\s*[-–—]?|[-–—:]|$)\s*(.*)$", re.IGNORECASE)
# Open-law Markdown repositories mark articles as "## art:1 — heading".
MARKED_ARTICLE_RE = re.compile(r"^art:(\w+)\s*[—–-]?\s*(.*)$", re.IGNORECASE)
# "2.(1) In this Act": Barbados prints the first subsection against the section number.
# "2.—(1)" as printed; OCR and typed copies give "2.-(1)" (and "6.-( 1)"), a hyphen only before a subsection.
SECTION_RE = re.compile(r"^(\d{1,3}[A-Z]{0,2})\.(?:\s*[—–]\s*|-(?=\(\s?\d)|\s+|$|(?=\(\d))(.*)$")
CONTAINER_RE = re.compile(
    r"^\s*(libro|livro|book|livre|parte|part|partie|t[íi]tulo|title|titre|cap[íi]tulo|chapter|chapitre|secci[óo]n|"
    r"se[çc][ãa]o|division|subpart)"
    r"\s+([IVXLCDM]+|\d+[A-Z]?|[ÚU]NIC[OA]|UNIQUE|PRIMER[OA]|SEGUND[OA]|TERCER[OA]|CUART[OA]|QUINT[OA])\b\s*"
    r"(?:BIS\b)?\s*[.\-–—:]*\s*(.*)$",
    re.IGNORECASE,
)
# "SCHEDULE", "SECOND SCHEDULE", "Schedule 2", "SCHEDULE (Section 2)", "SCHEDULE, contd." (continued).
SCHEDULE_RE = re.compile(
    r"^\s*((?:first|second|third|fourth|fifth)\s+)?(schedule|annex|anexo|annexe)\b\s*(\w*)\s*,?\s*"
    r"(\((?:sections?|regulations?|paragraphs?|s\.)\s*[^)]{0,40}\))?\s*(contd\.?|continued|\(concl.d\))?\s*$",
    re.I,
)
DISPOSITIONS_RE = re.compile(
    r"^\s*(?:(?:art[íi]culos?|disposici[óo]n(?:es)?|disposi[çc][õo]es|dispositions?)\s+)?"
    r"(transitori[oa]s?|transit[óo]ri[oa]s?|complementari[oa]s?|finales?(?:\s+y\s+transitorias)?|"
    r"finais|transitoires?|derogatori[oa]s?|adicionales?)\b(.*)$",
    re.IGNORECASE,
)
ARRANGEMENT_RE = re.compile(
    r"^\s*(arrangement of sections|table of (?:contents|provisions)|[íi]ndice|sumario|sommaire)\s*$", re.I
)
ENACTING_RE = re.compile(
    r"^\s*(?:be it )?enacted\b|^\s*the (?:parliament|legislature) of\b|^\s*(?:el congreso|la asamblea)\b.*"
    r"(?:decreta|ha dado la ley)|^\s*d\s?e\s?c\s?r\s?e\s?t\s?a\b",
    re.IGNORECASE,
)
PARAGRAPH_RE = re.compile(
    r"^\s*(?:\((\d{1,3}[A-Z]{0,2}|[a-z]{1,2}|[ivxlc]+)\)|(\d{1,2}|[a-z])[.)]|([IVXLC]+)\s*[-–—.]|(§\s*\d+\s*[ºo°]?)"
    r"|(par[áa]grafo(?:\s+[úu]nico|\s+\d+[ºo°]?)?|(?-i:P)[áa]rrafo(?:\s+[úu]nico|\s+[IVXLC]+\b|\s+\d+)?)[.:\-–]?)"
    r"(?:\s+(.*)|$)",
    re.IGNORECASE,
)
END_MATTER_RE = re.compile(
    r"^\s*(comun[íi]quese|publ[íi]quese|reg[íi]strese|c[úu]mplase|promulg|d[ao]d[oa] en\b|dada en\b|"
    r"por tanto|y por cuanto|sala de (?:sesiones|la comisi)|en cumplimiento de lo dispuesto|"
    # "Certifico:", "Certificate": a clerk's certificate; "certification service provider” and…" is not.
    r"certific(?:o|a|amos|ado|ate)\b|nota del editor|nota de la editorial|notas? de vigencia|mandamos, portanto|donn[ée] [àa]|fait [àa]|"
    r"read (?:a|the) (?:first|second|third)|read three times|passed (?:by |in )?the (?:house|senate)|"
    r"explanatory (?:memorandum|notes?)\b|assented|president of the|speaker\b|"
    r"este texto no sustituye|this (?:text|consolidation) is not|"
    # Mexico's consolidated federal laws end with the transitory articles of the decrees that reformed
    # them: those decrees' provisions, not the law's.
    r"art[íi]culos transitorios de decretos? de reforma)",
    re.IGNORECASE,
)
# Text taken from a gazette's PDF runs an article heading into the line before it ("… DEL PAIS ARTICULO
# PRIMERO.- No serán…"). Only the capitalised heading with its ".-" is split off: a reference to
# "el artículo 89 de la Constitución" mid-sentence is never capitalised that way.
RUN_IN_ARTICLE_RE = re.compile(
    r"(?<=\S)\s+(?=(?-i:ART[ÍI]CULO)\s+(?:\d+[A-Z]?|(?-i:[A-ZÁÉÍÓÚ]+))\s*[°ºo]?\s*\.\s*[-–—])"
)
# "México, D.F., a 21 de enero de 1994.-", "Santiago, 4 de junio de 2022.", "Brasília, 23 de abril de 2014"
PLACE_DATE_RE = re.compile(
    r"^\s*[A-ZÁÉÍÓÚ][\w.\- ]{2,40},(?:[\w. ]{0,12},)?\s+(?:a\s+)?(?:los\s+)?\d{1,2}\s+(?:de\s+)?[a-zç]+\s+(?:de\s+)?\d{4}"
)
AMEND_RE = re.compile(
    r"(adici[óo]n[ae]s[ee]|agr[ée]gu[ee]se|incorp[óo]r[ae]se|ins[ée]rt[ae]se|acrescid|acrescent|"
    r"\badd(?:ed|s)?\b|\binsert|ajout|modif[íi]qu?[ea]se|se modifica|se reforma|sustit[úu]y[ae]se|"
    r"reempl[áa]cese|reform[ae]se|passa[m]? a vigorar|is replaced|amended|\bsubstitut|remplac|"
    r"quedando redactad|quedar[áa] (?:redactad|as[íi])|del siguiente tenor|se lea as[íi]|"
    r"com a seguinte reda)",
    re.IGNORECASE,
)
REPLACE_RE = re.compile(r"(modif|sustit|reempl|reform|passa|replaced|amended|substitut|remplac|se lea)", re.I)
CODE_RE = re.compile(
    r"(c[óo]digo\s+(?:penal|procesal\s+penal|de\s+processo\s+penal|civil|de\s+procedimiento\s+penal)"
    r"|criminal\s+code|penal\s+code|code\s+p[ée]nal|code\s+criminel)",
    re.IGNORECASE,
)
TARGET_RE = re.compile(
    r"(c[óo]digo\s+(?:penal|procesal\s+penal|de\s+processo\s+penal|de\s+procedimientos?\s+penal(?:es)?|civil"
    r"|de\s+procedimiento\s+penal|org[áa]nico\s+procesal\s+penal)(?:\s+federal)?|criminal\s+code|penal\s+code|"
    r"code\s+p[ée]nal|code\s+criminel|(?:la\s+)?(?:ley|lei|loi)\s+(?:n[º°o.]*\s*)?\d[\d.]*|"
    r"(?:the\s+)?principal\s+act|cap\.\s*\d+[A-Z]?|decreto(?:-lei)?\s+(?:n[º°o.]*\s*)?\d[\d.]*)",
    re.IGNORECASE,
)
TARGET_ARTICLE_RE = re.compile(
    r"\b(?:art[íi]culo|artigo|article|section|art\.)\s+(\d+[A-Z]?(?:[-–]\w+)?)", re.I
)
OPEN_QUOTE = ("“", '"', "«", "‘")
# "“accredited certificate” means …": a definition, cited by its term ("2 “accredited certificate”").
DEFINITION_RE = re.compile(
    r'^[“"]\s*([^”"]{1,80}?)\s*[”"]\s+(?:means|includes|has the meaning|in relation to)\b'
)
# "deleting the word “may” appearing in…": a quoted word inside a sentence, not a quoted wording.
QUOTED_WORD_RE = re.compile(r'^[“"]\s*[^“”"\s][^“”"]{0,60}[”"]\s+\w')
SUBSECTION_LABEL_RE = re.compile(r"^\((\d{1,3}[A-Z]{0,2})\)\s*(.*)$")
LETTER_LABEL_RE = re.compile(r"^\(([a-z])\)\s*(.*)$")
CLOSE_QUOTE_RE = re.compile(r"[”\"»’]\s*(?:\((?:NR|AC)\))?\s*[.;,]?\s*(?:and|or|y|e|et)?\s*$")
PAGE_FURNITURE_RE = re.compile(
    r"^\s*(?:[-–—]?\s*\d{1,4}\s*[-–—]?|page \d+(?: of \d+)?|p[áa]g(?:ina|\.)?\s*\d+)\s*$", re.I
)
# A gazette's running header ("La Gaceta Nº 100 — Martes 31 de mayo del 2022"): page furniture whose date
# is the publication's.
RUNNING_HEADER_RE = re.compile(
    r"^\s*(?:la\s+|el\s+)?(?:gaceta(?: oficial)?|diario oficial|journal officiel|official gazette|"
    r"di[áa]rio oficial da uni[ãa]o)\b[^.]{0,60}\b(?:1[89]|20)\d{2}\s*$",
    re.IGNORECASE,
)
# "Lázaro Cárdenas.- Rúbrica.": a signature (Mexico prints "Rúbrica" where the original was signed).
SIGNED_RE = re.compile(r"\br[úu]bricas?\b", re.IGNORECASE)
SHORT_TITLE_RE = re.compile(r"may be cited as (?:the )?(.+?\bAct(?:,? ((?:19|20)\d{2}))?)\b", re.IGNORECASE)
KIND_OF = {
    "libro": "book", "livro": "book", "book": "book", "livre": "book", "parte": "part", "part": "part", "partie": "part",
    "titulo": "title", "title": "title", "titre": "title", "subpart": "chapter", "division": "section",
    "capitulo": "chapter", "chapter": "chapter", "chapitre": "chapter",
    "seccion": "section", "secao": "section",
}  # fmt: skip
CONTAINER_RANK = {"book": -1, "part": 0, "title": 1, "chapter": 2, "section": 3}
HEADING_MAX_WORDS = 12
# A line ending in an article, preposition or conjunction is a sentence the printer broke, not a heading.
DANGLING_RE = re.compile(
    r"\b(de|del|la|el|los|las|y|o|en|a|al|por|para|con|que|da|do|das|dos|e|um|uma|du|des|le|les|et|"
    r"the|of|and|or|to|in|a|an|by|for)$",
    re.IGNORECASE,
)
ROMAN_AFTER_LETTER = {"i": "h", "v": "u", "x": "w", "l": "k", "c": "b"}


def _clean_number(raw: str) -> str:
    return re.sub(r"\s*([-–])\s*", "-", raw.strip()).replace("–", "-")


def _ordinal(word: str) -> int | None:
    """'primero' -> 1, 'décimo tercera' -> 13, 'vigésimo primero' -> 21; None when not an ordinal."""
    folded = fold(word).replace(" ", "")
    if folded in ORDINAL_WORDS:
        return ORDINAL_WORDS[folded]
    for tens, value in (("decimo", 10), ("decima", 10), ("vigesimo", 20), ("vigesima", 20)):
        rest = folded.removeprefix(tens)
        if rest != folded and rest in ORDINAL_WORDS and ORDINAL_WORDS[rest] < 10:
            return value + ORDINAL_WORDS[rest]
    return None


def _split_heading(rest: str) -> tuple[str, str]:
    """'Acceso abusivo a un sistema informático. El que...' -> heading and text."""
    rest = rest.strip().strip("-–— ").strip()
    if not rest:
        return "", ""
    match = re.match(r"^(.{2,200}?)[.:]\s+(?=[A-ZÁÉÍÓÚÑÇ“\"«(])(.*)$", rest, re.DOTALL)
    if match and len(match.group(1).split()) <= HEADING_MAX_WORDS:
        head = match.group(1).strip()
        # Only bracketed notes after the colon ("…princípios: (MPF-2017)"): the line is text, not a heading.
        notes_only = re.fullmatch(r"(\s*[(\[][^)\]]*[)\]])+\s*", match.group(2))
        if not notes_only and not re.search(
            r"\b(el que|quien|whoever|any person|aquele|quiconque|o que|la persona)\b", fold(head)
        ):
            return head, match.group(2).strip()
    if len(rest.split()) <= HEADING_MAX_WORDS and not rest.endswith((".", ";", ":")):
        return rest, ""
    return "", rest


def _plain_number(number: str) -> int | None:
    return int(number) if number.isdigit() else None


def _action(words: str) -> str:
    """Insert or replace, from the amending words. English names the operation with its last verb:
    "is amended by inserting" inserts, "deleting subsection (4) and substituting" replaces."""
    verbs = re.findall(r"\b(insert|add(?:s|ed|ing)?\b|substitut|replac|repeal)", words, re.I)
    if verbs:
        return "insert" if verbs[-1].lower().startswith(("insert", "add")) else "replace"
    return "replace" if REPLACE_RE.search(words) else "insert"


class _Builder:
    """Collects provisions in order while tracking the open containers, the current article and its
    nested paragraphs. Text lines are kept in lists and joined once by `finish()`: rebuilding a string
    per line made parsing quadratic (issue 11, finding 3)."""

    def __init__(self):
        self.items: list[ParsedProvision] = []
        self.lines: list[list[str]] = []  # the text lines of each item, parallel to `items`
        self.heads: list[list[str]] = []  # the heading words of each item, parallel to `items`
        self.containers: list[int] = []  # indexes of open containers, outermost first
        self.article: int | None = None
        self.levels: list[str] = []  # label styles in order of first use in the article: its nesting
        self.open: list[tuple[int, int]] = []  # (level, index) of the open paragraphs
        self.last_label: dict[str, str] = {}

    def _add(self, item: ParsedProvision) -> int:
        self.items.append(item)
        self.lines.append([item.text] if item.text else [])
        self.heads.append([item.heading] if item.heading else [])
        return len(self.items) - 1

    def has_text(self, index: int) -> bool:
        return bool(self.lines[index])

    def container(self, kind: str, number: str, heading: str, line: int) -> None:
        rank = CONTAINER_RANK[kind]
        while self.containers and CONTAINER_RANK[self.items[self.containers[-1]].kind] >= rank:
            self.containers.pop()
        parent = self.containers[-1] if self.containers else None
        self.containers.append(self._add(ParsedProvision(kind, number, heading, "", parent, line)))
        self.article = None

    def add_article(self, number: str, heading: str, text: str, line: int) -> int:
        parent = self.containers[-1] if self.containers else None
        self.article = self._add(ParsedProvision("article", number, heading, text, parent, line))
        self.levels, self.open, self.last_label = [], [], {}
        return self.article

    def _style(self, label: str) -> str:
        bare = label.strip("()").rstrip(".)")
        if bare.startswith("§") or fold(bare).startswith(("paragrafo", "parrafo")):
            return "§"
        if bare[:1].isdigit():
            return "1"
        if re.fullmatch(r"[IVXLC]+", bare):
            return "I"
        if re.fullmatch(r"[ivxlc]+", bare):
            # After "(h)", "(i)" is the next letter; otherwise a roman numeral under a lettered paragraph.
            follows_letter = len(bare) == 1 and self.last_label.get("a") == ROMAN_AFTER_LETTER.get(bare)
            if not follows_letter and (bare != "i" or "a" in self.levels or "i" in self.levels):
                return "i"
        return "a"

    def add_paragraph(self, label: str, text: str, line: int) -> None:
        style = self._style(label)
        if style == "§":
            # "§ 1º", "Parágrafo único": a paragraph of the article itself, even after the incisos of its
            # opening words (Brazil: artigo > parágrafo > inciso > alínea); what follows nests under it.
            self.levels, self.open = ["§"], []
        if style not in self.levels:
            self.levels.append(style)
        level = self.levels.index(style)
        self.last_label[style] = label.strip("()").rstrip(".)")
        while self.open and self.open[-1][0] >= level:
            self.open.pop()
        parent = self.open[-1][1] if self.open else self.article
        index = self._add(ParsedProvision("paragraph", label, "", text, parent, line))
        self.open.append((level, index))

    def append_text(self, text: str) -> bool:
        """Add a line to the last provision; False when there is nothing to add it to."""
        if not self.items:
            return False
        index = len(self.items) - 1
        kind, lines, heads = self.items[index].kind, self.lines[index], self.heads[index]
        short = len(text.split()) <= HEADING_MAX_WORDS
        if kind in CONTAINER_RANK and not lines and (not heads or short):
            heads.append(text)
            return True
        # A line ending in ":" introduces what follows ("… con un numeral 17, así:"): text, not a heading.
        if (
            kind == "article"
            and not lines
            and not heads
            and short
            and not text.endswith((".", ":"))
            and not DANGLING_RE.search(text)  # "Se reforma el artículo 14 de": a sentence broken off
        ):
            heads.append(text)
            return True
        lines.append(text.lstrip(".-–— ") if not lines else text)
        return True

    def finish(self) -> list[ParsedProvision]:
        """The provisions with their texts and headings joined, each once."""
        for item, lines, heads in zip(self.items, self.lines, self.heads, strict=True):
            item.text = "\n".join(lines)
            item.heading = " ".join(heads).strip()
        return self.items


# Step 1: the lines ----------------------------------------------------------------------------------


def _front_matter(lines: list[str]) -> tuple[dict, int]:
    """A YAML header between '---' lines (open-law repositories): its data and the first line after it."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            try:
                data = yaml.safe_load("\n".join(lines[1:end]))
            except yaml.YAMLError:
                return {}, 0
            return (data if isinstance(data, dict) else {}), end + 1
    return {}, 0


def _clean(line: str) -> str:
    """The words of a line without Markdown: headings '#', quotes '>', bold and italics, list bullets."""
    line = line.strip()
    line = re.sub(r"^#{1,6}\s*", "", line)
    line = re.sub(r"^>\s?", "", line)
    line = line.replace("**", "").replace("__", "")
    line = re.sub(r"(?<!\w)\*(\S[^*]*?)\*(?!\w)", r"\1", line)
    if re.fullmatch(r"[-*_]{3,}", line):
        return ""
    return line.strip()


def _unquote_bill(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Chile prints the whole bill in quotes after "Proyecto de ley:"; those quotes are not an insertion."""
    for i in range(1, len(lines)):
        before, line = fold(lines[i - 1][1]), lines[i][1]
        if (
            line.startswith(OPEN_QUOTE)
            and before.endswith(":")
            and re.search(r"proyecto de ley|projeto de lei", before)
        ):
            last = max((j for j in range(i, len(lines)) if CLOSE_QUOTE_RE.search(lines[j][1])), default=None)
            if last is None:
                return lines
            out = list(lines)
            out[i] = (lines[i][0], line[1:].lstrip())
            out[last] = (lines[last][0], CLOSE_QUOTE_RE.sub("", lines[last][1]).rstrip() or ".")
            return out
    return lines


def _lines(text: str, metadata: dict | None) -> tuple[list[tuple[int, str]], dict]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found, start = _front_matter(raw)
    merged = {**found, **(metadata or {})}
    cleaned = [
        (number, part)
        for number, line in enumerate(raw[start:], start=start + 1)
        for part in RUN_IN_ARTICLE_RE.split(_clean(line))
    ]
    return _unquote_bill([(n, line) for n, line in cleaned if line]), merged


# Layout repairs for text taken from printed Commonwealth pages (OCR, PDF conversion) -------------------

# A section or subsection number alone on its line: "10.", "18.(1)", "(4C)". Its text follows on the
# next lines, or the conversion put the first of them elsewhere (see `_restore_first_lines`).
LABEL_ALONE_RE = re.compile(
    r"^(?:\d{1,3}[A-Z]{0,2}\.(?:\s*[—–-]?\s*\(\d{1,3}[A-Z]{0,2}\))?|\(\d{1,3}[A-Z]{0,2}\))$"
)
# A line that continues a sentence: it starts in lower case or with a digit, with a bracket that is not
# a label ("(Amendment) Act, 2024."), or with the chapter of an Act cited just before ("…Act, / Cap.
# 140A"; the Caribbean cite "Cap." and "Chap." after an Act's name). A section never starts that way.
CONTINUATION_RE = re.compile(
    r"^(?:[a-z]|\d|\((?!\d{1,3}[A-Z]{0,2}\)|[a-z]{1,2}\)|[ivxlc]+\))|(?:Cap|Chap)\.\s*\d)"
)
SENTENCE_START_RE = re.compile(r"^[“\"‘]?[A-Z]")
# A marginal note printed on the number's line, left of it ("Duty of      6.-( 1) Subject to…"), or a
# margin fragment right of the text after a wide gap ("…the Money Laundering Act.       Short title.").
LEFT_MARGIN_RE = re.compile(r"^(\S.{0,24}?)\s{3,}(\d{1,3}[A-Z]{0,2}\.(?:-?\(\s?\d|\s+[A-Z“\"(]).*)$")
RIGHT_MARGIN_RE = re.compile(r"^(.{20,}?\S)\s{6,}(\S(?:\S|\s(?=\S)){0,30})$")


def _ends_clause(line: str) -> bool:
    return line.rstrip().endswith((".", ";", ":", ".”", ":”"))


def _split_margins(
    lines: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """OCR of a revised edition keeps the margin column beside the text: a marginal note left of a
    section number and short fragments after a wide gap at a line's end (marginal notes, amendment
    notes, stray marks) are set apart. Returns the lines and the fragments (line number, text)."""
    out, notes = [], []
    for number, line in lines:
        left = LEFT_MARGIN_RE.match(line)
        if left and not SECTION_RE.match(line):
            notes.append((number, left.group(1).strip()))
            line = left.group(2)
        right = RIGHT_MARGIN_RE.match(line)
        if right and len(right.group(2).split()) <= 3:
            notes.append((number, right.group(2)))
            line = right.group(1)
        # OCR spaces inside labels: "( 1)", "( b )".
        line = re.sub(
            r"^\(\s(\w{1,4})\s?\)|^\((\w{1,4})\s\)", lambda m: f"({m.group(1) or m.group(2)})", line
        )
        line = re.sub(r"^(\d{1,3}[A-Z]{0,2}\.\s*-?)\(\s(\d{1,3}[A-Z]{0,2})\s?\)", r"\1(\2)", line)
        out.append((number, line))
    return out, notes


def _restore_first_lines(lines: list[tuple[int, str]], law: ParsedLaw) -> list[tuple[int, str]]:
    """Text converted from a printed two-column page often moves the first line of a section or
    subsection, the one printed level with its number: before the number ("…uses a computer / 10. /
    system to perform…") or after the next line ("22. / Act is guilty of that offence. / A person who
    aids or abets … under this"). A first line starts a sentence and is left unfinished; a line that
    continues a sentence cannot open a section. Each line put back is reported."""
    out = list(lines)
    moved = []

    def text(i: int) -> str:
        return out[i][1] if 0 <= i < len(out) else ""

    def plain(line: str) -> bool:
        return bool(line) and not (
            LABEL_ALONE_RE.match(line)
            or PARAGRAPH_RE.match(line)
            or CONTAINER_RE.match(line)
            or SCHEDULE_RE.match(line)
            or PAGE_FURNITURE_RE.match(line)
        )

    for i in range(1, len(out) - 2):
        if not LABEL_ALONE_RE.match(text(i)):
            continue
        first, second = text(i + 1), text(i + 2)
        after = i + 3
        while PAGE_FURNITURE_RE.match(text(after)):
            after += 1
        third = text(after)
        opens = plain(second) and SENTENCE_START_RE.match(second) and not _ends_clause(second)
        if opens and plain(first) and not LABEL_ALONE_RE.match(third):
            unfinished = CONTINUATION_RE.match(first) and not _ends_clause(first)
            # "Act is guilty of that offence." ends a sentence that the next line opens.
            ended = _ends_clause(first) and not re.match(r"^[a-z]", third)
            if unfinished or ended:
                out[i + 1], out[i + 2] = out[i + 2], out[i + 1]
                moved.append(out[i + 1][0])
                continue
        before = text(i - 1)
        if (
            plain(first)
            and CONTINUATION_RE.match(first)
            and plain(before)
            and SENTENCE_START_RE.match(before)
            and not _ends_clause(before)
            and not SECTION_RE.match(before)
        ):
            out[i - 1], out[i] = out[i], out[i - 1]
            moved.append(out[i][0])
    if moved:
        law.warnings.append(
            _(
                "Lines %(lines)s: the first line of a section or subsection was printed out of order "
                "(text converted from a page layout) and was put back before the line it starts; please "
                "check these provisions against the printed text."
            )
            % {"lines": ", ".join(str(n) for n in moved)}
        )
    return out


def _page_layout(
    lines: list[tuple[int, str]], law: ParsedLaw
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The layout repairs of a Commonwealth text, from its first numbered section on (the title block
    above keeps its columns: "THE MONEY LAUNDERING ACT      30 of 1996,")."""
    first = next(
        (i for i, (_n, line) in enumerate(lines) if SECTION_RE.match(line) or LEFT_MARGIN_RE.match(line)),
        len(lines),
    )
    body, margins = _split_margins(lines[first:])
    body = _restore_first_lines(lines[:first][-1:] + body, law)[min(first, 1) :]
    _report_stacked_labels(body, law)
    return lines[:first] + body, margins


def _place_margin_notes(law: ParsedLaw, margins: list[tuple[int, str]]) -> None:
    """Margin fragments with words become notes of the provision printed beside them, or the heading of
    a section that has none when printed on its number's line ("Duty of     6.-(1)"); stray marks ("-7",
    "L<", "%") are reported as unplaced."""
    items = [p for p in law.provisions if p.kind in ("article", "paragraph")]
    starts = [p.line for p in items]
    for number, fragment in margins:
        at = bisect.bisect_right(starts, number) - 1
        while at > 0 and items[at - 1].line == number:
            at -= 1  # "6.-(1) Subject…": the section, not its subsection (1) printed on the same line
        if at >= 0 and re.search(r"[A-Za-z]{2,}|[A-Za-z]\.\s?\d", fragment):
            item = items[at]
            if item.kind == "article" and item.line == number and not item.heading:
                item.heading = fragment.rstrip(".")
            else:
                item.notes.append(fragment)
        else:
            law.unplaced.append({"line": number, "text": fragment})


def _arrangement_check(law: ParsedLaw, arrangement: dict[str, str]) -> None:
    """The arrangement of sections lists every section with its heading: it gives the heading where the
    margin printed none or OCR broke it, and the editor is told of sections it lists that the body
    lacks or the other way round."""
    if not arrangement:
        return
    found = []
    for i, item in enumerate(law.provisions):
        if item.kind != "article":
            continue
        found.append(item.number)
        listed = arrangement.get(item.number)
        if not listed:
            continue
        heading = item.heading.strip()
        shared = set(fold(heading).split()) & set(fold(listed).split())
        if heading and not shared and len(heading.split()) > 3 and i > 0:
            # Not a heading but the line printed before the number: the end of the provision before.
            before = law.provisions[i - 1]
            before.text = f"{before.text}\n{heading}".strip()
        item.heading = listed
    missing = [n for n in arrangement if n not in found]
    unlisted = [n for n in found if n not in arrangement]
    if missing:
        law.warnings.append(
            _("The arrangement of sections lists section(s) %(numbers)s, not found in the body.")
            % {"numbers": ", ".join(missing)}
        )
    if unlisted:
        law.warnings.append(
            _("Section(s) %(numbers)s are not in the arrangement of sections.")
            % {"numbers": ", ".join(unlisted)}
        )


def _report_stacked_labels(lines: list[tuple[int, str]], law: ParsedLaw) -> None:
    """Paragraph labels printed one after another without their texts ("(a)", "(b)", "(c)", then three
    texts): the conversion lost which text belongs to which label. The texts stay in order under the
    last label; the editor is told where."""
    runs, start = [], None
    for i, (_n, line) in enumerate([*lines, (0, "")]):
        bare = PARAGRAPH_RE.match(line) and not (PARAGRAPH_RE.match(line).group(6) or "").strip()
        if bare and start is None:
            start = i
        elif not bare and start is not None:
            if i - start >= 2:
                runs.append(f"{lines[start][0]}–{lines[i - 1][0]}")
            start = None
    if runs:
        law.warnings.append(
            _(
                "Lines %(runs)s: paragraph labels are printed apart from their texts (text converted from "
                "a page layout); their texts were kept in order under the last label. Please check them."
            )
            % {"runs": ", ".join(runs)}
        )


# Step 2: where the body starts ----------------------------------------------------------------------


def _section_mode(lines: list[tuple[int, str]]) -> bool:
    """Commonwealth drafting: numbered sections "1." and no civil-law article headings ("Section 18 of
    the principal Act is amended" is a sentence there, not a heading)."""
    civil = re.compile(r"^\s*(?:art[íi]culo|artigo|article|art\.)", re.IGNORECASE)
    if any(
        (civil.match(line) and ARTICLE_RE.match(line)) or MARKED_ARTICLE_RE.match(line) for _n, line in lines
    ):
        return False
    return sum(1 for _n, line in lines if SECTION_RE.match(line)) >= 2


def _skip_arrangement(
    lines: list[tuple[int, str]], law: ParsedLaw
) -> tuple[list[tuple[int, str]], dict[str, str]]:
    """Drop an arrangement of sections (a table of contents) up to the enacting formula, or failing that
    up to the second "1." it lists. Returns the lines left and the headings the table gives by section
    number ("5. Conspiring, aiding, …" over one or more lines)."""
    start = next((i for i, (_n, line) in enumerate(lines) if ARRANGEMENT_RE.match(line)), None)
    if start is None:
        return lines, {}
    end = next((i for i in range(start + 1, len(lines)) if ENACTING_RE.match(lines[i][1])), None)
    if end is None:
        ones = [i for i in range(start + 1, len(lines)) if re.match(r"^1\.(\s|$)", lines[i][1])]
        end = ones[1] if len(ones) > 1 else None
    if end is None:
        law.warnings.append(
            _("An arrangement of sections was found but not where it ends; it was read as body.")
        )
        return lines, {}
    # The table ends at its last entry ("3. Unauthorised access…", "PART II"); the lines between it
    # and the enacting formula or the first section are the act's title block ("THE CYBERCRIMES ACT,
    # 2015", "Acts 30 of 1996, 34 of 1997").
    while end - 1 > start and not (
        SECTION_RE.match(lines[end - 1][1])
        or CONTAINER_RE.match(lines[end - 1][1])
        or SCHEDULE_RE.match(lines[end - 1][1])
    ):
        end -= 1
    law.warnings.append(
        _("The arrangement of sections (lines %(a)s–%(b)s) is a table of contents and was not imported.")
        % {"a": lines[start][0], "b": lines[end - 1][0]}
    )
    return lines[:start] + lines[end:], _arrangement_headings(lines[start + 1 : end])


def _arrangement_headings(table: list[tuple[int, str]]) -> dict[str, str]:
    """The heading of each section the arrangement lists on the same line as its number; a heading
    broken over two lines goes on until the next entry."""
    headings: dict[str, list[str]] = {}
    current = None
    for _n, line in table:
        entry = re.match(r"^(\d{1,3}[A-Z]{0,2})\.\s+(\S.*)$", line)
        if entry:
            current = entry.group(1)
            headings[current] = [entry.group(2)]
        elif current and not (CONTAINER_RE.match(line) or SCHEDULE_RE.match(line) or SECTION_RE.match(line)):
            headings[current].append(line)
        else:
            current = None
    return {
        number: re.sub(r"\s+", " ", " ".join(words)).strip().rstrip(".").strip()
        for number, words in headings.items()
    }


def _dispositions_heading(line: str) -> bool:
    """ "DISPOSICIONES FINALES Y TRANSITORIAS", "TRANSITORIOS": a block of numbered dispositions."""
    found = DISPOSITIONS_RE.match(line) if len(line.split()) <= 8 else None
    return bool(
        found
        and not ARTICLE_RE.match(line)
        and (not found.group(2).strip() or re.match(r"^\s*(disposi|art[íi]culos)", line, re.I))
    )


def _is_heading(line: str, sections: bool) -> bool:
    if ARTICLE_RE.match(line) or MARKED_ARTICLE_RE.match(line) or CONTAINER_RE.match(line):
        return True
    if TRANSITORY_ARTICLE_RE.match(line):
        return True
    if _dispositions_heading(line):
        return True
    if re.fullmatch(ORDINAL + r"\s*[.:]?", line.strip()) and _ordinal(line.strip().rstrip(".:")):
        return True  # "Primera" alone: a provision of a dispositions block (Peru)
    return bool(ORDINAL_ARTICLE_RE.match(line) and _ordinal(ORDINAL_ARTICLE_RE.match(line).group(1))) or (
        sections and bool(SECTION_RE.match(line))
    )


# Step 3: the walk -----------------------------------------------------------------------------------


def _repeats_numeral(builder: _Builder, paragraph: re.Match) -> bool:
    """ "… al cumplirse los dieciocho / (18) meses": the figures repeat the number just written in words
    at the end of the line before, so the line continues the sentence and opens no paragraph (18)."""
    label = paragraph.group(1) or ""
    if not label.isdigit() or not builder.items or not builder.lines[-1]:
        return False
    words = fold(builder.lines[-1][-1]).split()
    return any(number_in_words(" ".join(words[-n:])) == int(label) for n in range(1, min(5, len(words)) + 1))


class _Walk:
    """The state of one pass over the body: the law's own provisions, the wording being inserted into
    another instrument, the disposition block ("Transitorios") and the end matter."""

    def __init__(self, law: ParsedLaw, sections: bool):
        self.law = law
        self.sections = sections
        self.own = _Builder()
        self.inserted: _Builder | None = None
        self.amendment: Amendment | None = None
        self.builders: list[tuple[Amendment, _Builder]] = []
        self.expected_next: int | None = None
        self.quoted = False
        self.prefix = ""  # "T" under a transitory heading: "PRIMERO.-" becomes article T1
        self.end: list[tuple[int, str]] = []
        self.running: list[tuple[int, str]] = []  # gazette running headers, dated
        self.pending_heading = ""
        self.following = ""
        self.last_section = 0  # the number of the act's own last section, for "3.(1)" headings
        # A quoted wording that opens on a subsection, paragraph or definition of the amended section:
        # (kind, address) so that each unit is cited as the amended act cites it ("18(3A)", "16(2)(b)").
        self.unit: tuple[str, str] | None = None
        self.last_unit = ""

    @property
    def target(self) -> _Builder:
        return self.inserted if self.inserted is not None else self.own

    def close_insertion(self) -> None:
        self.inserted, self.amendment, self.quoted, self.unit = None, None, False, None

    def line(self, number: int, line: str, following: str) -> None:
        self.following = following
        if self.end:
            self.end.append((number, line))
            return
        if self.quoted:
            self._quoted_line(number, line)
            return
        last = len(self.own.items) - 1
        # An article heading is followed by its text, even when that reads like a formula ("Promulgada
        # la presente Constitución, sustituye a la del año 1979.").
        awaiting_text = last == self.own.article and not self.own.lines[last] and self.inserted is None
        if (
            self.own.article is not None
            and not awaiting_text
            and (END_MATTER_RE.match(line) or PLACE_DATE_RE.match(line) or SIGNED_RE.search(line))
        ):
            self.close_insertion()
            self.end.append((number, line))
            return
        if PAGE_FURNITURE_RE.match(line) or RUNNING_HEADER_RE.match(line):
            if RUNNING_HEADER_RE.match(line):
                self.running.append((number, line))
            self.law.unplaced.append({"line": number, "text": line})
            return
        if self._article(number, line) or self._container(number, line):
            return
        if self.inserted is not None and line.startswith(OPEN_QUOTE) and self.inserted.items:
            self.close_insertion()  # a new quoted block belongs to a new amendment, found below
        if line.startswith(OPEN_QUOTE) and self._open_quote(number, line):
            return
        if self.sections and self._marginal_heading(line, following):
            return
        self._text(number, line)

    def _marginal_heading(self, line: str, following: str) -> bool:
        """A short line just before a section number is its side heading; Jamaica and Belize end them
        with a full stop ("Interpretation."), a clause ends with ";", ":" or ","."""
        if (
            SECTION_RE.match(following)
            and len(line.split()) <= HEADING_MAX_WORDS
            and not line.endswith((";", ":", ","))
            and not SECTION_RE.match(line)
            and not PARAGRAPH_RE.match(line)  # "(a) on summary conviction-": the last paragraph
        ):
            self.pending_heading = line
            return True
        return False

    def _numbered(self, line: str) -> tuple[str, str] | None:
        """The number and rest of an article heading of any shape, or None."""
        match = MARKED_ARTICLE_RE.match(line)
        if match:
            return match.group(1), match.group(2)
        match = TRANSITORY_ARTICLE_RE.match(line)
        if match:
            raw = match.group(1) or "1"
            value = raw if raw.isdigit() else str(_ordinal(raw) or raw)
            return f"T{value}", match.group(2)
        match = ORDINAL_ARTICLE_RE.match(line)
        if match and _ordinal(match.group(1)):
            value = _ordinal(match.group(1))
            prefix = "T" if match.group(2) or self.prefix == "T" else ""
            return f"{prefix}{value}", match.group(3)
        match = None if self.sections else ARTICLE_RE.match(line)
        if match:
            number = _clean_number(match.group(1))
            return (f"{self.prefix}{number}" if self.prefix == "T" else number), match.group(2)
        if self.prefix:
            match = ORDINAL_ITEM_RE.match(line)
            if match and _ordinal(match.group(1)):
                return f"{self.prefix}{_ordinal(match.group(1))}", match.group(2)
        if self.sections:
            match = SECTION_RE.match(line)
            glued = match is not None and line[len(match.group(1)) + 1 : len(match.group(1)) + 2] == "("
            if glued and self.inserted is None and _plain_number(match.group(1)) != self.last_section + 1:
                # "18A.(1)" in an amending bill is the section it inserts, not this act's next section.
                return None
            if match:
                return match.group(1), match.group(2) or ""
        return None

    def _article(self, number: int, line: str) -> bool:
        found = self._numbered(line)
        if found is None:
            return False
        num, rest = found
        heading, body = _split_heading(rest)
        if self.sections:
            heading, body = self.pending_heading.rstrip("."), rest.strip()
            self.pending_heading = ""
        own_next = (
            MARKED_ARTICLE_RE.match(line)
            or (self.expected_next is not None and _plain_number(num) == self.expected_next)
            # An unquoted wording of one named article ("adds numeral 17 to article 58") is only its
            # paragraphs: any article heading after it is the amending law's own again.
            or (
                self.amendment is not None
                and self.amendment.article not in ("", num)  # article 58 itself is its new wording
                and not self.quoted
            )
        )
        if self.inserted is not None and own_next:
            self.close_insertion()  # the amending law's own next article
        if self.inserted is not None:
            heading, self.pending_heading = (heading or self.pending_heading), ""
            label = re.match(r"^\((\d+[A-Z]?)\)\s*(.*)$", body) if self.sections else None
            self.inserted.add_article(num, heading, "" if label else body, number)
            if label:  # "18A.(1) The Minister": the inserted section's subsection (1), as for the act's own
                self.inserted.add_paragraph(f"({label.group(1)})", label.group(2), number)
            return True
        index = self.own.add_article(num, heading, body, number)
        self.last_section = _plain_number(num) or self.last_section
        if self.sections:
            label = re.match(r"^\((\d+[A-Z]?)\)\s*(.*)$", body)
            if label:  # "2. (1) In this Act," opens subsection (1)
                self.own.lines[index] = []
                self.own.add_paragraph(f"({label.group(1)})", label.group(2), number)
        if not self.sections:  # Commonwealth wordings are quoted; the quotes open them (_open_quote)
            self._maybe_amending(index, num, heading, body, number)
        return True

    def _maybe_amending(self, index: int, num: str, heading: str, body: str, number: int) -> None:
        """An article that inserts or substitutes text in another instrument opens an insertion: what
        follows, up to the amending law's next article, is that instrument's new wording."""
        words = f"{heading}. {body}".strip(". ")
        # "O Decreto-Lei nº 2.848 - Código Penal": the code's name rather than the decree that made it.
        target = CODE_RE.search(words) or TARGET_RE.search(words)
        if not (target and AMEND_RE.search(words)):
            return
        cited = re.sub(r"\s+", " ", fold(target.group(1))).strip()
        if "principal act" in cited or (self.principal_act and cited in fold(self.principal_act)):
            # "Cap. 140A" names the principal Act by its chapter: its full name says which Act it is.
            name = self.principal_act or target.group(1)
        else:
            name = re.sub(r"^(la|the)\s+", "", target.group(1).strip(), flags=re.I)
        article = TARGET_ARTICLE_RE.search(words[: target.start()] + " " + words[target.end() :])
        self.amendment = Amendment(
            code_name=name[0].upper() + name[1:],
            action=_action(words),
            by_index=index,
            article=_clean_number(article.group(1)) if article else "",
            line=number,
        )
        self.law.amendments.append(self.amendment)
        self.inserted = _Builder()
        self.builders.append((self.amendment, self.inserted))
        plain = _plain_number(num.lstrip("T"))
        self.expected_next = plain + 1 if plain is not None else None
        self.quoted = False

    principal_act = ""

    def _open_quote(self, number: int, line: str) -> bool:
        """A quoted block inside an amending article (“...”): the new wording of the amended text."""
        last = self.own.article
        if last is None:
            return False
        recent = [w for i in range(last, len(self.own.items)) for w in self.own.heads[i] + self.own.lines[i]]
        words = " ".join(recent[-8:])
        if self.sections and QUOTED_WORD_RE.match(line):
            return False  # "“may” appearing in the second line": the words an amendment changes
        if self.inserted is None:
            if not AMEND_RE.search(words):
                return False
            self._maybe_amending(last, self.own.items[last].number, "", words, number)
            if self.inserted is None:
                self._generic_amendment(last, words, number)
            self.expected_next = None  # the quotes, not the next article, delimit this wording
        self.quoted = True
        self.unit = self._quoted_unit(line[1:].lstrip(), words) if self.sections else None
        self._quoted_line(number, line[1:].lstrip())
        return True

    def _quoted_unit(self, first: str, words: str) -> tuple[str, str] | None:
        """What a Commonwealth wording inserts, from its first line: subsections "(3A)" of the section
        the amending words name, paragraphs "(c)" of the subsection they name, or definitions."""
        section = self.amendment.article if self.amendment is not None else ""
        self.last_unit = ""
        if not section:
            return None
        if first.startswith(OPEN_QUOTE) or DEFINITION_RE.match(first):
            return "definition", section
        if SUBSECTION_LABEL_RE.match(first):
            return "subsection", section
        if LETTER_LABEL_RE.match(first):
            named = re.findall(r"subsection\s*\((\d{1,3}[A-Z]{0,2})\)", words, re.I)
            return "paragraph", f"{section}({named[-1]})" if named else section
        return None

    def _inserted_unit(self, number: int, line: str) -> bool:
        """Open the next inserted unit when the line starts one; nested labels stay its paragraphs."""
        kind, address = self.unit
        builder = self.inserted
        if kind == "definition":
            term = DEFINITION_RE.match(line)
            if term:
                cited = f"{address} “{term.group(1)}”"
                # A provision's number holds 40 characters; a long term is cut, its wording kept whole.
                cited = cited if len(cited) <= 40 else cited[:38] + "…”"
                builder.add_article(cited, "", line, number)
            return bool(term)
        label = (SUBSECTION_LABEL_RE if kind == "subsection" else LETTER_LABEL_RE).match(line)
        if label is None:
            return False
        if kind == "paragraph" and self.last_unit and ord(label.group(1)) != ord(self.last_unit) + 1:
            return False  # "(i)" after "(c)" is the paragraph's own sub-paragraph
        self.last_unit = label.group(1)
        builder.add_article(f"{address}({label.group(1)})", "", label.group(2), number)
        return True

    def _generic_amendment(self, index: int, words: str, number: int) -> None:
        article = TARGET_ARTICLE_RE.search(words)
        self.amendment = Amendment(
            code_name=self.principal_act or _("(instrument not named)"),
            action=_action(words),
            by_index=index,
            article=_clean_number(article.group(1)) if article else "",
            line=number,
        )
        self.law.amendments.append(self.amendment)
        self.inserted = _Builder()
        self.builders.append((self.amendment, self.inserted))
        self.law.warnings.append(
            _("Line %(n)s: quoted text inserted into an instrument the parser could not name.")
            % {"n": number}
        )

    def _quoted_line(self, number: int, line: str) -> None:
        closes = bool(CLOSE_QUOTE_RE.search(line))
        if closes:
            line = CLOSE_QUOTE_RE.sub("", line).rstrip()
        builder = self.inserted
        if line and not (self._article(number, line) if builder is not None else False):
            self._inserted_text(number, line)
        if closes:
            self.close_insertion()  # the closing quote ends the inserted wording

    def _inserted_text(self, number: int, line: str) -> None:
        builder = self.inserted
        if self.unit is not None and self._inserted_unit(number, line):
            return
        following = self.following.lstrip('“"«')
        if (
            self._numbered(following) is not None
            and len(line.split()) <= HEADING_MAX_WORDS
            and not line.endswith((".", ";", ":", ","))
        ):
            # Brazil prints an inserted article's heading above it: "Invasão de dispositivo informático".
            self.pending_heading = line
            return
        paragraph = PARAGRAPH_RE.match(line)
        if builder.article is None and self.amendment.article:
            builder.add_article(self.amendment.article, "", "", number)
        if paragraph and builder.article is not None:
            label = next(g for g in paragraph.groups()[:5] if g)
            builder.add_paragraph(
                label if not paragraph.group(1) else f"({label})", paragraph.group(6) or "", number
            )
        elif not builder.append_text(line):
            builder.add_article(self.amendment.article, "", line, number)

    def _container(self, number: int, line: str) -> bool:
        container = CONTAINER_RE.match(line)
        schedule = SCHEDULE_RE.match(line)
        dispositions = DISPOSITIONS_RE.match(line) if len(line.split()) <= 8 else None
        if dispositions and not ARTICLE_RE.match(line):
            self.prefix = "T" if "transit" in fold(dispositions.group(1)) else "D"
            self.own.container("chapter", "", line, number)
            return True
        if schedule and schedule.group(5) and not self.sections:
            return True  # "SCHEDULE, contd.": the same schedule on its next page
        if schedule:
            # Schedules follow the body; they are kept as a part so that their text is not lost.
            name = " ".join(g for g in schedule.groups()[:3] if g).strip().upper()
            self.own.container("part", re.sub(r"\s+", " ", name), "", number)
            self.sections = False
            return True
        if not container:
            return False
        kind = KIND_OF.get(fold(container.group(1)), "chapter")
        self.target.container(kind, container.group(2).upper(), container.group(3).strip(), number)
        return True

    def _in_article_words(self) -> bool:
        """True while the last provision is an article's own opening words (no paragraph yet)."""
        index = self.own.article
        return index is not None and index == len(self.own.items) - 1 and len(self.own.lines[index]) <= 4

    def _text(self, number: int, line: str) -> None:
        opening = self.inserted is not None and self.inserted.article is None and not self.inserted.items
        if opening and not PARAGRAPH_RE.match(line):
            self.own.append_text(line)  # the amending article's own words before its wording ("… así:")
            return
        target = self.target
        paragraph = PARAGRAPH_RE.match(line)
        may_label = self.sections or (target.article is not None and target.has_text(target.article))
        if self.inserted is not None and paragraph:
            self._inserted_text(number, line)
            return
        if paragraph and target.article is not None and may_label and not _repeats_numeral(target, paragraph):
            label = next(g for g in paragraph.groups()[:5] if g)
            shown = f"({label})" if paragraph.group(1) else re.sub(r"\s+", " ", label).strip()
            # "**Parágrafo único** . São nulas": the label's full stop, set apart by the markup, is not text.
            target.add_paragraph(shown, (paragraph.group(6) or "").strip().lstrip(".:-–— "), number)
            return
        if target.items:
            target.append_text(line)
            # Commonwealth amending acts always quote the wording, so "is amended by" alone opens nothing.
            if (
                target is self.own
                and self.inserted is None
                and not self.sections
                and self._in_article_words()
            ):
                index = self.own.article
                words = " ".join([*self.own.heads[index], *self.own.lines[index]])
                self._maybe_amending(index, self.own.items[index].number, "", words, number)
        else:
            self.law.unplaced.append({"line": number, "text": line})


# Step 3b: headings the printer broke ------------------------------------------------------------------

# The end of a heading inside the text that follows it: "… Pública . Se reconoce…", "… programas. La…".
HEADING_END_RE = re.compile(r"^(.{1,200}?)\s*\.\s+(?=[A-ZÁÉÍÓÚÑ¿“\"(])", re.DOTALL)
WRAPPED_HEADING_WORDS = 25


def _prints_headings(articles: list[ParsedProvision]) -> bool:
    """Most articles of the law print a heading after their number ("Artículo 1. Objeto. Esta ley…")."""
    return len(articles) >= 3 and sum(1 for a in articles if a.heading) >= 0.6 * len(articles)


def _mend_headings(provisions: list[ParsedProvision]) -> None:
    """Headings that wrap onto the next printed line, end their line, or run to two sentences, in a law
    whose articles print headings: put the words back in the heading, so the text starts as printed."""
    articles = [p for p in provisions if p.kind == "article"]
    if not _prints_headings(articles):
        return
    for article in articles:
        text = article.text or ""
        first = text.split("\n", 1)[0]
        if article.heading and re.match(r"^[a-záéíóúñ]", text):
            # "Derecho a … en sus / relaciones con la Administración Pública . Se reconoce…"
            end = HEADING_END_RE.match(text)
            words = len(article.heading.split()) + (len(end.group(1).split()) if end else 0)
            if end and "\n" not in end.group(1) and words <= WRAPPED_HEADING_WORDS:
                article.heading = f"{article.heading} {end.group(1).strip()}"
                article.text = text[end.end() :]
        elif not article.heading and "\n" in text and re.search(r"\S\s*\.\s*$", first):
            # "Artículo 5. Deberes de las personas … Pública." on its own line, the text below it.
            heading = first.strip().rstrip(".").strip()
            if len(heading.split()) <= WRAPPED_HEADING_WORDS and not re.search(r"[.:;]\s", heading):
                article.heading, article.text = heading, text.split("\n", 1)[1].lstrip()
        elif article.heading:
            # "Recurso de reconsideración. Plazo para su interposición.  Los actos…": a second short
            # sentence before the text on the heading's line.
            second = HEADING_END_RE.match(first)
            if second and len(second.group(1).split()) <= 5 and "," not in second.group(1):
                article.heading = f"{article.heading}. {second.group(1).strip()}"
                article.text = text[second.end() :]


# Step 4: scoring ------------------------------------------------------------------------------------


def structure_confidence(law: ParsedLaw, body_lines: int) -> float:
    """How far the structure can be trusted, from 0 to 1: the share of the body's lines that were placed
    (in a provision, an amendment's wording or the end matter) times the share of numbered articles that
    follow their predecessor (1, 2, 3 …; a gap or a repeat suggests a missed or a false heading).
    No article at all scores 0."""
    articles = [p.number for p in law.provisions if p.kind == "article"]
    if not articles:
        return 0.0
    placed = 1 - len(law.unplaced) / body_lines if body_lines else 0.0
    # Transitory articles (T1, T2 …) start their own sequence.
    plain = [(n[:1] == "T", int(n.lstrip("T"))) for n in articles if n.lstrip("T").isdigit()]
    steps = [b[1] - a[1] if a[0] == b[0] else 1 for a, b in zip(plain, plain[1:], strict=False)]
    in_sequence = (sum(1 for s in steps if s == 1) + 1) / (len(steps) + 1) if plain else 1.0
    return round(max(0.0, placed) * in_sequence, 2)


def _report(law: ParsedLaw) -> None:
    numbers = [p.number for p in law.provisions if p.kind == "article"]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        law.warnings.append(_("Article numbers repeated: %(numbers)s.") % {"numbers": ", ".join(repeated)})
    if law.unplaced:
        law.warnings.append(
            _("%(n)s line(s) could not be placed in any provision.") % {"n": len(law.unplaced)}
        )
    missing = {
        "title": _("The title could not be found; please give it."),
        "year": _("The year could not be found; please give it."),
        "number": _("The number could not be found; please give it."),
    }
    law.warnings.extend(message for key, message in missing.items() if not getattr(law, key))


def _principal_act(lines: list[tuple[int, str]]) -> str:
    """The Act that an amending act calls "the principal Act", named on the line that defines it (with
    the line before, for a name a printed line breaks: "…Criminal Matters Act, / Cap. 140A in this Act
    referred to as the principal Act"). A pair of lines at a time: a pattern over the whole text would
    scan it again from every capital letter."""
    for i, (_n, line) in enumerate(lines):
        if "principal act" not in line.lower():
            continue
        joined = re.sub(r"\s+", " ", f"{lines[i - 1][1] if i else ''} {line}")
        found = re.search(
            r"principal act[”\"]?\s+means\s+(?:the\s+)?([^,;]+?act[^,;]*?(?:cap\.\s*\w+)?)[,;.]", joined, re.I
        )
        # "Section 18 of the Mutual … Act, Cap. 140A, in this Act referred to as the principal Act": the
        # name is capitalised words (and "of", "in", "and", "the") ending in "Act", not "Section 18 of".
        found = found or re.search(
            r"((?:[A-Z][\w()’'\-]*\s+)(?:(?:of|and|in|on|for|the|[A-Z(][\w()’'\-]*)\s+)*?Act"
            r"(?:,?\s*(?:Cap|Chap)\.\s*[\w:]+)?),?\s+\(?(?:in this Act\s+)?referred to as the principal Act",
            joined,
        )
        if found:
            return found.group(1).strip()
    return ""


# "la Ley 8422, Ley contra la Corrupción y el Enriquecimiento Ilícito en la Función Pública, de 6 de
# octubre de 2004": the number the law is cited by, then its name, up to its date or the sentence's end.
LAW_NAME_RE = re.compile(
    r"^,\s*((?:ley|lei|loi|c[óo]digo|code)\s+[^,.;:]{3,150}?)\s*(?=,\s*(?:de|del|du)\s+\d|[.;:]|$)", re.I
)


def _with_law_names(law: ParsedLaw) -> None:
    """A law cited by its number keeps the name printed right after it ("Ley 8422, Ley contra …"),
    read in the amending article's whole text once parsed: the printer may break the name anywhere."""
    for amendment in law.amendments:
        name = amendment.code_name
        if not re.match(r"^(?:ley|lei|loi)\s+\S", name, re.I) or "," in name:
            continue
        text = re.sub(r"\s+", " ", law.provisions[amendment.by_index].text)
        at = text.find(name)
        found = LAW_NAME_RE.match(text[at + len(name) :]) if at >= 0 else None
        if found:
            amendment.code_name = f"{name}, {found.group(1)}"


def _with_chapter(name: str, lines: list[tuple[int, str]]) -> str:
    """The principal Act with the chapter the bill cites it by elsewhere: "Section 2 of the Electronic
    Transactions Act, in this Act referred to as the principal Act" names it, "the Electronic
    Transactions Act, Cap. 308B" (objects and reasons) and the side headings ("Cap. 308B") cite it."""
    if not name or re.search(r"\b(?:Cap|Chap)\.", name):
        return name
    cited = re.compile(re.escape(name) + r",?\s*((?:Cap|Chap)\.\s*\d+[A-Z]?)\b")
    for i, (_n, line) in enumerate(lines):
        if name.split()[-1] not in line:
            continue
        found = cited.search(re.sub(r"\s+", " ", f"{line} {lines[i + 1][1] if i + 1 < len(lines) else ''}"))
        if found:
            return f"{name}, {found.group(1)}"
    return name


# "deleting section 18 and substituting", "deleting subsection (2) (b) and substituting": the units a
# Commonwealth amendment removes before it gives their new wording.
DELETED_UNITS_RE = re.compile(
    r"\bdeleting\s+(?:the\s+)?(?:sub)?(?:sections?|paragraphs?)\s+([\w() ]+?)\s+and\s+substituting", re.I
)
# "deleting the definitions of “accredited certificate”, “authorized …” and “…”;"
DELETED_TERMS_RE = re.compile(r"\bdeleting\s+the\s+definitions?\s+of\s+((?:[^;:]*?[”\"])+)", re.I)


def _split_by_deleted(law: ParsedLaw, amendment: Amendment) -> list[Amendment]:
    """One Commonwealth amending section can both substitute and insert: "deleting section 18 and
    substituting … sections 18 and 18A" replaces 18 and inserts 18A; "deleting the definitions of
    “accredited certificate” … and inserting … the following definitions" replaces the definitions it
    deleted and inserts the others. The wordings are split by what the amending words deleted."""
    own = [law.provisions[amendment.by_index].text]
    for provision in law.provisions[amendment.by_index + 1 :]:
        if provision.kind != "paragraph":
            break
        # "(a) deleting the definitions of …"; "… subsection (2) / (b) and substituting": a label the
        # printed line break turned into a paragraph's is still part of the words.
        own.append(f"{provision.number} {provision.text}")
    words = re.sub(r"\s+", " ", " ".join(own))
    units = {re.sub(r"\s+", "", u) for u in DELETED_UNITS_RE.findall(words)}
    terms = {
        fold(t)
        for group in DELETED_TERMS_RE.findall(words)
        for t in re.findall(r"[“\"]([^”\"]+)[”\"]", group)
    }
    if not units and not terms:
        return [amendment]

    def action(provision: ParsedProvision) -> str:
        term = re.search(r"“([^”]+)”", provision.number)
        if term:
            return "replace" if fold(term.group(1)) in terms else "insert"
        number = re.sub(r"\s+", "", provision.number)
        return (
            "replace"
            if any(number == u or number.endswith(u) and u.startswith("(") for u in units)
            else "insert"
        )

    parts: list[Amendment] = []
    for provision in amendment.provisions:
        wanted = (
            action(provision)
            if provision.kind == "article"
            else (parts[-1].action if parts else amendment.action)
        )
        if not parts or parts[-1].action != wanted:
            parts.append(dataclasses.replace(amendment, action=wanted, provisions=[]))
        parts[-1].provisions.append(provision)
    return parts


def _short_title(law: ParsedLaw) -> None:
    """A Commonwealth act names itself in section 1: "This Act may be cited as the Cybercrime Act, 2024"."""
    first = next((p for p in law.provisions if p.kind == "article"), None)
    # A printed line may break inside the name: "…(Amendment)\nAct, 2014".
    cited = SHORT_TITLE_RE.search(re.sub(r"\s+", " ", first.text) if first else "")
    if not cited:
        return
    # The name the act gives itself wins over heading lines (a bill's cover, its long title's first
    # line), unless the heading already prints that name ("THE CYBERCRIMES ACT, 2015").
    name = re.sub(r"\s+", " ", cited.group(1)).strip()
    if re.sub(r"^the\s+", "", fold(law.title or "").strip()) != fold(name):
        law.title = name
    if law.year is None and cited.group(2):
        law.year = int(cited.group(2))


def _own_front(front: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The heading lines that are this law's. A gazette's pages open with the end of the law printed
    before it ("DADA en Santo Domingo … DANILO MEDINA"): after a promulgation formula, this law's
    heading starts at the next line that cites a law ("Ley No. 107-13 sobre…")."""
    formulas = [i for i, (_n, line) in enumerate(front) if END_MATTER_RE.match(line)]
    if not formulas:
        return front
    cites = next(
        (i for i in range(formulas[0] + 1, len(front)) if IDENTIFIER_RE.match(front[i][1].lstrip())), None
    )
    return front[cites:] if cites is not None else front


def _body_start(lines: list[tuple[int, str]], sections: bool, source_format: str) -> int:
    first = next((i for i, (_n, line) in enumerate(lines) if _is_heading(line, sections)), None)
    if first is None or not any(
        _is_heading(line, sections) and not CONTAINER_RE.match(line) for _n, line in lines
    ):
        raise ImportError_(
            _(
                "%(type)s: no article heading found in %(n)s lines "
                "(expected e.g. “Artículo 1”, “Art. 2.-”, “Article 5”, “Section 3”)."
            )
            % {"type": source_format.upper(), "n": len(lines)}
        )
    return first


def parse_text(
    text: str, *, source_format: str = "txt", title: str = "", metadata: dict | None = None
) -> ParsedLaw:
    """Parse a statute's text; raises ImportError_ naming the line when no article can be found.

    `metadata` is front matter the document reader already found (title, number, dates…); it wins over
    what the heading says."""
    law = ParsedLaw(source_format=source_format)
    lines, meta = _lines(text, metadata)
    lines, arrangement = _skip_arrangement(lines, law)
    sections = _section_mode(lines)
    margins: list[tuple[int, str]] = []
    if sections:
        lines, margins = _page_layout(lines, law)
    first = _body_start(lines, sections, source_format)
    walk = _Walk(law, sections)
    walk.principal_act = _with_chapter(_principal_act(lines), lines)
    if (
        sections
        and first > 0
        and SECTION_RE.match(lines[first][1])
        and len(lines[first - 1][1].split()) <= 8
        and not COMMENCEMENT_RE.match(lines[first - 1][1])
    ):
        first -= 1  # the side heading of section 1 ("Short title") is body, not the act's title
    body = lines[first:]
    for i, (number, line) in enumerate(body):
        walk.line(number, line, body[i + 1][1] if i + 1 < len(body) else "")
    law.provisions = walk.own.finish()
    if sections:
        _place_margin_notes(law, margins)
        _arrangement_check(law, arrangement)
    _mend_headings(law.provisions)
    for changed, builder in walk.builders:
        changed.provisions = builder.finish()
    law.amendments = [a for a in law.amendments if a.provisions]
    _with_law_names(law)
    if sections:
        law.amendments = [part for a in law.amendments for part in _split_by_deleted(law, a)]
    law.end_matter = "\n".join(line for _n, line in walk.end)
    apply_identity(
        law, front=_own_front(lines[:first]), end=walk.end, running=walk.running, metadata=meta, title=title
    )
    _short_title(law)
    # "ACT 30 of 1996" read off a title line in capitals: the label as the law cites itself.
    capitals = re.match(r"^([A-Z]{2,})(\s+\S+\s+.*[a-z].*)$", law.identifier or "")
    if capitals:
        law.identifier = capitals.group(1).capitalize() + capitals.group(2)
    if not law.identifier and law.title:
        law.identifier = law.title[:120]
    if not law.language_from_metadata:
        # A sample is enough to tell the language; a whole 20 MB article would only cost time.
        sample = " ".join(p.text[:5000] for p in law.provisions[:40]) + " " + law.title
        law.language = detect_language(sample)
    for item in law.provisions:
        item.language = law.language
    for a in law.amendments:
        for item in a.provisions:
            item.language = law.language
    law.preamble = "\n".join(line for _n, line in lines[1:first])
    law.confidence = structure_confidence(law, len(body) - len(walk.end))
    _report(law)
    return law
