from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class StatisticsConfig(AppConfig):
    name = "cyberportal.statistics"
    label = "statistics"
    verbose_name = _("Annual statistics")
    # The Secretariat defines the indicators in the admin; returns are filled in on the portal's form,
    # where the validation rules run (core.role_permissions).
    role_permissions = {Role.SECRETARIAT: ["statistics.*"]}

    def ready(self):
        from django.urls import reverse

        from cyberportal.core.campaigns import CampaignSubject, register_campaign_subject
        from cyberportal.core.dashboard import register_home_tasks
        from cyberportal.core.navigation import NavItem, register_nav_item
        from cyberportal.core.profile import ProfileSection, register_profile_section

        from . import selectors

        register_home_tasks("statistics", selectors.home_tasks, order=40)
        register_campaign_subject(
            CampaignSubject(
                key="statistics",
                label=_("Statistics return"),
                task=_("Fill in your state's statistics return for the year and submit it."),
                url=lambda: reverse("statistics:returns"),
                submitted=selectors.campaign_submissions,
                needs_year=True,
                answers_on_save=("statistics.statisticsreturn",),
                order=40,
            )
        )
        register_nav_item(NavItem("statistics", _("Statistics"), "statistics:index", order=55))
        register_profile_section(
            ProfileSection(
                key="statistics",
                title=_("Annual statistics"),
                template="statistics/profile_section.html",
                context=selectors.profile_section_context,
                order=60,
            )
        )
