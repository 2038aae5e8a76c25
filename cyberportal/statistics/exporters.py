"""Downloads of the validated public figures: CSV (core's formula-safe writer, with BOM) and XLSX.

Both carry one row per state, year and indicator, from `selectors.public_values()` only: drafts,
submissions and returns not shown to visitors never reach a file. The XLSX sheets are protected
(locked cells) so that a figure is not changed by accident in a copy passed on as "the official" one.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from cyberportal.core.spreadsheet import SafeWriter, safe_cell

from . import selectors


def _header() -> list[str]:
    return [
        _("State"),
        _("ISO code"),
        _("Year"),
        _("Indicator code"),
        _("Indicator"),
        _("Unit"),
        _("Value"),
        _("Not available"),
        _("Note"),
        _("Example"),
    ]


def public_rows():
    values = (
        selectors.public_values()
        .select_related("indicator", "statistics_return__state")
        .order_by(
            "statistics_return__state__code",
            "statistics_return__year",
            "indicator__sort_order",
            "indicator__code",
        )
    )
    for v in values:
        r = v.statistics_return
        yield [
            r.state.name,
            r.state.code,
            r.year,
            v.indicator.code,
            v.indicator.name,
            v.indicator.get_unit_display(),
            v.value if v.value is not None else "",
            _("yes") if v.not_available else "",
            v.note,
            _("yes") if r.is_example else "",
        ]


def csv_text() -> str:
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(_header())
    writer.writerows(public_rows())
    return out.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Values")[:31]
    sheet.append(_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in public_rows():
        sheet.append([safe_cell(value) for value in row])
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True  # locked: read and copy, not edit in place
    definitions = workbook.create_sheet(_("Indicators")[:31])
    definitions.append([_("Indicator code"), _("Indicator"), _("Unit"), _("Definition")])
    for cell in definitions[1]:
        cell.font = Font(bold=True)
    for indicator in selectors.indicators():
        definitions.append(
            [
                safe_cell(x)
                for x in (indicator.code, indicator.name, indicator.get_unit_display(), indicator.definition)
            ]
        )
    definitions.protection.sheet = True
    workbook.properties.title = _("Annual cybercrime statistics: validated public values")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
