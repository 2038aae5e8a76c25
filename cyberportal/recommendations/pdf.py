"""The progress report as a PDF (reportlab, with the portal's embedded Unicode fonts), in the active language."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from cyberportal.core.pdf import BOLD, REGULAR, Heading, PortalDocument, styles

from .charts import STATUS_COLOURS

EXAMPLE_NOTE = gettext_noop(
    "These figures include reports marked as examples: illustrations, not facts reported by the states."
)
BAR, LABEL_SIZE, AXIS_ROOM = 0.5 * cm, 8, 0.7 * cm


def _chart(counts) -> Drawing:
    """Bars sized to their labels: the category labels get the width of the longest one and the value
    axis its own band below the bars, all inside the drawing, so nothing prints over the next lines."""
    labels = [str(label) for _, label, _ in counts]
    label_width = max(stringWidth(label, REGULAR, LABEL_SIZE) for label in labels) + 0.3 * cm
    bars_height = len(counts) * BAR
    drawing = Drawing(15 * cm, bars_height + AXIS_ROOM + 0.2 * cm)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, AXIS_ROOM
    chart.width, chart.height = 15 * cm - label_width - 0.5 * cm, bars_height
    chart.data = [[count for _, _, count in counts]]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.reverseDirection = True  # the first status on top, as in the table
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, max((c for _, _, c in counts), default=1) // 4 or 1)
    for index, (value, _label, _count) in enumerate(counts):
        chart.bars[(0, index)].fillColor = colors.HexColor(STATUS_COLOURS.get(value, "#1d4f91"))
    drawing.add(chart)
    return drawing


def _names(states) -> str:
    return ", ".join(state.name for state in states) or "—"


def progress_pdf(context: dict, language: str) -> bytes:
    meeting = context["meeting"]
    buffer = io.BytesIO()
    sheet = styles()
    title = _("Progress report: %(meeting)s") % {"meeting": meeting}
    document = PortalDocument(
        buffer,
        pagesize=A4,
        title=title,
        language=language,
        subject=_(
            "Implementation of the recommendations as reported by the states and accepted by the Secretariat."
        ),
    )
    story = [
        Heading(escape(title), sheet["Title"]),
        Paragraph(escape(document.subject), sheet["Normal"]),
    ]
    if context.get("has_examples"):
        story.append(Paragraph(escape(_(EXAMPLE_NOTE)), sheet["Italic"]))
    story.append(Paragraph(escape(_network_line(context)), sheet["Normal"]))
    story.append(Spacer(1, 0.4 * cm))
    for row in context["rows"]:
        story += _recommendation(row, sheet, context)
    if context["scorecards"]:
        story.append(Heading(escape(_("Scorecards by state")), sheet["Heading1"]))
        for card in context["scorecards"]:
            cells = " · ".join(f"{label}: {count}" for _, label, count in card["counts"])
            story.append(Paragraph(f"<b>{escape(card['state'].name)}</b> — {escape(cells)}", sheet["Normal"]))
    document.build(story)
    return buffer.getvalue()


def _network_line(context) -> str:
    line = _("States taking part in the network: %(n)s.") % {"n": len(context["taking_part"])}
    if context["not_taking_part"]:
        line += " " + _("Members not taking part, counted apart: %(states)s.") % {
            "states": _names(context["not_taking_part"])
        }
    return line


def _recommendation(row, sheet, context) -> list:
    recommendation = row["recommendation"]
    heading = _("Recommendation %(n)s") % {"n": recommendation.number}
    parts = [
        Heading(escape(heading), sheet["Heading2"], level=1 if context["scorecards"] else 0),
        Paragraph(escape(recommendation.text[:600]), sheet["Normal"]),
    ]
    if len(row["lineage"]) > 1:
        chain = " → ".join(str(r) for r in row["lineage"])
        parts.append(Paragraph(escape(_("Lineage: %(chain)s") % {"chain": chain}), sheet["Italic"]))
    table = [[_("Status"), _("States")]] + [[str(label), str(count)] for _, label, count in row["counts"]]
    parts += [_table(table), Spacer(1, 0.2 * cm), _chart(row["counts"])]
    parts.append(
        Paragraph(
            escape(_("Implemented by: %(states)s") % {"states": _names(row["implemented_by"])}),
            sheet["Normal"],
        )
    )
    if row["addressed_to_states"] and context["taking_part"]:
        missing = (
            _names(row["not_reported"]) if row["not_reported"] else _("every state taking part has reported.")
        )
        parts.append(
            Paragraph(escape(_("No accepted report from: %(states)s") % {"states": missing}), sheet["Normal"])
        )
    if row["reported_apart"]:
        apart = ", ".join(f"{r.state.name} ({r.get_status_display()})" for r in row["reported_apart"])
        parts.append(
            Paragraph(
                escape(
                    _("Reported by members not taking part (not counted): %(states)s") % {"states": apart}
                ),
                sheet["Normal"],
            )
        )
    parts.append(Spacer(1, 0.3 * cm))
    return parts


def _table(rows) -> Table:
    table = Table(rows, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef3fb")),
            ]
        )
    )
    return table
