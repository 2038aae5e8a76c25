"""Test data for the quality harness, built per test (never the demo)."""

from __future__ import annotations

from wagtail.models import Locale, Page, Site

from cyberportal.core.roles import Role
from cyberportal.core.testing import make_user
from cyberportal.home.models import HomePage
from cyberportal.quality.registry import LANGUAGES
from cyberportal.states.services import reference_data_load


def build_instance() -> dict:
    """Reference data, a published home page per language (with revisions) and users of each role."""
    reference_data_load()
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    root = Page.get_first_root_node()
    if root is None:  # a transactional test's flush removes the root page that migrations create
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales["en"]))
    for child in root.get_children():
        child.delete()
    home = HomePage(title="Test portal home", slug="home", intro="Intro for tests", locale=locales["en"])
    root.add_child(instance=home)
    home.save_revision().publish()
    for code in LANGUAGES[1:]:
        translation = home.copy_for_translation(locales[code])
        translation.title = f"Home ({code})"
        translation.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    from cyberportal.states.models import State

    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    expert = make_user(Role.EXPERT, State.objects.get(code="AR"), username="expert.ar")
    return {"home": home, "secretariat": secretariat, "expert": expert}
