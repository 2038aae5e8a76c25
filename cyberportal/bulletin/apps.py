from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class BulletinConfig(AppConfig):
    name = "cyberportal.bulletin"
    label = "bulletin"
    verbose_name = _("Legal Cooperation Bulletin")
    # The Secretariat composes, publishes and sends issues and keeps the subscribers; focal points draft
    # their own state's contributions (narrowed to that state by core.policy) for the Secretariat's review.
    role_permissions = {
        Role.SECRETARIAT: ["bulletin.*"],
        Role.FOCAL_POINT: [
            f"bulletin.{action}_contribution" for action in ("add", "change", "delete", "lock", "unlock")
        ],
    }

    def ready(self):
        from cyberportal.core.moderation import register_moderated
        from cyberportal.core.navigation import NavItem, register_nav_item

        from .models import Contribution

        register_moderated(Contribution)
        register_nav_item(NavItem("bulletin", _("Bulletin"), "bulletin:archive", order=60))
