"""Reads for accounts that depend on who asks: the vetting queue and the people a vetter manages."""

from django.db.models import Q

from cyberportal.core.policy import role_of
from cyberportal.core.roles import Role

from .models import User, VettingStatus


def managed_users(viewer):
    """The accounts a viewer manages: all for the Secretariat, their own state's for a focal point."""
    role = role_of(viewer)
    qs = User.objects.select_related("state", "organisation", "vetted_by")
    if role == Role.SECRETARIAT:
        return qs
    if role == Role.FOCAL_POINT:
        return qs.filter(state_id=viewer.state_id)
    return qs.none()


def vetting_queue(viewer):
    """Pending requests the viewer may decide. The Secretariat also sees those no focal point covers."""
    qs = managed_users(viewer).filter(vetting_status=VettingStatus.PENDING)
    if role_of(viewer) == Role.SECRETARIAT:
        return qs.order_by("date_joined")
    return qs.filter(~Q(role=Role.SECRETARIAT)).order_by("date_joined")
