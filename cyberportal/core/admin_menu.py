"""Admin menu items that link to the site's own pages, whose addresses carry a language prefix."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from wagtail.admin.menu import MenuItem


class SiteMenuItem(MenuItem):
    """A link from the admin's menu to a page of the site (`/es/audit/`), shown to whom `shown_to` allows.

    Wagtail builds its menu once per process: an address reversed when the item is made would keep the
    language of whoever opened the admin first (a French Secretariat's `/fr/…` for everyone after). This
    one is reversed each time the menu is drawn, in the language the admin speaks for that request.
    """

    def __init__(self, label, url_name: str, *, shown_to: Callable, **kwargs):
        self.url_name, self.shown_to = url_name, shown_to
        super().__init__(label, "", **kwargs)

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    @url.setter
    def url(self, value) -> None:  # MenuItem.__init__ assigns it; the name decides instead
        pass

    def is_shown(self, request) -> bool:
        return self.shown_to(request.user)
