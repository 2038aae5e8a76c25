"""Symbols and labels for the comparison matrix's cells."""

import json
from functools import lru_cache
from html import escape

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from cyberportal.laws import selectors

register = template.Library()

_PLACEHOLDER = 987654321  # a law id no instance reaches, replaced by each cell's law id

# One source of truth for the matrix's legend and its cells: both show `_mark(status)`, the same element
# with the same classes and symbol, so their colours and symbols cannot drift apart (tested).
SYMBOLS = {"full": "●", "partial": "◐", "not_reviewed": "?", "none": "○", "no_law": "–"}


def _labels() -> dict[str, str]:
    return {
        "full": _("Fully implemented"),
        "partial": _("Partly implemented"),
        "not_reviewed": _("Not yet reviewed"),
        "none": _("Reviewed: no provision"),
        "no_law": _("No law in the portal"),
    }


def _explanations() -> dict[str, str]:
    return {
        "full": _("A reviewed provision implements the whole article."),
        "partial": _("Reviewed provisions implement part of the article."),
        "not_reviewed": _(
            "The state's laws are in the portal, but nobody has reviewed them against this article yet. "
            "Provisions suggested automatically are linked."
        ),
        "none": _("The state's laws were reviewed and no provision implements the article."),
        "no_law": _("The portal holds no law of this state yet: there is nothing to compare."),
    }


def _mark(status: str) -> str:
    status = escape(status)
    return f'<span class="cell-mark cell-{status}" aria-hidden="true">{SYMBOLS.get(status, "")}</span>'


@register.simple_tag
def cell_symbol(status: str) -> str:
    return SYMBOLS.get(status, "")


@register.simple_tag
def cell_label(status: str) -> str:
    return _labels().get(status, "")


@lru_cache(maxsize=1024)
def _more_text(language: str, n: int) -> str:
    """ "and 3 more" in `language` (the active one: the argument keys the cache)."""
    return ngettext("and %(n)s more", "and %(n)s more", n) % {"n": n}


@register.simple_tag
def cell_mark(status: str) -> str:
    return mark_safe(_mark(status))  # noqa: S308 - the status is escaped


@register.simple_tag
def matrix_legend() -> str:
    """The legend: each status's mark, name and meaning, in the order a reader weighs them."""
    labels, explanations = _labels(), _explanations()
    items = "".join(
        f'<div class="legend-item legend-{escape(status)}"><dt>{_mark(status)} {escape(labels[status])}</dt>'
        f"<dd>{escape(explanations[status])}</dd></div>"
        for status in selectors.STATUSES
    )
    return mark_safe(f'<dl class="legend">{items}</dl>')  # noqa: S308 - every text is escaped


@register.simple_tag
def article_title(article) -> dict:
    """The article's title in the reader's language, the language it is really in, and whether that is a
    fallback (the template marks it visibly)."""
    text, language = article.title_in()
    reader = (translation.get_language() or "en").split("-")[0]
    return {"text": text, "lang": language, "fallback": language != reader}


@register.simple_tag
def fallback_language(articles) -> str:
    """The language the articles' titles fall back to when some have no title in the reader's
    language ("" when every title is in it), for the note under the matrix."""
    reader = (translation.get_language() or "en").split("-")[0]
    for article in articles:
        _text, language = article.title_in()
        if language != reader:
            return language
    return ""


@register.simple_tag
def row_summary(cells) -> str:
    """ "12 of 18 articles fully implemented, 3 partly, 3 not yet reviewed" for one state."""
    counts = selectors.row_summary(cells)
    total = counts["total"]
    if (
        not total
        or counts["no_law"] == total
        or (counts["not_reviewed"] == total and not any(c.mappings for c in cells))
    ):
        return ""  # the row's one cell says it all
    parts = [
        ngettext(
            "%(n)s of %(total)s article fully implemented",
            "%(n)s of %(total)s articles fully implemented",
            total,
        )
        % {"n": counts["full"], "total": total}
    ]
    if counts["partial"]:
        parts.append(ngettext("%(n)s partly", "%(n)s partly", counts["partial"]) % {"n": counts["partial"]})
    if counts["not_reviewed"]:
        n = counts["not_reviewed"]
        parts.append(ngettext("%(n)s not yet reviewed", "%(n)s not yet reviewed", n) % {"n": n})
    if counts["none"]:
        n = counts["none"]
        parts.append(ngettext("%(n)s with no provision", "%(n)s with no provision", n) % {"n": n})
    return ", ".join(parts)


