"""The cooperation pages: the regional view of one measure, a state's sheets, the declarations on the
profile and on the article's page, and who sees what on each."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cyberportal.cooperation.tests.helpers import make_declaration, make_sheet
from cyberportal.core.roles import Role, Visibility
from cyberportal.directory.tests.helpers import client_for, make_authority
from cyberportal.laws.tests.helpers import article, make_budapest, make_law, make_provision
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db

SECRET = "Ask for Duty Officer Zyx on the night line"


@pytest.fixture
def argentina():
    make_budapest()
    ar = make_state("AR")
    authority = make_authority(ar, name="Unidad Fiscal Especializada en Ciberdelincuencia")
    law = make_law(ar, "26388", identifier="Ley 26.388")
    provision = make_provision(law, "24", "Conservación de datos", heading="Conservación")
    sheet = make_sheet(
        ar,
        authority=authority,
        provisions=[provision],
        articles=[article("16")],
        experts_notes=SECRET,
        public_notes="Requests in Spanish are answered first.",
    )
    return ar, sheet


def _page(user, url):
    response = client_for(user).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("role", ["visitor", Role.EXPERT, Role.FOCAL_POINT, Role.SECRETARIAT])
def test_the_experts_notes_reach_vetted_users_only(argentina, role):
    user = make_user(role, make_state("BR"), username=f"u-{role}")

    state_page = _page(user, "/en/cooperation/ar/")
    regional = _page(user, "/en/cooperation/?measure=preservation")

    assert "Requests in Spanish are answered first." in state_page
    assert (SECRET in state_page) is (role != "visitor")
    assert SECRET not in regional  # the comparison never carries notes


def test_a_states_sheet_names_its_bases_authority_and_channels(argentina):
    page = _page(make_user("visitor"), "/en/cooperation/ar/")

    assert "Expedited preservation of stored data" in page
    assert "Ley 26.388, Art. 24" in page
    assert "Budapest Convention, Art. 16" in page
    assert "Unidad Fiscal Especializada en Ciberdelincuencia" in page
    assert "24/7 network" in page and "Spanish, English" in page
    assert "Name of the authority; the facts" in page


def test_links_to_records_the_reader_may_not_see_are_left_out(argentina):
    ar, sheet = argentina
    hidden_authority = make_authority(ar, name="Mesa reservada", visibility=Visibility.EXPERTS)
    hidden_law = make_law(ar, "9", identifier="Ley reservada 9", visibility=Visibility.EXPERTS)
    hidden_provision = make_provision(hidden_law, "1", "Texto")
    sheet.authority = hidden_authority
    sheet.domestic_provisions.add(hidden_provision)
    sheet.save()

    visitor = _page(make_user("visitor"), "/en/cooperation/ar/")
    expert = _page(make_user(Role.EXPERT, make_state("BR")), "/en/cooperation/ar/")

    assert "Mesa reservada" not in visitor and "Ley reservada 9" not in visitor
    assert "Mesa reservada" in expert and "Ley reservada 9" in expert


def test_drafts_and_restricted_sheets_stay_with_those_who_may_see_them(argentina):
    ar, _sheet = argentina
    make_sheet(ar, "content", publish=False, conditions="Draft conditions", can_execute="conditions")
    make_sheet(ar, "traffic", visibility=Visibility.EXPERTS, time_frames="Experts-only time frame")

    visitor = _page(make_user("visitor"), "/en/cooperation/ar/")
    other_focal = _page(make_user(Role.FOCAL_POINT, make_state("CO")), "/en/cooperation/ar/")
    own_focal = _page(make_user(Role.FOCAL_POINT, ar, username="focal.ar"), "/en/cooperation/ar/")
    expert = _page(make_user(Role.EXPERT, make_state("BR")), "/en/cooperation/ar/")

    assert "Draft conditions" not in visitor and "Draft conditions" not in other_focal
    assert "Draft conditions" in own_focal  # their own draft, as core.policy shows editors
    assert "Experts-only time frame" not in visitor and "Experts-only time frame" in expert


def test_a_published_sheet_shows_its_published_version_while_a_change_awaits_review(argentina):
    _ar, sheet = argentina
    sheet.time_frames = "Changed in a draft"
    sheet.save_revision()  # a draft revision: the row keeps the published version

    page = _page(make_user("visitor"), "/en/cooperation/ar/")

    assert "Within 24 hours." in page and "Changed in a draft" not in page


def test_the_regional_view_sorts_states_by_name_in_the_readers_language():
    for code in ("US", "MX", "AR"):
        make_sheet(make_state(code))

    english = _page(make_user("visitor"), "/en/cooperation/")
    french = _page(make_user("visitor"), "/fr/cooperation/")

    assert english.index("Argentina") < english.index("Mexico") < english.index("United States")
    assert french.index("Argentine") < french.index("États-Unis") < french.index("Mexique")


def test_the_regional_view_compares_one_measure_and_names_the_states_without_a_sheet(argentina):
    make_sheet(make_state("CL"), "emergency", can_execute="no")
    make_state("UY")

    preservation = _page(make_user("visitor"), "/en/cooperation/?measure=preservation")
    emergency = _page(make_user("visitor"), "/en/cooperation/?measure=emergency")

    assert "Argentina" in preservation.split("No sheet yet")[0]
    assert "Chile" in emergency.split("No sheet yet")[0] and "Argentina" in emergency.split("No sheet yet")[1]
    assert "Uruguay" in emergency.split("No sheet yet")[1]


def test_an_unknown_measure_is_named_and_ignored(argentina):
    page = _page(make_user("visitor"), "/en/cooperation/?measure=%3Cscript%3E")

    assert "Measure: “&lt;script&gt;” is not a valid choice; it was ignored." in page
    assert "Expedited preservation of stored data" in page


@pytest.mark.parametrize("code", ["zz", "argentina", "request"])
def test_an_unknown_state_answers_404(client, db, code):
    assert client.get(f"/en/cooperation/{code}/").status_code == 404


def test_the_assistants_routes_are_not_taken_for_a_state(client, db):
    """`requests/` is the assistant's (above the state's route): a visitor is sent to sign in."""
    for path in ("/en/cooperation/requests/", "/en/cooperation/requests/new/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_the_pages_render_in_the_four_languages(argentina):
    for language in ("en", "es", "pt", "fr"):
        page = _page(make_user("visitor"), f"/{language}/cooperation/ar/")
        assert f'lang="{language}"' in page


def _queries(url) -> int:
    from cyberportal.accounts.models import User

    counter = User.objects.filter(username="counter").first()
    client = client_for(counter or make_user(Role.EXPERT, make_state("BR"), username="counter"))
    client.get(url)  # warm the session and the caches of the first request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_states_sheets_or_declarations(argentina):
    make_declaration(argentina[0], article("16"))
    regional, state = _queries("/en/cooperation/"), _queries("/en/cooperation/ar/")

    for code in ("BR", "CL", "CO", "MX", "US", "UY"):
        other = make_state(code)
        authority = make_authority(other)
        law = make_law(other, "1")
        provision = make_provision(law, "1", "Texto")
        make_sheet(other, authority=authority, provisions=[provision], articles=[article("16"), article("2")])
        make_sheet(other, "content", authority=authority, provisions=[provision], articles=[article("16")])
        make_declaration(other, article("16"))
        make_declaration(other, article("2"), kind="reservation")
    ar = argentina[0]
    for measure in ("content", "traffic", "subscriber"):
        make_sheet(ar, measure, articles=[article("16"), article("2")])
    make_declaration(ar, article("2"), kind="reservation")

    assert _queries("/en/cooperation/") == regional
    assert _queries("/en/cooperation/ar/") == state


def test_the_profile_and_the_articles_page_show_the_declarations(argentina):
    ar, _sheet = argentina
    make_declaration(ar, article("16"), text="Preservation requests go to the 24/7 point of contact.")
    make_declaration(ar, article("2"), publish=False, text="A draft reservation")

    profile = _page(make_user("visitor"), "/en/states/ar/")
    article_page = _page(make_user("visitor"), "/en/laws/article/cets-185/16/")
    sheets = _page(make_user("visitor"), "/en/cooperation/ar/")

    for page in (profile, article_page, sheets):
        assert "Preservation requests go to the 24/7 point of contact." in page
        assert "A draft reservation" not in page
    assert "This state&#x27;s measure sheet (1)" in profile or "This state's measure sheet (1)" in profile
    assert "Argentina" in article_page
