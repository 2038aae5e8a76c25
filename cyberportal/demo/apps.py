from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data and accounts; installed only by the local settings, never in production."""

    name = "cyberportal.demo"
    label = "demo"
    verbose_name = _("Demo instance")
