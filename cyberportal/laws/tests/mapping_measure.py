"""Measure mapping suggestions against mappings made by hand (`corpus/expected_mappings.json`, issue 13
item 6): precision and recall of (provision, framework article) pairs, per document and overall.

The suggestion engine reads each provision's number, heading, text and language only, so it is measured on
the provisions as printed, independently of whether today's parser reads the whole file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from cyberportal.laws.search import match_items
from cyberportal.laws.thesaurus import CONCEPTS

EXPECTED = Path(__file__).resolve().parent / "corpus" / "expected_mappings.json"


@dataclass
class Row:
    document: str
    state: str
    provisions: int
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        suggested = self.true_positive + self.false_positive
        return self.true_positive / suggested if suggested else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0


# Filled by test_suggestions and printed by conftest's terminal-summary hook.
ROWS: list[Row] = []


def thesaurus_labels(concepts: dict = CONCEPTS) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    labels = [
        (slug, text)
        for slug, (_, by_language) in concepts.items()
        for texts in by_language.values()
        for text in texts
    ]
    return labels, {slug: numbers for slug, (numbers, _) in concepts.items()}


def measure(concepts: dict = CONCEPTS) -> list[Row]:
    labels, articles = thesaurus_labels(concepts)
    rows = []
    for document in json.loads(EXPECTED.read_text(encoding="utf-8"))["documents"]:
        items = [(i["number"], i["heading"], i["text"], document["language"]) for i in document["items"]]
        suggested = {
            (position, number)
            for position, concept, _ in match_items(items, labels)
            for number in articles[concept]
        }
        expected = {
            (position, number)
            for position, item in enumerate(document["items"])
            for number in item["expected"]
        }
        row = Row(document["document"], document["state"], len(items))
        row.true_positive = len(suggested & expected)
        row.false_positive = len(suggested - expected)
        row.false_negative = len(expected - suggested)
        row.misses = [f"+{items[p][0]}→{n}" for p, n in sorted(suggested - expected)] + [
            f"-{items[p][0]}→{n}" for p, n in sorted(expected - suggested)
        ]
        rows.append(row)
    return rows


def total(rows: list[Row]) -> Row:
    row = Row("all", "", sum(r.provisions for r in rows))
    row.true_positive = sum(r.true_positive for r in rows)
    row.false_positive = sum(r.false_positive for r in rows)
    row.false_negative = sum(r.false_negative for r in rows)
    return row


def report_lines(rows: list[Row]) -> list[str]:
    lines = [
        f"{'state':5} {'provisions':>10} {'precision':>9} {'recall':>6}  document; wrong (+suggested, -missed)"
    ]
    for r in [*rows, total(rows)]:
        lines.append(
            f"{r.state:5} {r.provisions:>10} {r.precision:>9.2f} {r.recall:>6.2f}  {r.document}"
            + (f"; {' '.join(r.misses)}" if r.misses else "")
        )
    return lines
