from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cyberportal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from cyberportal.core.navigation import NavItem, register_nav_item

        register_nav_item(
            NavItem("profile", _("Your profile"), "accounts:profile", order=99, signed_in_only=True)
        )
