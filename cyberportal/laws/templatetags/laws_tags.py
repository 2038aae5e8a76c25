"""Symbols and labels for the comparison matrix's cells."""

from functools import lru_cache
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

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


@lru_cache(maxsize=1024)
def _more_text(language: str, n: int) -> str:
    """ "and 3 more" in `language` (the active one: the argument keys the cache)."""
    return ngettext("and %(n)s more", "and %(n)s more", n) % {"n": n}


@register.simple_tag
def matrix_cells(cells) -> str:
    """A matrix row's cells, built here rather than in a template loop: at 194 states and 48 articles
    the template engine (and one reverse() per link) spent seconds on nine thousand cells. Each cell
    names its first provisions and how many more there are."""
    labels = {status: escape(label) for status, label in _labels().items()}
    law_url = reverse("laws:law", args=[_PLACEHOLDER])
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
            names += " " + _more_text(get_language(), cell.more)
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
