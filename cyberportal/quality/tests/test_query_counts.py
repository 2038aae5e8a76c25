"""Every foundation list page runs the same number of queries whatever the number of rows."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cyberportal.core.roles import Role
from cyberportal.states.models import Article, Instrument, State, TreatyStatus
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db

EXTRA_CODES = ["AR", "BR", "CL", "CO", "MX", "PE", "UY", "PY", "BO", "EC", "CA", "US"]


def _queries(url: str, user=None) -> int:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.get(url)  # first request: caches (content types, sites) are filled
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
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


# The capabilities' list pages, filled by the large scale's own generators at two sizes. Each entry:
# (url, the username to sign in as, or "" for a visitor); a url may appear once per account.
CAPABILITY_LIST_PAGES = [
    ("/en/laws/", ""),
    ("/en/laws/state/ar/", ""),
    ("/en/laws/matrix/?instrument=cets-185", ""),
    ("/en/laws/state/ar/gaps/?instrument=cets-185", ""),
    ("/en/laws/article/cets-185/2/", ""),
    ("/en/laws/akn/ar/act/synthetic/1/", ""),
    ("/en/search/?q=illegal+access", ""),
    ("/en/directory/", ""),
    ("/en/directory/?state=AR", "secretariat"),
    ("/en/directory/dashboard/", "secretariat"),
    ("/en/directory/dashboard/", "focal.ar"),
    ("/en/directory/dashboard/?page=2&bounced=2", "secretariat"),
    ("/en/recommendations/", ""),
    ("/en/recommendations/timeline/", ""),
    ("/en/recommendations/themes/legislation/", ""),
    ("/en/recommendations/working-group-s1/", ""),
    ("/en/recommendations/working-group-s1/progress/", ""),
    ("/en/recommendations/reports/", "focal.ar"),
    ("/en/recommendations/reports/?page=2", "focal.ar"),
    ("/en/recommendations/reports/", "secretariat"),
    ("/en/states/ar/", ""),
    ("/en/spaces/", "expert.ar"),
]


def _fill(size: int) -> None:
    """Synthetic laws, contacts, recommendations and spaces, `size` times a small unit of each."""
    from cyberportal.directory.models import Contact
    from cyberportal.directory.synthetic import directory_create
    from cyberportal.laws.synthetic import corpus_create
    from cyberportal.recommendations.models import ImplementationReport
    from cyberportal.recommendations.synthetic import recommendations_create
    from cyberportal.spaces import services as spaces

    states = list(State.objects.order_by("code"))
    corpus_create(states=states, laws_per_state=size, provisions=len(states) * size * 3, seed=size)
    directory_create(contacts=len(states) * size * 2, states=states, authorities_per_state=size, seed=size)
    recommendations_create(recommendations=10 * size, states=states, per_meeting=10, seed=size)
    # Lists that are empty skip their prefetches: make sure the profile's lists have rows at both sizes.
    Contact.objects.filter(authority__state__code="AR").update(visibility="public")
    ImplementationReport.objects.filter(state__code="AR").update(
        visibility="public", review_status="accepted"
    )
    secretariat = get_user_model().objects.get(username="secretariat")
    for n in range(size):
        space = spaces.space_create(
            actor=secretariat, name=f"Space {n}", slug=f"space-{n}", kind="working_group"
        )
        spaces.membership_add(
            actor=secretariat, space=space, user=get_user_model().objects.get(username="expert.ar")
        )


def _empty() -> None:
    from cyberportal.directory.synthetic import synthetic_authorities
    from cyberportal.laws.synthetic import corpus_delete
    from cyberportal.recommendations.synthetic import synthetic_meetings
    from cyberportal.spaces.models import Space

    corpus_delete()
    synthetic_authorities().delete()
    synthetic_meetings().delete()
    Space.objects.filter(slug__startswith="space-").delete()


def _user(username: str):
    return get_user_model().objects.get(username=username) if username else None


def test_every_capability_list_page_runs_a_constant_number_of_queries():
    from cyberportal.laws.services import thesaurus_load
    from cyberportal.states.services import reference_data_load

    reference_data_load()
    thesaurus_load()
    ar = State.objects.get(code="AR")
    make_user(Role.SECRETARIAT, username="secretariat")
    make_user(Role.EXPERT, ar, username="expert.ar")
    make_user(Role.FOCAL_POINT, ar, username="focal.ar")

    _fill(1)
    few = {(url, who): _queries(url, _user(who)) for url, who in CAPABILITY_LIST_PAGES}
    _empty()
    _fill(4)
    many = {(url, who): _queries(url, _user(who)) for url, who in CAPABILITY_LIST_PAGES}

    grown = {page: (few[page], many[page]) for page in few if many[page] != few[page]}
    assert not grown, f"queries with few rows, with many: {grown}"


@pytest.mark.parametrize("url", ["/admin/", "/admin/snippets/states/state/"])
def test_the_admin_key_pages_run_a_constant_number_of_queries(url):
    """Measured with the admin fragment cache off (the test settings), so this is Wagtail's own rendering."""
    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    _grow(_instrument("cets-185", articles=2), EXTRA_CODES[:2])
    few = _queries(url, secretariat)

    for n in range(8):
        _grow(_instrument(f"other-{n}", articles=5), EXTRA_CODES[:3])
    _grow(Instrument.objects.get(slug="cets-185"), EXTRA_CODES[2:])
    many = _queries(url, secretariat)

    assert State.objects.count() == len(EXTRA_CODES)
    assert many == few, f"{url}: {few} queries with few rows, {many} with many"
