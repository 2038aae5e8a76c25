from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class DirectoryConfig(AppConfig):
    name = "cyberportal.directory"
    label = "directory"
    verbose_name = _("Directory of points of contact")
    # Focal points keep their own state's entries (narrowed to that state by core.policy).
    role_permissions = {
        Role.SECRETARIAT: ["directory.*"],
        Role.FOCAL_POINT: [
            f"directory.{action}_{model}"
            for action in ("add", "change", "delete")
            for model in ("authority", "contact", "finderrule")
        ],
    }

    def ready(self):
        from cyberportal.core.dashboard import register_home_tasks
        from cyberportal.core.moderation import register_moderated
        from cyberportal.core.navigation import NavItem, register_nav_item
        from cyberportal.core.profile import ProfileSection, register_profile_section
        from cyberportal.core.synthetic import register_scale_generator

        from . import selectors, synthetic
        from .models import Authority, Contact

        register_moderated(Authority, Contact)
        register_home_tasks("directory", selectors.home_tasks, order=30)
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
