from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "cyberportal.directory"
    label = "directory"
    verbose_name = _("Directory of points of contact")

    def ready(self):
        from cyberportal.core.navigation import NavItem, register_nav_item
        from cyberportal.core.profile import ProfileSection, register_profile_section
        from cyberportal.core.synthetic import register_scale_generator

        from . import selectors, synthetic

        register_nav_item(NavItem("directory", _("Directory"), "directory:index", order=30))
        register_nav_item(NavItem("finder", _("Who do I contact?"), "directory:finder", order=31))
        register_profile_section(
            ProfileSection(
                key="directory",
                title=_("Points of contact"),
                template="directory/includes/profile_section.html",
                context=selectors.profile_section_context,
                order=30,
            )
        )
        register_scale_generator("directory", synthetic.directory_generate)
