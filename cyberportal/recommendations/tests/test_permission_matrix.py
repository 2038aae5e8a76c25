"""The permission matrix for implementation reports and the recommendations pages."""

import pytest
from django.test import Client

from cyberportal.core import policy
from cyberportal.core.roles import VISITOR
from cyberportal.recommendations import services
from cyberportal.recommendations.models import ImplementationReport
from cyberportal.testing import OWN, expected, make_state, make_user, matrix_cases

from .helpers import TODAY, import_fixture

pytestmark = pytest.mark.django_db


def _user(role, state_kind, owner, other):
    if role == VISITOR:
        return make_user(role)
    if role == "secretariat":
        return make_user(role, None)
    return make_user(role, owner if state_kind == OWN else other)


@pytest.fixture
def recommendation(db):
    return import_fixture("wg_2016_like.md").recommendations.get(number=1)


@pytest.mark.parametrize(("role", "state_kind", "visibility", "action"), matrix_cases())
def test_reports_follow_the_policy(recommendation, role, state_kind, visibility, action):
    owner, other = make_state("AR"), make_state("BR")
    report = ImplementationReport.objects.create(
        recommendation=recommendation, state=owner, status="implemented", as_of=TODAY, visibility=visibility
    )
    user = _user(role, state_kind, owner, other)

    assert policy.allows(user, action, report) is expected(role, state_kind, visibility, action)
    if action == "view":
        listed = ImplementationReport.objects.visible_to(user).filter(pk=report.pk).exists()
        assert listed is expected(role, state_kind, visibility, "view")
    if action == "edit":
        editable = ImplementationReport.objects.editable_by(user).filter(pk=report.pk).exists()
        assert editable is expected(role, state_kind, visibility, "edit")


@pytest.mark.parametrize(("role", "state_kind", "visibility", "action"), matrix_cases(actions=["view"]))
def test_recommendation_page_and_progress_report_show_accepted_reports_only_to_those_allowed(
    recommendation, role, state_kind, visibility, action
):
    owner, other = make_state("AR"), make_state("BR")
    secretariat = make_user("secretariat", username="the-secretariat")
    report = ImplementationReport.objects.create(
        recommendation=recommendation, state=owner, status="implemented", as_of=TODAY, visibility=visibility
    )
    services.report_accept(user=secretariat, report=report)
    client = Client()
    user = _user(role, state_kind, owner, other)
    if role != VISITOR:
        client.force_login(user)

    page = client.get(recommendation.get_absolute_url()).content.decode()
    progress = client.get(f"/en/recommendations/{recommendation.meeting.slug}/progress/").content.decode()

    allowed = expected(role, state_kind, visibility, "view")
    assert ("Argentina" in page.split("What the states report")[1]) is allowed
    assert ("Argentina" in progress) is allowed


# (role, own or other state) -> status of each page; "own" for the focal point means the report's state.
PAGES = {
    "index": "/en/recommendations/",
    "timeline": "/en/recommendations/timeline/",
    "theme": "/en/recommendations/themes/units/",
    "meeting": "/en/recommendations/working-group-ix/",
    "detail": "/en/recommendations/working-group-ix/1/",
    "progress": "/en/recommendations/working-group-ix/progress/",
    "pdf": "/en/recommendations/working-group-ix/progress.pdf",
    "import": "/en/recommendations/import/",
    "reports": "/en/recommendations/reports/",
    "report_form": "/en/recommendations/working-group-ix/1/report/",
}
PUBLIC_PAGES = {"index", "timeline", "theme", "meeting", "detail", "progress", "pdf"}
EXPECTED = {
    VISITOR: {name: 200 if name in PUBLIC_PAGES else 302 for name in PAGES},
    "expert": {name: 200 if name in PUBLIC_PAGES else 403 for name in PAGES},
    "focal_point": {name: 403 if name == "import" else 200 for name in PAGES},
    "secretariat": dict.fromkeys(PAGES, 200),
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("page", list(PAGES))
def test_who_opens_each_page(client, recommendation, role, page):
    if role != VISITOR:
        client.force_login(make_user(role, None if role == "secretariat" else make_state("AR")))
    assert client.get(PAGES[page]).status_code == EXPECTED[role][page]


def test_only_the_secretariat_accepts(client, recommendation):
    argentina = make_state("AR")
    focal = make_user("focal_point", argentina)
    report = services.report_save(
        user=focal, recommendation=recommendation, state=argentina, status="implemented"
    )
    client.force_login(focal)

    assert client.post(f"/en/recommendations/reports/{report.pk}/accept/").status_code == 403
    report.refresh_from_db()
    assert report.review_status == "draft"


def test_a_focal_point_cannot_overwrite_another_states_report_through_the_form(client, recommendation):
    argentina, brazil = make_state("AR"), make_state("BR")
    services.report_save(
        user=make_user("secretariat"), recommendation=recommendation, state=brazil, status="not_started"
    )
    client.force_login(make_user("focal_point", argentina))

    # The form always reports for the user's own state; a "state" field in the post is ignored.
    client.post(
        "/en/recommendations/working-group-ix/1/report/",
        {"state": "BR", "status": "implemented", "as_of": "2025-01-01"},
    )

    assert ImplementationReport.objects.get(state=brazil).status == "not_started"
    assert ImplementationReport.objects.get(state=argentina).status == "implemented"