@register.simple_tag
def matrix_cells(cells) -> str:
    """A matrix row's cells, built here rather than in a template loop: at 194 states and 48 articles
    the template engine (and one reverse() per link) spent seconds on nine thousand cells. Each cell
    names its first provisions and how many more there are. A state with no law in the portal, or whose
    laws nobody has reviewed yet (no suggestion either), gets one cell across the row that says so,
    rather than a row of identical marks."""
    labels = {status: escape(label) for status, label in _labels().items()}
    if cells and all(cell.status == "no_law" for cell in cells):
        return mark_safe(  # noqa: S308 - fixed texts, escaped
            f'<td class="cell cell-no_law cell-row" colspan="{len(cells)}">{_mark("no_law")} '
            f"{labels['no_law']}</td>"
        )
    if cells and all(cell.status == "not_reviewed" and not cell.mappings for cell in cells):
        text = escape(_("Laws in the portal, not yet reviewed against these articles"))
        return mark_safe(  # noqa: S308 - fixed texts, escaped
            f'<td class="cell cell-not_reviewed cell-row" colspan="{len(cells)}">{_mark("not_reviewed")} '
            f"{text}</td>"
        )
    marks = {status: _mark(status) for status in SYMBOLS}
    law_url = reverse("laws:law", args=[_PLACEHOLDER])
    parts = []
    for cell in cells:
        status = escape(cell.status)
        mark, label = marks.get(cell.status, ""), labels.get(cell.status, "")
        if not cell.mappings:
            parts.append(
                f'<td class="cell cell-{status}">{mark}<span class="visually-hidden"> {label}</span></td>'
            )
            continue
        names = "; ".join(f"{m.identifier} {m.label}" for m in cell.shown)
        if cell.more:
            names += " " + _more_text(get_language(), cell.more)
        names = escape(names)
        first = cell.mappings[0]
        url = escape(
            law_url.replace(str(_PLACEHOLDER), str(int(first.law_id))) + f"#p{int(first.provision_id)}"
        )
        parts.append(
            f'<td class="cell cell-{status}"><a href="{url}" title="{label}: {names}">{mark}'
            f'<span class="visually-hidden"> {label}: {names}</span></a></td>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value from the database is escaped above


@register.filter
def plain(text):
    """A provision's words without Markdown or YAML markup, for law pages (issue 13)."""
    from cyberportal.core.documents.markdown import plain_text

    return plain_text(text or "")


_JSON_IN_HTML = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def law_metadata(context, law):
    """The law page's machine-readable head: schema.org Legislation as JSON-LD (data, never executed,
    so the CSP's script-src 'self' does not concern it) and the Akoma Ntoso export as an alternate."""
    from cyberportal.laws.exporters import law_linked_data

    request = context["request"]
    page_url = request.build_absolute_uri(law.get_absolute_url())
    work_url = request.build_absolute_uri(
        reverse("laws:law_by_work", args=[law.frbr_uri.removeprefix("/akn/")])
    )
    akn_url = request.build_absolute_uri(reverse("laws:law_export", args=[law.pk, "akn"]))
    data = law_linked_data(law, page_url=page_url, work_url=work_url, akn_url=akn_url)
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_IN_HTML)
    return mark_safe(  # noqa: S308 - every value is escaped: JSON with <, > and & as \u escapes, attributes by escape()
        f'<script type="application/ld+json">{payload}</script>\n'
        f'  <link rel="alternate" type="application/akn+xml" href="{escape(akn_url)}" '
        f'title="Akoma Ntoso {escape(law.frbr_uri)}">\n'
        f'  <link rel="alternate" href="{escape(work_url)}" title="{escape(law.frbr_uri)}">'
    )
