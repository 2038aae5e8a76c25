"""Issue 17's statistics journey in a real browser: Colombia's focal point submits a return that fails
validation, corrects it and submits it; the Secretariat validates it; the figure shows on /statistics/."""

from __future__ import annotations

import re

import pytest

from cyberportal.core.roles import Role
from cyberportal.quality.tests.helpers import build_instance
from cyberportal.states.models import State
from cyberportal.testing import make_user

from .conftest import screenshot, sign_in

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _fill(page, values: dict[str, int]) -> None:
    for code, value in values.items():
        page.locator(f"#value-{code}").fill(str(value))


def test_the_focal_point_corrects_a_failed_return_and_the_secretariat_validates_it(live_server, browser_page):
    from cyberportal.statistics.selectors import due_year
    from cyberportal.statistics.tests.helpers import consistent_values, seed_indicators

    build_instance()
    seed_indicators()
    make_user(Role.FOCAL_POINT, State.objects.get(code="CO"), username="focal.co")
    year = due_year()
    values = consistent_values(scale=41)  # cases recorded, all offences: 4100
    wrong = dict(values, **{"cases-convicted-art8": 999})  # more convictions than prosecutions (205)

    focal = browser_page()
    sign_in(focal, live_server.url, "focal.co")
    focal.goto(f"{live_server.url}/en/statistics/returns/")
    focal.get_by_role("link", name=f"Open the return for {year}").click()
    focal.wait_for_url(re.compile(rf"/en/statistics/returns/co/{year}/$"))
    _fill(focal, wrong)
    focal.locator("#id_methodology").fill("Counted from the Fiscalía's case system.")
    focal.get_by_role("button", name="Submit to the Secretariat").click()

    alert = focal.get_by_role("alert").filter(has_text="Correct these figures")
    message = "Cases with a conviction: computer-related fraud (Art. 8): 999 is more than"
    assert message in alert.inner_text()
    assert focal.locator("#value-cases-convicted-art8").input_value() == "999"  # kept as typed
    assert focal.locator("#id_methodology").input_value() == "Counted from the Fiscalía's case system."
    screenshot(focal, "statistics-1-focal-refused")

    alert.get_by_role("link", name=re.compile("computer-related fraud")).first.click()
    focal.locator("#value-cases-convicted-art8").fill(str(values["cases-convicted-art8"]))
    focal.get_by_role("button", name="Submit to the Secretariat").click()
    focal.wait_for_load_state()
    assert "Return submitted" in focal.locator("main").inner_text(), focal.locator("main").inner_text()[:3000]
    assert re.search(r"/en/statistics/returns/(#[-\w]*)?$", focal.url)  # the anchor followed the redirect
    screenshot(focal, "statistics-2-focal-submitted")

    # Not public before the Secretariat validates it.
    visitor = browser_page()
    visitor.goto(f"{live_server.url}/en/statistics/")
    assert "No validated return yet" in visitor.locator("main").inner_text()

    secretariat = browser_page()
    sign_in(secretariat, live_server.url, "secretariat")
    secretariat.goto(f"{live_server.url}/en/statistics/returns/")
    secretariat.get_by_role("link", name=f"Colombia {year}").first.click()
    secretariat.get_by_role("button", name="Validate: publish these figures").click()
    secretariat.wait_for_url(re.compile(r"/en/statistics/returns/$"))
    assert "is now public" in secretariat.locator("main").inner_text()

    visitor.goto(f"{live_server.url}/en/statistics/")
    main = visitor.locator("main")
    assert main.get_by_role("table", name=f"Cybercrime cases, all offences, {year}").is_visible()
    assert "4,100" in main.inner_text() or "4100" in main.inner_text()
    screenshot(visitor, "statistics-3-public")
