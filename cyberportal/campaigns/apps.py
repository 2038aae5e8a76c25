from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "cyberportal.campaigns"
    label = "campaigns"
    verbose_name = _("Update campaigns")

    def ready(self):
        from django.db.models.signals import post_save

        from cyberportal.core.dashboard import register_home_tasks

        from . import receivers, selectors

        register_home_tasks("campaigns", selectors.home_tasks, order=15)
        # Every model's saves: which models answer is known only once every capability has registered.
        post_save.connect(receivers.answers_look_on_save, dispatch_uid="campaigns-answers-on-save")
