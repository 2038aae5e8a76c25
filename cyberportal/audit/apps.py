from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "cyberportal.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from cyberportal.core.navigation import NavItem, register_nav_item

        from . import receivers  # noqa: F401  (records sign-ins: they happen inside Django's auth)

        register_nav_item(NavItem("audit", _("Audit log"), "audit:list", order=95, signed_in_only=True))
