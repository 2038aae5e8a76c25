from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "cyberportal.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        # Records sign-ins, which happen inside Django's auth. (The log is linked from the Secretariat's
        # profile page rather than the main menu, which every signed-in user sees.)
        from . import receivers  # noqa: F401
