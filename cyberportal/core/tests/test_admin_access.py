"""The Wagtail admin never shows a focal point another state's records, nor an expert any.

The walk below asks Wagtail which snippet models follow the per-state policy (core.admin_scoping), builds
for each a record the signed-in user may not open (another state's Secretariat-only contact, draft law,
...), then requests every admin URL pattern: each of those models' URLs with the record's ids, every bulk
action on them, and every admin URL that takes no argument (listings, choosers and their search,
reports and their exports, admin search, dashboard). It fails on any answer that names the record, on a
record URL that answers at all, and on any error. A model or view added later is walked by default.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from cyberportal.core.admin_scoping import scoped_models
from cyberportal.core.roles import Role, Visibility
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db

SEARCH = "Zyxhidden"  # every hidden record's name starts with it; a page may echo the query itself
MARKERS = [
    "Zyxhidden authority",
    "Zyxhidden contact",
    "Zyxhidden law",
    "Zyxhidden Ley 9",
    "Zyxhidden provision",
    "Zyxhidden report",
    "Zyxhidden sheet",
    "Zyxhidden declaration",
    "Zyxhidden proposal",
    "Zyxhidden profile proposal",
    "Zyxhidden link",
    "Zyxhidden guide",
    "Zyxhidden-guide",
]
# Admin URLs without arguments not meaningful to walk: signing out, Wagtail's deliberate error page,
# and the catch-all that adds a trailing slash.
NOT_WALKED = {"wagtailadmin_logout", "wagtailadmin_error_test"}
NOT_WALKED_ROUTES = {"admin/^.*/$"}
REFUSED = {403, 404, 405}


def _sign_in_or_home(response) -> bool:
    """A redirect that shows nothing: to a sign-in page, the admin's home (Wagtail's answer to a denied
    permission), or the same path under a language prefix (Django's LocaleMiddleware turns an admin 404
    into that redirect)."""
    location = response["Location"].split("?")[0]
    return (
        "/accounts/" in location
        or "/admin/login/" in location
        or location.rstrip("/") == "/admin"
        or location.rstrip("/").endswith(response.request["PATH_INFO"].rstrip("/"))
    )


def _hidden_records(secretariat):
    """One record of each scoped model that a Colombian focal point and an expert may not open."""
    from cyberportal.bulletin.models import Contribution
    from cyberportal.citizens.tests.helpers import SPANISH, make_guide
    from cyberportal.cooperation.tests.helpers import make_declaration, make_sheet
    from cyberportal.directory.models import FinderRule
    from cyberportal.directory.tests.helpers import make_authority, make_contact
    from cyberportal.laws.models import ProvisionMapping
    from cyberportal.laws.services import moderation_workflow_ensure
    from cyberportal.laws.tests.helpers import article, make_budapest, make_law, make_provision
    from cyberportal.links.tests.helpers import make_link
    from cyberportal.recommendations.models import Body, ImplementationReport, Meeting, Recommendation
    from cyberportal.states.models import StateProfileProposal, TreatyStatusProposal

    ar = make_state("AR")
    authority = make_authority(ar, name="Zyxhidden authority", visibility=Visibility.SECRETARIAT)
    contact = make_contact(authority, "Zyxhidden contact", visibility=Visibility.SECRETARIAT)
    rule = FinderRule.objects.create(
        state=ar, measure="preservation", authority=authority, visibility=Visibility.STATE
    )
    budapest = make_budapest()
    law = make_law(
        ar, "9", live=False, visibility=Visibility.STATE, title="Zyxhidden law", identifier="Zyxhidden Ley 9"
    )
    provision = make_provision(law, "1", "Zyxhidden provision text", heading="Zyxhidden provision")
    mapping = ProvisionMapping.objects.create(
        provision=provision, article=article("2"), extent="full", visibility=Visibility.STATE
    )
    body = Body.objects.get_or_create(kind="remja")[0]  # a migration creates the bodies
    meeting = Meeting.objects.create(body=body, number="XI", slug="remja-xi", year=2020)
    recommendation = Recommendation.objects.create(meeting=meeting, number=1, text="Recommendation")
    report = ImplementationReport.objects.create(
        recommendation=recommendation,
        state=ar,
        status="in_progress",
        as_of=datetime.date(2026, 1, 1),
        narrative="Zyxhidden report",
        visibility=Visibility.STATE,
    )
    sheet = make_sheet(
        ar, publish=False, visibility=Visibility.STATE, conditions="Zyxhidden sheet", can_execute="conditions"
    )
    declaration = make_declaration(
        ar, article("2"), publish=False, visibility=Visibility.STATE, text="Zyxhidden declaration"
    )
    proposal = TreatyStatusProposal.objects.create(
        state=ar,
        instrument=budapest,
        status="signed",
        signed_on=datetime.date(2025, 1, 1),
        source_url="https://example.org/zyxhidden",
        note="Zyxhidden proposal",
        live=False,
    )
    profile_proposal = StateProfileProposal.objects.create(
        state=ar,
        network_247="member",
        source_url="https://example.org/zyxhidden-profile",
        note="Zyxhidden profile proposal",
        live=False,
    )
    link = make_link(
        ar, "https://example.org/hidden", publish=False, visibility=Visibility.STATE, title="Zyxhidden link"
    )
    guide = make_guide(
        ar,
        publish=False,
        reporting_url="https://example.org/Zyxhidden-guide",
        texts=[{**SPANISH, "authority": "Zyxhidden guide"}],
    )
    contribution = Contribution.objects.create(
        state=ar, title="Zyxhidden contribution", body="Zyxhidden contribution text", live=False
    )
    records = {
        type(r): r
        for r in (
            link,
            guide,
            authority,
            contact,
            rule,
            law,
            mapping,
            report,
            proposal,
            profile_proposal,
            sheet,
            declaration,
            contribution,
        )
    }

    for record in records.values():
        log(record, "wagtail.create", user=secretariat)
        if isinstance(record, RevisionMixin):
            record.save_revision(user=secretariat, log_action=True)
            record.save_revision(user=secretariat, log_action=True)
    workflow = moderation_workflow_ensure()
    for record in records.values():  # every moderated record is in review, so its workflow URLs are walked
        if isinstance(record, WorkflowMixin):
            workflow.start(record, secretariat)
    if isinstance(law, LockableMixin):
        type(law).objects.filter(pk=law.pk).update(
            locked=True, locked_by=secretariat, locked_at=timezone.now()
        )
    return records


def _patterns(patterns=None, prefix="", namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield (
                prefix + str(pattern.pattern),
                pattern,
                (f"{namespace}{pattern.name}" if pattern.name else None),
            )


def _kwargs_for(record, names):
    """Fill a record URL's arguments with the record's own ids (its revisions, its workflow)."""
    values = {"pk": record.pk, "object_id": record.pk, "session_id": 1}
    if isinstance(record, RevisionMixin):
        values.update(
            revision_id=record.revisions.order_by("pk").first().pk,
            revision_id_a="earliest",
            revision_id_b="latest",
        )
    if isinstance(record, WorkflowMixin):
        workflow_state = record.workflow_states.order_by("pk").first()
        values.update(
            workflow_state_id=workflow_state.pk,
            task_state_id=workflow_state.current_task_state.pk,
            action_name="approve",
        )
    unknown = set(names) - set(values)
    assert not unknown, f"the walk does not know how to fill {unknown}: teach _kwargs_for"
    return {name: values[name] for name in names}


def _requests(records):
    """(description, URL, may it answer 200?) for every admin URL worth asking.

    The allow-list of URLs that may answer 200 (naming no hidden record): those that take no argument
    or only a model's name (listings, choosers, reports, search, creation forms). A URL that names a
    record (a pk, an object id, a bulk action's ?id=) must refuse.
    """
    models = {f"{m._meta.app_label}/{m._meta.model_name}/": m for m in records}
    for route, pattern, name in _patterns():
        if not route.startswith("admin/") or route in NOT_WALKED_ROUTES or pattern.name in NOT_WALKED:
            continue
        names = list(pattern.pattern.regex.groupindex)
        if not names:
            url = "/" + route
            yield route, f"{url}?q={SEARCH}", True
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class and issubclass(view_class, SpreadsheetExportMixin):
                yield route + " (csv)", f"{url}?export=csv", True
                yield route + " (xlsx)", f"{url}?export=xlsx", True
        elif {"app_label", "model_name"} <= set(names):  # bulk actions, editing sessions, ...
            for model, record in records.items():
                meta = model._meta
                kwargs = {"app_label": meta.app_label, "model_name": meta.model_name}
                kwargs |= _kwargs_for(record, [n for n in names if n not in kwargs and n != "action"])
                if "action" not in names:
                    yield route, reverse(name, kwargs=kwargs), set(names) == {"app_label", "model_name"}
                    continue
                for action in bulk_action_registry.get_bulk_actions_for_model(
                    meta.app_label, meta.model_name
                ):
                    url = reverse(name, kwargs=kwargs | {"action": action.action_type})
                    yield f"bulk {action.action_type} {meta.label}", f"{url}?id={record.pk}", False
        else:
            key = next((k for k in models if f"snippets/{k}" in route or f"choose/{k}" in route), None)
            if key is not None:
                yield route, reverse(name, kwargs=_kwargs_for(records[models[key]], names)), False


def _content(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)
    return body.decode(errors="replace")


def _revealing(client, records):
    problems = []
    for label, url, may_answer in _requests(records):
        for method in ("get", "post") if not may_answer else ("get",):
            try:
                response = getattr(client, method)(url)
            except Exception as error:  # an error page hides nothing, but it hides a leak from the walk
                problems.append(f"{method.upper()} {url} [{label}]: {type(error).__name__}: {error}")
                continue
            status = response.status_code
            text = _content(response) if status == 200 else ""
            named = [m for m in MARKERS if m in text]
            if named:
                problems.append(f"{method.upper()} {url} [{label}]: {status}, names {named}")
            elif status in REFUSED or (status == 302 and _sign_in_or_home(response)):
                continue
            elif not (may_answer and status in {200, 302}):
                problems.append(f"{method.upper()} {url} [{label}]: answers {status}")
    return problems


@pytest.fixture
def hidden(db):
    secretariat = make_user(Role.SECRETARIAT, None, username="secretariat")
    return secretariat, _hidden_records(secretariat)


def test_every_state_owned_snippet_model_is_scoped_and_walked(hidden):
    from cyberportal.core.admin_scoping import StateRestrictedViewSet

    _secretariat, records = hidden
    owned = set(scoped_models())
    # Every snippet with an owning state or a visibility follows the per-state policy...
    from wagtail.snippets.models import get_snippet_models

    restricted = {
        m for m in get_snippet_models() if getattr(m, "policy_state_field", None) or hasattr(m, "visibility")
    }
    assert restricted <= owned
    # ...through the scoped viewset, and the walk has a hidden record for each.
    assert all(isinstance(m.snippet_viewset, StateRestrictedViewSet) for m in owned)
    assert owned == set(records), "add a hidden record for the new model in _hidden_records"


@pytest.mark.parametrize("who", ["focal point of another state", "expert of the owning state"])
def test_the_admin_reveals_no_record_the_user_may_not_open(client, hidden, who):
    secretariat, records = hidden
    if who.startswith("focal"):
        user = make_user(Role.FOCAL_POINT, make_state("CO"), username="focal.co")
    else:
        user = make_user(Role.EXPERT, make_state("AR"), username="expert.ar")
    client.force_login(user)

    problems = _revealing(client, records)

    assert problems == [], f"{len(problems)} admin answers reveal another state's records:\n" + "\n".join(
        problems
    )
    for model, record in records.items():  # nothing the walk POSTed changed them
        assert model.objects.filter(pk=record.pk).exists()


def test_the_walk_sees_what_the_secretariat_may_see(client, hidden):
    """The walk's ids and markers are right: the Secretariat, who may open everything, is shown them."""
    secretariat, records = hidden
    client.force_login(secretariat)
    contact = next(r for m, r in records.items() if m.__name__ == "Contact")
    law = next(r for m, r in records.items() if m.__name__ == "Law")

    compare = client.get(
        f"/admin/snippets/directory/contact/history/{contact.pk}/revisions/compare/earliest...latest/"
    )
    history = _content(client.get("/admin/reports/site-history/?export=csv"))
    chooser = client.get(f"/admin/snippets/choose/laws/law/results/?q={SEARCH}")

    assert "Zyxhidden contact" in compare.content.decode()
    assert "Zyxhidden contact" in history and "Zyxhidden Ley 9" in history
    assert "Zyxhidden Ley 9" in chooser.content.decode()
    assert isinstance(law, DraftStateMixin)


@pytest.mark.parametrize("who", ["secretariat", "focal point of the owning state"])
def test_history_usage_and_revisions_open_for_whoever_may_see_the_record(client, db, who):
    """Issue 11, finding 2: History and Usage answered 500 for everyone."""
    from cyberportal.directory.tests.helpers import make_authority, make_contact
    from cyberportal.laws.tests.helpers import make_law

    secretariat = make_user(Role.SECRETARIAT, None, username="secretariat")
    ar = make_state("AR")
    contact = make_contact(make_authority(ar), "Contacto Visible", visibility=Visibility.STATE)
    law = make_law(ar, "7", live=False, visibility=Visibility.STATE, identifier="Ley Visible 7")
    for record in (contact, law):
        record.save_revision(user=secretariat, log_action=True)
        record.save_revision(user=secretariat, log_action=True)
    user = secretariat if who == "secretariat" else make_user(Role.FOCAL_POINT, ar, username="focal.ar")
    client.force_login(user)

    for prefix, record, name in [
        ("directory/contact", contact, "Contacto Visible"),
        ("laws/law", law, "Ley Visible 7"),
    ]:
        for view in ("history", "usage", "history/{pk}/revisions/compare/earliest...latest"):
            path = f"/admin/snippets/{prefix}/{view.format(pk=record.pk)}/"
            if "{pk}" not in view:
                path = f"/admin/snippets/{prefix}/{view}/{record.pk}/"
            response = client.get(path)
            assert response.status_code == 200, path
            assert name in response.content.decode(), path
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Contacto Visible" in history and "Ley Visible 7" in history


def test_the_secretariat_still_sees_the_history_of_deleted_records(client, db):
    from cyberportal.directory.tests.helpers import make_authority, make_contact

    secretariat = make_user(Role.SECRETARIAT, None, username="secretariat")
    contact = make_contact(make_authority(make_state("AR")), "Contacto Borrado")
    log(contact, "wagtail.delete", user=secretariat)
    contact.delete()
    client.force_login(secretariat)

    assert "Contacto Borrado" in _content(client.get("/admin/reports/site-history/?export=csv"))


def test_a_focal_point_still_finds_their_own_records_everywhere(client, db):
    """The scoping narrows, it does not close: own records stay in choosers, bulk actions and history."""
    from cyberportal.directory.tests.helpers import make_authority, make_contact

    secretariat = make_user(Role.SECRETARIAT, None, username="secretariat")
    ar = make_state("AR")
    contact = make_contact(make_authority(ar), "Contacto Propio", visibility=Visibility.STATE)
    log(contact, "wagtail.edit", user=secretariat)
    client.force_login(make_user(Role.FOCAL_POINT, ar, username="focal.ar"))

    chooser = client.get("/admin/snippets/choose/directory/contact/results/?q=Propio")
    bulk = client.get(f"/admin/bulk/directory/contact/delete/?id={contact.pk}")
    history = client.get("/admin/reports/site-history/")
    missing = client.get("/admin/snippets/choose/directory/contact/chosen/not-a-number/")

    assert "Contacto Propio" in chooser.content.decode()
    assert bulk.status_code == 200 and "Contacto Propio" in bulk.content.decode()
    assert "Contacto Propio" in history.content.decode()
    assert missing.status_code in {
        302,
        403,
    }  # refused (Wagtail redirects a refusal to the admin home), no 500
