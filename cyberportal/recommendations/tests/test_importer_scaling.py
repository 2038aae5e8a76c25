"""The recommendations parser stays linear in the length of a document (issue 11, finding 3): it writes
each item's text once instead of rebuilding it for every line. Tests never assert time; they count the
characters written (see laws/tests/test_parser_scaling.py for the same check on laws)."""

from cyberportal.recommendations import importer as recommendations_importer


class _Counter:
    written = 0


def _counting(cls, fields):
    class Counting(cls):
        def __setattr__(self, name, value):
            if name in fields and isinstance(value, str):
                _Counter.written += len(value)
            super().__setattr__(name, value)

    return Counting


def test_recommendations_parser_writes_each_item_once(monkeypatch):
    fields = {"text"}
    monkeypatch.setattr(
        recommendations_importer,
        "ParsedRecommendation",
        _counting(recommendations_importer.ParsedRecommendation, fields),
    )
    monkeypatch.setattr(
        recommendations_importer, "ParsedSubItem", _counting(recommendations_importer.ParsedSubItem, fields)
    )
    _Counter.written = 0
    body = "\n".join(["that the states keep working on it"] * 3_000)
    text = f"I MEETING OF TESTS\n\n1. That the states act\n{body}\na. that they report\n{body}\n2. That they meet.\n"

    document = recommendations_importer.parse_text(text)

    assert [r.number for r in document.recommendations] == [1, 2]
    assert document.recommendations[0].sub_items[0].text.count("keep working") == 3_000
    assert _Counter.written <= 2 * len(text)
