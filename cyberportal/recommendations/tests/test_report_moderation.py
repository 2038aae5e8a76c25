"""Implementation reports in the one moderation flow (core.moderation): a focal point submits, the
Secretariat accepts or returns with a comment, and an accepted report keeps counting while a change
to it waits for review."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from wagtail.models import WorkflowState

from cyberportal.accounts.services import moderation_workflow_ensure
from cyberportal.recommendations import selectors, services
from cyberportal.recommendations.models import ImplementationReport, ReviewStatus
from cyberportal.testing import make_state, make_user

from .helpers import TODAY, import_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(db):
    moderation_workflow_ensure()
    colombia = make_state("CO")
    focal = make_user("focal_point", colombia, username="focal.co")
    focal.preferred_language = "pt"
    focal.save()
    return {
        "recommendation": import_fixture("wg_2016_like.md").recommendations.get(number=1),
        "colombia": colombia,
        "focal": focal,
        "secretariat": make_user("secretariat", username="secretariat"),
    }


def _save(setting, narrative, *, submit=True):
    return services.report_save(
        user=setting["focal"],
        recommendation=setting["recommendation"],
        state=setting["colombia"],
        status="in_progress",
        narrative=narrative,
        as_of=TODAY,
        submit=submit,
    )


def test_the_secretariat_returns_a_report_with_a_comment_and_the_focal_point_reads_it(setting, client):
    report = _save(setting, "Proyecto de ley en el Congreso.")
    mail.outbox.clear()

    services.report_return(
        user=setting["secretariat"], report=report, comment="Añada el número del proyecto."
    )

    report.refresh_from_db()
    assert report.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert report.review_status == ReviewStatus.DRAFT
    [notice] = [m for m in mail.outbox if m.to == [setting["focal"].email]]
    assert "Añada el número del proyecto." in notice.body
    assert "relatório" in notice.subject.lower()  # in the focal point's Portuguese
    client.force_login(setting["focal"])
    page = client.get(
        f"/es/recommendations/{report.recommendation.meeting.slug}/{report.recommendation.number}/report/"
    ).content.decode()
    assert "Añada el número del proyecto." in page

    resubmitted = _save(setting, "Proyecto de ley 123 de 2026 en el Congreso.")
    assert resubmitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_returning_needs_a_comment_and_a_submitted_report(setting):
    report = _save(setting, "Borrador.", submit=False)

    with pytest.raises(ValidationError, match="comment"):
        services.report_return(user=setting["secretariat"], report=report, comment=" ")
    with pytest.raises(ValidationError, match="not been submitted"):
        services.report_return(user=setting["secretariat"], report=report, comment="Falta la fecha.")


def test_an_accepted_report_keeps_counting_while_its_change_waits(setting):
    report = _save(setting, "Primera versión.")
    services.report_accept(user=setting["secretariat"], report=report)
    report.refresh_from_db()
    assert report.is_accepted and report.live and report.accepted_by == setting["secretariat"]

    _save(setting, "Segunda versión, aún sin aceptar.")

    report.refresh_from_db()
    assert report.is_accepted and report.narrative == "Primera versión."
    assert report.has_unpublished_changes
    accepted = selectors.accepted_reports(make_user("expert", make_state("AR")))
    assert list(accepted.values_list("narrative", flat=True)) == ["Primera versión."]
    assert report in selectors.drafts_for_review()

    services.report_accept(user=setting["secretariat"], report=report)

    report = ImplementationReport.objects.get(pk=report.pk)
    assert report.narrative == "Segunda versión, aún sin aceptar." and report.is_accepted
    assert not report.has_unpublished_changes
