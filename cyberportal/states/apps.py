from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class StatesConfig(AppConfig):
    name = "cyberportal.states"
    label = "states"
    verbose_name = _("States and instruments")
    # The Secretariat edits and publishes these records in the admin (see core.role_permissions).
    role_permissions = {Role.SECRETARIAT: ["states.*"]}

    def ready(self):
        from cyberportal.core.navigation import NavItem, register_nav_item
        from cyberportal.core.synthetic import register_scale_generator

        from . import synthetic

        register_nav_item(NavItem("states", _("States"), "states:list", order=10))
        register_nav_item(NavItem("instruments", _("Instruments"), "states:instruments", order=90))
        # The foundation's generator: the others run after it (their default `after`).
        register_scale_generator("states", synthetic.states_generate, after=())
