"""Journeys in a real browser: the visitor's and the Secretariat's, with screenshots at two widths."""

from __future__ import annotations

import re

import pytest

from cyberportal.quality.tests.helpers import build_instance
from cyberportal.states.models import State

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-test-password"  # make_user's


def test_the_visitor_goes_from_home_to_a_profile_to_instruments_and_switches_language(live_server, page):
    build_instance()
    page.goto(f"{live_server.url}/en/")
    screenshot(page, "visitor-1-home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="States").click()
    page.wait_for_url(re.compile(r"/en/states/$"))
    screenshot(page, "visitor-2-states")

    page.get_by_role("link", name=re.compile("Argentina")).click()
    page.wait_for_url(re.compile(r"/en/states/ar/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Argentina")
    screenshot(page, "visitor-3-profile")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Instruments").click()
    page.wait_for_url(re.compile(r"/en/instruments/$"))
    page.get_by_role("link", name="Budapest Convention").first.click()
    page.wait_for_url(re.compile(r"/en/instruments/cets-185/$"))
    screenshot(page, "visitor-4-instrument")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="español").click()
    page.wait_for_url(re.compile(r"/es/instruments/cets-185/$"))
    assert page.locator("html").get_attribute("lang") == "es"
    current = page.locator('.language-switcher a[aria-current="true"]')
    assert current.get_attribute("hreflang") == "es"
    screenshot(page, "visitor-5-instrument-es")


def test_the_secretariat_signs_in_edits_a_state_in_the_admin_and_saves(live_server, page):
    build_instance()
    page.goto(f"{live_server.url}/en/accounts/sign-in/")
    page.locator("#id_login").fill("secretariat")
    page.locator("#id_password").fill(PASSWORD)
    screenshot(page, "secretariat-1-sign-in")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/en/$"))

    state = State.objects.get(code="AR")
    page.goto(f"{live_server.url}/admin/snippets/states/state/edit/{state.pk}/")
    screenshot(page, "secretariat-2-edit-state")
    page.locator("#id_notes").fill("Checked by the Secretariat in a browser journey.")
    page.get_by_role("button", name=re.compile("^Save")).first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/states/state/"))
    screenshot(page, "secretariat-3-saved")

    state.refresh_from_db()
    assert state.notes == "Checked by the Secretariat in a browser journey."
    assert state.revisions.count() == 1


def test_two_editors_saving_the_same_state_do_not_overwrite_each_other(live_server, chromium):
    build_instance()
    state = State.objects.get(code="AR")
    editors = []
    for _ in range(2):
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}/en/accounts/sign-in/")
        page.locator("#id_login").fill("secretariat")
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(r"/en/$"))
        page.goto(f"{live_server.url}/admin/snippets/states/state/edit/{state.pk}/")
        editors.append(page)
    first, second = editors

    first.locator("#id_notes").fill("First editor's notes")
    first.get_by_role("button", name=re.compile("^Save")).first.click()
    first.wait_for_url(re.compile(r"/admin/snippets/states/state/$"))
    second.locator("#id_notes").fill("Second editor's notes")
    second.get_by_role("button", name=re.compile("^Save")).first.click()
    second.wait_for_load_state()

    assert "Someone else saved this record" in second.content()
    assert second.locator("#id_notes").input_value() == "Second editor's notes"  # kept what they typed
    screenshot(second, "secretariat-4-conflict")
    state.refresh_from_db()
    assert state.notes == "First editor's notes"
    for page in editors:
        page.context.close()
