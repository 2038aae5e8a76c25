"""Bar charts drawn on the server as inline SVG (no JavaScript, nothing loaded from elsewhere).

Every chart sits beside a table with the same figures (the page's accessible equivalent); the SVG's
title repeats them for screen readers that announce the image.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

CHARACTER_WIDTH = 7.0  # px per character at font-size 12: a label never runs into its bar
COLOURS = ["#1d4f91", "#2f7d4a", "#b26a00", "#8a2b6d", "#4a6b8a"]


def bar_chart(rows, title: str, width: int = 560, bar_height: int = 18) -> str:
    """Horizontal bars. `rows`: (label, value) pairs; a value of None is drawn as 'no data'."""
    rows = [(str(label), value) for label, value in rows]
    largest = max((v for _, v in rows if v), default=0) or 1
    gap = 6
    label_width = int(max((len(label) for label, _ in rows), default=10) * CHARACTER_WIDTH) + gap
    width = max(width, label_width + 160)
    height = len(rows) * (bar_height + gap) + gap
    summary = "; ".join(
        f"{label}: {'—' if value is None else number_format(value, force_grouping=True)}"
        for label, value in rows
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stat-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(title)}: {escape(summary)}</title>'
    ]
    for index, (label, value) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        bar = int((width - label_width - 90) * (value or 0) / largest)
        shown = "—" if value is None else number_format(value, force_grouping=True)
        parts.append(
            f'<text x="0" y="{y + bar_height - 4}" font-size="12">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar}" height="{bar_height}" fill="{COLOURS[index % len(COLOURS)]}"></rect>'
            f'<text x="{label_width + bar + 4}" y="{y + bar_height - 4}" font-size="12">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text above is escaped
