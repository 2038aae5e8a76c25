"""Headless chromium for the browser journeys: Debian's /usr/bin/chromium driven by Playwright.

Skipped with a clear reason when chromium, Playwright or node_modules/axe-core is missing on a
developer's machine; under CI=true a missing prerequisite FAILS the tests instead (`.ci/run` installs
them), so the accessibility check can never silently stop running.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it
# are ordinary blocking calls, so Django's async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(settings.BASE_DIR)
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str:
    problems = []
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        problems.append(f"chromium not found at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the playwright package is not installed (python3 dev.py test installs it)")
    if not AXE.is_file():
        problems.append("node_modules/axe-core is missing (run: npm ci)")
    return "; ".join(problems)


def require_browser() -> None:
    missing = _missing()
    if not missing:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Browser tests cannot run under CI: {missing}", pytrace=False)
    pytest.skip(f"browser tests skipped: {missing}")


@pytest.fixture(scope="session")
def chromium():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


PASSWORD = "a-long-test-password"  # cyberportal.testing.make_user's


def new_page(
    chromium, origin: str, *, bypass_csp: bool = False, timezone_id: str | None = None, locale: str = "en-US"
):
    """A page in a fresh context (its own cookies) that records every request leaving for another origin:
    the portal must load nothing from outside (closed networks, no third party learning who reads what)."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900},
        locale=locale,
        bypass_csp=bypass_csp,
        accept_downloads=True,
        timezone_id=timezone_id,  # the browser's own zone, which the finder reads when the profile has none
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.foreign_requests = []

    def record(request):
        url = request.url
        if not url.startswith(("data:", "blob:", "about:")) and not url.startswith(origin + "/"):
            page.foreign_requests.append(url)

    context.on("request", record)
    return page


@pytest.fixture
def browser_page(chromium, live_server):
    """Open pages with `browser_page()`; each gets its own context, closed and checked at the end."""
    pages = []

    def open_page(*, bypass_csp: bool = False, timezone_id: str | None = None, locale: str = "en-US"):
        pages.append(
            new_page(chromium, live_server.url, bypass_csp=bypass_csp, timezone_id=timezone_id, locale=locale)
        )
        return pages[-1]

    yield open_page
    foreign = [url for page in pages for url in page.foreign_requests]
    for page in pages:
        page.context.close()
    assert not foreign, f"pages requested other origins: {sorted(set(foreign))}"


@pytest.fixture
def page(browser_page):
    return browser_page()


@pytest.fixture
def audit_page(browser_page):
    """A page that may inject axe-core: the portal's CSP (script-src 'self') rightly refuses inline
    scripts, so only this checker's context bypasses it; journeys keep the CSP on."""
    return browser_page(bypass_csp=True)


def sign_in(page, base_url: str, username: str) -> None:
    """Through the real allauth form, as a person would (MFA is off in the test settings)."""
    page.goto(f"{base_url}/en/accounts/sign-in/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    # The home in the user's preferred language; experts land on their own home (accounts/home/).
    page.wait_for_url(re.compile(r"/(en|es|pt|fr)/(accounts/home/)?$"))
    signed_out = {"en": "Sign out", "es": "Cerrar sesión", "pt": "Sair", "fr": "Se déconnecter"}
    language = page.locator("html").get_attribute("lang") or "en"
    assert page.get_by_role("button", name=signed_out[language.split("-")[0]]).is_visible()


def screenshot(page, name: str) -> None:
    """Save the page at phone (390px) and desktop (1280px) widths under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    for label, width in (("phone", 390), ("desktop", 1280)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
