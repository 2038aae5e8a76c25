"""The one place that decides who may open a thread or a document of an expert space (TLP 2.0).

Pages, search, notifications and downloads all ask `can_view` (one item) or `visible_to` (a queryset),
so they cannot disagree.

==================  ===============================================================
label               who may open it
==================  ===============================================================
TLP:CLEAR           everyone, visitors included
TLP:GREEN           every vetted user (expert, focal point, Secretariat)
TLP:AMBER           the space's members (the Secretariat administers every space)
TLP:AMBER+STRICT    the space's members of the author's own state or organisation
TLP:RED             the named recipients only
==================  ===============================================================

The author always sees their own item. Deactivated or not-yet-vetted accounts see only TLP:CLEAR.
A label is changed only by the item's author, the Secretariat, or a moderator of its space; a moderator
may only raise it (`can_change_label`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cyberportal.core.policy import is_secretariat, role_of
from cyberportal.core.roles import VISITOR

from .models import TLP, TLP_RANK, MemberRole, Membership


def is_member(user, space) -> bool:
    if role_of(user) == VISITOR:
        return False
    return is_secretariat(user) or Membership.objects.filter(space=space, user=user).exists()


def is_moderator(user, space) -> bool:
    if role_of(user) == VISITOR:
        return False
    return Membership.objects.filter(space=space, user=user, role=MemberRole.MODERATOR).exists()


def can_post(user, space) -> bool:
    """Members (and the Secretariat) write threads, replies and documents in a space."""
    return is_member(user, space)


def _same_affiliation(user, item) -> bool:
    if item.author_state_id is not None:
        return item.author_state_id == user.state_id
    return item.author_organisation_id is not None and item.author_organisation_id == user.organisation_id


def can_view(user, item) -> bool:
    """May `user` open `item` (a Thread or a Document)?"""
    if item.tlp == TLP.CLEAR:
        return True
    if role_of(user) == VISITOR:
        return False
    if item.author_id == user.pk or item.tlp == TLP.GREEN:
        return True
    if item.tlp == TLP.AMBER:
        return is_member(user, item.space)
    if item.tlp == TLP.AMBER_STRICT:
        return is_member(user, item.space) and _same_affiliation(user, item)
    if item.tlp == TLP.RED:
        return item.recipients.filter(pk=user.pk).exists()
    return False  # an unknown label is closed


def visible_filter(user, model) -> Q:
    """The Q object for `can_view` over a Thread or Document queryset."""
    condition = Q(tlp=TLP.CLEAR)
    if role_of(user) == VISITOR:
        return condition
    condition |= Q(tlp=TLP.GREEN) | Q(author_id=user.pk)
    member = (
        Q() if is_secretariat(user) else Q(space__in=Membership.objects.filter(user=user).values("space_id"))
    )
    condition |= Q(tlp=TLP.AMBER) & member
    if user.state_id is not None:
        affiliation = Q(author_state_id=user.state_id)
    elif user.organisation_id is not None:
        affiliation = Q(author_state__isnull=True, author_organisation_id=user.organisation_id)
    else:
        affiliation = Q(pk__in=[])
    condition |= Q(tlp=TLP.AMBER_STRICT) & member & affiliation
    condition |= Q(tlp=TLP.RED, pk__in=model.objects.filter(recipients=user).values("pk"))
    return condition


def visible_to(queryset: QuerySet, user) -> QuerySet:
    return queryset.filter(visible_filter(user, queryset.model))


def can_change_label(user, item, new_tlp: str | None = None) -> bool:
    """May `user` change `item`'s label (to `new_tlp`; None: to anything at all)?

    Only the author, the Secretariat and the space's moderators, and only if they may open it: a label
    decides who reads the item, so someone outside it must not be able to hide it from the members.
    Lowering widens the audience beyond what the author chose, so a moderator may only raise."""
    if role_of(user) == VISITOR or not can_view(user, item):
        return False
    if new_tlp is not None and new_tlp not in TLP_RANK:
        return False
    if item.author_id == user.pk or is_secretariat(user):
        return True
    if not is_moderator(user, item.space):
        return False
    return new_tlp is None or TLP_RANK[new_tlp] >= TLP_RANK[item.tlp]
