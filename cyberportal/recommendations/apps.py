from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class RecommendationsConfig(AppConfig):
    name = "cyberportal.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations and implementation")
    # The Secretariat edits and publishes these records in the admin (see core.role_permissions).
    role_permissions = {Role.SECRETARIAT: ["recommendations.*"]}

    def ready(self):
        from django.urls import reverse
        from wagtail.signals import published

        from cyberportal.core.campaigns import (
            CampaignSubject,
            register_campaign_subject,
            workflow_submissions,
        )
        from cyberportal.core.changes import ChangeSource, register_change_source
        from cyberportal.core.dashboard import register_home_tasks
        from cyberportal.core.imports import ImportKind, register_import_kind
        from cyberportal.core.moderation import register_moderated
        from cyberportal.core.navigation import NavItem, register_nav_item
        from cyberportal.core.profile import ProfileSection, register_profile_section
        from cyberportal.core.synthetic import register_scale_generator

        from . import selectors, services, synthetic
        from .models import ImplementationReport

        register_home_tasks("recommendations", selectors.home_tasks, order=20)
        register_moderated(ImplementationReport)
        register_campaign_subject(
            CampaignSubject(
                key="implementation_reports",
                label=_("Implementation reports"),
                task=_("Report how your state implements the recommendations addressed to it, and submit."),
                url=lambda: reverse("recommendations:my_reports"),
                submitted=lambda since, states, year: workflow_submissions(
                    ImplementationReport, since=since, state_ids=states
                ),
                order=50,
            )
        )
        register_change_source(
            ChangeSource(
                "recommendations",
                _("Recommendations and implementation reports"),
                selectors.recommendation_changes,
                order=30,
            )
        )
        # Publishing a report (the portal's "Accept" or the workflow's approval) is its acceptance.
        published.connect(
            services.report_published,
            sender=ImplementationReport,
            dispatch_uid="implementation_report_accepted",
        )

        register_nav_item(NavItem("recommendations", _("Recommendations"), "recommendations:index", order=50))
        register_profile_section(
            ProfileSection(
                key="recommendations",
                title=_("Implementation of the recommendations"),
                template="recommendations/profile_section.html",
                context=selectors.profile_section_context,
                order=50,
            )
        )
        register_scale_generator("recommendations", synthetic.recommendations_generate)
        register_import_kind(
            "recommendations",
            ImportKind(
                parse="cyberportal.recommendations.importer.parse_for_job",
                preview_url="recommendations:import_preview",
                upload_url="recommendations:import",
            ),
        )
