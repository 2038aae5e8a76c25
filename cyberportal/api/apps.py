from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """Open data on top of every capability: the read API, feeds, sitemap, robots.txt, security.txt.

    It sits on top of the house: it reads the capabilities' selectors, and no app imports it.
    """

    name = "cyberportal.api"
    label = "api"
    verbose_name = _("API and open data")
