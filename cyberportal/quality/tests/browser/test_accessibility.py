"""axe-core on every public key page in the four languages (WCAG 2.0/2.1 A and AA), and the keyboard."""

from __future__ import annotations

import re

import pytest

from cyberportal.quality.registry import LANGUAGES, key_pages
from cyberportal.quality.tests.helpers import build_instance

from .conftest import AXE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "a-long-test-password"


def _violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
        WCAG_TAGS,
    )


def test_every_public_page_has_no_wcag_a_or_aa_violation_in_any_language(live_server, audit_page):
    page = audit_page
    build_instance()
    found = {}
    for key_page in key_pages(public_only=True):
        if key_page.floor:
            continue
        for language in LANGUAGES if key_page.translated else ["en"]:
            url = key_page.url(language)
            for width in (390, 1280):
                page.set_viewport_size({"width": width, "height": 900})
                response = page.goto(f"{live_server.url}{url}")
                assert response.status == 200, url
                violations = _violations(page)
                if violations:
                    found[f"{url} at {width}px"] = violations
    assert not found, "axe-core found WCAG violations:\n" + "\n".join(
        f"{where}: {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
        for where, violations in found.items()
        for v in violations
    )


def _focus_is_visible(page) -> bool:
    return page.evaluate(
        """() => { const e = document.activeElement; if (!e || e === document.body) return false;
        const s = getComputedStyle(e);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }"""
    )


def test_the_keyboard_reaches_the_menu_and_language_switcher_with_visible_focus(live_server, page):
    build_instance()
    page.goto(f"{live_server.url}/en/")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break  # past the last link: the browser's own UI would come next
        assert _focus_is_visible(page), (
            f"no visible focus on {page.evaluate('document.activeElement.outerHTML')}"
        )
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert reached[0] == "Skip to main content"
    assert {"español", "français", "Português", "States", "Instruments", "Sign in"} <= set(reached)

    page.goto(f"{live_server.url}/en/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "fr":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/fr/$"))


def test_the_sign_in_form_works_with_the_keyboard_alone(live_server, page):
    build_instance()
    page.goto(f"{live_server.url}/en/accounts/sign-in/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "login":
            break
    assert _focus_is_visible(page)
    page.keyboard.type("secretariat")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    assert _focus_is_visible(page)
    page.keyboard.type(PASSWORD)
    for _ in range(5):  # past the "forgot your password?" link and the "remember me" box
        page.keyboard.press("Tab")
        assert _focus_is_visible(page)
        if page.evaluate("document.activeElement.type") == "submit":
            break
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/$"))
    assert page.get_by_role("button", name="Sign out").is_visible()
