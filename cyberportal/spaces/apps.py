from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "cyberportal.spaces"
    label = "spaces"
    verbose_name = _("Expert spaces")

    def ready(self):
        from cyberportal.core.navigation import NavItem, register_nav_item

        register_nav_item(NavItem("spaces", _("Expert spaces"), "spaces:list", order=80, signed_in_only=True))
