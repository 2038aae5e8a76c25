"""Public pages of the states capability: the list of states, country profiles, instruments."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cyberportal.caching.pagecache import cache_params
from cyberportal.core.access import public
from cyberportal.core.profile import profile_sections

from . import selectors
from .models import MembershipStatus, TreatyStatusValue

TREATY_FILTERS = [
    ("party", gettext_lazy("Party (ratified or acceded)")),
    (TreatyStatusValue.SIGNED, TreatyStatusValue.SIGNED.label),
    (TreatyStatusValue.INVITED, TreatyStatusValue.INVITED.label),
    (TreatyStatusValue.NONE, TreatyStatusValue.NONE.label),
]


def _filters_from(request, instrument_slugs: set[str]) -> selectors.StateFilters:
    """Read the filter form; unknown values are reported and ignored rather than failing the page."""
    filters = selectors.StateFilters()
    get = request.GET
    checks = [
        ("instrument", instrument_slugs, _("Instrument")),
        ("treaty_status", {v for v, _label in TREATY_FILTERS}, _("Treaty status")),
        ("network_247", {"yes", "no"}, _("24/7 network")),
        ("membership", set(MembershipStatus.values), _("Membership")),
    ]
    for name, allowed, label in checks:
        value = get.get(name, "")
        if value and value not in allowed:
            filters.errors.append(
                _("%(field)s: “%(value)s” is not a valid choice; it was ignored.")
                % {"field": label, "value": value[:50]}
            )
            value = ""
        setattr(filters, name, value)
    if filters.treaty_status and not filters.instrument:
        filters.instrument = "cets-185" if "cets-185" in instrument_slugs else ""
    return filters


@public
# Only the states app's own tables feed these pages (and base.html reads none).
@cache_params("instrument", "treaty_status", "network_247", "membership", depends=("states",))
def state_list(request):
    instruments = selectors.instruments()
    filters = _filters_from(request, {i.slug for i in instruments})
    states = selectors.states_for_list(filters)
    context = {
        "states": states,
        "instruments": instruments,
        "filters": filters,
        "treaty_filters": TREATY_FILTERS,
        "membership_choices": MembershipStatus.choices,
        "filtered": any([filters.treaty_status, filters.network_247, filters.membership]),
    }
    return render(request, "states/state_list.html", context)


@public
def state_profile(request, code: str):
    if len(code) == 2 and code != code.lower():
        return redirect("states:profile", code=code.lower(), permanent=True)
    state = selectors.state_for_profile(code) if len(code) == 2 else None
    if state is None:
        raise Http404(_("There is no state with the code “%(code)s”.") % {"code": code[:10]})
    statuses = {s.instrument_id: s for s in state.treaty_statuses.all()}
    context = {
        "state": state,
        "other_names": [(c, state.name_in(c)) for c in ("en", "es", "pt", "fr")],
        "instrument_rows": [(i, statuses.get(i.pk)) for i in selectors.instruments()],
        "units": selectors.units_visible_to(state, request.user),
        "sections": profile_sections(state, request.user),
    }
    return render(request, "states/state_profile.html", context)


@public
@cache_params(depends=("states",))
def instrument_list(request):
    return render(request, "states/instrument_list.html", {"instruments": selectors.instruments()})


@public
def instrument_detail(request, slug: str):
    found = selectors.instrument_with_articles(slug)
    if found is None:
        raise Http404(_("There is no instrument “%(slug)s”.") % {"slug": slug[:40]})
    instrument, chapters = found
    context = {
        "instrument": instrument,
        "chapters": chapters,
        "statuses": selectors.instrument_statuses(instrument),
    }
    return render(request, "states/instrument_detail.html", context)
