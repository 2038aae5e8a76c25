"""Mapping suggestions (issue 13 item 6): the engine over (number, heading, text, language) items, its
precision and recall against mappings made by hand, and the command that now suggests and saves them."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from cyberportal.laws.models import ConceptLabel, Provision, ProvisionMapping
from cyberportal.laws.search import match_items
from cyberportal.testing import make_state

from . import mapping_measure
from .helpers import make_thesaurus

FILES = Path(__file__).parent / "files"


def test_suggestions_reach_precision_and_recall_on_hand_made_mappings():
    rows = mapping_measure.measure()
    mapping_measure.ROWS[:] = rows  # printed at the end of the run by conftest
    overall = mapping_measure.total(rows)

    assert overall.provisions >= 90
    assert overall.precision >= 0.9, mapping_measure.report_lines(rows)
    assert overall.recall >= 0.8, mapping_measure.report_lines(rows)


def test_thesaurus_finds_offences_in_the_statutes_of_eight_states():
    states = {row.state for row in mapping_measure.measure() if row.true_positive}

    assert len(states) >= 8, states


def test_a_general_word_needs_the_digital_world_next_to_it():
    labels = [("fraud", "fraude"), ("illegal-access", "acceso indebido")]
    items = [
        ("1", "Fraude", "El que defraudare a otro en la venta de armas será castigado.", "es"),
        ("2", "Fraude", "El que manipulare un sistema informático para obtener un beneficio.", "es"),
        ("3", "Acceso indebido", "El que acceda sin autorización.", "es"),
    ]

    assert match_items(items, labels) == [(1, "fraud", "fraude"), (2, "illegal-access", "acceso indebido")]


def test_the_heading_decides_over_cross_references_in_the_text():
    labels = [("fraud", "computer-related fraud"), ("forgery", "computer-related forgery")]
    items = [("14", "Computer-related forgery", "Unlike computer-related fraud, this needs no gain.", "en")]

    assert match_items(items, labels) == [(0, "forgery", "computer-related forgery")]


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_law_suggests_for_inserted_wordings_and_saves_unreviewed_mappings(tmp_path):
    make_thesaurus()
    make_state("CO")
    law = tmp_path / "ley_9999.txt"
    law.write_text(
        "Ley 9999 de 2024\nPor la cual se protegen los sistemas informáticos\n"
        "Artículo 1. Acceso ilícito. El que acceda sin autorización a un sistema informático será castigado.\n"
        "Artículo 2. Vigencia. Esta ley rige desde su publicación.\n",
        encoding="utf-8",
    )

    dry, _ = _run("import_law", str(FILES / "ley_1273_2009.txt"), "--state", "CO", "--dry-run", "--json")
    suggestions = json.loads(dry)["suggestions"]
    assert {"provision": "269A", "article": "Budapest Convention, Art. 2"}.items() <= suggestions[0].items()
    assert suggestions[0]["code"].startswith("Código Penal")

    out, err = _run("import_law", str(law), "--state", "CO")

    assert "1 → Budapest Convention, Art. 2" in out and "1 suggested mappings to review" in err
    mapping = ProvisionMapping.objects.get()
    assert mapping.provision.number == "1" and mapping.article.number == "2"
    assert mapping.reviewed_at is None  # a suggestion, for the focal point to review


@pytest.mark.django_db
def test_import_law_can_leave_suggestions_unsaved(tmp_path):
    make_thesaurus()
    make_state("CO")
    law = tmp_path / "ley_9998.txt"
    law.write_text(
        "Ley 9998 de 2024\nArtículo 1. Acceso ilícito. El que acceda sin autorización a un sistema informático.\n",
        encoding="utf-8",
    )

    _run("import_law", str(law), "--state", "CO", "--no-suggestions")

    assert Provision.objects.filter(number="1").exists() and not ProvisionMapping.objects.exists()


def test_laws_that_are_not_about_cybercrime_get_no_suggestion():
    """Arms control, royal assent, the translation bureau, amnesty: "competencia", "definitions" and
    the like appear, but no framework article is implemented."""
    unrelated = [row for row in mapping_measure.measure() if row.true_positive + row.false_negative == 0]

    assert len(unrelated) >= 7
    assert [row.misses for row in unrelated if row.false_positive] == []


@pytest.mark.django_db
def test_load_thesaurus_adds_the_new_terms_and_keeps_the_secretariats():
    make_thesaurus()  # a database with the small, older thesaurus
    edited = ConceptLabel.objects.filter(text="acceso ilícito").get()
    edited.text = "acceso ilícito a sistemas"
    edited.save()

    _run("load_thesaurus")

    assert ConceptLabel.objects.filter(text="acceso no consentido a un sistema").exists()
    assert ConceptLabel.objects.filter(text="acceso ilícito a sistemas").exists()
