"""Reads for accounts that depend on who asks: the vetting queue and the people a vetter manages."""

from django.db.models import Q

from cyberportal.core import policy
from cyberportal.core.roles import Role

from .models import User, VettingStatus


def managed_users(viewer):
    """The accounts a viewer manages: all for the Secretariat, their own state's for a focal point."""
    qs = User.objects.select_related("state", "organisation", "vetted_by")
    if not policy.can_manage_people(viewer):
        return qs.none()
    if policy.edits_every_state(viewer):
        return qs
    return qs.filter(state_id=policy.state_id_of(viewer))


def vetting_queue(viewer):
    """Pending requests the viewer may decide. The Secretariat also sees those no focal point covers."""
    qs = managed_users(viewer).filter(vetting_status=VettingStatus.PENDING)
    if policy.edits_every_state(viewer):
        return qs.order_by("date_joined")
    return qs.filter(~Q(role=Role.SECRETARIAT)).order_by("date_joined")


def home_tasks(user) -> list:
    """The vetting queue on a vetter's home (core.dashboard): one query."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from cyberportal.core.dashboard import HomeTask

    if not policy.can_manage_people(user):
        return []
    count = vetting_queue(user).count()
    return [HomeTask(_("Registrations to vet"), count, reverse("accounts:vetting_list"), urgent=bool(count))]
