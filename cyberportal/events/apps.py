from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class EventsConfig(AppConfig):
    name = "cyberportal.events"
    label = "events"
    verbose_name = _("Events and training")
    # The Secretariat keeps the programme of events (and their participants) in the admin.
    role_permissions = {Role.SECRETARIAT: ["events.*"]}

    def ready(self):
        from cyberportal.core.changes import ChangeSource, register_change_source
        from cyberportal.core.navigation import NavItem, register_nav_item

        from . import selectors

        register_change_source(
            ChangeSource("events", _("Events and training"), selectors.event_changes, order=50)
        )
        register_nav_item(NavItem("events", _("Events"), "events:index", order=55))
