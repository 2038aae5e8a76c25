"""Symbols and labels for the comparison matrix's cells."""

import json
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

_PLACEHOLDER = 987654321  # a law id no instance reaches, replaced by each cell's law id
SYMBOLS = {"full": "●", "partial": "◐", "none": "○", "not_reviewed": "?"}


@register.simple_tag
def cell_symbol(status: str) -> str:
    return SYMBOLS.get(status, "")


def _labels() -> dict[str, str]:
    return {
        "full": _("Full"),
        "partial": _("Partial"),
        "none": _("None"),
        "not_reviewed": _("Not yet reviewed"),
    }


@register.simple_tag
def cell_label(status: str) -> str:
    return _labels().get(status, "")


@register.simple_tag
def matrix_cells(cells) -> str:
    """A matrix row's cells, built here rather than in a template loop: at 194 states and 48 articles
    the template engine (and one reverse() per link) spent seconds on nine thousand cells. Each cell
    names its first provisions and how many more there are."""
    labels = {status: escape(label) for status, label in _labels().items()}
    law_url = reverse("laws:law", args=[_PLACEHOLDER])
    more_texts: dict[int, str] = {}
    parts = []
    for cell in cells:
        status = escape(cell.status)
        symbol, label = SYMBOLS.get(cell.status, ""), labels.get(cell.status, "")
        if not cell.mappings:
            parts.append(
                f'<td class="cell cell-{status}">{symbol}<span class="visually-hidden"> {label}</span></td>'
            )
            continue
        names = "; ".join(f"{m.identifier} {m.label}" for m in cell.shown)
        if cell.more:
            if cell.more not in more_texts:
                more_texts[cell.more] = ngettext("and %(n)s more", "and %(n)s more", cell.more) % {
                    "n": cell.more
                }
            names += " " + more_texts[cell.more]
        names = escape(names)
        first = cell.mappings[0]
        url = escape(
            law_url.replace(str(_PLACEHOLDER), str(int(first.law_id))) + f"#p{int(first.provision_id)}"
        )
        parts.append(
            f'<td class="cell cell-{status}"><a href="{url}" title="{names}">{symbol}'
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
