"""Builders for the cooperation tests: sheets and declarations saved through the services."""

from __future__ import annotations

import datetime

from cyberportal.cooperation import services
from cyberportal.cooperation.models import Declaration, MeasureSheet


def make_sheet(state, measure="preservation", *, publish=True, provisions=None, articles=None, **fields):
    defaults = {
        "can_execute": "yes",
        "dual_criminality": "not_required",
        "channel_247": True,
        "languages": ["es", "en"],
        "form_email": True,
        "request_contents": "Name of the authority; the facts; the data to preserve.",
        "time_frames": "Within 24 hours.",
        "as_of": datetime.date(2026, 6, 1),
        "next_due": datetime.date(2099, 6, 1),
    }
    defaults.update(fields)
    sheet = MeasureSheet(state=state, measure=measure, **defaults)
    return services.measure_sheet_save(sheet=sheet, provisions=provisions, articles=articles, publish=publish)


def make_declaration(state, article, *, publish=True, **fields):
    defaults = {
        "kind": "authority",
        "text": "The authority designated under this article is the test authority.",
        "language": "en",
        "made_on": datetime.date(2018, 6, 5),
        "source_url": "https://www.coe.int/en/web/conventions/full-list",
    }
    defaults.update(fields)
    declaration = Declaration(state=state, instrument=article.instrument, article=article, **defaults)
    return services.declaration_save(declaration=declaration, publish=publish)
