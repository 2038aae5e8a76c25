"""Form widgets for the public pages' long lists: the same HTML as Django's, built without a template
per option.

Django renders each `<option>` of a `<select>` through its own template: on the law search page the
states (194) and framework articles (100 and more) cost more than the search itself. `PlainSelect`
writes the same markup in Python, escaping every value and label.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


class PlainSelect(forms.Select):
    """A single-choice `<select>`, options written directly (no optgroups, as the forms using it)."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            key = "" if option_value is None else str(option_value)
            selected = " selected" if key in chosen else ""
            options.append(f'<option value="{escape(key)}"{selected}>{escape(label)}</option>')
        return mark_safe(f"<select{flatatt(final)}>{''.join(options)}</select>")  # noqa: S308 - escaped
