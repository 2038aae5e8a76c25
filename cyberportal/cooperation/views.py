"""Public pages of cooperation in practice: one measure compared across states, and a state's sheets.

What a reader sees comes from `selectors`; an experts-only note never reaches a visitor's page because
the selector empties it before any template runs.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from cyberportal.caching.pagecache import cache_params
from cyberportal.core.access import public
from cyberportal.states.models import State

from . import selectors
from .models import Measure


@public
@cache_params("measure")
def regional_view(request):
    measure = (request.GET.get("measure") or Measure.PRESERVATION).strip()
    errors = []
    if measure not in Measure.values:
        errors.append(
            _("Measure: “%(value)s” is not a valid choice; it was ignored.") % {"value": measure[:50]}
        )
        measure = Measure.PRESERVATION
    context = {
        "regional": selectors.regional(measure, request.user),
        "measures": Measure.choices,
        "errors": errors,
    }
    return render(request, "cooperation/regional.html", context)


@public
def state_view(request, code: str):
    state = State.objects.filter(code=code.upper()[:2]).first() if len(code) == 2 else None
    if state is None:
        raise Http404(_("There is no state “%(code)s”.") % {"code": code[:10]})
    return render(
        request,
        "cooperation/state.html",
        {"found": selectors.state_sheets(state, request.user), "state": state},
    )
