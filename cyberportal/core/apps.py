from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .roles import Role


class CoreConfig(AppConfig):
    name = "cyberportal.core"
    label = "core"
    verbose_name = _("Core")
    # Portal-wide: who enters Wagtail's admin, and the Secretariat's shared documents and images.
    role_permissions = {
        Role.SECRETARIAT: ["wagtailadmin.access_admin", "wagtaildocs.*", "wagtailimages.*"],
        Role.FOCAL_POINT: ["wagtailadmin.access_admin"],
    }

    def ready(self):
        from . import moderation
        from .dashboard import register_home_tasks

        moderation.connect_notifiers()
        register_home_tasks("moderation", moderation.home_tasks, order=10)
