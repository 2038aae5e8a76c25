"""The comparison matrix as a minister's adviser reads it (issue 14 item 8): article titles on the columns,
final clauses apart, three kinds of "unknown" told apart, a legend that matches the cells, filters by
category and state, and a summary line per state."""

from __future__ import annotations

import re

import pytest

from cyberportal.laws import selectors
from cyberportal.laws.templatetags.laws_tags import SYMBOLS
from cyberportal.states.models import Article, Instrument
from cyberportal.testing import make_state

from .helpers import make_budapest, make_law, make_mapping, make_provision

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    """Colombia reviewed (two articles in full, one partly), Brazil imported but not reviewed (one
    suggestion), Argentina imported with nothing mapped yet, Mexico with no law, the Dominican Republic
    with only a draft nobody outside may see."""
    budapest = make_budapest()
    Article.objects.create(
        instrument=budapest, number="36", title="Signature", category="final", sort_order=9
    )
    co, br, mx, do, ar = (make_state(c) for c in ("CO", "BR", "MX", "DO", "AR"))
    ley = make_law(co, "1273")
    make_mapping(make_provision(ley, "269A", "Acceso abusivo."), "2")
    make_mapping(make_provision(ley, "269C", "Interceptación.", order=1), "3")
    make_mapping(make_provision(ley, "269D", "Daño informático.", order=2), "4", extent="partial")
    lei = make_law(br, "12737", language="pt")
    make_mapping(make_provision(lei, "154-A", "Invasão."), "2", reviewed=False)
    make_law(do, "53-07", live=False)
    make_law(ar, "26388")
    return {"CO": co, "BR": br, "MX": mx, "DO": do, "AR": ar}


def _statuses(page) -> dict[str, list[str]]:
    return {state.code: [c.status for c in cells] for state, cells in page.context["matrix"].rows}


def test_columns_name_each_article_and_mark_a_title_not_in_the_readers_language(client, region):
    spanish = client.get("/es/laws/matrix/?instrument=cets-185").content.decode()
    english = client.get("/en/laws/matrix/?instrument=cets-185").content.decode()

    head = re.search(r"<thead>.*?</thead>", spanish, re.S).group(0)
    assert 'Art. 2</span> <span class="article-title" lang="en">Illegal access</span>' in head
    assert '<abbr class="title-fallback"' in head  # the English title is marked as such
    assert "Derecho penal sustantivo" in head  # columns grouped under their category
    assert "title-fallback" not in re.search(r"<thead>.*?</thead>", english, re.S).group(0)


def test_an_article_gives_its_title_in_the_readers_language_when_the_portal_has_one():
    article = Article(
        instrument=Instrument(language="en"),
        number="2",
        title="Illegal access",
        translations={"es": {"title": "Acceso ilícito"}},  # the official Spanish version's title
    )

    assert article.title_in("es") == ("Acceso ilícito", "es")
    assert article.title_in("fr") == ("Illegal access", "en")  # visibly English: the caller marks it
    assert article.title_in("en") == ("Illegal access", "en")


def test_final_clauses_are_not_compared_but_listed_apart(client, region):
    page = client.get("/en/laws/matrix/?instrument=cets-185")
    matrix = page.context["matrix"]
    html = page.content.decode()

    assert "36" not in [a.number for a in matrix.articles]
    assert [a.number for a in matrix.apart] == ["36"]
    assert "1 article about the treaty itself is not compared" in html
    assert "Signature" in html.split("matrix-apart")[1]
    csv = client.get("/en/laws/matrix/?instrument=cets-185&format=csv").content.decode()
    assert "Signature" not in csv
    gaps = client.get("/en/laws/state/mx/gaps/?instrument=cets-185").context["gaps"]
    assert "36" not in [g.article.number for g in gaps]


def test_asking_for_final_clauses_says_why_they_are_not_in_the_matrix(client, region):
    page = client.get("/es/laws/matrix/?instrument=cets-185&category=final")

    assert page.status_code == 200
    assert len(page.context["matrix"].articles) == 5
    assert "Disposiciones finales" in page.context["errors"][0]
    assert "final" not in dict(page.context["categories"])


