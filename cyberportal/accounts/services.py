"""Writes with rules for accounts: creating users, giving them a role and the matching admin group."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from cyberportal.core.roles import Role

from .models import User

# The apps whose records the Secretariat edits and publishes in the admin.
PORTAL_APP_LABELS = ["states", "home", "recommendations", "laws", "directory"]
GROUP_NAMES = {
    Role.SECRETARIAT: "Secretariat",
    Role.FOCAL_POINT: "Focal points",
    Role.EXPERT: "Experts",
}
# What focal points may do in the admin, always narrowed to their own state by each app's permission
# policy (e.g. laws.wagtail_hooks): draft laws and mappings, never publish.
FOCAL_POINT_PERMISSIONS = {
    "laws": [
        "add_law",
        "change_law",
        "lock_law",
        "unlock_law",
        "add_provisionmapping",
        "change_provisionmapping",
    ],
    "directory": [
        f"{action}_{model}" for action in ("add", "change", "delete") for model in ("authority", "contact", "finderrule")
    ],
}
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def role_group(role: str) -> Group:
    """The admin group of a role, created with its permissions the first time it is needed."""
    group, created = Group.objects.get_or_create(name=GROUP_NAMES[Role(role)])
    if not created:
        return group
    codenames = ["access_admin"] if role in {Role.SECRETARIAT, Role.FOCAL_POINT} else []
    permissions = list(
        Permission.objects.filter(content_type__app_label="wagtailadmin", codename__in=codenames)
    )
    if role == Role.FOCAL_POINT:
        for app_label, focal_codenames in FOCAL_POINT_PERMISSIONS.items():
            permissions += list(
                Permission.objects.filter(content_type__app_label=app_label, codename__in=focal_codenames)
            )
    if role == Role.SECRETARIAT:
        permissions += list(Permission.objects.filter(content_type__app_label__in=PORTAL_APP_LABELS))
        permissions += list(
            Permission.objects.filter(content_type__app_label__in=["wagtaildocs", "wagtailimages"])
        )
        root = Page.get_first_root_node()
        if root is not None:
            for codename in PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )
    group.permissions.set(permissions)
    return group


@transaction.atomic
def user_set_role(*, user: User, role: str, state=None, organisation=None) -> User:
    """Give a vetted user a role (and its admin group), after checking the affiliation rules."""
    user.role = Role(role)
    if state is not None:
        user.state = state
    if organisation is not None:
        user.organisation = organisation
    user.is_staff = False  # the Django admin is not for portal roles; Wagtail's admin is
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.remove(*Group.objects.filter(name__in=GROUP_NAMES.values()))
    user.groups.add(role_group(role))
    return user


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str,
    password: str | None,
    role: str = "",
    state=None,
    organisation=None,
    first_name: str = "",
    last_name: str = "",
    institution: str = "",
    position: str = "",
) -> User:
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        institution=institution,
        position=position,
        state=state,
        organisation=organisation,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    if role:
        user_set_role(user=user, role=role)
    return user
