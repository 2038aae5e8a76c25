"""Who may change sheets and declarations: a focal point drafts their own state's, never another's, and
never publishes; the Secretariat publishes; everything goes through the laws' Secretariat review."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cyberportal.cooperation import services
from cyberportal.cooperation.models import Declaration, MeasureSheet
from cyberportal.cooperation.tests.helpers import make_declaration, make_sheet
from cyberportal.core.moderation import WORKFLOW_NAME
from cyberportal.core.roles import Role
from cyberportal.directory.tests.helpers import client_for, make_authority
from cyberportal.laws.tests.helpers import article, make_budapest, make_law, make_provision
from cyberportal.states.models import Article, Instrument
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def states():
    make_budapest()
    return make_state("AR"), make_state("BR")


def _draft(state, measure="subscriber"):
    return MeasureSheet(state=state, measure=measure, can_execute="yes", as_of=datetime.date(2026, 6, 1))


def test_a_focal_point_drafts_their_own_states_sheet_and_cannot_publish_it(states):
    ar, _br = states
    focal = make_user(Role.FOCAL_POINT, ar, username="focal.ar")

    sheet = services.measure_sheet_save(sheet=_draft(ar), user=focal)

    assert sheet.live is False and sheet.revisions.count() == 1
    with pytest.raises(PermissionDenied):
        services.measure_sheet_save(sheet=sheet, user=focal, publish=True)
    published = services.measure_sheet_save(sheet=sheet, user=make_user(Role.SECRETARIAT), publish=True)
    assert published.live is True


@pytest.mark.parametrize("role", [Role.EXPERT, Role.FOCAL_POINT])
def test_another_states_users_cannot_write_a_states_records(states, role):
    ar, br = states
    user = make_user(role, br, username=f"{role}.br")

    with pytest.raises(PermissionDenied):
        services.measure_sheet_save(sheet=_draft(ar), user=user)
    with pytest.raises(PermissionDenied):
        services.declaration_save(
            declaration=Declaration(
                state=ar,
                instrument=article("16").instrument,
                article=article("16"),
                kind="authority",
                text="x",
            ),
            user=user,
        )
    assert not MeasureSheet.objects.exists() and not Declaration.objects.exists()


def test_bad_input_names_the_field_and_saves_nothing(states):
    ar, br = states
    other = Instrument.objects.create(slug="other", short_name="Other", title="Other")
    other_instrument_article = Article.objects.create(
        instrument=other, number="1", title="One", category="general"
    )

    with pytest.raises(ValidationError) as conditions:
        services.measure_sheet_save(sheet=_conditional(ar))
    with pytest.raises(ValidationError) as authority:
        services.measure_sheet_save(sheet=_with_authority(ar, make_authority(br)))
    with pytest.raises(ValidationError) as wrong_article:
        services.declaration_save(
            declaration=Declaration(
                state=ar,
                instrument=article("16").instrument,
                article=other_instrument_article,
                kind="reservation",
                text="x",
            )
        )
    with pytest.raises(ValidationError) as languages:
        services.measure_sheet_save(sheet=_with_languages(ar, "Spanish"))

    assert "conditions" in conditions.value.message_dict
    assert "authority" in authority.value.message_dict
    assert "article" in wrong_article.value.message_dict
    assert "languages" in languages.value.message_dict
    assert not MeasureSheet.objects.exists() and not Declaration.objects.exists()


def _conditional(state):
    sheet = _draft(state)
    sheet.can_execute = "conditions"
    return sheet


def _with_authority(state, authority):
    sheet = _draft(state)
    sheet.authority = authority
    return sheet


def _with_languages(state, value):
    sheet = _draft(state)
    sheet.languages = value
    return sheet


def test_sheets_and_declarations_go_through_the_laws_secretariat_review(states):
    ar, _br = states
    sheet = make_sheet(ar, publish=False)
    declaration = make_declaration(ar, article("16"), publish=False)

    services.moderation_workflow_ensure()

    assert sheet.get_workflow().name == WORKFLOW_NAME
    assert declaration.get_workflow().name == WORKFLOW_NAME


def test_the_admin_lists_and_opens_only_the_focal_points_own_states_sheets(states):
    ar, br = states
    own = make_sheet(ar, conditions="Own conditions AR", can_execute="conditions")
    other = make_sheet(br, conditions="Other conditions BR", can_execute="conditions")
    client = client_for(make_user(Role.FOCAL_POINT, ar, username="focal.ar"))

    listing = client.get("/admin/snippets/cooperation/measuresheet/")
    own_edit = client.get(f"/admin/snippets/cooperation/measuresheet/edit/{own.pk}/")
    other_edit = client.get(f"/admin/snippets/cooperation/measuresheet/edit/{other.pk}/")

    assert listing.status_code == 200
    assert f"/edit/{own.pk}/" in listing.content.decode()
    assert f"/edit/{other.pk}/" not in listing.content.decode()
    assert own_edit.status_code == 200 and "Own conditions AR" in own_edit.content.decode()
    assert other_edit.status_code in {302, 403} and "Other conditions BR" not in other_edit.content.decode()


def test_the_admin_form_offers_a_focal_point_only_their_own_states_links(states):
    ar, br = states
    own_provision = make_provision(make_law(ar, "1"), "1", "Texto")
    make_provision(make_law(br, "2"), "1", "Texto")
    own_authority, _other = make_authority(ar), make_authority(br)
    client = client_for(make_user(Role.FOCAL_POINT, ar, username="focal.ar"))

    form = client.get("/admin/snippets/cooperation/measuresheet/add/").context["form"]

    assert list(form.fields["state"].queryset) == [ar]
    assert list(form.fields["domestic_provisions"].queryset) == [own_provision]
    assert list(form.fields["authority"].queryset) == [own_authority]
