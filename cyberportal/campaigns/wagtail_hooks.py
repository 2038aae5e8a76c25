"""The admin menu links to the update campaigns' portal pages (the Secretariat's dashboard, a focal
point's requests); the pages themselves live on the portal, like the directory's verification campaigns."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cyberportal.core import policy
from cyberportal.core.admin_menu import SiteMenuItem


@hooks.register("register_admin_menu_item")
def campaigns_menu_item():
    return SiteMenuItem(
        _("Update campaigns"),
        "campaigns:index",
        shown_to=policy.can_follow_campaigns,
        icon_name="mail",
        order=272,
    )