def test_no_law_not_reviewed_and_no_provision_are_three_different_things(client, region):
    page = client.get("/en/laws/matrix/?instrument=cets-185")
    statuses = _statuses(page)
    html = page.content.decode()

    assert statuses["CO"] == ["full", "full", "partial", "none", "none"]  # reviewed: 5 and 16 have nothing
    assert statuses["BR"] == ["not_reviewed"] * 5  # imported, only an unreviewed suggestion
    assert statuses["AR"] == ["not_reviewed"] * 5  # imported, nothing mapped yet
    assert statuses["MX"] == ["no_law"] * 5
    assert statuses["DO"] == ["no_law"] * 5  # a draft law is no law for a visitor
    # A state without law gets one cell across its row that says so, not five question marks.
    assert html.count('<td class="cell cell-no_law cell-row" colspan="5">') == 2
    assert "No law in the portal" in html and "Reviewed: no provision" in html
    # Nor a row of question marks for laws nobody has looked at; Brazil's suggestion stays linked.
    unreviewed = '<td class="cell cell-not_reviewed cell-row" colspan="5">'
    assert html.count(unreviewed) == 1
    assert "Laws in the portal, not yet reviewed against these articles" in html
    assert html.count('<td class="cell cell-not_reviewed"><a href=') == 1


def test_the_legend_shows_exactly_the_marks_of_the_cells(client, region):
    """One source of truth: each cell's mark is, character for character, its status's mark in the
    legend (same element, classes, symbol), so colour and symbol always match."""
    html = client.get("/es/laws/matrix/?instrument=cets-185").content.decode()
    legend = re.search(r'<dl class="legend">.*?</dl>', html, re.S).group(0)
    table = re.search(r"<table.*?</table>", html, re.S).group(0)
    mark = re.compile(r'<span class="cell-mark cell-(\w+)" aria-hidden="true">(.*?)</span>')

    in_legend = {m.group(1): m.group(0) for m in mark.finditer(legend)}
    in_cells = {(m.group(1), m.group(0)) for m in mark.finditer(table)}
    assert set(in_legend) == set(selectors.STATUSES) == set(SYMBOLS)
    assert {status for status, _ in in_cells} == set(selectors.STATUSES)  # the fixture shows all five
    for status, element in in_cells:
        assert element == in_legend[status]
        assert re.search(rf'<td class="cell cell-{status}[ "]', table)  # the cell carries its status
    css = _css()
    for status in SYMBOLS:
        assert re.search(rf"\.cell-{status}\b[^{{]*\{{[^}}]*\bcolor:", css), f"no colour for {status}"


def _css() -> str:
    from django.contrib.staticfiles import finders

    with open(finders.find("css/portal.css"), encoding="utf-8") as handle:
        return handle.read()


def test_filter_by_state_name_in_the_readers_language_or_code_and_by_laws(client, region):
    def codes(url):
        page = client.get(url)
        assert page.status_code == 200
        return [state.code for state, _cells in page.context["matrix"].rows]

    assert codes("/es/laws/matrix/?q=rep+dom") == ["DO"]
    assert codes("/es/laws/matrix/?q=méxico") == ["MX"]
    assert codes("/es/laws/matrix/?q=Mexico") == ["MX"]
    assert codes("/en/laws/matrix/?q=co") == ["CO"]
    assert codes("/en/laws/matrix/?show=with_laws") == ["AR", "BR", "CO"]
    assert codes("/en/laws/matrix/?show=without_laws") == ["DO", "MX"]
    assert codes("/en/laws/matrix/?q=zzz") == []
    page = client.get("/en/laws/matrix/?show=bogus")
    assert page.status_code == 200 and "Show: “bogus” is not a valid choice" in page.context["errors"][0]
    assert "1 state of 5 shown." in client.get("/en/laws/matrix/?q=brazil").content.decode()


def test_each_state_has_a_summary_line(client, region):
    html = client.get("/en/laws/matrix/?instrument=cets-185").content.decode()
    spanish = client.get("/es/laws/matrix/?instrument=cets-185").content.decode()

    assert "2 of 5 articles fully implemented, 1 partly, 2 with no provision" in html
    assert "0 of 5 articles fully implemented, 5 not yet reviewed" in html
    assert "2 de 5 artículos aplicados plenamente, 1 parcialmente, 2 sin disposición" in spanish


def test_download_links_keep_the_filters(client, region):
    html = client.get("/en/laws/matrix/?instrument=cets-185&category=substantive&q=co").content.decode()

    assert "?instrument=cets-185&amp;category=substantive&amp;q=co&amp;format=csv" in html
    csv = client.get("/en/laws/matrix/?instrument=cets-185&q=co&format=csv").content.decode()
    assert "CO,cets-185" in csv and "BR,cets-185" not in csv
