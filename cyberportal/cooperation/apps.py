from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class CooperationConfig(AppConfig):
    name = "cyberportal.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation in practice")
    # Focal points draft their own state's sheets and declarations (narrowed to that state by core.policy)
    # and send them to the Secretariat's workflow; the Secretariat edits and publishes everything.
    role_permissions = {
        Role.SECRETARIAT: ["cooperation.*"],
        Role.FOCAL_POINT: [
            f"cooperation.{action}_{model}"
            for action in ("add", "change", "lock", "unlock")
            for model in ("measuresheet", "declaration")
        ],
    }

    def ready(self):
        from cyberportal.core.campaigns import (
            CampaignSubject,
            admin_listing_url,
            register_campaign_subject,
            workflow_submissions,
        )
        from cyberportal.core.changes import ChangeSource, register_change_source
        from cyberportal.core.moderation import register_moderated
        from cyberportal.core.navigation import NavItem, register_nav_item
        from cyberportal.core.profile import (
            ArticleSection,
            FinderSection,
            ProfileSection,
            register_article_section,
            register_finder_section,
            register_profile_section,
        )

        from . import selectors
        from .models import Declaration, MeasureSheet

        register_moderated(MeasureSheet, Declaration)
        register_campaign_subject(
            CampaignSubject(
                key="measure_sheets",
                label=_("Measure sheets"),
                task=_(
                    "Check how each measure works in your state; correct the sheets and submit them for review."
                ),
                url=lambda: admin_listing_url(MeasureSheet),
                submitted=lambda since, states, year: workflow_submissions(
                    MeasureSheet, since=since, state_ids=states
                ),
                order=30,
            )
        )
        register_change_source(
            ChangeSource("cooperation", _("Measure sheets"), selectors.sheet_changes, order=40)
        )
        register_nav_item(NavItem("cooperation", _("Cooperation"), "cooperation:index", order=35))
        register_profile_section(
            ProfileSection(
                key="cooperation",
                title=_("Cooperation: measure sheets and treaty declarations"),
                template="cooperation/includes/profile_section.html",
                context=selectors.profile_section_context,
                order=35,
            )
        )
        register_article_section(
            ArticleSection(
                key="declarations",
                title=_("Declarations, reservations and designated authorities"),
                template="cooperation/includes/article_section.html",
                context=selectors.article_section_context,
            )
        )
        # The finder's answer, completed with the sheet, the providers and "Draft the request" (item 6).
        register_finder_section(
            FinderSection(
                key="cooperation",
                template="cooperation/includes/finder_section.html",
                context=selectors.finder_section_context,
            )
        )
