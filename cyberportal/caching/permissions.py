"""The authentication backends (Django's and allauth's), with each user's permission names kept in the
cache and the admin profile loaded with the user.

Why: every signed-in page asks for the user's permissions (Wagtail's menu, its admin access check, the
portal's policy), and Django looks them up with two joins on every request. For one user they change
only when a group, a permission or a membership does.

Correctness: as for the admin fragments (caching.admin_fragments), the key holds the data version,
bumped after every committed write to any model (group memberships included, through m2m_changed),
so a granted or withdrawn permission applies to the next request in every worker; entries also
expire after ADMIN_FRAGMENT_SECONDS, and 0 turns the cache off. Whether the user is active, a
superuser or anonymous is still read from the user row itself on each request.

The user is loaded with Wagtail's user profile in one query: the admin reads the profile (language, time
zone) on every request, which was a second query.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from .admin_fragments import data_version_for, fragment_seconds


class CachedPermissionsMixin:
    def get_user(self, user_id):
        user = (
            get_user_model()._default_manager.select_related("wagtail_userprofile").filter(pk=user_id).first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        return self._kept(user_obj, obj, "user", super().get_user_permissions)

    def get_group_permissions(self, user_obj, obj=None):
        return self._kept(user_obj, obj, "group", super().get_group_permissions)

    def _kept(self, user_obj, obj, source: str, look_up) -> set[str]:
        # ModelBackend keeps the answer on the user object for the rest of the request under this name.
        per_request = f"_{source}_perm_cache"
        if (
            obj is not None
            or not user_obj.is_active
            or user_obj.is_anonymous
            or hasattr(user_obj, per_request)
            or not fragment_seconds()
        ):
            return look_up(user_obj, obj)
        version = data_version_for(user_obj)
        if version is None:
            return look_up(user_obj, obj)
        key = f"permissions:{version}:{user_obj.pk}:{int(user_obj.is_superuser)}:{source}"
        permissions = cache.get(key)
        if permissions is None:
            permissions = look_up(user_obj, obj)
            cache.set(key, permissions, fragment_seconds())
        else:
            setattr(user_obj, per_request, permissions)
        return permissions


class CachedPermissionsBackend(CachedPermissionsMixin, ModelBackend):
    """Django's ModelBackend (passwords by username; force_login in tests)."""


class CachedAllauthBackend(CachedPermissionsMixin, AuthenticationBackend):
    """allauth's backend (sign-in by username or e-mail), which every session signed in on the site uses."""
