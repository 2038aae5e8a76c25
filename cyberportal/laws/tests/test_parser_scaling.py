"""The text parsers stay linear in the length of a document (issue 11, finding 3).

Tests never assert time. They count the characters written into the parsed provisions' text and heading
fields: building each text once writes about as many characters as the document has, while rebuilding it
for every new line (the old parser: 1 MB took 32 s, 2 MB 153 s) writes a multiple that grows with the
document. Wall-clock figures for 1-20 MB are in docs/security.md.
"""

import pytest

from cyberportal.laws.importers import parsed as parsed_module
from cyberportal.laws.importers import text as text_module

LINE = (
    "El que sin autorización acceda a un sistema informático será castigado con prisión de dos a cinco años."
)


def law_text(lines_per_article: int, articles: int = 1) -> str:
    out = ["Ley 9999 de 2026", "Por la cual se prueba el importador"]
    for number in range(1, articles + 1):
        out.append(f"Artículo {number}. Prueba {number}. {LINE}")
        out.extend([LINE] * lines_per_article)
    return "\n".join(out)


class _Counter:
    written = 0


def _counting(cls, fields):
    """A subclass of a parsed-data class that counts the characters assigned to `fields`."""

    class Counting(cls):
        def __setattr__(self, name, value):
            if name in fields and isinstance(value, str):
                _Counter.written += len(value)
            super().__setattr__(name, value)

    return Counting


@pytest.mark.parametrize("lines", [1_000, 4_000])
def test_law_parser_writes_each_provision_once(monkeypatch, lines):
    monkeypatch.setattr(
        text_module, "ParsedProvision", _counting(parsed_module.ParsedProvision, {"text", "heading"})
    )
    _Counter.written = 0
    text = law_text(lines)

    law = text_module.parse_text(text)

    [article] = law.provisions
    assert article.text.count("\n") == lines
    # Rebuilding per line would write about lines/2 times the text (500x and 2000x here).
    assert _Counter.written <= 2 * len(text)


def test_a_five_megabyte_law_parses_into_its_structure():
    text = law_text(lines_per_article=50, articles=1_000)
    assert len(text.encode()) > 5 * 1024 * 1024

    law = text_module.parse_text(text)

    assert law.numbers() == [str(n) for n in range(1, 1_001)]
    assert all(p.text.count("\n") == 50 for p in law.provisions)
    assert law.identifier == "Ley 9999 de 2026" and law.language == "es"
