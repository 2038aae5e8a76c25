"""Every interface catalogue (the project's and each app's) is complete and well-formed in es, pt, fr."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE.glob("**/locale/*/LC_MESSAGES/django.po"))
PLURAL_FORMS = {
    "es": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}


def _read(path: Path):
    with path.open("rb") as po:
        return read_po(po)


def test_every_app_with_templates_or_forms_has_the_three_catalogues():
    languages = {path.parts[-3] for path in CATALOGUES}
    assert languages == {"es", "pt", "fr"}
    assert len(CATALOGUES) % 3 == 0


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_message_is_translated_and_the_catalogue_is_well_formed(path):
    language = path.parts[-3]
    catalog = _read(path)
    header = dict(catalog.mime_headers)
    # gettext needs both: without Plural-Forms a plural message falls back to English rules.
    assert header.get("Language") == language
    assert header.get("Plural-Forms", "").startswith(f"nplurals={catalog.num_plurals};")
    untranslated = [
        m.id
        for m in catalog
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert untranslated == []
    problems = [
        (m.id, [str(e) for e in errors]) for m, errors in catalog.check() if errors
    ]  # placeholders kept, the number of plural forms right
    assert problems == []
    wrong_forms = [
        m.id for m in catalog if isinstance(m.string, tuple) and len(m.string) != catalog.num_plurals
    ]
    assert wrong_forms == []
