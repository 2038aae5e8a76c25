from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "cyberportal.spaces"
    label = "spaces"
    verbose_name = _("Expert spaces")

    def ready(self):
        from cyberportal.core.dashboard import HomeSection, register_home_section
        from cyberportal.core.navigation import NavItem, register_nav_item

        from . import selectors

        register_nav_item(NavItem("spaces", _("Expert spaces"), "spaces:list", order=80, signed_in_only=True))
        register_home_section(
            HomeSection(
                key="spaces",
                title=_("New in your spaces"),
                template="spaces/includes/home_section.html",
                context=selectors.home_section_context,
                order=20,
            )
        )
