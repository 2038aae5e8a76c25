from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cyberportal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from cyberportal.core.dashboard import register_home_tasks
        from cyberportal.core.navigation import NavItem, register_nav_item

        from . import selectors

        register_home_tasks("accounts", selectors.home_tasks, order=50)

        register_nav_item(
            NavItem("profile", _("Your profile"), "accounts:profile", order=99, signed_in_only=True)
        )
