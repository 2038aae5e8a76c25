"""Demo statistics returns: 2024 and 2025 for a dozen states, every figure invented and labelled as an
example. Made through the statistics services, so each return passes the validation rules it shows.

Colombia's 2025 return stays a draft (focal.co's home says it is due), Mexico's waits for the
Secretariat's validation, Peru's was returned with a comment; the others are validated and public.
"""

from __future__ import annotations

import hashlib

from django.db import transaction

from cyberportal.accounts.models import User
from cyberportal.states.models import State
from cyberportal.statistics import services
from cyberportal.statistics.models import StatisticsReturn
from cyberportal.statistics.reference import STAGE_ORDER

# State: size of its caseload (cases recorded in 2024, all offences, roughly).
STATES = {
    "AR": 2400, "BR": 9800, "CA": 5200, "CL": 1900, "CO": 3100, "CR": 420,
    "DO": 610, "EC": 880, "MX": 7400, "PA": 350, "PE": 1500, "UY": 520,
}  # fmt: skip
# Share of the cases per Budapest Convention article (Arts. 2 to 11), as a typical caseload spreads.
ARTICLE_SHARE = {2: 18, 3: 3, 4: 6, 5: 4, 6: 3, 7: 7, 8: 42, 9: 12, 10: 3, 11: 2}
# Of the cases at one stage, the share that reaches the next (investigated, prosecuted, convicted).
FUNNEL = {"investigated": 0.7, "prosecuted": 0.35, "convicted": 0.55}
METHODOLOGY = (
    "Example written for the demo. Cases are counted from the police and prosecution case-management "
    "systems, once per case under its most serious offence; requests from the central authority's register."
)


def _pick(*parts) -> int:
    """A stable pseudo-random number, so the demo is the same on every machine and every run."""
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def figures(code: str, year: int) -> tuple[dict[str, int], list[str]]:
    """Consistent figures for one state and year, and the indicators it reports as not available."""
    growth = 1.0 if year == 2024 else 1.0 + (_pick(code, "growth") % 25) / 100
    size = STATES[code] * growth
    values: dict[str, int] = {}
    for article, share in ARTICLE_SHARE.items():
        at_stage = size * share / 100
        for stage in STAGE_ORDER:
            if stage != "recorded":
                at_stage *= FUNNEL[stage]
            values[f"cases-{stage}-art{article}"] = round(at_stage)
    # A state whose courts do not record copyright offences apart: Art. 10 not available.
    unavailable = [f"cases-{s}-art10" for s in STAGE_ORDER] if _pick(code) % 4 == 0 else []
    for stage in STAGE_ORDER:
        values[f"cases-{stage}-all"] = sum(values[f"cases-{stage}-art{a}"] for a in ARTICLE_SHARE)
    for code_ in unavailable:
        del values[code_]
    requests = max(4, round(size / 60))
    values |= {
        "mla-sent": requests,
        "mla-received": round(requests * 0.8),
        "mla-executed": round(requests * 0.8 * 0.7),
        "247-sent": round(requests * 1.5),
        "247-received": round(requests * 1.2),
        "247-executed": round(requests * 1.1),
        "preservation-sent": round(requests * 2.2),
        "preservation-received": round(requests * 1.4),
    }
    trained = {"prosecutors": round(size / 40), "judges": round(size / 120), "police": round(size / 15)}
    values |= {f"training-{group}": n for group, n in trained.items()}
    values["training-total"] = sum(trained.values())
    return values, unavailable


def _typed(values: dict[str, int], unavailable: list[str]) -> dict:
    typed = {code: (str(value), False, "") for code, value in values.items()}
    typed |= dict.fromkeys(unavailable, ("", True, "Example: not recorded separately."))
    return typed


@transaction.atomic
def statistics_load() -> None:
    services.indicators_load()
    secretariat = User.objects.filter(username="secretariat").first()
    focal = User.objects.filter(username="focal.co").first()
    states = {s.code: s for s in State.objects.filter(code__in=STATES)}
    for year in (2024, 2025):
        for code, state in sorted(states.items()):
            if StatisticsReturn.objects.filter(state=state, year=year).exists():
                continue  # idempotent: a return once made (and perhaps edited since) stays as it is
            values, unavailable = figures(code, year)
            draft_only = code == "CO" and year == 2025
            user = focal if code == "CO" and focal is not None else secretariat
            saved, _outcome = services.return_save(
                user=user,
                state=state,
                year=year,
                typed=_typed(values, unavailable),
                methodology=METHODOLOGY,
                submit=not draft_only,
                is_example=True,
            )
            if draft_only or (year == 2025 and code == "MX"):
                continue
            if year == 2025 and code == "PE":
                services.return_send_back(
                    user=secretariat,
                    statistics_return=saved,
                    comment="Example: the 24/7 figures look high against 2024; please confirm them.",
                )
                continue
            services.return_validate(user=secretariat, statistics_return=saved)
