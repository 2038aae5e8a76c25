"""The finder and the exports, tried as a new user would (issue #4, "Done when")."""

import datetime
import zoneinfo
from unittest import mock

import pytest
import vobject
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cyberportal.directory.models import FinderRule, RoleType
from cyberportal.states.models import Article, Instrument
from cyberportal.testing import make_state, make_user

from .helpers import client_for, make_authority, make_contact

pytestmark = pytest.mark.django_db

BUENOS_AIRES = zoneinfo.ZoneInfo("America/Argentina/Buenos_Aires")  # UTC-3, no daylight saving


@pytest.fixture
def budapest(db):
    instrument = Instrument.objects.create(
        slug="cets-185", short_name="Budapest Convention", title="Convention on Cybercrime"
    )
    Article.objects.create(
        instrument=instrument,
        number="29",
        title="Expedited preservation of stored computer data",
        category="cooperation",
    )
    return instrument


@pytest.fixture
def colombia(db):
    state = make_state("CO")
    state.official_languages = ["es"]
    state.save()
    authority = make_authority(state, name="Fiscalía General de la Nación", time_zone="America/Bogota")
    desk = make_contact(authority, "Mesa 24/7", roles=["poc_247"], visibility="experts", available_247=True)
    central = make_contact(authority, "Autoridad central", roles=["central_authority"], visibility="public")
    hidden = make_contact(
        authority, "Enlace reservado", roles=["poc_247"], visibility="state", available_247=True
    )
    return state, authority, desk, central, hidden


def test_expert_finds_who_to_ask_for_emergency_preservation_at_3am_downloads_and_exports(budapest, colombia):
    state, authority, desk, central, hidden = colombia
    expert = make_user("expert", make_state("AR"))
    expert.time_zone = "America/Argentina/Buenos_Aires"
    expert.save()
    client = client_for(expert)
    three_am = datetime.datetime(2026, 11, 24, 3, 0, tzinfo=BUENOS_AIRES)  # a Tuesday, 01:00 in Bogotá

    with mock.patch("cyberportal.directory.views._now", return_value=three_am):
        page = client.get(
            "/en/directory/finder/", {"state": "CO", "measure": "preservation", "urgency": "emergency"}
        )

    answer = page.context["answer"]
    html = page.content.decode()
    assert answer.authority == authority
    assert answer.contacts == [desk]  # the 24/7 desk; the state-only contact is not shown to a foreign expert
    assert "Enlace reservado" not in html
    assert answer.hours.open_now is False and answer.available_now == [desk]
    assert "Tuesday 03:00" in html  # now, in the expert's own time zone
    assert "Buenos Aires (Argentina) · UTC−03:00" in html  # the zone by its name, not its IANA key
    assert "10:00–19:00 your time" in html  # 08–17 in Bogotá
    assert "opens Tuesday 10:00 your time" in html and "Closed now" not in html
    # The 24/7 desk comes first, above the office hours, with "available now".
    assert html.index("Available now") < html.index("Mesa 24/7") < html.index("Office hours")
    assert "Budapest Convention, Art. 29" in html
    assert "the necessity of the preservation" in html  # Art. 29(2)

    template = client.get(
        "/en/directory/finder/template/", {"state": "CO", "measure": "preservation", "urgency": "emergency"}
    )
    assert template.status_code == 200 and template["Content-Type"].startswith("text/plain")
    text = template.content.decode()
    assert text.startswith("SOLICITUD DE CONSERVACIÓN RÁPIDA") and "Fiscalía General de la Nación" in text
    english = client.get(
        "/en/directory/finder/template/",
        {"state": "CO", "measure": "preservation", "urgency": "emergency", "lang": "en"},
    )
    assert english.content.decode().startswith("REQUEST FOR EXPEDITED PRESERVATION")

    card = client.get(f"/en/directory/contacts/{desk.pk}/vcard/")
    assert card["Content-Type"].startswith("text/vcard")
    parsed = vobject.readOne(card.content.decode())
    assert parsed.version.value == "4.0"
    assert parsed.fn.value == "Mesa 24/7"
    assert parsed.tel.value.endswith("+12025550142")
    assert parsed.email.value == "mesa.247@example.org"


def test_a_rule_recorded_by_the_focal_point_wins_and_cites_the_domestic_provision(budapest, colombia):
    state, authority, desk, central, hidden = colombia
    rule = FinderRule.objects.create(
        state=state,
        measure="preservation",
        urgency="",
        authority=authority,
        channel="Central authority by e-mail",
        domestic_citation="Ley 1273 de 2009, art. 4",
    )
    rule.roles.set(RoleType.objects.filter(code="central_authority"))

    page = client_for(None).get(
        "/fr/directory/finder/",
        {"state": "CO", "measure": "preservation", "urgency": "routine", "tz": "Europe/Paris"},
    )

    assert page.context["answer"].contacts == [central]
    html = page.content.decode()
    assert "Ley 1273 de 2009, art. 4" in html and "Central authority by e-mail" in html
    assert page.context["answer"].reader_tz.key == "Europe/Paris"


def test_the_finder_says_clearly_when_input_is_wrong():
    page = client_for(None).get(
        "/en/directory/finder/", {"state": "ZZ", "measure": "teleport", "urgency": "now"}
    )
    assert page.status_code == 200 and page.context["answer"] is None
    assert page.context["form"].errors.keys() == {"state", "measure", "urgency"}


def _vcards(response):
    return list(vobject.readComponents(response.content.decode()))


