"""Returns through the pages: who may read and submit, the Secretariat's review, and what goes public."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from cyberportal.core.roles import Role, Visibility
from cyberportal.statistics import selectors, services
from cyberportal.statistics.models import ReturnStatus, StatisticsReturn
from cyberportal.testing import make_state, make_user

from .helpers import consistent_values, post_data, seed_indicators, typed

pytestmark = pytest.mark.django_db
YEAR = 2025
FORM = "/en/statistics/returns/co/2025/"


@pytest.fixture
def people():
    seed_indicators()
    co, ar = make_state("CO"), make_state("AR")
    return {
        "co": co,
        "ar": ar,
        "focal": make_user(Role.FOCAL_POINT, co, username="focal.co"),
        "focal_ar": make_user(Role.FOCAL_POINT, ar, username="focal.ar"),
        "expert_co": make_user(Role.EXPERT, co, username="expert.co"),
        "secretariat": make_user(Role.SECRETARIAT, None, username="sec"),
    }


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _draft(people, scale=7):
    saved, _outcome = services.return_save(
        user=people["focal"], state=people["co"], year=YEAR, typed=typed(consistent_values(scale))
    )
    return saved


def test_a_focal_point_of_another_state_cannot_read_a_draft_or_submit(people):
    _draft(people)
    other = _client(people["focal_ar"])

    assert other.get(FORM).status_code == 403
    response = other.post(FORM, post_data(consistent_values(2), submit=True))
    assert response.status_code == 403
    assert StatisticsReturn.objects.get().status == ReturnStatus.DRAFT
    assert list(selectors.returns_for(people["focal_ar"])) == []
    with pytest.raises(Exception, match="only your own state"):
        services.return_save(user=people["focal_ar"], state=people["co"], year=YEAR, typed={}, submit=True)


def test_an_expert_of_the_same_state_cannot_open_the_form(people):
    _draft(people)

    assert _client(people["expert_co"]).get(FORM).status_code == 403
    assert _client(people["expert_co"]).get(reverse("statistics:returns")).status_code == 403
    assert _client().get(FORM).status_code == 302  # visitors: to the sign-in page


def test_only_the_secretariat_validates_or_returns(people):
    saved = _draft(people)
    services.return_save(
        user=people["focal"], state=people["co"], year=YEAR, typed=typed(consistent_values(7)), submit=True
    )
    for user in (people["focal"], people["focal_ar"], people["expert_co"]):
        assert _client(user).post(f"{FORM}validate/").status_code == 403
        assert _client(user).post(f"{FORM}return/", {"comment": "no"}).status_code == 403
    saved.refresh_from_db()
    assert saved.status == ReturnStatus.SUBMITTED and not saved.live


def test_a_failed_submission_names_the_indicator_keeps_what_was_typed_and_saves_nothing(people):
    values = consistent_values() | {"cases-convicted-art2": 12, "cases-convicted-all": 39, "mla-sent": "12a"}

    response = _client(people["focal"]).post(FORM, post_data(values, submit=True, methodology="Fiscalía"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Mutual assistance requests sent: “12a” is not a whole number" in html
    assert 'name="value-mla-sent" value="12a"' in html
    assert 'name="value-cases-convicted-art2" value="12"' in html
    assert "Fiscalía" in html
    assert not StatisticsReturn.objects.exists()


def test_the_journey_draft_submit_validate_and_public(people):
    focal, secretariat = _client(people["focal"]), _client(people["secretariat"])
    values = consistent_values(3)

    response = focal.post(FORM, post_data(values, submit=False, methodology="Police records."))
    assert response.status_code == 302
    assert selectors.public_values().count() == 0
    response = focal.post(FORM, post_data(values, submit=True, methodology="Police records."))
    assert response.status_code == 302
    saved = StatisticsReturn.objects.get()
    assert saved.status == ReturnStatus.SUBMITTED
    # Submitted: the focal point can no longer change it.
    focal.post(FORM, post_data(consistent_values(4), submit=False))
    assert saved.values.get(indicator__code="cases-recorded-all").value == 300
    assert "300" not in _client().get("/en/statistics/").content.decode()

    assert secretariat.post(f"{FORM}validate/").status_code == 302
    saved.refresh_from_db()
    assert saved.status == ReturnStatus.VALIDATED and saved.live

    page = _client().get("/en/statistics/").content.decode()
    assert "300" in page and "<svg" in page and "<table" in page
    assert "Police records." in _client().get("/en/statistics/co/").content.decode()


def test_a_returned_return_leaves_the_public_tables_and_shows_the_comment(people):
    saved = _draft(people)
    services.return_save(
        user=people["focal"], state=people["co"], year=YEAR, typed=typed(consistent_values(7)), submit=True
    )
    services.return_validate(user=people["secretariat"], statistics_return=saved)
    assert selectors.public_values().count() > 0

    response = _client(people["secretariat"]).post(f"{FORM}return/", {"comment": "Art. 9 looks low."})
    assert response.status_code == 302
    assert selectors.public_values().count() == 0
    assert "Art. 9 looks low." in _client(people["focal"]).get(FORM).content.decode()


def test_returning_without_a_comment_is_refused(people):
    saved = _draft(people)
    services.return_save(
        user=people["focal"], state=people["co"], year=YEAR, typed=typed(consistent_values(7)), submit=True
    )

    _client(people["secretariat"]).post(f"{FORM}return/", {"comment": "  "})

    saved.refresh_from_db()
    assert saved.status == ReturnStatus.SUBMITTED


def _validated(people, state_key="co", scale=7, visibility=Visibility.PUBLIC):
    focal = people["focal"] if state_key == "co" else people["focal_ar"]
    saved, _o = services.return_save(
        user=focal, state=people[state_key], year=YEAR, typed=typed(consistent_values(scale)), submit=True
    )
    services.return_validate(user=people["secretariat"], statistics_return=saved)
    if visibility != Visibility.PUBLIC:
        StatisticsReturn.objects.filter(pk=saved.pk).update(visibility=visibility)
    return saved


def test_only_validated_public_values_reach_the_pages_and_downloads(people):
    _validated(people, "co", scale=7)  # cases recorded, all offences: 700
    _validated(people, "ar", scale=11, visibility=Visibility.EXPERTS)  # 1100: validated, not public
    services.return_save(
        user=people["focal"], state=people["co"], year=2026, typed=typed(consistent_values(13))
    )  # a draft: 1300
    pages = {
        path: _client(people["expert_co"]).get(path).content.decode("utf-8-sig")
        for path in (
            "/en/statistics/",
            "/en/statistics/co/",
            "/en/statistics/ar/",
            "/en/statistics/statistics.csv",
        )
    }

    assert "700" in pages["/en/statistics/"] and "700" in pages["/en/statistics/statistics.csv"]
    for path, text in pages.items():
        assert "1100" not in text and "1,100" not in text, path
        assert "1300" not in text and "1,300" not in text, path
        assert "2026" not in text, path


def test_the_csv_starts_with_a_bom_and_neutralises_formulas(people):
    saved = _validated(people)
    saved.values.filter(indicator__code="mla-sent").update(note='=HYPERLINK("http://x")')

    content = _client().get("/en/statistics/statistics.csv").content.decode("utf-8")

    assert content.startswith("\ufeffState,ISO code,Year")
    assert "'=HYPERLINK" in content


def test_the_xlsx_reads_back_with_openpyxl_and_is_locked(people):
    from openpyxl import load_workbook

    _validated(people, "co", scale=7)
    _validated(people, "ar", scale=11, visibility=Visibility.STATE)

    response = _client().get("/en/statistics/statistics.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))

    assert rows[0][:4] == ("State", "ISO code", "Year", "Indicator code")
    total = next(r for r in rows if r[1] == "CO" and r[3] == "cases-recorded-all")
    assert total[2] == 2025 and total[6] == 700
    assert not any(r[1] == "AR" for r in rows[1:])
    assert sheet.protection.sheet is True
    assert workbook.worksheets[1].cell(row=2, column=1).value == "cases-recorded-all"


def test_the_home_task_says_the_return_is_due_until_submitted(people):
    tasks = selectors.home_tasks(people["focal"])
    assert [str(t.label) for t in tasks] == [f"Statistics return for {selectors.due_year()} due"]
    assert tasks[0].url == f"/en/statistics/returns/co/{selectors.due_year()}/"

    services.return_save(
        user=people["focal"],
        state=people["co"],
        year=selectors.due_year(),
        typed=typed(consistent_values()),
        submit=True,
    )
    assert selectors.home_tasks(people["focal"]) == []
    secretariat_tasks = selectors.home_tasks(people["secretariat"])
    assert secretariat_tasks[0].count == 1
    assert selectors.home_tasks(people["expert_co"]) == []


def test_the_pages_answer_in_four_languages_and_refuse_bad_addresses(people):
    _validated(people)
    for language in ("en", "es", "pt", "fr"):
        assert _client().get(f"/{language}/statistics/").status_code == 200
        assert _client().get(f"/{language}/statistics/co/").status_code == 200
    assert _client().get("/en/statistics/zz/").status_code == 404
    assert _client().get("/en/statistics/?year=abc").status_code == 200
    assert _client(people["focal"]).get("/en/statistics/returns/co/1999/").status_code == 404
    assert _client(people["focal"]).get("/en/statistics/returns/xx/2025/").status_code == 404


def test_the_country_profile_links_the_states_validated_figures(people):
    profile = reverse("states:profile", args=["co"])
    reader = _client(people["focal_ar"])  # signed in: the visitors' page cache is not in the way
    link = 'href="/en/statistics/co/"'
    assert link not in reader.get(profile).content.decode()

    _validated(people)

    assert link in reader.get(profile).content.decode()


def test_the_secretariat_opens_any_states_return_and_a_bad_choice_is_named(people):
    client = _client(people["secretariat"])

    response = client.get(reverse("statistics:return_pick"), {"state": "AR", "year": "2025"})
    assert response.status_code == 302 and response["Location"] == "/en/statistics/returns/ar/2025/"
    assert client.get(response["Location"]).status_code == 200
    response = client.get(reverse("statistics:return_pick"), {"state": "A", "year": "x"}, follow=True)
    assert "Choose a state and write a year" in response.content.decode()
    assert _client(people["focal"]).get(reverse("statistics:return_pick")).status_code == 403
