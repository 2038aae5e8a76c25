"""The two shared admin mechanisms: the state-scoped form and the stale-edit guard, each in one place."""

import pytest
from django.test import Client
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Revision, RevisionMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cyberportal.core.concurrency import StaleEditGuardMixin
from cyberportal.directory.models import Authority, Contact
from cyberportal.directory.tests.helpers import make_authority
from cyberportal.laws.models import Law, ProvisionMapping
from cyberportal.laws.tests.helpers import make_law, make_provision
from cyberportal.states.models import State
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


def _form(model, user, data=None, instance=None):
    form_class = get_edit_handler(model).get_form_class()
    return form_class(data, instance=instance or model(), for_user=user)


# --- The state-scoped admin form ----------------------------------------------------------------------


def test_a_focal_point_is_offered_only_their_own_state_and_its_records():
    own, other = make_state("AR"), make_state("BR")
    mine, theirs = make_authority(own, name="Propia"), make_authority(other, name="Ajena")
    focal_point = make_user("focal_point", own)

    assert list(_form(Law, focal_point).fields["state"].queryset) == [own]
    assert list(_form(Contact, focal_point).fields["authority"].queryset) == [mine]
    assert theirs in _form(Contact, make_user("secretariat")).fields["authority"].queryset


def test_a_mapping_offers_only_provisions_of_laws_the_focal_point_may_edit():
    own, other = make_state("AR"), make_state("BR")
    mine = make_provision(make_law(own, "1"), "1", "Texto propio.")
    make_provision(make_law(other, "2"), "1", "Texto ajeno.")
    make_provision(make_law(own, "3", visibility="secretariat"), "1", "Texto reservado.")

    offered = _form(ProvisionMapping, make_user("focal_point", own)).fields["provision"].queryset

    assert list(offered) == [mine]


@pytest.mark.parametrize("model", [Law, Authority])
def test_a_focal_point_cannot_restrict_a_record_to_the_secretariat(model):
    own = make_state("AR")
    form = _form(model, make_user("focal_point", own), data={"state": own.pk, "visibility": "secretariat"})

    form.is_valid()

    assert "Only the Secretariat can restrict a record to itself." in form.errors.get("visibility", [])


def test_the_secretariat_may_restrict_a_record_to_itself():
    own = make_state("AR")
    form = _form(Law, make_user("secretariat"), data={"state": own.pk, "visibility": "secretariat"})

    form.is_valid()

    assert "visibility" not in form.errors


# --- The stale-edit guard ---------------------------------------------------------------------------


def test_every_snippet_with_revisions_is_edited_through_the_guard():
    unguarded = [
        model._meta.label
        for model in get_snippet_models()
        if issubclass(model, RevisionMixin)
        and not issubclass(model.snippet_viewset.edit_view_class, StaleEditGuardMixin)
    ]
    assert unguarded == []


def _state_form(state, notes, revision=None):
    data = {
        "code": state.code,
        "alpha3": state.alpha3,
        "numeric": state.numeric,
        "official_languages": ["es"],
        "time_zones": ["America/Argentina/Buenos_Aires"],
        "notes": notes,
        "memberships": inline_formset([]),
        "treaty_statuses": inline_formset([]),
        "strategies": inline_formset([]),
        "units": inline_formset([]),
    }
    if revision is not None:
        data["loaded_revision_id"] = revision.pk
        data["loaded_revision_created_at"] = revision.created_at.isoformat()
    return nested_form_data(data)


def test_a_save_from_an_outdated_copy_is_refused_and_the_newer_one_kept():
    state = make_state("AR")
    url = f"/admin/snippets/states/state/edit/{state.pk}/"
    first, second = Client(), Client()
    first.force_login(make_user("secretariat", None, username="first"))
    second.force_login(make_user("secretariat", None, username="second"))
    assert first.post(url, _state_form(state, "opened by both")).status_code == 302
    loaded = Revision.objects.for_instance(state).latest("created_at")

    assert second.post(url, _state_form(state, "second's change", loaded)).status_code == 302
    refused = first.post(url, _state_form(state, "first's change", loaded))

    assert refused.status_code == 200
    assert "Someone else saved this record after you opened it" in refused.content.decode()
    assert State.objects.get(pk=state.pk).notes == "second's change"
    # The form shown again still carries the revision the first editor loaded, so saving it is refused too.
    assert refused.context["object"].latest_revision_id == loaded.pk


def test_a_save_from_the_latest_copy_goes_through():
    state = make_state("AR")
    url = f"/admin/snippets/states/state/edit/{state.pk}/"
    client = Client()
    client.force_login(make_user("secretariat", None, username="editor"))
    client.post(url, _state_form(state, "one"))
    latest = Revision.objects.for_instance(state).latest("created_at")

    assert client.post(url, _state_form(state, "two", latest)).status_code == 302
    assert State.objects.get(pk=state.pk).notes == "two"


def test_two_editors_of_a_record_never_saved_before_do_not_overwrite_each_other():
    """Both forms were loaded before the first revision, so Wagtail's form sends no loaded_revision_id
    and Wagtail's own check lets the second save through."""
    state = make_state("AR")
    url = f"/admin/snippets/states/state/edit/{state.pk}/"
    first, second = Client(), Client()
    first.force_login(make_user("secretariat", None, username="first"))
    second.force_login(make_user("secretariat", None, username="second"))

    assert first.post(url, _state_form(state, "first's")).status_code == 302
    refused = second.post(url, _state_form(state, "second's"))

    assert refused.status_code == 200
    assert "Someone else saved this record after you opened it" in refused.content.decode()
    assert State.objects.get(pk=state.pk).notes == "first's"
