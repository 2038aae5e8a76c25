from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class CitizensConfig(AppConfig):
    name = "cyberportal.citizens"
    label = "citizens"
    verbose_name = _("For citizens")
    # Focal points draft their own state's guide (narrowed by core.policy) for the Secretariat's review.
    role_permissions = {
        Role.SECRETARIAT: ["citizens.*"],
        Role.FOCAL_POINT: [
            f"citizens.{action}_reportingguide" for action in ("add", "change", "lock", "unlock")
        ],
    }

    def ready(self):
        from cyberportal.core.dashboard import register_home_tasks
        from cyberportal.core.moderation import register_moderated
        from cyberportal.core.navigation import NavItem, register_nav_item
        from cyberportal.core.profile import ProfileSection, register_profile_section

        from . import selectors
        from .models import ReportingGuide

        register_moderated(ReportingGuide)
        register_nav_item(NavItem("citizens", _("Report a cybercrime"), "citizens:index", order=80))
        register_home_tasks("citizens", selectors.home_tasks, order=61)
        register_profile_section(
            ProfileSection(
                key="citizens",
                title=_("For citizens: how to report a cybercrime"),
                template="citizens/includes/profile_section.html",
                context=selectors.profile_section_context,
                order=59,
            )
        )
