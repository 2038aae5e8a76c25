"""Implementation reports: focal points report for their own state, the Secretariat accepts; the progress
report counts what was accepted, in HTML and PDF, in any of the four languages."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cyberportal.recommendations import services
from cyberportal.recommendations.models import ImplementationReport, ReviewStatus
from cyberportal.testing import make_state, make_user

from .helpers import TODAY, import_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return import_fixture("wg_2016_like.md")


def _url(recommendation, suffix="report/"):
    return f"/en/recommendations/{recommendation.meeting.slug}/{recommendation.number}/{suffix}"


def test_focal_point_reports_and_the_secretariat_accepts_then_a_spanish_pdf(client, meeting):
    colombia = make_state("CO")
    focal, secretariat = make_user("focal_point", colombia), make_user("secretariat")
    recommendation = meeting.recommendations.get(number=1)

    client.force_login(focal)
    form = client.get(_url(recommendation))
    assert form.status_code == 200
    response = client.post(
        _url(recommendation),
        {
            "status": "implemented",
            "as_of": "2025-06-30",
            "narrative": "Unidad especializada creada por resolución.",
            "evidence_links": "https://example.org/resolucion",
        },
    )
    assert response.status_code == 302
    report = ImplementationReport.objects.get()
    assert (report.state, report.review_status) == (colombia, ReviewStatus.DRAFT)
    assert (
        "Colombia"
        not in client.get(_url(recommendation, "")).content.decode().split("What the states report")[1]
    )

    client.force_login(secretariat)
    drafts = client.get("/en/recommendations/reports/").content.decode()
    assert "Unidad especializada" in drafts
    assert client.post(f"/en/recommendations/reports/{report.pk}/accept/").status_code == 302
    report.refresh_from_db()
    assert report.review_status == ReviewStatus.ACCEPTED and report.accepted_by == secretariat
    assert [h.review_status for h in report.history.all()] == ["accepted", "draft"]

    public = client.get(_url(recommendation, "")).content.decode()
    assert "Colombia" in public and "Implemented" in public

    html = client.get(f"/es/recommendations/{meeting.slug}/progress/").content.decode()
    assert "Informe de avance" in html and "Colombia" in html and "<svg" in html

    pdf = client.get(f"/en/recommendations/{meeting.slug}/progress.pdf?lang=es")
    assert pdf["Content-Type"] == "application/pdf" and pdf["Content-Language"] == "es"
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Informe de avance" in text and "Recomendación 1" in text and "Colombia" in text


def test_progress_report_counts_and_scorecards(client, meeting):
    secretariat = make_user("secretariat")
    recommendation = meeting.recommendations.get(number=1)
    for code, status in (("AR", "implemented"), ("BR", "implemented"), ("CL", "in_progress")):
        state = make_state(code)
        report = services.report_save(
            user=secretariat, recommendation=recommendation, state=state, status=status, as_of=TODAY
        )
        services.report_accept(user=secretariat, report=report)
    services.report_save(  # a draft: not counted
        user=secretariat,
        recommendation=recommendation,
        state=make_state("MX"),
        status="implemented",
        as_of=TODAY,
    )

    page = client.get(f"/en/recommendations/{meeting.slug}/progress/").content.decode()
    section = page.split('id="h-r1"')[1].split('id="h-r2"')[0]
    assert '<th scope="row">Implemented</th><td>2</td>' in section
    assert '<th scope="row">In progress</th><td>1</td>' in section
    assert "Argentina" in section and "Brazil" in section and "Mexico" not in section
    assert "Scorecards by state" in page and page.count("<svg") == meeting.recommendations.count()


def test_a_report_keeps_history_and_becomes_a_draft_again(meeting):
    colombia = make_state("CO")
    focal, secretariat = make_user("focal_point", colombia), make_user("secretariat")
    recommendation = meeting.recommendations.get(number=1)
    report = services.report_save(
        user=focal, recommendation=recommendation, state=colombia, status="in_progress", as_of=TODAY
    )
    services.report_accept(user=secretariat, report=report)

    report = services.report_save(
        user=focal, recommendation=recommendation, state=colombia, status="implemented", as_of=TODAY
    )

    assert report.review_status == ReviewStatus.DRAFT
    assert [h.status for h in report.history.all()] == ["implemented", "in_progress", "in_progress"]
    assert report.revisions.count() >= 2


def test_focal_points_report_only_for_their_own_state(meeting):
    argentina, brazil = make_state("AR"), make_state("BR")
    focal_ar = make_user("focal_point", argentina)
    recommendation = meeting.recommendations.get(number=1)

    with pytest.raises(PermissionDenied):
        services.report_save(user=focal_ar, recommendation=recommendation, state=brazil, status="implemented")
    with pytest.raises(PermissionDenied):
        services.report_save(user=focal_ar, recommendation=recommendation, state=None, status="implemented")
    with pytest.raises(PermissionDenied):
        services.report_accept(
            user=focal_ar,
            report=services.report_save(
                user=focal_ar, recommendation=recommendation, state=argentina, status="implemented"
            ),
        )


def test_only_recommendations_addressed_to_the_reporter(meeting):
    colombia = make_state("CO")
    secretariat = make_user("secretariat")
    to_secretariat = meeting.recommendations.get(number=2)  # the Technical Secretariat's
    only_group = meeting.recommendations.get(number=5)  # the Working Group's

    report = services.report_save(
        user=secretariat, recommendation=to_secretariat, state=None, status="in_progress"
    )
    assert report.state is None
    with pytest.raises(ValidationError, match="not addressed"):
        services.report_save(
            user=secretariat, recommendation=only_group, state=colombia, status="implemented"
        )


def test_bad_input_keeps_what_was_typed(client, meeting):
    colombia = make_state("CO")
    client.force_login(make_user("focal_point", colombia))
    recommendation = meeting.recommendations.get(number=1)

    response = client.post(
        _url(recommendation),
        {"status": "done", "as_of": "not a date", "narrative": "Mi texto", "evidence_links": "ftp:/nope"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Mi texto" in page and "ftp:/nope" in page
    assert "Line 1" in page and "is not a web address" in page
    assert ImplementationReport.objects.count() == 0


@pytest.mark.parametrize("role", ["expert"])
def test_experts_do_not_report(client, meeting, role):
    client.force_login(make_user(role, make_state("AR")))
    recommendation = meeting.recommendations.get(number=1)
    assert client.get(_url(recommendation)).status_code == 403
    assert client.get("/en/recommendations/reports/").status_code == 403


def _member(code: str, status: str = "member"):
    from cyberportal.states.models import Membership

    state = make_state(code)
    Membership.objects.create(state=state, status=status, since_year=2000)
    return state


def test_progress_report_says_who_has_not_reported_and_counts_non_participants_apart(client, meeting):
    """The counts add up to the states taking part; members not taking part are never implementers."""
    secretariat = make_user("secretariat")
    recommendation = meeting.recommendations.get(number=1)
    argentina, brazil, _chile = _member("AR"), _member("BR"), _member("CL")
    cuba = _member("CU", "not_participating")
    _member("NI", "not_participating")
    for state, status in ((argentina, "implemented"), (brazil, "in_progress"), (cuba, "implemented")):
        report = services.report_save(
            user=secretariat, recommendation=recommendation, state=state, status=status, as_of=TODAY
        )
        services.report_accept(user=secretariat, report=report)

    page = client.get(f"/en/recommendations/{meeting.slug}/progress/").content.decode()
    assert "3 states take part in the network" in page
    assert "Members not taking part, counted apart: Cuba, Nicaragua." in page
    section = page.split('id="h-r1"')[1].split('id="h-r2"')[0]
    assert '<th scope="row">Implemented</th><td>1</td>' in section
    assert '<th scope="row">In progress</th><td>1</td>' in section
    assert '<th scope="row">No accepted report</th><td>1</td>' in section  # 1 + 1 + 1 = 3 states
    implemented_by = section.split("Implemented by:")[1].split("</p>")[0]
    assert "Argentina" in implemented_by and "Cuba" not in implemented_by
    assert "Chile" in section.split("No accepted report from:")[1].split("</p>")[0]
    assert "Cuba (Implemented)" in section.split("not taking part (not counted):")[1]

    from pypdf import PdfReader

    pdf = client.get(f"/en/recommendations/{meeting.slug}/progress.pdf?lang=en")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    assert "States taking part in the network: 3." in text
    assert "Members not taking part, counted apart: Cuba, Nicaragua." in text
    assert "No accepted report from: Chile" in text
