from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class ProvidersConfig(AppConfig):
    name = "cyberportal.providers"
    label = "providers"
    verbose_name = _("Service providers")
    # The directory of providers is the Secretariat's to keep; vetted users read it on the portal.
    role_permissions = {Role.SECRETARIAT: ["providers.*"]}
