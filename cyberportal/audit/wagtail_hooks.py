"""A link to the audit log in the Wagtail admin menu, shown to the Secretariat only."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cyberportal.core.policy import is_secretariat


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return is_secretariat(request.user)


@hooks.register("register_admin_menu_item")
def audit_menu_item():
    return SecretariatMenuItem(_("Audit log"), reverse("audit:list"), icon_name="history", order=10000)
