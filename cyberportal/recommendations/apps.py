from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "cyberportal.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations and implementation")

    def ready(self):
        from cyberportal.core.navigation import NavItem, register_nav_item
        from cyberportal.core.profile import ProfileSection, register_profile_section
        from cyberportal.core.synthetic import register_scale_generator

        from . import selectors, synthetic

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
