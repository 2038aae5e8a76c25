from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cyberportal.core.roles import Role


class StatesConfig(AppConfig):
    name = "cyberportal.states"
    label = "states"
    verbose_name = _("States and instruments")
    # The Secretariat edits and publishes these records in the admin (see core.role_permissions).
    # A focal point proposes changes to their state's treaty status and profile (core.moderation: drafts
    # the Secretariat publishes); everything else here is the Secretariat's.
    role_permissions = {
        Role.SECRETARIAT: ["states.*"],
        Role.FOCAL_POINT: [
            f"states.{action}_{model}"
            for model in ("treatystatusproposal", "stateprofileproposal")
            for action in ("add", "change", "delete", "view")
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
        from cyberportal.core.moderation import register_moderated
        from cyberportal.core.navigation import NavItem, register_nav_item
        from cyberportal.core.synthetic import register_scale_generator

        from . import selectors, services, synthetic
        from .models import StateProfileProposal, TreatyStatusProposal

        register_moderated(TreatyStatusProposal)
        register_campaign_subject(
            CampaignSubject(
                key="treaty_status",
                label=_("Treaty status"),
                task=_("Check your state's signatures, ratifications and declarations; propose any change."),
                url=lambda: admin_listing_url(TreatyStatusProposal),
                submitted=lambda since, states, year: workflow_submissions(
                    TreatyStatusProposal, since=since, state_ids=states
                ),
                order=20,
            )
        )
        register_moderated(StateProfileProposal)
        register_change_source(
            ChangeSource("treaties", _("Treaty events"), selectors.treaty_changes, order=20)
        )
        # Approving a proposal publishes it (Wagtail's workflow); publishing is when it reaches the profile.
        published.connect(
            services.treaty_status_proposal_published,
            sender=TreatyStatusProposal,
            dispatch_uid="treaty_status_proposal_apply",
        )
        published.connect(
            services.state_profile_proposal_published,
            sender=StateProfileProposal,
            dispatch_uid="state_profile_proposal_apply",
        )
        register_nav_item(NavItem("states", _("States"), "states:list", order=10))
        register_nav_item(NavItem("instruments", _("Instruments"), "states:instruments", order=90))
        # The foundation's generator: the others run after it (their default `after`).
        register_scale_generator("states", synthetic.states_generate, after=())
