"""The progress report as a PDF (reportlab: pure Python, its own fonts), in the active language."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

EXAMPLE_NOTE = gettext_noop(
    "These figures include reports marked as examples: illustrations, not facts reported by the states."
)


def _chart(counts) -> Drawing:
    drawing = Drawing(14 * cm, 3 * cm)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 4.5 * cm, 0.3 * cm, 9 * cm, 2.4 * cm
    chart.data = [[count for _, _, count in counts]]
    chart.categoryAxis.categoryNames = [str(label) for _, label, _ in counts]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, max((c for _, _, c in counts), default=1) // 4 or 1)
    chart.bars[0].fillColor = colors.HexColor("#1d4f91")
    drawing.add(chart)
    return drawing


def progress_pdf(context: dict, language: str) -> bytes:
    meeting = context["meeting"]
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=_("Progress report: %(meeting)s") % {"meeting": meeting}, lang=language
    )
    story = [
        Paragraph(escape(_("Progress report: %(meeting)s") % {"meeting": meeting}), styles["Title"]),
        Paragraph(
            escape(
                _(
                    "Implementation of the recommendations as reported by the states and accepted by the Secretariat."
                )
            ),
            styles["Normal"],
        ),
        Spacer(1, 0.4 * cm),
    ]
    if context.get("has_examples"):
        story.insert(2, Paragraph(escape(_(EXAMPLE_NOTE)), styles["Italic"]))
    for row in context["rows"]:
        recommendation = row["recommendation"]
        story.append(
            Paragraph(escape(_("Recommendation %(n)s") % {"n": recommendation.number}), styles["Heading2"])
        )
        story.append(Paragraph(escape(recommendation.text[:600]), styles["Normal"]))
        if len(row["lineage"]) > 1:
            chain = " > ".join(str(r) for r in row["lineage"])  # Helvetica (WinAnsi) has no arrow glyph
            story.append(Paragraph(escape(_("Lineage: %(chain)s") % {"chain": chain}), styles["Italic"]))
        table = [[_("Status"), _("States")]] + [[str(label), str(count)] for _, label, count in row["counts"]]
        story.append(_table(table))
        story.append(_chart(row["counts"]))
        implemented = ", ".join(state.name for state in row["implemented_by"]) or "—"
        story.append(
            Paragraph(escape(_("Implemented by: %(states)s") % {"states": implemented}), styles["Normal"])
        )
        story.append(Spacer(1, 0.3 * cm))
    if context["scorecards"]:
        story.append(Paragraph(escape(_("Scorecards by state")), styles["Heading1"]))
        for card in context["scorecards"]:
            cells = " · ".join(f"{label}: {count}" for _, label, count in card["counts"])
            story.append(
                Paragraph(f"<b>{escape(card['state'].name)}</b> — {escape(cells)}", styles["Normal"])
            )
    document.build(story)
    return buffer.getvalue()


def _table(rows) -> Table:
    table = Table(rows, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef3fb")),
            ]
        )
    )
    return table
