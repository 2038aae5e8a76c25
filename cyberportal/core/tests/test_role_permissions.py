"""Each app declares its roles' Django permissions in its AppConfig; accounts builds the groups from them.

Also: templates reach the policy's one-argument checks as `can.<name>`.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.template import RequestContext, Template
from django.test import RequestFactory

from cyberportal.accounts.services import role_group
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


def _names(group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }


def test_focal_points_get_what_laws_directory_cooperation_states_and_bulletin_declare_and_nothing_more():
    names = _names(role_group("focal_point"))

    assert {
        "wagtailadmin.access_admin",
        "laws.add_law",
        "laws.change_law",
        "directory.delete_contact",
        "cooperation.change_measuresheet",
        "cooperation.lock_declaration",
        "states.add_treatystatusproposal",
        "links.change_nationallink",
        "citizens.add_reportingguide",
        "bulletin.add_contribution",
    } <= names
    assert "laws.publish_law" not in names and "laws.delete_law" not in names
    assert "cooperation.publish_measuresheet" not in names and "cooperation.delete_declaration" not in names
    assert "states.publish_treatystatusproposal" not in names and "states.change_state" not in names
    assert "links.publish_nationallink" not in names and "links.change_linkcheck" not in names
    assert "citizens.publish_reportingguide" not in names and "citizens.delete_reportingguide" not in names
    assert "bulletin.publish_contribution" not in names and "bulletin.change_issue" not in names
    assert "bulletin.view_subscriber" not in names
    assert {name.split(".")[0] for name in names} == {
        "wagtailadmin",
        "laws",
        "directory",
        "cooperation",
        "states",
        "links",
        "citizens",
        "bulletin",
    }


def test_the_secretariat_gets_every_permission_of_the_apps_it_administers():
    names = _names(role_group("secretariat"))

    labels = (
        "states",
        "home",
        "recommendations",
        "laws",
        "directory",
        "cooperation",
        "wagtaildocs",
        "wagtailimages",
    )
    for label in labels:
        assert any(name.startswith(f"{label}.") for name in names), label
    assert "laws.publish_law" in names
    assert not any(name.startswith(("spaces.", "accounts.", "audit.")) for name in names)


def test_experts_get_no_admin_permission():
    assert _names(role_group("expert")) == set()


def test_a_new_capability_grants_permissions_from_its_own_app_config(monkeypatch):
    spaces = apps.get_app_config("spaces")
    monkeypatch.setattr(spaces, "role_permissions", {"expert": ["spaces.view_space"]}, raising=False)

    assert _names(role_group("expert")) == {"spaces.view_space"}


def test_accounts_names_no_other_app():
    source = (Path(apps.get_app_config("accounts").path) / "services.py").read_text()
    for config in apps.get_app_configs():
        if config.name.startswith("cyberportal.") and config.label != "accounts":
            assert f'"{config.label}"' not in source, config.label


def _render(text, user):
    request = RequestFactory().get("/")
    request.user = user
    return Template(text).render(RequestContext(request, {}))


@pytest.mark.parametrize(("role", "shown"), [("expert", ""), ("focal_point", ""), ("secretariat", "audit")])
def test_templates_ask_named_checks(role, shown):
    user = make_user(role, None if role == "secretariat" else make_state("AR"))

    assert _render("{% if can.view_audit %}audit{% endif %}", user) == shown


def test_templates_cannot_reach_unknown_or_per_record_checks():
    user = make_user("secretariat")

    assert _render("{% if can.view %}x{% endif %}{% if can.nothing_of_the_kind %}y{% endif %}", user) == ""
