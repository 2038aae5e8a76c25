"""Meetings, a recommendation's lineage, themes, the timeline and the country profile section."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cyberportal.recommendations import services
from cyberportal.recommendations.models import Recommendation
from cyberportal.testing import make_state, make_user

from .helpers import TODAY, import_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_meetings(db):
    remja = import_fixture("remja_2004_like.txt")
    # 2007 §1 words the 2004 request differently (too far apart for the similarity proposal): the editor
    # links it in the preview, as test_import_views shows; 2016 §1 is then proposed by similarity.
    experts = import_fixture("experts_2007_like.txt", lineage={1: remja.recommendations.get(number=3).pk})
    return remja, experts, import_fixture("wg_2016_like.md")


def test_establish_specialised_units_can_be_followed_from_2004_to_2016(client, three_meetings):
    remja, experts, group = three_meetings
    latest = group.recommendations.get(number=1)

    assert [r.meeting.year for r in latest.lineage()] == [2004, 2007, 2016]
    assert latest.lineage()[0] == remja.recommendations.get(number=3)

    page = client.get(latest.get_absolute_url()).content.decode().split('id="h-lineage"')[1]
    first_asked = page.index("REMJA-V (2004)")
    assert first_asked < page.index("(2007)") < page.index("Working Group on Cybercrime, meeting IX (2016)")
    assert "first asked" in page

    earliest = client.get(remja.recommendations.get(number=3).get_absolute_url()).content.decode()
    assert (
        "asked again later" in earliest
        and experts.recommendations.get(number=1).get_absolute_url() in earliest
    )


def test_meeting_page_lists_recommendations_with_sub_items(client, three_meetings):
    page = client.get(three_meetings[2].get_absolute_url()).content.decode()

    assert "Recommendation 3" in page
    assert "To link the Portal with the pages of the units" in page
    assert 'lang="en"' in page


def test_meeting_list_theme_and_timeline(client, three_meetings):
    assert "REMJA-V (2004)" in client.get("/en/recommendations/").content.decode()

    theme = client.get("/en/recommendations/themes/units/").content.decode()
    assert theme.count("Recommendation 1") >= 2 and "REMJA-V (2004)" in theme

    timeline = client.get("/en/recommendations/timeline/").content.decode()
    assert timeline.index("1999") < timeline.index("REMJA-V (2004)") < timeline.index("2013")
    assert three_meetings[2].get_absolute_url() in timeline


def test_unknown_pages_are_404(client, three_meetings):
    assert client.get("/en/recommendations/working-group-ix/99/").status_code == 404
    assert client.get("/en/recommendations/no-such-meeting/").status_code == 404
    assert client.get("/en/recommendations/themes/nothing/").status_code == 404


def test_country_profile_shows_the_states_accepted_statuses(client, three_meetings):
    colombia = make_state("CO")
    focal, secretariat = make_user("focal_point", colombia), make_user("secretariat")
    recommendation = three_meetings[2].recommendations.get(number=1)
    report = services.report_save(
        user=focal, recommendation=recommendation, state=colombia, status="implemented", as_of=TODAY
    )

    page = client.get("/en/states/co/").content.decode()
    assert "Implementation of the recommendations" in page
    assert "badge-status-implemented" not in page  # a draft is not public

    services.report_accept(user=secretariat, report=report)
    page = client.get("/en/states/co/").content.decode()
    assert "badge-status-implemented" in page


def test_meeting_page_queries_do_not_grow_with_rows(client, three_meetings):
    def count(meeting):
        with CaptureQueriesContext(connection) as queries:
            client.get(meeting.get_absolute_url())
        return len(queries)

    small, large = three_meetings[0], three_meetings[2]
    assert (
        Recommendation.objects.filter(meeting=small).count()
        != Recommendation.objects.filter(meeting=large).count()
    )
    assert count(small) == count(large)


def test_progress_report_queries_do_not_grow_with_reports(client, three_meetings):
    group = three_meetings[2]
    secretariat = make_user("secretariat")
    url = f"/en/recommendations/{group.slug}/progress/"

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    def report(code, number):
        rep = services.report_save(
            user=secretariat,
            recommendation=group.recommendations.get(number=number),
            state=make_state(code),
            status="implemented",
            as_of=TODAY,
        )
        services.report_accept(user=secretariat, report=rep)

    report("AR", 1)
    before = count()
    for code in ("BR", "CL", "MX"):
        report(code, 1)
        report(code, 4)
    assert count() == before
