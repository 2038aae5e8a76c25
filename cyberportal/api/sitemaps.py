"""`/sitemap.xml`: an index of one sitemap per kind of public page, each page in the four interface
languages with its hreflang alternates. Only what an anonymous visitor may open is listed."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cyberportal.bulletin import selectors as bulletin_selectors
from cyberportal.events import selectors as event_selectors
from cyberportal.laws import selectors as law_selectors
from cyberportal.recommendations import selectors as recommendation_selectors
from cyberportal.recommendations.models import Recommendation
from cyberportal.states import selectors as state_selectors
from cyberportal.states.models import State
from cyberportal.statistics import selectors as statistics_selectors


class PortalSitemap(Sitemap):
    i18n = True  # one <url> per interface language ...
    alternates = True  # ... each naming the others (hreflang)
    x_default = True
    limit = 10000  # URLs per sitemap page; four languages each

    def get_latest_lastmod(self):
        return None


class PagesSitemap(PortalSitemap):
    """The fixed pages: home, states, instruments, legislation, matrix, recommendations, timeline, events,
    training reach, statistics and the bulletin's archive."""

    names = ["states:list", "states:instruments", "laws:index", "laws:matrix", "recommendations:index",
             "recommendations:timeline", "events:index", "events:reach", "statistics:index",
             "bulletin:archive"]  # fmt: skip

    def items(self):
        return ["home", *self.names]

    def location(self, item):
        if item == "home":
            return reverse("states:list").rsplit("states/", 1)[0]
        return reverse(item)


class StatesSitemap(PortalSitemap):
    """Each state's profile and its legislation page."""

    def items(self):
        return [(state, kind) for state in State.objects.order_by("code") for kind in ("profile", "laws")]

    def location(self, item):
        state, kind = item
        return reverse("states:profile" if kind == "profile" else "laws:state", args=[state.code.lower()])


class InstrumentsSitemap(PortalSitemap):
    def items(self):
        return state_selectors.instruments()

    def location(self, instrument):
        return reverse("states:instrument", args=[instrument.slug])


class LawsSitemap(PortalSitemap):
    def items(self):
        return law_selectors.visible_laws(AnonymousUser()).order_by("pk")

    def location(self, law):
        return law.get_absolute_url()

    def lastmod(self, law):
        return law.last_published_at


class RecommendationsSitemap(PortalSitemap):
    def items(self):
        meetings = list(recommendation_selectors.meetings())
        return meetings + list(Recommendation.objects.select_related("meeting").order_by("pk"))

    def location(self, item):
        return item.get_absolute_url()


class EventsSitemap(PortalSitemap):
    """Each event's page (the Events page's own queryset; every event is public)."""

    def items(self):
        return event_selectors.events_for_list().order_by("starts_at", "pk")

    def location(self, event):
        return event.get_absolute_url()

    def lastmod(self, event):
        return event.updated_at


class StatisticsSitemap(PortalSitemap):
    """The statistics page of each state that has validated, public figures."""

    def items(self):
        codes = statistics_selectors.public_returns().values_list("state__code", flat=True)
        return sorted(set(codes))

    def location(self, code):
        return reverse("statistics:state", args=[code.lower()])


class BulletinSitemap(PortalSitemap):
    def items(self):
        return bulletin_selectors.published_issues()

    def location(self, issue):
        return issue.get_absolute_url()


SITEMAPS = {
    "pages": PagesSitemap,
    "states": StatesSitemap,
    "instruments": InstrumentsSitemap,
    "laws": LawsSitemap,
    "recommendations": RecommendationsSitemap,
    "events": EventsSitemap,
    "statistics": StatisticsSitemap,
    "bulletin": BulletinSitemap,
}
