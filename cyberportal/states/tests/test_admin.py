"""The Secretariat edits states in the Wagtail admin; every edit keeps a revision with who and when."""

import pytest
from django.test import Client
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cyberportal.states.models import State
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


def _state_form(state, **changes):
    data = {
        "code": state.code,
        "alpha3": state.alpha3,
        "numeric": state.numeric,
        "official_languages": ["es"],
        "time_zones": ["America/Argentina/Buenos_Aires"],
        "network_247_member": "on",
        "network_247_since": "2018-10-01",
        "network_247_source": "",
        "notes": "",
        "memberships": inline_formset([]),
        "treaty_statuses": inline_formset([]),
        "strategies": inline_formset([]),
        "units": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_editing_a_state_in_the_admin_records_a_revision_with_the_editor():
    state = make_state("AR")
    editor = make_user("secretariat", None, username="editor")
    client = Client()
    client.force_login(editor)

    response = client.post(
        f"/admin/snippets/states/state/edit/{state.pk}/",
        _state_form(state, notes="Checked with the focal point"),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    state.refresh_from_db()
    assert state.notes == "Checked with the focal point"
    revision = Revision.objects.for_instance(state).latest("created_at")
    assert revision.user == editor
    assert revision.content["notes"] == "Checked with the focal point"


def test_a_bad_value_is_refused_with_the_field_named_and_nothing_saved():
    state = make_state("AR")
    client = Client()
    client.force_login(make_user("secretariat", None, username="editor"))

    response = client.post(
        f"/admin/snippets/states/state/edit/{state.pk}/",
        _state_form(state, network_247_since="31/02/2020", notes="should not be saved"),
    )

    assert response.status_code == 200
    assert "network_247_since" in response.context["form"].errors
    state.refresh_from_db()
    assert state.notes == ""
    assert not Revision.objects.for_instance(state).exists()


@pytest.mark.parametrize("role", ["expert", "focal_point"])
def test_experts_and_focal_points_cannot_edit_states(role):
    state = make_state("AR")
    client = Client()
    client.force_login(make_user(role, state))

    response = client.post(f"/admin/snippets/states/state/edit/{state.pk}/", _state_form(state, notes="x"))

    assert response.status_code in {302, 403}
    assert State.objects.get(pk=state.pk).notes == ""
