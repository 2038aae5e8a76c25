from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cyberportal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from cyberportal.core.dashboard import register_home_tasks
        from cyberportal.core.navigation import NavItem, register_nav_item

        from . import selectors

        user_logged_in.connect(_remember_language, dispatch_uid="accounts_remember_language")
        register_home_tasks("accounts", selectors.home_tasks, order=50)

        register_nav_item(
            NavItem("profile", _("Your profile"), "accounts:profile", order=99, signed_in_only=True)
        )


def _remember_language(sender, request, user, **kwargs):
    from django.utils import translation

    from .services import user_language_remember

    if request is not None and not request.path.startswith("/admin/"):
        user_language_remember(user=user, language=translation.get_language() or "")
