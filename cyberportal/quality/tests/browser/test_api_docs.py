"""The API's interactive documentation works under the portal's CSP (script-src 'self') and loads
nothing from another origin (the `page` fixture fails the test on any foreign request)."""

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_api_docs_render_every_operation_under_the_csp(live_server, page):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock")
    operations = page.locator(".opblock").count()
    assert operations >= 10
    assert problems == []  # a CSP refusal (inline script, eval) shows as a console error
