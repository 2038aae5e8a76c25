"""Public pages for citizens: the regional page that finds the reader's state, and a page per state on
how to report a cybercrime there. What they show comes from `selectors`, read as a visitor reads."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cyberportal.caching.pagecache import cache_params
from cyberportal.core.access import public

from . import selectors
from .evidence import EVIDENCE_CHECKLIST, WHAT_HAPPENS_NEXT


def _reader_language() -> str:
    return (get_language() or "en").split("-")[0]


@public
def regional_view(request):
    """Finds the reader's state from their choice (?country=AR) or suggests it from the region in their
    browser's Accept-Language; never from an outside geolocation service."""
    states = selectors.network_states()
    codes = {s.code for s in states}
    errors = []
    choice = (request.GET.get("country") or "").strip()
    if choice:
        if choice.upper() in codes:
            return redirect("citizens:state", code=choice.lower())
        errors.append(
            _("Country: “%(value)s” is not a state of the network; pick one from the list.")
            % {"value": choice[:20]}
        )
    suggested_code = selectors.region_from_accept_language(request.headers.get("Accept-Language", ""), codes)
    suggested = next((s for s in states if s.code == suggested_code), None)
    provided = selectors.provided_state_ids()
    context = {
        "states": states,
        "provided": provided,
        "suggested": suggested,
        "errors": errors,
        "checklist": EVIDENCE_CHECKLIST,
    }
    response = render(request, "citizens/regional.html", context)
    response["Vary"] = "Accept-Language, Cookie"
    return response


# The suggestion depends on a request header: the page is never stored in the public page cache.
regional_view.page_cache = False


@public
@cache_params(depends=("citizens", "links", "states"))
def state_view(request, code: str):
    state = selectors.state_by_code(code)
    if state is None:
        raise Http404(_("There is no state “%(code)s” in the network.") % {"code": code[:10]})
    if code != code.lower():
        return redirect(reverse("citizens:state", args=[code.lower()]), permanent=True)
    page = selectors.state_page(state, _reader_language())
    context = {
        "page": page,
        "state": state,
        "checklist": EVIDENCE_CHECKLIST,
        "next_steps": WHAT_HAPPENS_NEXT,
    }
    return render(request, "citizens/state.html", context)
