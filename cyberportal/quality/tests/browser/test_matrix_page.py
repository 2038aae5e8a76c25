"""The comparison matrix in a real browser, in Spanish (issue 14 item 8): the legend's marks have the very
colours of the cells' marks, the table scrolls sideways in its own box at phone widths without breaking
words, and screenshots at 320, 390 and 1280 px go to test-artifacts/ for review."""

from __future__ import annotations

import re

import pytest

from cyberportal.laws.tests.helpers import make_law, make_mapping, make_provision
from cyberportal.states.models import State
from cyberportal.states.services import reference_data_load

from .conftest import ARTIFACTS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MARK_STYLES = """(root) => {
  const out = {};
  for (const el of root.querySelectorAll('.cell-mark')) {
    const status = [...el.classList].find(c => c.startsWith('cell-') && c !== 'cell-mark');
    const s = getComputedStyle(el);
    (out[status] = out[status] || new Set()).add([el.textContent, s.color, s.backgroundColor].join('|'));
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}"""


def _corpus() -> None:
    reference_data_load()
    states = {s.code: s for s in State.objects.filter(code__in=["CO", "BR", "AR", "CL"])}
    ley = make_law(states["CO"], "1273", identifier="Ley 1273 de 2009")
    for order, number in enumerate(["2", "3", "4", "5", "6", "7", "8"]):
        make_mapping(make_provision(ley, f"269{chr(65 + order)}", "Texto.", order=order), number)
    make_mapping(make_provision(ley, "16", "Conservación.", order=9), "16", extent="partial")
    lei = make_law(states["BR"], "12737", language="pt", identifier="Lei 12.737")
    make_mapping(make_provision(lei, "154-A", "Invasão."), "2", reviewed=False)
    make_law(states["AR"], "26388", identifier="Ley 26.388")


def test_the_spanish_matrix_legend_matches_its_cells_and_scrolls_in_its_box_on_phones(live_server, page):
    _corpus()
    page.goto(f"{live_server.url}/es/laws/matrix/?instrument=cets-185")
    legend = page.locator("dl.legend").evaluate(MARK_STYLES)
    cells = page.locator("table.matrix").evaluate(MARK_STYLES)

    assert set(legend) == {"cell-full", "cell-partial", "cell-not_reviewed", "cell-none", "cell-no_law"}
    for status, looks in cells.items():
        assert looks == legend[status], f"{status}: cells {looks} ≠ legend {legend[status]}"
    # The official Spanish title (the reference data's es version), not the English one.
    assert page.get_by_role("columnheader", name=re.compile(r"^Art\. 2 Acceso ilícito")).count() == 1

    ARTIFACTS.mkdir(exist_ok=True)
    for width in (320, 390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"matrix-es-{width}.png"), full_page=True)
        # The page never scrolls sideways: only the matrix's own box does.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        box = page.locator(".matrix-wrap")
        assert box.evaluate("el => el.scrollWidth > el.clientWidth")
        # Words never break inside ("Situ/aci/ón"): columns widen to their longest word instead.
        breaking = page.locator(".matrix th, .matrix td").evaluate_all(
            "els => els.filter(e => { const s = getComputedStyle(e);"
            " return s.overflowWrap !== 'normal' || s.wordBreak !== 'normal' || s.hyphens === 'auto'; }).length"
        )
        assert breaking == 0


def test_the_spanish_matrix_has_no_wcag_violation_at_phone_and_desktop_widths(live_server, audit_page):
    from .test_accessibility import _report, _violations

    _corpus()
    audit_page.goto(f"{live_server.url}/es/laws/matrix/?instrument=cets-185")
    found = {}
    for width in (320, 1280):
        audit_page.set_viewport_size({"width": width, "height": 900})
        if violations := _violations(audit_page):
            found[f"matrix at {width}px"] = violations
    assert not found, _report(found)
