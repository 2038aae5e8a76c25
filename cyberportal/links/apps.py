from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class LinksConfig(AppConfig):
    name = "cyberportal.links"
    label = "links"
    verbose_name = _("National links")
    # Focal points draft their own state's links (narrowed by core.policy) for the Secretariat's review;
    # the checker's findings are written by the checker alone.
    role_permissions = {
        Role.SECRETARIAT: ["links.*"],
        Role.FOCAL_POINT: [f"links.{action}_nationallink" for action in ("add", "change", "lock", "unlock")],
    }

    def ready(self):
        from cyberportal.core.dashboard import register_home_tasks
        from cyberportal.core.moderation import register_moderated
        from cyberportal.core.profile import ProfileSection, register_profile_section

        from . import selectors
        from .models import NationalLink

        register_moderated(NationalLink)
        register_home_tasks("links", selectors.home_tasks, order=60)
        register_profile_section(
            ProfileSection(
                key="national_links",
                title=_("National sites"),
                template="links/includes/profile_section.html",
                context=selectors.profile_section_context,
                order=60,
            )
        )
