"""The home page: a Wagtail page the Secretariat edits, one translation per interface language."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cyberportal.states.models import State, TreatyStatus, TreatyStatusValue


class HomePage(Page):
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences under the title.")
    )
    body = RichTextField(_("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = {
            "states": State.objects.count(),
            "parties": TreatyStatus.objects.filter(
                instrument__slug="cets-185", status__in=TreatyStatusValue.party_values()
            ).count(),
            "network_247": State.objects.filter(network_247_member=True).count(),
        }
        return context
