"""Pages of events and training: the list, one event, the iCalendar feed, the training-reach report and
its CSV, and a material's download (which asks core.policy; a restricted material is refused exactly
like a missing one)."""

from __future__ import annotations

import io

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.caching.pagecache import cache_params
from cyberportal.core.access import public
from cyberportal.core.spreadsheet import SafeWriter
from cyberportal.recommendations.models import Theme
from cyberportal.states.models import State

from . import selectors
from .ical import calendar_bytes
from .models import TLP, EventKind, InstitutionKind

FILTER_PARAMS = ("state", "topic", "kind", "when", "year")


def _choices_context(filters) -> dict:
    return {
        "filters": filters,
        "states": State.objects.order_by("code"),
        "topics": Theme.objects.all(),
        "kinds": EventKind.choices,
    }


@public
@cache_params(*FILTER_PARAMS)
def event_list(request):
    filters = selectors.filters_from(request.GET)
    items = selectors.event_items(filters)
    context = _choices_context(filters) | {"items": items, "feed_query": _feed_query(filters)}
    return render(request, "events/list.html", context)


def _feed_query(filters) -> str:
    if filters.state:
        return f"?state={filters.state.code}"
    if filters.topic:
        return f"?topic={filters.topic.code}"
    return ""


@public
@cache_params("state", "topic")
def event_feed(request):
    filters = selectors.filters_from({k: request.GET.get(k, "") for k in ("state", "topic")})
    if filters.errors:
        return HttpResponse("\n".join(filters.errors), status=400, content_type="text/plain; charset=utf-8")
    name = _("Cyberportal events")
    if filters.state:
        name = _("Events: %(state)s") % {"state": filters.state}
    elif filters.topic:
        name = _("Events: %(topic)s") % {"topic": filters.topic}
    body = calendar_bytes(
        selectors.event_items(filters), base_url=request.build_absolute_uri("/").rstrip("/"), name=name
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


@public
def event_detail(request, slug: str):
    event = selectors.event_detail(slug)
    if event is None:
        if slug.isdigit():
            found = selectors.Event.objects.filter(pk=int(slug)).only("slug").first()
            if found:
                return HttpResponseRedirect(found.get_absolute_url())
        raise Http404(_("There is no such event."))
    by_state, total, gender = selectors.participants_by_state(event)
    context = {
        "event": event,
        "materials": selectors.visible_materials(event, request.user),
        "by_state": by_state,
        "total": total,
        "gender": gender,
        "kinds": InstitutionKind.choices,
        "small_cell": selectors.SMALL_CELL,
    }
    return render(request, "events/detail.html", context)


@public
def material_download(request, pk: int):
    material = selectors.material_for(pk, request.user)
    if material is None or not material.file:
        # Missing, not a file, or not for this reader: the same answer, so ids cannot be probed.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404(_("There is no such material."))
    if material.tlp != TLP.CLEAR:
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            obj=material,
            request=request,
            changes={"download": material.file.name},
        )
    name = material.file.name.rsplit("/", 1)[-1]
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=name)


REACH_PARAMS = ("state", "topic", "year")


@public
@cache_params(*REACH_PARAMS)
def reach(request):
    filters = selectors.filters_from({k: request.GET.get(k, "") for k in REACH_PARAMS})
    context = _choices_context(filters) | {
        "by_state": selectors.reach_by_state(filters),
        "by_topic": selectors.reach_by_topic(filters),
        "reach_kinds": [(k, InstitutionKind(k).label) for k in selectors.REACH_KINDS],
        "years": selectors.reach_years(),
        "small_cell": selectors.SMALL_CELL,
        "query": "&".join(f"{k}={request.GET[k]}" for k in REACH_PARAMS if request.GET.get(k)),
    }
    return render(request, "events/reach.html", context)


@public
@cache_params(*REACH_PARAMS, "by")
def reach_csv(request):
    filters = selectors.filters_from({k: request.GET.get(k, "") for k in REACH_PARAMS})
    if filters.errors:
        return HttpResponse("\n".join(filters.errors), status=400, content_type="text/plain; charset=utf-8")
    by = request.GET.get("by", "state")
    if by not in ("state", "topic"):
        message = _("%(field)s: “%(value)s” is not a valid choice.") % {"field": "by", "value": by[:20]}
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    rows = selectors.reach_by_state(filters) if by == "state" else selectors.reach_by_topic(filters)
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    kinds = [InstitutionKind(k).label for k in selectors.REACH_KINDS]
    writer.writerow(
        [
            _("Year"),
            _("Code"),
            _("State") if by == "state" else _("Topic"),
            *kinds,
            _("Total"),
            _("Women"),
            _("Men"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.year,
                row.key,
                row.label,
                *row.counts,
                row.total,
                "" if row.gender.women is None else row.gender.women,
                "" if row.gender.men is None else row.gender.men,
            ]
        )
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="training-reach-by-{by}.csv"'
    return response
