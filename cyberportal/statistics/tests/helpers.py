"""Test data for the statistics app: the seed indicators and a consistent return to type in."""

from __future__ import annotations

from cyberportal.statistics.models import Indicator
from cyberportal.statistics.services import indicators_load

PER_ARTICLE = {"recorded": 10, "investigated": 8, "prosecuted": 5, "convicted": 3}
OTHERS = {
    "mla-sent": 5,
    "mla-received": 6,
    "mla-executed": 4,
    "247-sent": 3,
    "247-received": 4,
    "247-executed": 4,
    "preservation-sent": 2,
    "preservation-received": 2,
    "training-prosecutors": 10,
    "training-judges": 5,
    "training-police": 20,
    "training-total": 35,
}


def seed_indicators() -> list[Indicator]:
    """The seed indicators (a flush by a transactional test may have removed the migration's rows)."""
    indicators_load()
    return list(Indicator.objects.filter(active=True))


def consistent_values(scale: int = 1) -> dict[str, int]:
    """A figure for every seed indicator that breaks no rule: parts add up, convicted ≤ prosecuted."""
    values = {}
    for stage, per_article in PER_ARTICLE.items():
        for article in range(2, 12):
            values[f"cases-{stage}-art{article}"] = per_article * scale
        values[f"cases-{stage}-all"] = per_article * 10 * scale
    values.update({code: value * scale for code, value in OTHERS.items()})
    return values


def typed(values: dict[str, object], notes: dict[str, str] | None = None, unavailable=()) -> dict:
    """The service's `typed` argument: {code: (raw text, not available, note)}."""
    notes = notes or {}
    result = {code: (str(value), False, notes.get(code, "")) for code, value in values.items()}
    for code in unavailable:
        result[code] = ("", True, notes.get(code, ""))
    return result


def post_data(values: dict[str, object], *, submit: bool, methodology: str = "", unavailable=()) -> dict:
    """What the return form posts."""
    data = {f"value-{code}": str(value) for code, value in values.items()}
    for code in unavailable:
        data[f"value-{code}"] = ""
        data[f"na-{code}"] = "on"
    data["methodology"] = methodology
    data["submit" if submit else "save"] = "1"
    return data
