"""Atom feeds, under each interface language (included ahead of the capabilities' own addresses)."""

from django.urls import path

from . import feeds

urlpatterns = [
    path("laws/feed/", feeds.LawsFeed(), name="laws_feed"),
    path("laws/state/<str:code>/feed/", feeds.LawsFeed(), name="state_laws_feed"),
    path("recommendations/feed/", feeds.RecommendationsFeed(), name="recommendations_feed"),
    path("recommendations/reports/feed/", feeds.ReportsFeed(), name="reports_feed"),
    path("events/feed/", feeds.EventsFeed(), name="events_feed"),
    path("events/state/<str:code>/feed/", feeds.EventsFeed(), name="state_events_feed"),
]
