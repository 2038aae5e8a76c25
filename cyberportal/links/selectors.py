"""Reads of the national links: every list goes through here, so that the profile, the citizens' pages
and the homes agree on who sees what (core.policy: a link follows its visibility and publication).
Each function runs a fixed number of queries whatever the number of links."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cyberportal.core import policy
from cyberportal.core.dashboard import HomeTask

from .models import LinkKind, NationalLink, Outcome

KIND_ORDER = {value: index for index, value in enumerate(LinkKind.values)}
# What a citizen may use to report or get help, in the order they need it.
FOR_CITIZENS = [LinkKind.REPORTING, LinkKind.POLICE, LinkKind.PROSECUTION, LinkKind.CSIRT]


def links_visible_to(user):
    return NationalLink.objects.visible_to(user).select_related("state", "last_check")


def state_links(state, user) -> list[NationalLink]:
    links = list(links_visible_to(user).filter(state=state))
    return sorted(links, key=lambda link: (KIND_ORDER.get(link.kind, 99), link.title.lower()))


def profile_section_context(state, user) -> dict:
    return {"national_links": state_links(state, user)}


def links_for_citizens(state) -> list[NationalLink]:
    """The state's public, published sites a citizen can use, whoever reads: never a restricted one,
    and never one the checker found dead."""
    links = links_visible_to(AnonymousUser()).filter(state=state, kind__in=FOR_CITIZENS)
    links = [link for link in links if not (link.finding and link.finding.is_dead)]
    order = {kind: index for index, kind in enumerate(FOR_CITIZENS)}
    return sorted(links, key=lambda link: (order[link.kind], link.title.lower()))


def home_tasks(user) -> list[HomeTask]:
    """Dead links and sites that do not link back: a focal point's own state's, the Secretariat's all."""
    if not policy.can_check_national_links(user):
        return []
    links = NationalLink.objects.filter(policy.editable_filter(user, NationalLink)).filter(live=True)
    dead = links.filter(last_check__outcome=Outcome.DEAD).count()
    no_link_back = links.filter(last_check__outcome=Outcome.OK, last_check__links_back=False).count()
    url = reverse("wagtailsnippets_links_nationallink:list")
    return [
        HomeTask(_("National links that do not answer"), dead, url, urgent=bool(dead)),
        HomeTask(_("National sites that do not link back to the portal"), no_link_back, url),
    ]
