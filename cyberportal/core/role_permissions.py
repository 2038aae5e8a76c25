"""Which Django permissions each role's admin group holds, as every app declares them in its AppConfig.

An app lists them in `role_permissions`, a mapping from a role to permission names written as Django
writes them ("laws.add_law"), or "<app_label>.*" for all of an app's permissions:

    class LawsConfig(AppConfig):
        role_permissions = {Role.SECRETARIAT: ["laws.*"], Role.FOCAL_POINT: ["laws.add_law", ...]}

accounts builds the groups from `declared_for(role)`, so a new capability grants its permissions in its
own apps.py and accounts names no other app. (What a permission lets a user reach is still narrowed by
`core.policy`, e.g. a focal point's laws to their own state.)
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Permission
from django.db.models import Q


def declared_for(role: str) -> list[str]:
    """Every permission name the installed apps declare for `role`, in app order."""
    names: list[str] = []
    for config in apps.get_app_configs():
        names += getattr(config, "role_permissions", {}).get(role, [])
    return names


def permissions_for(role: str) -> list[Permission]:
    """The Permission rows of `declared_for(role)`; names of permissions not (yet) created are skipped."""
    condition = Q(pk__in=[])
    for name in declared_for(role):
        app_label, _dot, codename = name.partition(".")
        if codename == "*":
            condition |= Q(content_type__app_label=app_label)
        else:
            condition |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(condition))
