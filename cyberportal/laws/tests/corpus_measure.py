"""Measure today's importer against the real-statute corpus in `corpus/` (issue 13 item 9).

Each `corpus/<state>-<id>/` holds the file as published, SOURCE.md and expected.json written by reading the
document. This module parses the file the way `import_law --dry-run --json` does (`parse_upload`), compares
with expected.json and keeps one row per document for the report printed at the end of the pytest run.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
# The corpus keeps small documents only (see corpus/README.md); a printed gazette issue embeds its fonts, so a
# four-page Moniteur weighs 830 KB.
MAX_BYTES = 900 * 1024
REQUIRED_KEYS = {
    "file", "state", "language", "format", "tradition", "type", "title", "identifier", "number", "year",
    "dates", "articles", "amends", "end_matter_starts_with",
}  # fmt: skip

# The dates a reader wrote in expected.json under the names the importer stores them with (ParsedLaw.dates);
# the others (a bill's document date, a chamber's approval, a consolidation) are not the law's own dates.
DATE_KEYS = {
    "enactment": "enacted",
    "assent": "enacted",
    "publication": "published",
    "commencement": "in_force",
}

# Rows of the report, filled by test_corpus and printed by conftest's terminal-summary hook.
ROWS: list[Result] = []


def documents() -> list[Path]:
    return sorted(p.parent for p in CORPUS.glob("*/expected.json"))


def load_expected(folder: Path) -> dict:
    return json.loads((folder / "expected.json").read_text(encoding="utf-8"))


def squash(text: str | None) -> str:
    """Compare texts the way a reader does: case, accents' encoding, markup stars and spacing ignored."""
    text = unicodedata.normalize("NFC", text or "").replace("\xa0", " ").replace("*", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass
class Result:
    slug: str
    state: str
    language: str
    format: str
    tradition: str
    expected: int
    found: int = 0
    matched: int = 0
    precision: float = 0.0
    recall: float = 0.0
    text_ok: int = 0
    identity: dict[str, bool] = field(default_factory=dict)
    amends_expected: int = 0
    amends_found: int = 0
    # Each expected wording paired with a found one (by its number, else by its place): how many of the
    # pairs name the right operation (insert | replace) and the right amended instrument.
    amends_action_ok: int = 0
    amends_target_ok: int = 0
    amends_wrong: list[str] = field(default_factory=list)
    unplaced: str = "n/a"
    refused: str = ""

    @property
    def articles_perfect(self) -> bool:
        return not self.refused and self.precision == 1.0 and self.recall == 1.0

    @property
    def identity_ok(self) -> bool:
        return all(self.identity.values())


def measure(folder: Path) -> Result:
    """Parse the published file with today's importer and compare with what a reader wrote down."""
    from cyberportal.laws.importers import ImportError_, parse_upload

    expected = load_expected(folder)
    wanted = [a["number"] for a in expected["articles"]]
    result = Result(
        slug=folder.name,
        state=expected["state"],
        language=expected["language"],
        format=expected["format"],
        tradition=expected["tradition"],
        expected=len(wanted),
        amends_expected=len(expected["amends"]),
    )
    path = folder / expected["file"]
    try:
        parsed = parse_upload(path.name, path.read_bytes())
    except ImportError_ as error:
        result.refused = str(error)
        result.identity = dict.fromkeys(("title", "number", "year", "language", "dates"), False)
        return result

    articles = [p for p in parsed.provisions if p.kind == "article"]
    found = [p.number.strip() for p in articles]
    common = Counter(found) & Counter(wanted)
    result.found = len(found)
    result.matched = sum(common.values())
    result.precision = result.matched / len(found) if found else 0.0
    result.recall = result.matched / len(wanted) if wanted else 1.0

    texts = {}
    for i, provision in enumerate(parsed.provisions):
        if provision.kind != "article":
            continue
        text = provision.text or ""
        following = parsed.provisions[i + 1] if i + 1 < len(parsed.provisions) else None
        if not text.strip() and following is not None and following.kind == "paragraph":
            text = following.text or ""  # "2. (1) In this Act," kept as the article's subsection (1)
        # README rule 8: the words after the number and heading; a leading subsection label is neither.
        texts.setdefault(provision.number.strip(), squash(re.sub(r"^\s*\(1\)\s*", "", text)))
    result.text_ok = sum(
        1 for a in expected["articles"] if texts.get(a["number"], "\0").startswith(squash(a["text_starts"]))
    )

    number = expected["number"] or ""
    result.identity = {
        "title": squash(parsed.title) == squash(expected["title"]),
        # A law without a number (Mexican federal laws, bills) must not be given one.
        "number": (parsed.number == number or number in (parsed.identifier or ""))
        if number
        else not parsed.number,
        "year": parsed.year == expected["year"],
        "language": parsed.language == expected["language"],
        # Every date the document prints, and none it does not (never a placeholder).
        "dates": {k: v.isoformat() for k, v in parsed.dates.items() if k in DATE_KEYS.values()}
        == {DATE_KEYS[k]: v for k, v in expected["dates"].items() if k in DATE_KEYS},
    }
    found_wordings = [
        (p.number.strip(), a.action, a.code_name)
        for a in parsed.amendments
        for p in a.provisions
        if p.kind == "article"
    ]
    result.amends_found = len(found_wordings)
    _compare_wordings(result, expected["amends"], found_wordings)
    unplaced = getattr(parsed, "unplaced", None)
    result.unplaced = "n/a" if unplaced is None else str(len(unplaced))
    return result


def _compare_wordings(result: Result, expected: list[dict], found: list[tuple[str, str, str]]) -> None:
    """Pair each expected wording with a found one, by number where the parser cites it the same way
    ("18A"), else by position ("58 numeral 17" read as "58"), and check its action and target."""
    by_number = {squash(number): i for i, (number, _action, _target) in reversed(list(enumerate(found)))}
    for position, wanted in enumerate(expected):
        i = by_number.get(squash(wanted["number"]), position if position < len(found) else None)
        if i is None:
            result.amends_wrong.append(f"{wanted['number']}: not found")
            continue
        _number, action, target = found[i]
        action_ok = action == wanted["action"]
        target_ok = squash(target) == squash(wanted["target"])
        result.amends_action_ok += action_ok
        result.amends_target_ok += target_ok
        if not action_ok:
            result.amends_wrong.append(f"{wanted['number']}: {action}, expected {wanted['action']}")
        if not target_ok:
            result.amends_wrong.append(
                f"{wanted['number']}: target “{target}”, expected “{wanted['target']}”"
            )


def report_lines(rows: list[Result]) -> list[str]:
    """The per-document table printed in the CI log."""
    head = (
        f"{'document':<42} {'st':<3}{'lang':<5}{'format':<24}{'tradition':<13}"
        f"{'exp':>4}{'found':>6}{'P':>6}{'R':>6}{'text':>6}  {'title/num/year/lang/dates':<26}{'amends':>8}"
        f"{'action':>8}{'target':>8}{'unpl':>6}  refused"
    )
    lines = [head, "-" * len(head)]
    for r in sorted(rows, key=lambda row: row.slug):
        ident = "".join(
            "✓" if r.identity.get(k) else "✗" for k in ("title", "number", "year", "language", "dates")
        )
        lines.append(
            f"{r.slug:<42} {r.state:<3}{r.language:<5}{r.format:<24}{r.tradition:<13}"
            f"{r.expected:>4}{r.found:>6}{r.precision:>6.2f}{r.recall:>6.2f}{r.text_ok:>6}  {ident:<26}"
            f"{f'{r.amends_found}/{r.amends_expected}':>8}"
            f"{f'{r.amends_action_ok}/{r.amends_expected}':>8}{f'{r.amends_target_ok}/{r.amends_expected}':>8}"
            f"{r.unplaced:>6}  {r.refused[:60]}"
        )
    total_expected = sum(r.expected for r in rows)
    total_matched = sum(r.matched for r in rows)
    total_found = sum(r.found for r in rows)
    perfect = sum(1 for r in rows if r.articles_perfect)
    lines.append(
        f"{len(rows)} documents, {perfect} with every article right; articles matched {total_matched} "
        f"of {total_expected} expected and {total_found} found"
    )
    return lines
