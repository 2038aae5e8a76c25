"""Phones and tablets, in Spanish, Portuguese and French: at 320, 390 and 768 px no page scrolls sideways,
no word is cut across lines (tables scroll inside their own box instead of printing "Situ/aci/ón"), and the
main navigation folds behind a "Menu" button instead of taking a third of a phone's screen. Screenshots of
every page at every width are saved under test-artifacts/widths/ for a person to look at."""

from __future__ import annotations

import pytest

from cyberportal.quality.registry import key_pages

from .conftest import ARTIFACTS, sign_in

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTHS = (768, 390, 320)
LANGUAGES = ("es", "pt", "fr")
SIGNED_IN = {"expert.ar": ["/{lang}/directory/finder/?state=CO&measure=preservation&urgency=emergency"]}

# Words of four letters or more whose letters sit on more than one line. Breaks at spaces, hyphens,
# dashes and slashes are where a browser may wrap; anything else is a word cut in two.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node && broken.length < 5; node = walker.nextNode()) {
    const word = /[^\\s\\-\\u2010-\\u2015\\/]{4,}/g;
    for (let m = word.exec(node.textContent); m; m = word.exec(node.textContent)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.bottom)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


def _check(page, url: str, name: str, problems: list[str]) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(url)
    assert response.status == 200, url
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{url} at {width}px: the page is {overflow}px too wide")
        broken = page.evaluate(BROKEN_WORDS)
        if broken:
            problems.append(f"{url} at {width}px: words cut across lines: {broken}")
        page.screenshot(path=str(ARTIFACTS / "widths" / f"{name}-{width}.png"), full_page=True)


def test_key_pages_fit_phones_and_tablets_without_cutting_words(live_server, page):
    from cyberportal.quality.tests.helpers import build_capabilities

    build_capabilities()  # content on every page: laws, contacts, search results
    (ARTIFACTS / "widths").mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for key_page in key_pages(public_only=True):
        if key_page.floor or not key_page.translated:
            continue
        for language in LANGUAGES:
            _check(page, f"{live_server.url}{key_page.url(language)}", f"{key_page.key}-{language}", problems)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, "expert.ar")
    for path in SIGNED_IN["expert.ar"]:
        for language in LANGUAGES:
            _check(page, f"{live_server.url}{path.format(lang=language)}", f"finder-{language}", problems)
    assert not problems, "\n".join(problems)


def test_the_navigation_folds_behind_a_menu_button_on_phones(live_server, page):
    from cyberportal.quality.tests.helpers import build_instance

    build_instance()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/pt/")
    menu = page.get_by_role("button", name="Menu")
    assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false"
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] < 800 / 4, f"the header takes {header['height']}px of an 800px screen"
    states = page.locator("nav.main-nav").get_by_role("link", name="Estados")
    assert not states.is_visible()

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    states.click()
    page.wait_for_url(f"{live_server.url}/pt/states/")

    page.set_viewport_size({"width": 1280, "height": 800})  # on a desktop the menu is simply there
    assert not page.get_by_role("button", name="Menu").is_visible()
    assert page.locator("nav.main-nav").get_by_role("link", name="Estados").is_visible()
