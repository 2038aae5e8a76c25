"""The bulletin's Atom feed: published issues, newest first, in the interface language (Django's syndication
framework, as the api's feeds). Public and shared: it shows what an anonymous visitor sees."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cyberportal.core.access import PUBLIC

from . import selectors

ENTRIES = 30


class IssuesFeed(Feed):
    feed_type = Atom1Feed
    access = PUBLIC

    def title(self):
        return _("Legal Cooperation Bulletin")

    def subtitle(self):
        return _("Issues of the Legal Cooperation Bulletin: changes in the portal and news from the states.")

    def link(self):
        return reverse("bulletin:archive")

    def feed_url(self):
        return reverse("bulletin:feed")

    def items(self):
        return selectors.published_issues()[:ENTRIES]

    def item_title(self, issue):
        return _("No. %(number)s: %(title)s") % {
            "number": issue.number,
            "title": issue.title_in(get_language()),
        }

    def item_description(self, issue):
        return issue.editorial_in(get_language())

    def item_link(self, issue):
        return issue.get_absolute_url()

    def item_guid_is_permalink(self, issue):
        return True  # the entry's id is its page's absolute address, stable across languages' titles

    def item_pubdate(self, issue):
        return issue.first_published_at

    def item_updateddate(self, issue):
        return issue.last_published_at or issue.first_published_at
