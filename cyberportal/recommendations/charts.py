"""Inline SVG charts drawn on the server (no JavaScript, nothing loaded from elsewhere).

Each chart is accompanied on the page by a data table with the same figures; the SVG itself carries a
title for screen readers.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe

STATUS_COLOURS = {
    "not_started": "#b3261e",
    "in_progress": "#b26a00",
    "implemented": "#1e7b34",
    "not_applicable": "#5f6b7a",
    "not_reported": "#aab4bf",
}
CHARACTER_WIDTH = 7.5  # px per character at font-size 12, generous, so a label never runs into its bar


def status_bar_chart(counts, title: str, width: int = 360, bar_height: int = 18) -> str:
    """Horizontal bars, one per status. `counts`: (value, label, count) triples."""
    counts = list(counts)
    largest = max((c for _, _, c in counts), default=0) or 1
    gap = 6
    label_width = int(max((len(str(label)) for _, label, _ in counts), default=10) * CHARACTER_WIDTH) + gap
    width = max(width, label_width + 120)
    height = len(counts) * (bar_height + gap) + gap
    summary = ", ".join(f"{label}: {count}" for _, label, count in counts)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="status-chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)} — {escape(summary)}</title>'
    ]
    for index, (value, label, count) in enumerate(counts):
        y = gap + index * (bar_height + gap)
        bar = int((width - label_width - 40) * count / largest)
        parts.append(
            f'<text x="0" y="{y + bar_height - 4}" font-size="12">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar}" height="{bar_height}" '
            f'fill="{STATUS_COLOURS.get(value, "#1d4f91")}"></rect>'
            f'<text x="{label_width + bar + 4}" y="{y + bar_height - 4}" font-size="12">{count}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated string above is escaped
