"""Every foundation list page runs the same number of queries whatever the number of rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cyberportal.core.testing import make_state
from cyberportal.states.models import Article, Instrument, State, TreatyStatus

pytestmark = pytest.mark.django_db

EXTRA_CODES = ["AR", "BR", "CL", "CO", "MX", "PE", "UY", "PY", "BO", "EC", "CA", "US"]


def _queries(url: str) -> int:
    client = Client()
    client.get(url)  # first request: caches (content types, sites) are filled
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _instrument(slug: str, articles: int) -> Instrument:
    instrument = Instrument.objects.create(slug=slug, short_name=slug.upper(), title=f"Convention {slug}")
    Article.objects.bulk_create(
        Article(instrument=instrument, number=str(n), title=f"Article {n}", category="general", sort_order=n)
        for n in range(articles)
    )
    return instrument


def _grow(instrument: Instrument, codes: list[str]) -> None:
    for code in codes:
        TreatyStatus.objects.create(state=make_state(code), instrument=instrument, status="ratified")


@pytest.mark.parametrize(
    "url",
    ["/en/states/", "/en/instruments/", "/en/instruments/cets-185/", "/en/states/ar/"],
)
def test_the_page_runs_a_constant_number_of_queries(url):
    cets = _instrument("cets-185", articles=2)
    _grow(cets, EXTRA_CODES[:2])
    few = _queries(url)

    for n in range(8):
        _grow(_instrument(f"other-{n}", articles=5), EXTRA_CODES[:3])
    _grow(cets, EXTRA_CODES[2:])
    Article.objects.bulk_create(
        Article(instrument=cets, number=f"x{n}", title="More", category="general") for n in range(30)
    )
    many = _queries(url)

    assert State.objects.count() == len(EXTRA_CODES)
    assert many == few, f"{url}: {few} queries with few rows, {many} with many"
