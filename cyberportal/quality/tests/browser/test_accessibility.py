"""axe-core in the four languages at 390px and 1280px (WCAG 2.0/2.1 A and AA): every public key page and
the pages each signed-in role lands on and works in; and the keyboard."""

from __future__ import annotations

import re

import pytest
from wagtail.users.models import UserProfile

from cyberportal.accounts.models import User
from cyberportal.quality.registry import LANGUAGES, key_pages
from cyberportal.quality.tests import helpers
from cyberportal.quality.tests.helpers import build_capabilities, build_instance

from .conftest import AXE, PASSWORD, sign_in

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (390, 1280)

# The pages each role lands on and works in, beyond the registry's signed-in key pages. "{lang}" is the
# language, "{law}", "{thread}", "{state}" the records build_capabilities() makes. Admin pages (Wagtail)
# have no language prefix: they are checked in each language by switching the user's admin language.
# Wagtail 8's admin passes these rules as it is: no rule is turned off anywhere.
SIGNED_IN_PAGES = {
    "expert.ar": [
        "/{lang}/directory/finder/?state=CO&measure=preservation&urgency=emergency",
        "/{lang}/directory/",
        "/{lang}/spaces/",
        "/{lang}/spaces/working-group/",
        "/{lang}/spaces/threads/{thread}/",
        "/{lang}/spaces/working-group/threads/new/",
        "/{lang}/spaces/search/?q=holidays",
        "/{lang}/accounts/profile/",
    ],
    "focal.co": [
        "/admin/",
        "/admin/snippets/laws/law/",
        "/admin/snippets/laws/law/edit/{law}/",
        "/{lang}/laws/{law}/",
        "/{lang}/laws/import/",
        "/{lang}/directory/dashboard/",
        "/{lang}/accounts/vetting/",
        "/{lang}/recommendations/reports/",
    ],
    "secretariat": [
        "/admin/",
        "/admin/snippets/states/state/",
        "/admin/snippets/states/state/edit/{state}/",
        "/{lang}/audit/",
        "/{lang}/directory/dashboard/",
        "/{lang}/directory/campaigns/new/",
        "/{lang}/accounts/people/",
        "/{lang}/recommendations/import/",
    ],
}


def _violations(page) -> list[dict]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
        WCAG_TAGS,
    )
    # WCAG 1.4.10 Reflow, which axe does not test: nothing makes the whole page scroll sideways.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        violations.append(
            {"id": "reflow", "impact": "serious", "help": f"page {overflow}px too wide", "nodes": []}
        )
    return violations


def _audit(page, url: str, found: dict, language: str) -> None:
    """Both widths on one load: the layout follows the window's width (media queries), not the load."""
    page.set_viewport_size({"width": WIDTHS[-1], "height": 900})
    response = page.goto(url)
    assert response.status == 200, url
    assert page.locator("html").get_attribute("lang") == language, url
    for width in reversed(WIDTHS):
        page.set_viewport_size({"width": width, "height": 900})
        violations = _violations(page)
        if violations:
            found[f"{url} at {width}px"] = violations


def _report(found: dict) -> str:
    return "axe-core found WCAG violations:\n" + "\n".join(
        f"{where}: {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
        for where, violations in found.items()
        for v in violations
    )


def test_every_public_page_has_no_wcag_a_or_aa_violation_in_any_language(live_server, audit_page):
    build_capabilities()  # content on every page: laws, contacts, search results
    found = {}
    for key_page in key_pages(public_only=True):
        if key_page.floor:
            continue
        for language in LANGUAGES if key_page.translated else ["en"]:
            _audit(audit_page, f"{live_server.url}{key_page.url(language)}", found, language)
    assert not found, _report(found)


@pytest.mark.parametrize("username", list(SIGNED_IN_PAGES))
def test_the_pages_each_role_works_in_have_no_wcag_a_or_aa_violation_in_any_language(
    live_server, audit_page, username
):
    data = build_capabilities()
    records = {"law": data["law"].pk, "thread": data["thread"].pk, "state": data["law"].state_id}
    registry_pages = [p.path for p in key_pages() if p.signed_in_as == username]
    paths = list(dict.fromkeys(registry_pages + SIGNED_IN_PAGES[username]))
    sign_in(audit_page, live_server.url, username)  # one signed-in context for all of this role's pages
    profile = UserProfile.get_for_user(User.objects.get(username=username))
    found = {}
    for language in LANGUAGES:
        profile.preferred_language = language  # the language of Wagtail's admin for this user
        profile.save(update_fields=["preferred_language"])
        for path in paths:
            url = f"{live_server.url}{path.format(lang=language, **records)}"
            _audit(audit_page, url, found, language)
    assert not found, _report(found)


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

    # The main menu's links are followed with Enter too, and the skip link moves focus to the content.
    page.goto(f"{live_server.url}/en/")
    _tab_to(page, "document.activeElement.textContent.trim() === 'States'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/states/$"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # on "Skip to main content"
    assert page.evaluate("document.activeElement.id") == "main"


def _tab_to(page, condition: str, limit: int = 60) -> None:
    """Press Tab until the JavaScript `condition` holds, checking the focus is visible at every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement !== document.body"), "focus left the page"
        assert _focus_is_visible(page), (
            f"no visible focus on {page.evaluate('document.activeElement.outerHTML')}"
        )
        if page.evaluate(condition):
            return
    raise AssertionError(f"never reached: {condition}")


def test_the_finder_form_works_with_the_keyboard_alone_once_signed_in(live_server, page):
    build_capabilities()
    sign_in(page, live_server.url, "expert.ar")
    page.goto(f"{live_server.url}/en/directory/finder/")
    _tab_to(page, "document.activeElement.name === 'state'")
    page.keyboard.type("Colombia")  # type-ahead on a focused select, as a keyboard user chooses
    assert page.evaluate("document.activeElement.value") == "CO"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "measure"
    page.keyboard.type("Emergency disclosure")
    assert page.evaluate("document.activeElement.value") == "emergency"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "urgency"
    page.keyboard.press("Home")  # the first urgency: emergency
    assert page.evaluate("document.activeElement.value") == "emergency"
    _tab_to(page, "document.activeElement.type === 'submit'", limit=3)  # past the time zone, if offered
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/directory/finder/\?.*measure=emergency"))
    answer = page.locator("section.finder-answer")
    assert answer.get_by_role("heading", level=2).inner_text() == "In Colombia"
    assert helpers.EXPERTS_CONTACT in answer.inner_text()


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
