"""`manage.py import_recommendations PATH [--dry-run] [--json]`."""

import json

import pytest
from django.core.management import CommandError, call_command

from cyberportal.recommendations.models import Meeting, Recommendation, SubItem

from .helpers import FIXTURES, pdf_bytes

pytestmark = pytest.mark.django_db


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_recommendations", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_the_meeting_and_numbers_and_saves_nothing():
    output = _run(str(FIXTURES / "wg_2016_like.md"), "--dry-run")

    assert "number=IX" in output and "place=Washington, D.C." in output
    assert "  3 (a, b, c)" in output
    assert "Recommendations: 5" in output
    assert Meeting.objects.count() == 0 and Recommendation.objects.count() == 0


def test_json_prints_the_parsed_document():
    data = json.loads(_run(str(FIXTURES / "wg_2016_like.md"), "--dry-run", "--json"))

    assert data["meeting"]["body"] == "working_group"
    assert [r["number"] for r in data["recommendations"]] == [1, 2, 3, 4, 5]
    assert data["recommendations"][2]["letters"] == ["a", "b", "c"]
    assert data["recommendations"][0]["text"].startswith("That States which have not yet done so")


def test_without_dry_run_it_saves_everything():
    _run(str(FIXTURES / "wg_2016_like.md"))

    meeting = Meeting.objects.get()
    assert meeting.recommendations.count() == 5
    assert SubItem.objects.filter(recommendation__number=3).count() == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("no_items.txt", None, "No numbered recommendations"),
        ("scan.pdf", pdf_bytes(None), "has a text layer .a scanned image"),
        ("document.rtf", b"{\\rtf1}", "unsupported file type"),
    ],
)
def test_bad_input_exits_non_zero_with_a_message(tmp_path, name, content, message):
    path = FIXTURES / name if content is None else tmp_path / name
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        _run(str(path))
    assert Meeting.objects.count() == 0


def test_a_missing_file_is_an_error():
    with pytest.raises(CommandError, match="No such file"):
        _run("/nonexistent/recommendations.txt")


def test_a_header_without_dates_saves_nothing(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("CONCLUSIONS AND RECOMMENDATIONS OF REMJA-VII\n\n1. That the states act.\n")

    with pytest.raises(CommandError, match="year"):
        _run(str(path))
    assert Meeting.objects.count() == 0
