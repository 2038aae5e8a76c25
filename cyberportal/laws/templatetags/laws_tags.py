"""Symbols and labels for the comparison matrix's cells."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()

SYMBOLS = {"full": "●", "partial": "◐", "none": "○", "not_reviewed": "?"}


@register.simple_tag
def cell_symbol(status: str) -> str:
    return SYMBOLS.get(status, "")


@register.simple_tag
def cell_label(status: str) -> str:
    labels = {
        "full": _("Full"),
        "partial": _("Partial"),
        "none": _("None"),
        "not_reviewed": _("Not yet reviewed"),
    }
    return labels.get(status, "")
