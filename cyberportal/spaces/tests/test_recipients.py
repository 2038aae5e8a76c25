"""Finding 14 of issue 11: the TLP:RED recipients field does not confirm which user names exist."""

import pytest
from django.contrib.auth import get_user_model

from cyberportal.accounts import services as account_services
from cyberportal.core.roles import Role
from cyberportal.spaces.forms import ThreadForm

pytestmark = pytest.mark.django_db


def _error_for(name):
    form = ThreadForm(data={"title": "T", "body": "B", "tlp": "red", "recipients": name})
    assert not form.is_valid()
    return form.errors["recipients"][0]


def test_unknown_and_not_allowed_names_get_the_same_message(state_ar, user_factory):
    pending = account_services.user_create(
        username="pending.one", email="p@gov.example.org", password="x" * 20
    )
    assert not pending.role  # registered, not vetted: may not receive anything
    gone = user_factory(Role.EXPERT, state_ar, "gone.one")
    get_user_model().objects.filter(pk=gone.pk).update(is_active=False)
    messages = {name: _error_for(name) for name in ("nobody.here", "pending.one", "gone.one")}
    templates = {message.replace(name, "NAME") for name, message in messages.items()}
    assert len(templates) == 1, messages


def test_a_vetted_user_is_accepted(state_ar, user_factory):
    expert = user_factory(Role.EXPERT, state_ar, "vetted.one")
    form = ThreadForm(data={"title": "T", "body": "B", "tlp": "red", "recipients": "@vetted.one"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["recipients"] == [expert]
