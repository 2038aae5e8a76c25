"""Every view says who may open it: `public` or `signed_in`. A test walks all URLs to enforce this.

Which *records* a user then sees inside a view is the policy module's business (core.policy).
"""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin

PUBLIC = "public"
SIGNED_IN = "signed_in"


def public(view_func):
    """Mark a function view as open to anonymous visitors."""
    view_func.access = PUBLIC
    return view_func


def signed_in(view_func):
    """Require a signed-in user (anonymous visitors go to the sign-in page)."""
    wrapped = login_required(view_func)
    wrapped.access = SIGNED_IN
    return wrapped


class PublicMixin:
    """For class-based views open to anonymous visitors."""

    access = PUBLIC


class SignedInMixin(LoginRequiredMixin):
    """For class-based views that need a signed-in user."""

    access = SIGNED_IN


def access_of(callback) -> str | None:
    """The declared access of a URL pattern's callback, or None when it declares nothing."""
    view_class = getattr(callback, "view_class", None)
    return getattr(callback, "access", None) or getattr(view_class, "access", None)
