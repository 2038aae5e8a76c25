"""Recording the checker's findings, the e-mail digest to focal points, the worker's task and command,
the homes and the country profile."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from cyberportal.core.roles import Role, Visibility
from cyberportal.directory.tests.helpers import client_for
from cyberportal.links import services
from cyberportal.links.models import LinkCheck, NationalLink
from cyberportal.links.selectors import home_tasks
from cyberportal.links.tasks import check_national_links
from cyberportal.links.tests.helpers import make_link
from cyberportal.links.tests.servers import PORTAL, page, redirect, serve, status
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db

FAST = {
    "LINK_CHECK_TIMEOUT_SECONDS": 2,
    "LINK_CHECK_HOST_DELAY_SECONDS": 0,
    "LINK_CHECK_ALLOW_PRIVATE": True,
    "SITE_URL": PORTAL,
    "LINK_CHECK_FAILURES_BEFORE_NOTICE": 1,
}


@pytest.fixture
def site():
    routes = {
        "/ministry": page(f'<a href="{PORTAL}/es/">Cyberportal</a>'),
        "/gone": status(404),
        "/old": redirect(301, "/new"),
        "/new": page("<p>moved here</p>"),
    }
    with serve(routes) as (base, log):
        yield base, log


@override_settings(**FAST)
def test_a_run_records_each_finding_and_tells_the_focal_point_once(site):
    base, _log = site
    ar = make_state("AR")
    focal = make_user(Role.FOCAL_POINT, ar, username="focal.ar")
    focal.preferred_language = "es"
    focal.save()
    make_user(Role.FOCAL_POINT, make_state("CO"), username="focal.co")
    ok = make_link(ar, f"{base}/ministry", title="Ministerio")
    dead = make_link(ar, f"{base}/gone", title="Fiscalía desaparecida")
    moved = make_link(ar, f"{base}/old", title="Policía")

    summary = services.links_check()
    sent = services.dead_links_notify()

    assert (summary.checked, summary.dead, summary.moved, summary.links_back) == (3, 1, 1, 1)
    assert LinkCheck.objects.get(link=ok).links_back is True
    assert LinkCheck.objects.get(link=moved).final_url == f"{base}/new"
    assert LinkCheck.objects.get(link=dead).http_status == 404
    assert sent == 1 and mail.outbox[0].to == ["focal.ar@example.org"]
    assert "Fiscalía desaparecida" in mail.outbox[0].body
    assert (
        "el servidor respondió HTTP 404" in mail.outbox[0].body
    )  # the reason, too, in the reader's language
    assert "no responde" in mail.outbox[0].subject
    # Still dead at the next run: not told again; answering again resets the count.
    services.links_check()
    assert services.dead_links_notify() == 0
    NationalLink.objects.filter(pk=dead.pk).update(url=f"{base}/ministry")
    services.links_check()
    finding = LinkCheck.objects.get(link=dead)
    assert (finding.outcome, finding.failures, finding.notified_at) == ("ok", 0, None)


@override_settings(**{**FAST, "LINK_CHECK_FAILURES_BEFORE_NOTICE": 2})
def test_one_failure_is_not_reported_until_it_repeats(site):
    base, _log = site
    ar = make_state("AR")
    make_user(Role.FOCAL_POINT, ar, username="focal.ar")
    make_link(ar, f"{base}/gone")

    services.links_check()
    assert services.dead_links_notify() == 0
    services.links_check()
    assert services.dead_links_notify() == 1


@override_settings(**FAST)
def test_drafts_are_not_checked(site):
    base, log = site
    make_link(make_state("AR"), f"{base}/ministry", publish=False)

    assert services.links_check().checked == 0 and log == []


@override_settings(**FAST)
def test_the_worker_task_and_the_command_check_the_links(site):
    base, _log = site
    ar = make_state("AR")
    make_link(ar, f"{base}/gone")
    make_link(make_state("BR"), f"{base}/ministry", language="pt")

    result = check_national_links.enqueue()
    assert result.return_value["checked"] == 2 and result.return_value["dead"] == 1

    from io import StringIO

    out = StringIO()
    call_command("check_links", "--state", "br", "--no-email", stdout=out)
    assert "1 checked, 0 dead" in out.getvalue()
    with pytest.raises(CommandError, match="“ZZ” is not a state"):
        call_command("check_links", "--state", "ZZ")


def test_a_focal_point_drafts_only_their_own_states_links_and_never_publishes():
    ar, co = make_state("AR"), make_state("CO")
    focal = make_user(Role.FOCAL_POINT, ar, username="focal.ar")

    link = services.national_link_save(
        link=NationalLink(state=ar, kind="csirt", title="CSIRT", url="https://csirt.example.org/"), user=focal
    )
    assert link.live is False
    with pytest.raises(PermissionDenied):
        services.national_link_save(
            link=NationalLink(state=co, kind="csirt", title="X", url="https://x.example.org/"), user=focal
        )
    with pytest.raises(PermissionDenied):
        services.national_link_save(link=link, user=focal, publish=True)


@pytest.mark.parametrize("url", ["ftp://example.org/", "javascript:alert(1)", "not a url"])
def test_only_web_addresses_are_accepted(url):
    with pytest.raises(ValidationError) as error:
        make_link(make_state("AR"), url)

    assert "url" in error.value.message_dict


@override_settings(**FAST)
def test_homes_count_dead_links_of_the_readers_own_state(site):
    base, _log = site
    ar, co = make_state("AR"), make_state("CO")
    make_link(ar, f"{base}/gone")
    make_link(co, f"{base}/gone")
    make_link(co, f"{base}/new")
    services.links_check()

    focal = make_user(Role.FOCAL_POINT, ar, username="focal.ar")
    secretariat = make_user(Role.SECRETARIAT, None, username="sec")
    expert = make_user(Role.EXPERT, ar, username="expert.ar")

    assert [t.count for t in home_tasks(focal)] == [1, 0]
    assert [t.count for t in home_tasks(secretariat)] == [2, 1]
    assert home_tasks(expert) == []


def test_the_profile_shows_public_links_and_hides_restricted_ones():
    ar = make_state("AR")
    make_link(ar, "https://www.argentina.gob.ar/justicia", title="Ministerio de Justicia")
    make_link(ar, "https://intra.example.org/", title="Zyx intranet", visibility=Visibility.EXPERTS)

    visitor = client_for(make_user("visitor")).get("/en/states/ar/").content.decode()
    expert = client_for(make_user(Role.EXPERT, make_state("BR"))).get("/en/states/ar/").content.decode()

    assert "Ministerio de Justicia" in visitor and "Zyx intranet" not in visitor
    assert "Zyx intranet" in expert


@override_settings(**FAST, TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_the_worker_queues_the_next_round_a_week_later():
    from django_tasks import default_task_backend

    default_task_backend.clear()
    assert services.schedule_link_checks() is True
    queued = default_task_backend.results[-1]
    assert queued.task.func.__name__ == "check_national_links"
    assert queued.task.run_after is not None


@override_settings(**FAST)
def test_the_admin_lists_a_focal_points_links_with_their_findings_and_the_home_flags_dead_ones(site):
    base, _log = site
    ar = make_state("AR")
    make_link(ar, f"{base}/gone", title="Fiscalía desaparecida")
    make_link(make_state("CO"), f"{base}/gone", title="Zyx otra")
    services.links_check()
    focal = make_user(Role.FOCAL_POINT, ar, username="focal.ar")
    client = client_for(focal)

    listing = client.get("/admin/snippets/links/nationallink/").content.decode()
    home = client.get("/admin/").content.decode()

    assert "Fiscalía desaparecida" in listing and "HTTP 404" in listing and "Zyx otra" not in listing
    assert "National links that do not answer" in home
    assert client.get("/admin/snippets/links/nationallink/add/").status_code == 200


def test_a_findings_reason_is_told_in_the_readers_language_and_falls_back_to_the_stored_english():
    finding = LinkCheck(
        outcome="dead", problem="timeout", problem_params={"seconds": "15"}, error="no answer"
    )
    with translation.override("fr"):
        assert finding.summary == "ne répond pas : pas de réponse en 15 s"
    with translation.override("pt"):
        assert finding.reason == "sem resposta em 15 s"
    assert LinkCheck(outcome="dead", problem="", error="HTTP 500").reason == "HTTP 500"  # found before codes
