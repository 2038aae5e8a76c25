"""Pages of the statistics capability: the regional tables and charts, a state's figures, the downloads
(everyone, validated public values only); the returns and their form (focal points, the Secretariat)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cyberportal.caching.pagecache import cache_params
from cyberportal.core import policy
from cyberportal.core.access import public, signed_in
from cyberportal.states.models import State

from . import exporters, selectors, services
from .charts import bar_chart
from .models import Offence, ReturnStatus, StatisticsReturn

YEARS_COMPARED = 6


def _year_from(request, years: list[int]) -> int | None:
    raw = request.GET.get("year", "")
    if raw.isascii() and raw.isdigit() and int(raw) in years:
        return int(raw)
    return years[0] if years else None


@public
@cache_params("year", depends=("statistics", "states"))
def index(request):
    years = selectors.public_years()
    year = _year_from(request, years)
    compared = sorted(years[:YEARS_COMPARED])
    context = {"years": years, "year": year, "compared": compared}
    if year is not None:
        groups = selectors.regional_table(year)
        context["groups"] = groups
        offences = next((g for g in groups if g["category"] == "offences"), None)
        if offences:
            stages = [r for r in offences["rows"] if r["indicator"].offence == Offence.ALL]
            context["stages"] = stages
            context["stages_chart"] = bar_chart(
                [(r["indicator"].get_measure_display(), r["total"]) for r in stages],
                _("Cybercrime cases in the region, %(year)s, all offences") % {"year": year},
            )
            recorded = [
                r
                for r in offences["rows"]
                if r["indicator"].measure == "recorded" and r["indicator"].offence != Offence.ALL
            ]
            context["recorded"] = recorded
            context["recorded_chart"] = bar_chart(
                [(r["indicator"].get_offence_display(), r["total"]) for r in recorded],
                _("Cases recorded in the region by offence category, %(year)s") % {"year": year},
            )
        trend = selectors.over_years(compared)
        for row in trend:
            row["chart"] = bar_chart(
                [(str(y), total) for y, total, _n in row["cells"]],
                _("%(indicator)s, by year") % {"indicator": row["indicator"].name},
                width=420,
            )
        context["trend"] = trend
        context["completeness"] = selectors.completeness(compared)
    return render(request, "statistics/index.html", context)


def _state_or_404(iso2: str) -> State:
    if not (iso2.isascii() and iso2.isalpha() and len(iso2) == 2):
        raise Http404(_("There is no state with that code."))
    return get_object_or_404(State, code=iso2.upper())


@public
@cache_params(depends=("statistics", "states"))
def state_detail(request, iso2: str):
    state = _state_or_404(iso2)
    return render(request, "statistics/state.html", {"state": state, **selectors.state_table(state)})


@public
@cache_params()
def download_csv(request):
    response = HttpResponse(exporters.csv_text(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cybercrime-statistics.csv"'
    return response


@public
@cache_params()
def download_xlsx(request):
    response = HttpResponse(
        exporters.xlsx_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="cybercrime-statistics.xlsx"'
    return response


# --- Returns (focal points, the Secretariat) ------------------------------------------------------------


@signed_in
def return_list(request):
    if not policy.can_submit_statistics(request.user):
        raise PermissionDenied(_("Only focal points and the Secretariat fill in statistics returns."))
    context = {"returns": selectors.returns_for(request.user), "due_year": selectors.due_year()}
    if policy.can_validate_statistics(request.user):
        context["to_validate"] = selectors.to_validate()
        context["states"] = State.objects.order_by("code")
    else:
        context["state"] = request.user.state
    return render(request, "statistics/returns.html", context)


@signed_in
def return_pick(request):
    """The Secretariat's "open the return of state X for year Y" form (GET), to the return's page."""
    if not policy.can_validate_statistics(request.user):
        raise PermissionDenied(_("Only the Secretariat opens other states' returns."))
    code, year = request.GET.get("state", ""), request.GET.get("year", "")
    if not (code.isascii() and code.isalpha() and len(code) == 2 and year.isascii() and year.isdigit()):
        messages.error(request, _("Choose a state and write a year, e.g. 2025."))
        return redirect("statistics:returns")
    return redirect("statistics:return", iso2=code.lower(), year=int(year[:4]))


def _typed_from(post, indicators) -> dict:
    return {
        i.code: (
            post.get(f"value-{i.code}", ""),
            post.get(f"na-{i.code}") == "on",
            post.get(f"note-{i.code}", ""),
        )
        for i in indicators
    }


def _rows(indicators, shown: dict, outcome) -> list[dict]:
    """One row per indicator for the form: what to show in its fields and its problems."""
    rows = []
    for indicator in indicators:
        raw, not_available, note = shown.get(indicator.code, ("", False, ""))
        problems = outcome.for_code(indicator.code) if outcome else []
        rows.append(
            {
                "indicator": indicator,
                "raw": raw,
                "not_available": not_available,
                "note": note,
                "errors": [p.message for p in problems if p.severity == "error"],
                "warnings": [p.message for p in problems if p.severity == "warning"],
            }
        )
    return rows


def _shown_from(values: dict) -> dict:
    return {
        code: ("" if v.value is None else str(v.value), v.not_available, v.note) for code, v in values.items()
    }


@signed_in
def return_form(request, iso2: str, year: int):
    state = _state_or_404(iso2)
    if not policy.can_submit_statistics_for(request.user, state):
        raise PermissionDenied(_("You may fill in only your own state's statistics return."))
    try:
        services.check_year(year)
    except ValidationError as error:
        raise Http404(error.messages[0]) from error
    statistics_return = selectors.return_for_form(request.user, state, year)
    indicators = selectors.indicators()
    outcome, refused, shown = None, False, _shown_from(selectors.values_of(statistics_return))
    methodology = statistics_return.methodology if statistics_return else ""
    if request.method == "POST":
        submit = "submit" in request.POST
        shown = _typed_from(request.POST, indicators)
        methodology = request.POST.get("methodology", "")
        try:
            statistics_return, outcome = services.return_save(
                user=request.user, state=state, year=year, typed=shown, methodology=methodology, submit=submit
            )
        except services.ReturnInvalid as invalid:
            outcome, refused = invalid.outcome, True
            messages.error(
                request,
                _("Nothing was saved: %(count)s problem(s) to correct, listed below.")
                % {"count": len(outcome.errors)},
            )
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        else:
            if submit:
                messages.success(
                    request, _("Return submitted: the Secretariat will validate it or return it.")
                )
                return redirect("statistics:returns")
            messages.success(request, _("Return saved as a draft; submit it when it is complete."))
            if not outcome.problems:
                return redirect(statistics_return.get_absolute_url())
    context = {
        "state": state,
        "year": year,
        "statistics_return": statistics_return,
        "rows": _rows(indicators, shown, outcome),
        "outcome": outcome,
        "refused": refused,
        "methodology": methodology,
        "editable": statistics_return is None
        or statistics_return.status in (ReturnStatus.DRAFT, ReturnStatus.RETURNED)
        or policy.can_validate_statistics(request.user),
    }
    return render(request, "statistics/return_form.html", context)


def _return_or_404(iso2: str, year: int) -> StatisticsReturn:
    state = _state_or_404(iso2)
    return get_object_or_404(StatisticsReturn.objects.select_related("state"), state=state, year=year)


@signed_in
@require_POST
def return_validate(request, iso2: str, year: int):
    if not policy.can_validate_statistics(request.user):
        raise PermissionDenied(_("Only the Secretariat validates statistics returns."))
    statistics_return = _return_or_404(iso2, year)
    try:
        services.return_validate(user=request.user, statistics_return=statistics_return)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("Validated: %(ret)s is now public.") % {"ret": statistics_return})
    return redirect("statistics:returns")


@signed_in
@require_POST
def return_send_back(request, iso2: str, year: int):
    if not policy.can_validate_statistics(request.user):
        raise PermissionDenied(_("Only the Secretariat returns statistics returns."))
    statistics_return = _return_or_404(iso2, year)
    try:
        services.return_send_back(
            user=request.user, statistics_return=statistics_return, comment=request.POST.get("comment", "")
        )
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
        return redirect(statistics_return.get_absolute_url())
    messages.success(request, _("Returned with your comment: %(ret)s.") % {"ret": statistics_return})
    return redirect("statistics:returns")
