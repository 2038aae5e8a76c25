"""The reports page lists the recommendations a page at a time: thousands of them stay a small page."""

import pytest
from django.test import Client

from cyberportal.recommendations.models import ImplementationReport
from cyberportal.recommendations.selectors import REPORT_ROWS_PAGE_SIZE, addressed_to_states
from cyberportal.recommendations.synthetic import recommendations_create
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_focal_points_reports_page_is_paged_and_each_row_has_its_states_report():
    colombia, argentina = make_state("CO"), make_state("AR")
    recommendations_create(recommendations=3 * REPORT_ROWS_PAGE_SIZE, states=[colombia, argentina], seed=3)
    addressed = addressed_to_states().count()
    assert addressed > 2 * REPORT_ROWS_PAGE_SIZE
    client = _client(make_user("focal_point", colombia))

    first = client.get("/en/recommendations/reports/")
    rows = first.context["rows"]
    assert len(rows) == REPORT_ROWS_PAGE_SIZE and rows.paginator.count == addressed
    assert 'href="?page=2"' in first.content.decode()
    last = client.get(f"/en/recommendations/reports/?page={rows.paginator.num_pages}").context["rows"]
    listed = [rec.pk for rec, _ in rows] + [rec.pk for rec, _ in last]
    assert len(set(listed)) == len(listed)  # no recommendation on two pages
    # The state's own reports (drafts included: a focal point edits them), never another state's.
    reported = {r.recommendation_id: r for r in ImplementationReport.objects.filter(state=colombia)}
    assert any(report for _, report in rows)
    for rec, report in list(rows) + list(last):
        assert (report.pk if report else None) == (reported[rec.pk].pk if rec.pk in reported else None)


def test_the_secretariats_lists_are_paged():
    colombia = make_state("CO")
    recommendations_create(recommendations=3 * REPORT_ROWS_PAGE_SIZE, states=[colombia], seed=4)
    ImplementationReport.objects.update(review_status="draft")
    page = _client(make_user("secretariat")).get("/en/recommendations/reports/")
    drafts = page.context["drafts"]
    assert len(drafts) == min(REPORT_ROWS_PAGE_SIZE, ImplementationReport.objects.count())
    assert drafts.paginator.count == ImplementationReport.objects.count()
    assert len(page.context["secretariat_rows"]) <= REPORT_ROWS_PAGE_SIZE
