"""Atom feeds of new and amended laws, recommendations and implementation reports, and events, per
language (the bulletin's feed is the bulletin app's own).

Feeds are public and shared (readers, aggregators, caches): they always show what an anonymous visitor
sees, whoever fetches them, through the same selectors as the pages.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import DateTimeField, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from cyberportal.core.access import PUBLIC
from cyberportal.events import selectors as event_selectors
from cyberportal.laws import selectors as law_selectors
from cyberportal.recommendations import selectors as recommendation_selectors
from cyberportal.recommendations.models import Recommendation
from cyberportal.states.models import State

ENTRIES = 50
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _day(value: datetime.date | None) -> datetime.datetime | None:
    if value is None:
        return None
    return datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)


class PortalFeed(Feed):
    """Atom 1.0 in the interface language; open to anyone (`core.access`)."""

    feed_type = Atom1Feed
    access = PUBLIC

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Django's self link drops the query; `?state=CO` is part of what this feed is.
        feed.feed["feed_url"] = request.build_absolute_uri(request.get_full_path())
        return feed

    def item_guid_is_permalink(self, item):
        return True


def _state_or_none(request, code: str | None):
    """The state a feed is narrowed to (`/state/co/feed/` or `?state=CO`), None for all; 404 if unknown."""
    code = code or request.GET.get("state", "")
    if not code:
        return None
    state = State.objects.filter(code=code.upper()).first() if len(code) == 2 else None
    if state is None:
        raise Http404(_("There is no state with the code “%(code)s”.") % {"code": code[:10]})
    return state


class LawsFeed(PortalFeed):
    """New laws and laws published again after an amendment, newest first; `?state=CO` or
    `/laws/state/co/feed/` for one state."""

    def get_object(self, request, code: str | None = None):
        return _state_or_none(request, code)

    def title(self, state):
        if state:
            return _("New and amended laws: %(state)s") % {"state": state.name}
        return _("New and amended laws")

    def subtitle(self, state):
        return _("Laws published or amended in the legislation compendium.")

    def link(self, state):
        return reverse("laws:state", args=[state.code.lower()]) if state else reverse("laws:index")

    def items(self, state):
        laws = law_selectors.visible_laws(AnonymousUser()).select_related("state")
        if state:
            laws = laws.filter(state=state)
        latest = Coalesce("last_published_at", Value(EPOCH), output_field=DateTimeField())
        return laws.annotate(_updated=latest).order_by("-_updated", "-pk")[:ENTRIES]

    def item_title(self, law):
        amended = (
            law.first_published_at
            and law.last_published_at
            and law.last_published_at > law.first_published_at
        )
        label = _("Amended") if amended else _("New")
        return f"{law.identifier} ({law.state.code}) · {label}"

    def item_description(self, law):
        return law.title_en or law.title

    def item_link(self, law):
        return law.get_absolute_url()

    def item_updateddate(self, law):
        return law.last_published_at or _day(law.published_on or law.enacted_on) or EPOCH

    def item_pubdate(self, law):
        return law.first_published_at or _day(law.published_on or law.enacted_on)

    def item_categories(self, law):
        return [law.state.code, law.law_type]


class RecommendationsFeed(PortalFeed):
    def title(self):
        return _("Recommendations")

    def subtitle(self):
        return _("Recommendations adopted by the meetings of the network.")

    def link(self):
        return reverse("recommendations:index")

    def items(self):
        return Recommendation.objects.select_related("meeting__body", "latest_revision").order_by(
            "-meeting__year", "-meeting__start_date", "-meeting_id", "-number"
        )[:ENTRIES]

    def item_title(self, recommendation):
        return f"{recommendation.meeting} §{recommendation.number}"

    def item_description(self, recommendation):
        return recommendation.text

    def item_link(self, recommendation):
        return recommendation.get_absolute_url()

    def item_updateddate(self, recommendation):
        revision = recommendation.latest_revision
        meeting = recommendation.meeting
        return (
            (revision.created_at if revision else None)
            or _day(meeting.end_date or meeting.start_date)
            or datetime.datetime(meeting.year, 1, 1, tzinfo=datetime.UTC)
        )


class ReportsFeed(PortalFeed):
    def title(self):
        return _("Implementation reports")

    def subtitle(self):
        return _("Reports on the implementation of the recommendations, as accepted by the Secretariat.")

    def link(self):
        return reverse("recommendations:index")

    def items(self):
        return (
            recommendation_selectors.accepted_reports(AnonymousUser())
            .select_related("recommendation__meeting__body")
            .order_by("-accepted_at", "-pk")[:ENTRIES]
        )

    def item_title(self, report):
        who = report.state.name if report.state_id else _("Technical Secretariat")
        return f"{report.recommendation} · {who} · {report.get_status_display()}"

    def item_description(self, report):
        return report.narrative

    def item_link(self, report):
        return report.recommendation.get_absolute_url() + f"#report-{report.pk}"

    def item_updateddate(self, report):
        return report.accepted_at or report.updated_at or timezone.now()


class EventsFeed(PortalFeed):
    """Events as they are announced or changed, the latest change first; `?state=CO` or
    `/events/state/co/feed/` for the events a state hosts or takes part in. The calendar of the same
    events is the events app's iCalendar feed."""

    def get_object(self, request, code: str | None = None):
        return _state_or_none(request, code)

    def title(self, state):
        if state:
            return _("Events: %(state)s") % {"state": state.name}
        return _("Cyberportal events")

    def subtitle(self, state):
        return _("Workshops, courses and meetings, as they are announced or changed.")

    def link(self, state):
        url = reverse("events:index")
        return f"{url}?state={state.code}" if state else url

    def items(self, state):
        filters = event_selectors.EventFilters(state=state)
        events = event_selectors.events_for_list(filters).select_related("host_state")
        return events.order_by("-updated_at", "-pk")[:ENTRIES]

    def item_title(self, event):
        return f"{event.title} ({event.local_start.date().isoformat()})"

    def item_description(self, event):
        place = event.place or event.online_url
        return "\n".join(part for part in [place, event.summary] if part)

    def item_link(self, event):
        return event.get_absolute_url()

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [event.kind, *sorted(t.code for t in event.topics.all())]
