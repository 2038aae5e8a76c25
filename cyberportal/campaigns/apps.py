from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "cyberportal.campaigns"
    label = "campaigns"
    verbose_name = _("Update campaigns")

    def ready(self):
        from cyberportal.core.dashboard import register_home_tasks

        from . import selectors

        register_home_tasks("campaigns", selectors.home_tasks, order=15)
