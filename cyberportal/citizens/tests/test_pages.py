"""The citizens' pages: the regional page that finds the reader's state, a state's page in the reader's
language, the "not yet provided" page, and nothing restricted on any of them, whoever reads."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cyberportal.citizens import services
from cyberportal.citizens.models import ReportingGuide
from cyberportal.citizens.selectors import home_tasks, region_from_accept_language
from cyberportal.citizens.tests.helpers import SPANISH, make_guide
from cyberportal.core.roles import Role, Visibility
from cyberportal.directory.tests.helpers import client_for, make_authority, make_contact
from cyberportal.links.models import LinkCheck
from cyberportal.links.tests.helpers import make_link
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


def _get(url, user=None, **headers):
    return client_for(user or make_user("visitor")).get(url, headers=headers)


def test_a_states_page_gives_the_authority_the_reporting_page_and_a_dialable_phone():
    make_guide(make_state("AR"), is_example=True)

    page = _get("/es/report-cybercrime/ar/").content.decode()

    assert "Unidad Fiscal Especializada en Ciberdelincuencia" in page
    assert 'href="https://www.example.gob/denuncias"' in page
    assert 'href="tel:+5491155550100"' in page and 'href="tel:911"' in page
    assert "Recibirá un número de denuncia." in page
    assert "badge-example" in page
    assert "No borre nada" in page  # the general checklist, in the reader's language
    assert "1 de junio de 2026" in page  # "as of"


def test_the_text_in_the_readers_language_is_chosen_and_another_is_marked():
    english = {**SPANISH, "language": "en", "authority": "Specialised Cybercrime Prosecution Unit"}
    make_guide(make_state("AR"), texts=[SPANISH, english])

    english_page = _get("/en/report-cybercrime/ar/").content.decode()
    french_page = _get("/fr/report-cybercrime/ar/").content.decode()

    assert "Specialised Cybercrime Prosecution Unit" in english_page
    assert 'lang="es"' in french_page and "Unidad Fiscal Especializada" in french_page
    assert "uniquement en espagnol" in french_page


def test_every_state_has_a_page_and_one_without_a_guide_says_so():
    make_state("UY")

    page = _get("/en/report-cybercrime/uy/").content.decode()

    assert "Not yet provided." in page
    assert "cannot take a report from the public" in page
    assert "What to keep as evidence" in page
    assert _get("/en/report-cybercrime/zz/").status_code == 404
    assert _get("/en/report-cybercrime/a1/").status_code == 404


def test_a_draft_is_never_on_the_page():
    ar = make_state("AR")
    focal = make_user(Role.FOCAL_POINT, ar, username="focal.ar")
    guide = make_guide(ar, publish=False)

    for user in (make_user("visitor"), focal):
        assert "Not yet provided." in _get("/en/report-cybercrime/ar/", user).content.decode()
    assert guide.live is False


@pytest.mark.parametrize("role", ["visitor", Role.EXPERT, Role.FOCAL_POINT, Role.SECRETARIAT])
def test_restricted_data_never_reaches_a_citizens_page(role):
    ar = make_state("AR")
    authority = make_authority(ar, name="Zyx Autoridad 24/7", visibility=Visibility.EXPERTS)
    make_contact(authority, "Zyx Contacto Nocturno", visibility=Visibility.EXPERTS)
    make_link(
        ar, "https://intra.example.org/", kind="police", title="Zyx intranet", visibility=Visibility.STATE
    )
    make_link(ar, "https://policia.example.org/", kind="police", title="Policía Federal")
    user = make_user(role, None if role == Role.SECRETARIAT else ar, username=f"u-{role}")

    for url in ("/en/report-cybercrime/ar/", "/en/report-cybercrime/"):
        page = _get(url, user).content.decode()
        assert "Zyx" not in page, (role, url)
    assert "Policía Federal" in _get("/en/report-cybercrime/ar/", user).content.decode()


def test_a_dead_national_site_is_not_offered_to_citizens():
    ar = make_state("AR")
    link = make_link(ar, "https://policia.example.org/", kind="police", title="Policía Federal")
    LinkCheck.objects.create(
        link=link,
        checked_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        checked_url=link.url,
        outcome="dead",
        error="HTTP 404",
    )

    assert "Policía Federal" not in _get("/en/report-cybercrime/ar/").content.decode()


def test_the_regional_page_suggests_the_state_from_the_browsers_region():
    make_state("AR"), make_state("BR")

    page = _get("/es/report-cybercrime/", **{"Accept-Language": "es-AR,es;q=0.9"}).content.decode()
    plain = _get("/es/report-cybercrime/", **{"Accept-Language": "es"}).content.decode()

    assert "sugiere Argentina" in page and 'href="/es/report-cybercrime/ar/"' in page
    assert "sugiere" not in plain
    assert "(aún no proporcionada)" in plain


def test_accept_language_is_read_in_order_of_preference():
    codes = {"AR", "BR", "US"}

    assert region_from_accept_language("en-GB,pt-BR;q=0.8,es-AR;q=0.9", codes) == "AR"
    assert region_from_accept_language("fr-FR, en", codes) is None
    assert region_from_accept_language("es-419", codes) is None  # a region that is no country
    assert region_from_accept_language("zh-Hant-US;q=0.1", codes) == "US"
    assert region_from_accept_language("es-ar;q=abc", codes) is None


def test_the_readers_choice_goes_to_the_states_page_and_a_wrong_one_is_named():
    make_state("AR")

    chosen = _get("/en/report-cybercrime/?country=AR")
    wrong = _get("/en/report-cybercrime/?country=Atlantis")

    assert chosen.status_code == 302 and chosen["Location"] == "/en/report-cybercrime/ar/"
    assert (
        wrong.status_code == 200
        and "Country: “Atlantis” is not a state of the network" in wrong.content.decode()
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("phone", "011 5555 0100"), ("phone", "+54 11 5555-0100"), ("emergency_number", "nine-one-one")],
)
def test_bad_numbers_are_refused_naming_the_field_and_value(field, value):
    with pytest.raises(ValidationError) as error:
        make_guide(make_state("AR"), **{field: value})

    assert field in error.value.message_dict and value in str(error.value.message_dict[field])
    assert not ReportingGuide.objects.exists()  # nothing half-saved


def test_texts_are_validated_whole():
    with pytest.raises(ValidationError, match="given twice"):
        make_guide(make_state("AR"), texts=[SPANISH, SPANISH])
    with pytest.raises(ValidationError, match="not a known language"):
        make_guide(make_state("AR"), texts=[{**SPANISH, "language": "xx-nope"}])
    assert not ReportingGuide.objects.exists()


def test_a_focal_point_drafts_their_own_states_guide_only():
    ar, co = make_state("AR"), make_state("CO")
    focal = make_user(Role.FOCAL_POINT, ar, username="focal.ar")
    guide = ReportingGuide(state=co, as_of=datetime.date(2026, 1, 1))

    with pytest.raises(PermissionDenied):
        services.reporting_guide_save(guide=guide, texts=[SPANISH], user=focal)
    own = services.reporting_guide_save(
        guide=ReportingGuide(state=ar, as_of=datetime.date(2026, 1, 1)), texts=[SPANISH], user=focal
    )
    assert own.live is False
    with pytest.raises(PermissionDenied):
        services.reporting_guide_save(guide=own, user=focal, publish=True)


def test_the_focal_points_home_asks_for_the_guide_until_it_is_published_and_current():
    ar = make_state("AR")
    focal = make_user(Role.FOCAL_POINT, ar, username="focal.ar")

    assert [(str(t.label), t.urgent) for t in home_tasks(focal)] == [
        ("Reporting page for citizens: not yet provided", True)
    ]
    make_guide(ar, next_due=datetime.date(2026, 7, 1))
    assert [(t.count, t.urgent) for t in home_tasks(focal)] == [(1, True)]  # past its verification date
    assert home_tasks(make_user(Role.SECRETARIAT, None, username="sec")) == []


def test_the_country_profile_links_the_citizens_page():
    make_guide(make_state("AR"))

    page = _get("/en/states/ar/").content.decode()

    assert 'href="/en/report-cybercrime/ar/"' in page


def test_a_focal_point_opens_the_guide_form_and_sees_only_their_own_state():
    ar, co = make_state("AR"), make_state("CO")
    make_guide(co, texts=[{**SPANISH, "authority": "Zyx Colombia"}])
    client = client_for(make_user(Role.FOCAL_POINT, ar, username="focal.ar"))

    form = client.get("/admin/snippets/citizens/reportingguide/add/")
    listing = client.get("/admin/snippets/citizens/reportingguide/").content.decode()

    assert form.status_code == 200
    assert "Colombia" not in listing
    assert "Reporting page for citizens: not yet provided" in client.get("/admin/").content.decode()
