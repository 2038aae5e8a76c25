"""Builders for the citizens tests: reporting guides saved through the service."""

from __future__ import annotations

import datetime

from cyberportal.citizens import services
from cyberportal.citizens.models import ReportingGuide

SPANISH = {
    "language": "es",
    "authority": "Unidad Fiscal Especializada en Ciberdelincuencia",
    "how_to_report": "Presente su denuncia en línea o en cualquier fiscalía.",
    "what_happens_next": "Recibirá un número de denuncia.",
}


def make_guide(state, *, texts=None, publish=True, **fields):
    defaults = {
        "reporting_url": "https://www.example.gob/denuncias",
        "phone": "+5491155550100",
        "emergency_number": "911",
        "as_of": datetime.date(2026, 6, 1),
        "next_due": datetime.date(2099, 6, 1),
    }
    defaults.update(fields)
    guide = ReportingGuide(state=state, **defaults)
    return services.reporting_guide_save(guide=guide, texts=texts or [SPANISH], publish=publish)
