from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class LawsConfig(AppConfig):
    name = "cyberportal.laws"
    label = "laws"
    verbose_name = _("Legislation")
    # Focal points draft their own state's laws and mappings (narrowed to that state by core.policy),
    # never publish; the Secretariat edits and publishes everything.
    role_permissions = {
        Role.SECRETARIAT: ["laws.*"],
        Role.FOCAL_POINT: [
            "laws.add_law",
            "laws.change_law",
            "laws.lock_law",
            "laws.unlock_law",
            "laws.add_provisionmapping",
            "laws.change_provisionmapping",
        ],
    }

    def ready(self):
        from wagtail.signals import published

        from cyberportal.core.campaigns import (
            CampaignSubject,
            admin_listing_url,
            register_campaign_subject,
            workflow_submissions,
        )
        from cyberportal.core.changes import ChangeSource, register_change_source
        from cyberportal.core.dashboard import HomeSection, register_home_section
        from cyberportal.core.imports import ImportKind, register_import_kind
        from cyberportal.core.moderation import register_moderated
        from cyberportal.core.navigation import NavItem, register_nav_item
        from cyberportal.core.profile import ProfileSection, register_profile_section
        from cyberportal.core.synthetic import register_scale_generator

        from . import selectors, synthetic
        from .models import Law

        register_moderated(Law)
        register_campaign_subject(
            CampaignSubject(
                key="laws",
                label=_("Legislation"),
                task=_(
                    "Check your state's laws on the portal; add or correct them and submit them for review."
                ),
                url=lambda: admin_listing_url(Law),
                submitted=lambda since, states, year: workflow_submissions(
                    Law, since=since, state_ids=states
                ),
                order=10,
            )
        )
        register_change_source(
            ChangeSource("laws", _("New and amended laws"), selectors.law_changes, order=10)
        )
        register_nav_item(NavItem("laws", _("Legislation"), "laws:index", order=20))
        register_nav_item(NavItem("laws-matrix", _("Comparison matrix"), "laws:matrix", order=21))
        register_nav_item(NavItem("search", _("Search"), "laws:search", order=95))
        register_profile_section(
            ProfileSection(
                key="laws",
                title=_("Legislation"),
                template="laws/includes/profile_section.html",
                context=selectors.profile_section_context,
                order=20,
            )
        )
        register_home_section(
            HomeSection(
                key="saved-searches",
                title=_("Saved searches"),
                template="laws/includes/home_section.html",
                context=selectors.home_section_context,
                order=30,
            )
        )
        register_scale_generator("laws", synthetic.laws_generate)
        # Publishing a revision rewrites the law's provisions (admin, workflow, scheduled publishing).
        published.connect(_law_published, sender=Law, dispatch_uid="laws-concept-matches")
        register_import_kind(
            "laws",
            ImportKind(
                parse="cyberportal.laws.importers.parse_for_job",
                preview_url="laws:import_confirm",
                upload_url="laws:import",
            ),
        )


def _law_published(sender, instance, **kwargs):
    from .services import provision_concepts_refresh

    provision_concepts_refresh(provisions=instance.provisions.all())
