"""Update campaigns: starting one, answering for one's own state only, answers found on the portal, the
reminders (language, never twice a day) and the Secretariat's dashboard."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from cyberportal.campaigns import selectors, services
from cyberportal.campaigns.models import Answer, CampaignState
from cyberportal.core.roles import Role
from cyberportal.states.models import Membership, MembershipStatus
from cyberportal.statistics.models import ReturnStatus, StatisticsReturn
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def people():
    co, ar, br = make_state("CO"), make_state("AR"), make_state("BR")
    for state in (co, ar):
        Membership.objects.create(state=state, status=MembershipStatus.MEMBER, since_year=2004)
    Membership.objects.create(state=br, status=MembershipStatus.WITHDRAWN, since_year=2004)
    focal_co = make_user(Role.FOCAL_POINT, co, username="focal.co")
    focal_co.preferred_language = "es"
    focal_co.save(update_fields=["preferred_language"])
    focal_ar = make_user(Role.FOCAL_POINT, ar, username="focal.ar")
    focal_ar.preferred_language = "pt"
    focal_ar.save(update_fields=["preferred_language"])
    return {
        "co": co,
        "ar": ar,
        "br": br,
        "focal_co": focal_co,
        "focal_ar": focal_ar,
        "expert_co": make_user(Role.EXPERT, co, username="expert.co"),
        "secretariat": make_user(Role.SECRETARIAT, None, username="sec"),
    }


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _start(people, subject="laws", due=TODAY + datetime.timedelta(days=30), **extra):
    return services.campaign_start(
        started_by=people["secretariat"], subject=subject, due_date=due, today=TODAY, **extra
    )


# --- Starting -----------------------------------------------------------------------------------------


def test_a_campaign_asks_every_participating_state_and_tells_their_focal_points(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        campaign = _start(people, message="Before the ministers' meeting.")

    assert sorted(campaign.states.values_list("state__code", flat=True)) == ["AR", "CO"]  # BR withdrew
    assert sorted(m.to[0] for m in mail.outbox) == ["focal.ar@example.org", "focal.co@example.org"]
    spanish = next(m for m in mail.outbox if m.to == ["focal.co@example.org"])
    assert "Legislación" in spanish.subject and "Before the ministers' meeting." in spanish.body
    assert reverse("campaigns:answer", args=[campaign.pk]).replace("/en/", "/es/") in spanish.body


@pytest.mark.parametrize("who", ["focal_co", "expert_co"])
def test_only_the_secretariat_starts_a_campaign(people, who):
    with pytest.raises(PermissionDenied):
        services.campaign_start(
            started_by=people[who], subject="laws", due_date=TODAY + datetime.timedelta(days=9), today=TODAY
        )
    assert not CampaignState.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"subject": "nonsense"}, "is not a subject"),
        ({"subject": "statistics"}, "year"),
        ({"due": TODAY - datetime.timedelta(days=1)}, "past"),
        ({"states": []}, "at least one state"),
    ],
)
def test_bad_input_is_named_and_changes_nothing(people, extra, message):
    with pytest.raises(ValidationError, match=message):
        _start(people, **extra)
    assert not CampaignState.objects.exists()


def test_chosen_states_only(people):
    campaign = _start(people, states=[people["co"]])

    assert list(campaign.states.values_list("state__code", flat=True)) == ["CO"]


# --- Answering, and what another state's focal point sees -----------------------------------------------


def test_a_focal_point_answers_up_to_date_for_their_state(people):
    campaign = _start(people)
    client = _client(people["focal_co"])

    response = client.post(
        reverse("campaigns:answer", args=[campaign.pk]), {"answer": "up_to_date", "as_of": "2026-11-30"}
    )

    assert response.status_code == 302
    row = campaign.states.get(state=people["co"])
    assert row.answer == Answer.UP_TO_DATE and row.up_to_date_as_of == datetime.date(2026, 11, 30)
    assert row.answered_by == people["focal_co"]
    assert campaign.states.get(state=people["ar"]).answer == ""


def test_up_to_date_needs_a_date_and_nothing_is_saved_without_it(people):
    campaign = _start(people)

    response = _client(people["focal_co"]).post(
        reverse("campaigns:answer", args=[campaign.pk]), {"answer": "up_to_date", "as_of": ""}
    )

    assert response.status_code == 400
    assert campaign.states.get(state=people["co"]).answer == ""


def test_another_states_focal_point_cannot_answer_for_it(people):
    campaign = _start(people, states=[people["co"]])
    row = campaign.states.get()

    with pytest.raises(PermissionDenied):
        services.campaign_answer(row=row, user=people["focal_ar"], answer="changes")
    response = _client(people["focal_ar"]).post(
        reverse("campaigns:answer", args=[campaign.pk]), {"answer": "changes"}
    )

    assert response.status_code == 404
    row.refresh_from_db()
    assert row.answer == ""


def test_another_states_focal_point_sees_nothing_of_other_states_answers(people):
    campaign = _start(people)
    services.campaign_answer(
        row=campaign.states.get(state=people["co"]), user=people["focal_co"], answer="changes", note="CO-NOTE"
    )
    client = _client(people["focal_ar"])

    assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 403
    index = client.get(reverse("campaigns:index")).content.decode()
    answer_page = client.get(reverse("campaigns:answer", args=[campaign.pk])).content.decode()
    for page in (index, answer_page):
        assert "CO-NOTE" not in page and "Colombia" not in page
    assert [r.state.code for r in selectors.rows_for(people["focal_ar"])] == ["AR"]


@pytest.mark.parametrize("who", [None, "expert_co"])
def test_visitors_and_experts_do_not_see_campaigns(people, who):
    campaign = _start(people)
    client = _client(people[who] if who else None)

    for name, args in [("campaigns:index", []), ("campaigns:detail", [campaign.pk]), ("campaigns:new", [])]:
        status = client.get(reverse(name, args=args)).status_code
        assert status == (302 if who is None else 403), name
    assert client.get(reverse("campaigns:answer", args=[campaign.pk])).status_code in (302, 404)


# --- Answers found on the portal ---------------------------------------------------------------------


def test_a_submitted_statistics_return_for_the_year_answers(people):
    campaign = _start(people, subject="statistics", year=2025)
    StatisticsReturn.objects.create(
        state=people["co"], year=2025, status=ReturnStatus.SUBMITTED, submitted_at=timezone.now()
    )
    StatisticsReturn.objects.create(
        state=people["ar"], year=2024, status=ReturnStatus.SUBMITTED, submitted_at=timezone.now()
    )

    assert services.answers_collect() == 1
    assert campaign.states.get(state=people["co"]).answer == Answer.SUBMITTED
    assert campaign.states.get(state=people["ar"]).answer == ""  # another year's return


def test_a_law_submitted_for_review_answers_a_laws_campaign(people):
    from cyberportal.accounts.services import moderation_workflow_ensure
    from cyberportal.laws.tests.helpers import make_law

    workflow = moderation_workflow_ensure()
    campaign = _start(people)
    law = make_law(people["co"], "1273", live=False)
    law.save_revision(user=people["focal_co"])
    workflow.start(law, people["focal_co"])

    assert services.answers_collect() == 1
    assert campaign.states.get(state=people["co"]).answer == Answer.SUBMITTED
    assert campaign.states.get(state=people["ar"]).answer == ""


# --- Reminders ---------------------------------------------------------------------------------------


def test_reminders_before_the_due_date_and_when_overdue_never_twice_a_day(people):
    campaign = _start(people, due=TODAY + datetime.timedelta(days=10), notify=False)
    services.campaign_answer(
        row=campaign.states.get(state=people["ar"]), user=people["focal_ar"], answer="changes"
    )

    assert services.reminders_send(today=TODAY) == 0  # ten days left: not yet
    assert services.reminders_send(today=TODAY + datetime.timedelta(days=3)) == 1  # seven days left
    assert services.reminders_send(today=TODAY + datetime.timedelta(days=3)) == 0  # same day
    assert services.reminders_send(today=TODAY + datetime.timedelta(days=5)) == 0  # already reminded
    overdue_day = TODAY + datetime.timedelta(days=11)
    assert services.reminders_send(today=overdue_day) == 1
    assert services.reminders_send(today=overdue_day) == 0
    assert services.reminders_send(today=overdue_day + datetime.timedelta(days=6)) == 0
    assert services.reminders_send(today=overdue_day + datetime.timedelta(days=7)) == 1
    assert [m.to for m in mail.outbox] == [["focal.co@example.org"]] * 3  # AR answered: never reminded
    assert "vencido" in mail.outbox[1].subject and "Legislación" in mail.outbox[1].subject


def test_the_reminder_task_runs_through_the_worker(people):
    from cyberportal.campaigns.tasks import send_campaign_reminders

    _start(people, due=timezone.localdate() + datetime.timedelta(days=2), notify=False)

    result = send_campaign_reminders.enqueue()

    assert result.return_value == 2
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "lembrete – Legislação" in subjects["focal.ar@example.org"]
    assert "recordatorio – Legislación" in subjects["focal.co@example.org"]


# --- Dashboard and homes ------------------------------------------------------------------------------


def test_the_secretariat_dashboard_counts_who_answered(people):
    campaign = _start(people, due=TODAY + datetime.timedelta(days=5))
    services.campaign_answer(
        row=campaign.states.get(state=people["co"]), user=people["focal_co"], answer="changes"
    )
    client = _client(people["secretariat"])

    board = selectors.campaign_board(
        people["secretariat"], campaign.pk, today=TODAY + datetime.timedelta(days=6)
    )
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    index = client.get(reverse("campaigns:index"))

    assert [r.state.code for r in board.answered] == ["CO"]
    assert [r.state.code for r in board.overdue] == ["AR"] and board.waiting == []
    assert "Changes submitted" in page and "Argentina" in page
    row = next(c for c in index.context["campaigns"] if c.pk == campaign.pk)
    assert (row.asked, row.answered, row.waiting) == (2, 1, 1)


def test_the_focal_points_home_lists_the_request_with_its_due_date_until_answered(people):
    campaign = _start(people)
    tasks = selectors.home_tasks(people["focal_co"])

    assert len(tasks) == 1 and tasks[0].url == reverse("campaigns:answer", args=[campaign.pk])
    assert "2026" in str(tasks[0].note)
    services.campaign_answer(
        row=campaign.states.get(state=people["co"]), user=people["focal_co"], answer="changes"
    )
    assert selectors.home_tasks(people["focal_co"]) == []
    assert selectors.home_tasks(people["expert_co"]) == []
    assert selectors.home_tasks(people["secretariat"])[0].count == 1


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_dashboard_and_the_homes_run_a_constant_number_of_queries(people):
    campaign = _start(people, notify=False)
    secretariat, focal = _client(people["secretariat"]), _client(people["focal_co"])
    pages = [
        (secretariat, reverse("campaigns:index")),
        (secretariat, reverse("campaigns:detail", args=[campaign.pk])),
        (focal, reverse("campaigns:index")),
        (focal, "/admin/"),
    ]
    few = [_queries(client, url) for client, url in pages]

    more = [make_state(code) for code in ("CL", "MX", "PE", "UY")]
    for n in range(3):
        _start(people, subject="statistics", year=2020 + n, states=[people["co"], *more], notify=False)
    CampaignState.objects.bulk_create(CampaignState(campaign=campaign, state=s) for s in more)
    many = [_queries(client, url) for client, url in pages]

    assert many == few


@pytest.mark.parametrize(("who", "shown"), [("secretariat", True), ("focal_co", True), ("expert_co", False)])
def test_the_admin_menu_links_the_campaigns_for_those_who_follow_them(people, who, shown):
    from cyberportal.campaigns.wagtail_hooks import campaigns_menu_item

    request = type("Request", (), {"user": people[who]})()

    assert campaigns_menu_item().is_shown(request) is shown
    assert campaigns_menu_item().url == reverse("campaigns:index")


def test_starting_a_campaign_queues_the_reminders_when_the_backend_can_wait(
    people, django_capture_on_commit_callbacks
):
    from django.test import override_settings
    from django_tasks import default_task_backend

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        default_task_backend.clear()
        due = timezone.localdate() + datetime.timedelta(days=20)
        with django_capture_on_commit_callbacks(execute=True):
            services.campaign_start(
                started_by=people["secretariat"], subject="laws", due_date=due, notify=False
            )
        queued = [r.task for r in default_task_backend.results]

    assert [t.func.__name__ for t in queued] == ["send_campaign_reminders"] * 2
    assert [timezone.localtime(t.run_after).date() for t in queued] == [
        due - datetime.timedelta(days=services.REMIND_BEFORE_DAYS),
        due + datetime.timedelta(days=1),
    ]


def test_submitting_on_the_portal_records_the_answer_when_the_transaction_commits(
    people, django_capture_on_commit_callbacks
):
    from cyberportal.accounts.services import moderation_workflow_ensure
    from cyberportal.laws.tests.helpers import make_law

    workflow = moderation_workflow_ensure()
    laws = _start(people, notify=False)
    statistics = _start(people, subject="statistics", year=2025, notify=False)
    law = make_law(people["ar"], "27411", live=False)
    law.save_revision(user=people["focal_ar"])

    with django_capture_on_commit_callbacks(execute=True):
        workflow.start(law, people["focal_ar"])
    with django_capture_on_commit_callbacks(execute=True):
        StatisticsReturn.objects.create(state=people["co"], year=2025, status=ReturnStatus.DRAFT)
    assert not statistics.states.exclude(answer="").exists()  # a draft is not an answer
    with django_capture_on_commit_callbacks(execute=True):
        submitted = StatisticsReturn.objects.get(state=people["co"], year=2025)
        submitted.status, submitted.submitted_at = ReturnStatus.SUBMITTED, timezone.now()
        submitted.save()

    assert laws.states.get(state=people["ar"]).answer == Answer.SUBMITTED
    assert laws.states.get(state=people["co"]).answer == ""
    assert statistics.states.get(state=people["co"]).answer == Answer.SUBMITTED
    assert statistics.states.get(state=people["ar"]).answer == ""


def test_the_message_keeps_its_language_and_the_states_are_offered_by_name(people):
    make_state("BS")  # Bahamas sorts before Brasil by name, after BR by code
    campaign = _start(people, message="Please check your entries.", message_language="en")
    with translation.override("es"):
        answer_url = reverse("campaigns:answer", args=[campaign.pk])
        new_url = reverse("campaigns:new")
    answer = _client(people["focal_co"]).get(answer_url).content.decode()
    form = _client(people["secretariat"]).get(new_url).content.decode()

    assert '<blockquote lang="en">Please check your entries.</blockquote>' in answer
    assert form.index(">Bahamas<") < form.index(">Brasil<") < form.index(">Colombia<")
    assert 'name="message_language"' in form and '<option value="es" selected>' in form
