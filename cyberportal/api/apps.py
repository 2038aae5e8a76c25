from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """Open data on top of every capability: the read API, feeds, sitemap, robots.txt, security.txt, API
    tokens and the nightly bulk dump.

    It sits on top of the house: it reads the capabilities' selectors, and no app imports it.
    """

    name = "cyberportal.api"
    label = "api"
    verbose_name = _("API and open data")

    def ready(self):
        from cyberportal.core.profile import AccountSection, register_account_section

        from . import selectors

        register_account_section(
            AccountSection(
                key="api-tokens",
                title=_("API tokens"),
                template="api/_profile_tokens.html",
                context=selectors.profile_section_context,
                order=50,
            )
        )
