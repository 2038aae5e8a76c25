"""Reference content in four languages (issue 14, item 3): instrument names and article titles from
their language versions, with the source per language, and a visible marker where none is recorded."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from cyberportal.core.timezones import CAPITAL_ZONES
from cyberportal.states.models import Article, Instrument, State, TreatyStatus
from cyberportal.states.services import INSTRUMENTS_FILE, TRANSLATIONS_FILE, reference_data_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    reference_data_load()


@pytest.mark.parametrize(
    ("language", "name", "title", "article_2"),
    [
        ("es", "Convenio de Budapest", "Convenio sobre la Ciberdelincuencia", "Acceso ilícito"),
        ("pt", "Convenção de Budapeste", "Convenção sobre o Cibercrime", "Acesso ilegal"),
        ("fr", "Convention de Budapest", "Convention sur la cybercriminalité", "Accès illégal"),
        ("en", "Budapest Convention", "Convention on Cybercrime", "Illegal access"),
    ],
)
def test_the_budapest_convention_reads_in_the_readers_language_with_its_source(
    loaded, language, name, title, article_2
):
    html = Client().get(f"/{language}/instruments/cets-185/").content.decode()

    assert f"<h1>{name}</h1>" in html and title in html
    assert f'<td lang="{language}">{article_2}' in html
    assert "original language" not in html and "idioma original" not in html
    if language != "en":
        with translation.override(language):
            source = Instrument.objects.get(slug="cets-185").language_source
        assert source["source"] and source["source"] in html.replace("&#x27;", "'")


def test_a_title_without_a_version_in_the_readers_language_falls_back_visibly(loaded):
    html = Client().get("/pt/instruments/un-cybercrime-2024/").content.decode()

    # No official Portuguese version of the UN convention: its name and titles stay English, marked.
    assert '<p class="lead" lang="en">United Nations Convention against Cybercrime' in html
    assert '<td lang="en">Illegal access <span class="badge badge-fallback"' in html
    assert "idioma original" in html
    spanish = Client().get("/es/instruments/un-cybercrime-2024/").content.decode()
    assert "<h1>Convención de las Naciones Unidas contra la Ciberdelincuencia</h1>" in spanish


def test_state_lists_name_the_instrument_in_the_readers_language(loaded):
    argentina = State.objects.get(code="AR")
    TreatyStatus.objects.update_or_create(
        state=argentina, instrument=Instrument.objects.get(slug="cets-185"), defaults={"status": "acceded"}
    )

    html = Client().get("/es/states/").content.decode()

    assert "Convenio de Budapest: Adherido" in html and "Budapest Convention:" not in html


def test_every_budapest_article_has_its_title_in_the_three_languages_and_each_language_a_source(loaded):
    articles = Article.objects.filter(instrument__slug="cets-185")
    assert articles.count() == 48
    for article in articles:
        assert {"es", "pt", "fr"} <= set(article.translations), article.number
        assert all(article.translations[lang]["title"] for lang in ("es", "pt", "fr"))
    for instrument in Instrument.objects.all():
        for language, entry in instrument.translations.items():
            assert entry.get("source"), (instrument.slug, language)
    assert TRANSLATIONS_FILE.exists()


def test_an_editors_correction_survives_a_reload_without_update(loaded):
    article = Article.objects.get(instrument__slug="cets-185", number="2")
    article.translations["es"]["title"] = "Acceso ilícito (corregido)"
    article.save()

    reference_data_load()

    article.refresh_from_db()
    assert article.translations["es"]["title"] == "Acceso ilícito (corregido)"


def test_each_oas_states_default_zone_is_its_capitals(loaded):
    states = {s.code: s for s in State.objects.all()}
    assert set(states) <= set(CAPITAL_ZONES)  # every OAS member has its capital's zone
    assert states["BR"].default_time_zone == "America/Sao_Paulo"
    assert states["BR"].time_zones[0] == "America/Sao_Paulo"  # not America/Araguaina
    assert states["US"].default_time_zone == "America/New_York"
    assert states["EC"].default_time_zone == "America/Guayaquil"


# --- The language versions file itself (no database needed, but cheap to run under the module's mark) ---

REFERENCE = json.loads(INSTRUMENTS_FILE.read_text(encoding="utf-8"))["instruments"]
VERSIONS = json.loads(TRANSLATIONS_FILE.read_text(encoding="utf-8"))["instruments"]


def _pairs():
    """(instrument, language) for every language that gives at least one article title."""
    for slug, entry in VERSIONS.items():
        for language in sorted({lang for titles in (entry.get("titles") or {}).values() for lang in titles}):
            yield slug, language


@pytest.mark.parametrize(("slug", "language"), list(_pairs()))
def test_a_language_version_names_its_source_and_covers_every_checked_article(slug, language):
    """A language that gives article titles must say where they were read, give one for every article
    whose English title is checked against the official text, and none for a provisional one: the
    English of a provisional title is a placeholder ("Final provision"), so a title "translated" from it
    would be read in no official version. Check the English first, then add the other languages."""
    names = VERSIONS[slug]["names"][language]
    assert names.get("source") and names.get("source_url"), (slug, language)
    articles = {a["number"]: a for a in next(i for i in REFERENCE if i["slug"] == slug)["articles"]}
    titles = {n: t[language] for n, t in VERSIONS[slug]["titles"].items() if t.get(language)}
    assert set(titles) <= set(articles), f"{slug} {language}: titles for unknown articles"
    checked = {n for n, a in articles.items() if not a.get("provisional")}
    assert checked - set(titles) == set(), f"{slug} {language}: checked articles without a title"
    provisional = set(titles) - checked
    assert not provisional, f"{slug} {language}: titles for provisional articles {sorted(provisional)}"


def test_the_oas_a55_statuses_come_from_the_oas_table_with_their_dates(loaded):
    statuses = {
        s.state.code: s
        for s in TreatyStatus.objects.filter(instrument__slug="oas-a-55").select_related("state")
    }

    assert len(statuses) == 32  # Cuba is not in the table; the copy read ends before Uruguay and Venezuela
    assert not {"CU", "UY", "VE"} & set(statuses)
    for code, status in statuses.items():
        assert "oas.org/juridico/english/" in status.source_url.lower() and status.as_of, code
        assert not status.is_example, code
        if status.status in ("ratified", "acceded"):
            assert status.ratified_on and "deposited on" in status.note, code
    brazil, argentina, barbados = statuses["BR"], statuses["AR"], statuses["BB"]
    assert (brazil.status, brazil.signed_on, brazil.ratified_on) == (
        "ratified",
        date(1994, 1, 7),
        date(2007, 10, 10),
    )
    assert argentina.status == "acceded" and "2006-12-12" in argentina.note
    assert barbados.status == "none" and barbados.signed_on is None
