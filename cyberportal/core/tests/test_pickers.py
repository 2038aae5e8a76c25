"""Forms for officials, not engineers (issue 14, item 5): languages and time zones by name, lists as
multi-selects, the one possible state preselected, never "---------" or a JSON list to type."""

from __future__ import annotations

import re

import pytest
from wagtail.users.models import UserProfile

from cyberportal.directory.tests.helpers import client_for
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


def _select(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    start = html.rindex("<select", 0, start)
    return html[start : html.index("</select>", start)]


def _speaking(user, language: str):
    user.preferred_language = language
    user.save()
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    return client_for(user)


def test_the_state_form_offers_languages_and_time_zones_by_name_not_json():
    state = make_state("PY")
    state.official_languages = ["es", "gn"]
    state.save()
    client = _speaking(make_user("secretariat"), "es")

    html = client.get(f"/admin/snippets/states/state/edit/{state.pk}/").content.decode()

    languages = _select(html, "official_languages")
    assert "multiple" in languages
    assert re.search(r'<option value="gn" selected>\s*Guaraní', languages)
    assert re.search(r'<option value="es" selected>\s*Español', languages)
    zones = _select(html, "time_zones")
    assert "multiple" in zones and 'label="Sudamérica"' in zones
    assert "Asunción (Paraguay)" in zones
    assert '["es", "gn"]' not in html and "BCP 47" not in html


def test_a_focal_points_authority_form_preselects_their_state_and_names_everything():
    colombia = make_state("CO")
    make_state("AR")
    client = _speaking(make_user("focal_point", colombia), "pt")

    html = client.get("/admin/snippets/directory/authority/add/").content.decode()

    assert "---------" not in html
    assert f'name="state" value="{colombia.pk}"' in html  # the state chooser comes already chosen
    assert "Espanhol" in _select(html, "request_languages")
    assert "Bogotá (Colômbia)" in _select(html, "time_zone")
    assert 'type="checkbox" name="working_days" value="1"' in html and "Segunda-feira</label>" in html
    assert "ISO weekdays" not in html and "IANA" not in html


def test_the_authority_form_saves_the_picked_lists():
    colombia = make_state("CO")
    client = client_for(make_user("focal_point", colombia))
    response = client.post(
        "/admin/snippets/directory/authority/add/",
        {
            "state": colombia.pk,
            "name": "Fiscalía",
            "name_language": "es",
            "kind": "prosecution",
            "visibility": "public",
            "request_languages": ["es", "en"],
            "time_zone": "America/Bogota",
            "opens_at": "08:00",
            "closes_at": "17:00",
            "working_days": ["1", "2", "3", "4", "5"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from cyberportal.directory.models import Authority

    authority = Authority.objects.get(name="Fiscalía")
    assert authority.request_languages == ["es", "en"] and authority.working_days == [1, 2, 3, 4, 5]


def test_the_profile_picks_a_time_zone_from_a_short_grouped_list():
    expert = make_user("expert", make_state("BR"))
    client = _speaking(expert, "fr")

    html = client.get("/fr/accounts/profile/").content.decode()

    zones = _select(html, "time_zone")
    assert zones.count("<option") < 120 and 'label="Amérique du Sud"' in zones
    assert "São Paulo (Brésil)" in zones
    response = client.post(
        "/fr/accounts/profile/",
        {"first_name": "Ana", "last_name": "B", "preferred_language": "fr", "time_zone": "Mars/Olympus"},
    )
    assert (
        response.status_code == 200
        and "« Mars/Olympus » n’est pas un fuseau horaire." in response.content.decode()
    )


def test_the_correction_form_behind_a_verification_link_lists_languages_by_name():
    from django.utils import translation

    from cyberportal.directory.forms import CorrectionForm

    with translation.override("es"):
        form = CorrectionForm(initial={"name": "Mesa", "languages_spoken": ["es", "qu"]})
        spoken = str(form["languages_spoken"])
        bound = CorrectionForm({"name": "Mesa", "languages_spoken": ["es", "xx-<b>"]})

    assert "multiple" in spoken and re.search(r'<option value="qu" selected>\s*Quechua', spoken)
    assert not bound.is_valid() and "languages_spoken" in bound.errors
