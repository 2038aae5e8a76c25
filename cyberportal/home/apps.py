from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class HomeConfig(AppConfig):
    name = "cyberportal.home"
    label = "home"
    verbose_name = _("Home page")
    # The Secretariat edits and publishes these records in the admin (see core.role_permissions).
    role_permissions = {Role.SECRETARIAT: ["home.*"]}