@pytest.mark.parametrize("who", ["visitor", "expert-other", "focal-other"])
def test_exports_never_hold_a_contact_the_reader_cannot_see(who, colombia):
    state, authority, desk, central, hidden = colombia
    secret = make_contact(authority, "Solo Secretaría", visibility="secretariat")
    brazil = make_state("BR")
    user = {
        "visitor": None,
        "expert-other": make_user("expert", brazil),
        "focal-other": make_user("focal_point", brazil),
    }[who]
    client = client_for(user)
    allowed = {"Autoridad central"} | ({"Mesa 24/7"} if user else set())

    names = {c.fn.value for c in _vcards(client.get("/en/directory/export.vcf"))}
    assert names == allowed
    authority_cards = {
        c.fn.value for c in _vcards(client.get(f"/en/directory/authorities/{authority.pk}/vcard/"))
    }
    assert authority_cards == allowed | {authority.name}
    csv_text = client.get("/en/directory/export.csv").content.decode()
    pdf = client.get("/en/directory/export.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    for page_url in ["/en/directory/", "/en/states/co/", f"/en/directory/authorities/{authority.pk}/"]:
        html = client.get(page_url).content.decode()
        for name in allowed:
            assert name in html
        for name in {"Enlace reservado", "Solo Secretaría"}:
            assert name not in html
            assert name not in csv_text
    for restricted in (hidden, secret):
        for url in (
            f"/en/directory/contacts/{restricted.pk}/",
            f"/en/directory/contacts/{restricted.pk}/vcard/",
        ):
            response = client.get(url)
            assert response.status_code == 404
            assert restricted.name not in response.content.decode()


def test_the_secretariat_exports_everything_and_the_list_filters_by_state_and_role(colombia):
    state, authority, desk, central, hidden = colombia
    client = client_for(make_user("secretariat"))
    names = {c.fn.value for c in _vcards(client.get("/en/directory/export.vcf?state=CO&role=poc_247"))}
    assert names == {"Mesa 24/7", "Enlace reservado"}
    page = client.get("/en/directory/?role=teleport")
    assert "“teleport” is not a valid choice" in page.content.decode()


def test_stale_contacts_are_flagged_on_the_list_and_the_contact_page(colombia):
    state, authority, desk, central, hidden = colombia
    client = client_for(None)
    assert "Never verified" in client.get("/en/directory/").content.decode()
    assert (
        "has not been verified within the period"
        in client.get(f"/en/directory/contacts/{central.pk}/").content.decode()
    )


def test_the_list_takes_the_same_number_of_queries_whatever_the_number_of_rows(colombia):
    state, authority, *_ = colombia
    client = client_for(make_user("secretariat"))
    client.get("/en/directory/")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/directory/")
    for index in range(6):
        make_contact(
            authority,
            f"Extra {index}",
            roles=["poc_247", "wg_delegate"],
            phones=[("office", "+1 202 555 0111"), ("mobile", "+1 202 555 0112")],
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/en/directory/")
    assert len(many) == len(few)


def test_the_printable_directory_prints_every_name(colombia):
    """Names outside Latin-1 used to print as boxes: the PDF embeds a Unicode font."""
    import io

    from pypdf import PdfReader

    state, authority, *_ = colombia
    make_contact(authority, "Nguyễn Thị Łukasz", roles=["central_authority"], visibility="public")
    pdf = client_for(make_user("secretariat")).get("/en/directory/export.pdf")
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Nguyễn Thị Łukasz" in text and "Fiscalía General de la Nación" in text


def test_the_answer_comes_above_the_form_and_takes_the_focus(budapest, colombia):
    page = client_for(None).get(
        "/en/directory/finder/", {"state": "CO", "measure": "preservation", "urgency": "urgent"}
    )
    html = page.content.decode()

    assert html.index('id="h-answer" tabindex="-1"') < html.index('<form method="get"')
    assert "js/finder.js" in html  # the browser's own time zone, and the focus on the answer


def test_office_hours_say_when_the_office_opens_next_in_the_readers_time(budapest, colombia):
    state, authority, desk, central, hidden = colombia
    saturday_night = datetime.datetime(2026, 11, 28, 23, 0, tzinfo=BUENOS_AIRES)  # 21:00 in Bogotá

    with mock.patch("cyberportal.directory.views._now", return_value=saturday_night):
        page = client_for(None).get(
            "/es/directory/finder/",
            {"state": "CO", "measure": "mutual_assistance", "urgency": "routine", "tz": "America/Sao_Paulo"},
        )

    answer = page.context["answer"]
    assert answer.hours.next_open == datetime.datetime(2026, 11, 30, 10, 0, tzinfo=BUENOS_AIRES)
    html = page.content.decode()
    assert "abre lunes 10:00 en su hora" in html  # Monday 08:00 in Bogotá is 10:00 in São Paulo
    assert "São Paulo (Brasil) · UTC−03:00" in html


def test_the_time_zone_picker_is_short_grouped_and_in_the_readers_language(db):
    page = client_for(None).get("/pt/directory/finder/")
    html = page.content.decode()
    select = html[html.index('<select name="tz"') : html.index("</select>", html.index('<select name="tz"'))]

    assert select.count("<option") < 120  # not the ~600 raw IANA names
    assert select.index('label="América Setentrional"') < select.index('label="Europa"')
    assert "São Paulo (Brasil)" in select and "America/Araguaina" not in select


def test_a_zone_outside_the_short_list_is_still_accepted_from_the_browser(budapest, colombia):
    page = client_for(None).get(
        "/en/directory/finder/",
        {"state": "CO", "measure": "preservation", "urgency": "urgent", "tz": "America/Araguaina"},
    )
    assert page.context["answer"].reader_tz.key == "America/Araguaina"
    bad = client_for(None).get(
        "/en/directory/finder/",
        {"state": "CO", "measure": "preservation", "urgency": "urgent", "tz": "Mars/Base"},
    )
    assert bad.context["answer"] is None and "“Mars/Base” is not a time zone." in bad.content.decode()
