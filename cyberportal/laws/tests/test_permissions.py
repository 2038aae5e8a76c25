"""Who may see, edit and publish laws: the policy matrix, the public pages, the admin and the workflow."""

import pytest
from django.test import Client

from cyberportal.core import policy
from cyberportal.core.roles import VISITOR
from cyberportal.laws import selectors, services
from cyberportal.laws.models import Law
from cyberportal.testing import OWN, expected, make_state, make_user, matrix_cases

from .helpers import make_budapest, make_law, make_mapping, make_provision

pytestmark = pytest.mark.django_db


def _user(role, state_kind, owner, other):
    if role == VISITOR:
        return make_user(role)
    if role == "secretariat":
        return make_user(role, None)
    return make_user(role, owner if state_kind == OWN else other)


@pytest.mark.parametrize(("role", "state_kind", "visibility", "action"), matrix_cases())
def test_law_policy_answers_as_the_design_says(role, state_kind, visibility, action):
    owner, other = make_state("AR"), make_state("BR")
    law = make_law(owner, "1", visibility=visibility)
    user = _user(role, state_kind, owner, other)

    assert policy.allows(user, action, law) is expected(role, state_kind, visibility, action)
    if action == "view":
        assert selectors.visible_laws(user).filter(pk=law.pk).exists() is expected(
            role, state_kind, visibility, "view"
        )
    if action == "edit":
        assert Law.objects.editable_by(user).filter(pk=law.pk).exists() is expected(
            role, state_kind, visibility, "edit"
        )


@pytest.mark.parametrize(("role", "state_kind", "visibility", "action"), matrix_cases(actions=["view"]))
def test_law_page_provisions_and_search_follow_the_policy(role, state_kind, visibility, action):
    make_budapest()
    owner, other = make_state("AR"), make_state("BR")
    law = make_law(owner, "1", visibility=visibility)
    provision = make_provision(law, "153 bis", "Acceso indebido reservado.")
    make_mapping(provision, "2")
    user = _user(role, state_kind, owner, other)
    client = Client()
    if role != VISITOR:
        client.force_login(user)
    allowed = expected(role, state_kind, visibility, "view")

    assert (client.get(f"/en/laws/{law.pk}/").status_code == 200) is allowed
    search = client.get("/en/search/?q=reservado")
    assert (provision in search.context["page"].object_list) is allowed
    matrix = client.get("/en/laws/matrix/?instrument=cets-185").context["matrix"]
    cell = dict(matrix.rows)[owner][0]
    assert (cell.status == "full") is allowed
    assert (law.identifier in client.get("/en/laws/state/ar/").content.decode()) is allowed


@pytest.mark.parametrize(
    ("role", "state_kind", "sees_draft"),
    [
        (VISITOR, OWN, False),
        ("expert", OWN, False),
        ("focal_point", OWN, True),
        ("focal_point", "other", False),
        ("secretariat", OWN, True),
    ],
)
def test_drafts_are_seen_only_by_their_editors(role, state_kind, sees_draft):
    owner, other = make_state("AR"), make_state("BR")
    draft = make_law(owner, "2", live=False)
    user = _user(role, state_kind, owner, other)

    assert policy.can_view(user, draft) is sees_draft
    assert selectors.visible_laws(user).filter(pk=draft.pk).exists() is sees_draft


def test_focal_point_sees_and_edits_only_own_state_laws_in_the_admin():
    co, ar = make_state("CO"), make_state("AR")
    own, foreign = make_law(co, "1273"), make_law(ar, "26388")
    client = Client()
    client.force_login(make_user("focal_point", co))

    listing = client.get("/admin/snippets/laws/law/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Ley 1273" in html and "Ley 26388" not in html
    assert client.get(f"/admin/snippets/laws/law/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/laws/law/edit/{foreign.pk}/").status_code in {302, 403}


def test_focal_point_saves_drafts_but_cannot_publish():
    co = make_state("CO")
    focal = make_user("focal_point", co)
    law = make_law(co, "1273", live=False)

    assert focal.has_perm("laws.change_law") and focal.has_perm("laws.add_law")
    assert not focal.has_perm("laws.publish_law")
    with pytest.raises(services.PermissionDenied):
        services.law_publish(law=law, user=focal)
    law.refresh_from_db()
    assert not law.live


def test_the_secretariat_publishes_through_the_workflow():
    co = make_state("CO")
    focal, secretariat = make_user("focal_point", co), make_user("secretariat", None)
    workflow = services.moderation_workflow_ensure()
    law = make_law(co, "1273", live=False)
    law.save_revision(user=focal)

    assert law.get_workflow() == workflow
    state = workflow.start(law, focal)
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(law, secretariat)
    assert not task_state.task.specific.get_actions(law, focal)
    task_state.task.specific.on_action(task_state, user=secretariat, action_name="approve")

    law.refresh_from_db()
    assert law.live
    assert law.revisions.count() >= 1


def test_import_refuses_another_states_focal_point():
    from cyberportal.laws.importers import parse_upload

    co, ar = make_state("CO"), make_state("AR")
    parsed = parse_upload("x.txt", "Ley 1\nArtículo 1. Texto.".encode())

    with pytest.raises(services.PermissionDenied):
        services.law_import(
            parsed=parsed, options=services.ImportOptions(state=ar, user=make_user("focal_point", co))
        )
    assert Law.objects.count() == 0


def test_focal_point_admin_form_offers_only_their_own_state():
    co, ar = make_state("CO"), make_state("AR")
    client = Client()
    client.force_login(make_user("focal_point", co))

    form = client.get("/admin/snippets/laws/law/add/").context["form"]

    assert list(form.fields["state"].queryset) == [co]
    assert ar not in form.fields["state"].queryset


def test_focal_point_publish_action_in_the_admin_leaves_a_draft():
    co = make_state("CO")
    law = make_law(co, "1273", live=False)
    law.save_revision()
    client = Client()
    client.force_login(make_user("focal_point", co))

    edit = client.get(f"/admin/snippets/laws/law/edit/{law.pk}/").content.decode()
    assert 'name="action-publish"' not in edit
