"""Focal points and the Secretariat must have a second factor, and have used it, before anything else.

Privileged accounts hold restricted contacts, draft laws, reports, the audit trail and AMBER threads:
reading them with a password alone is as bad as changing them, so every request of a privileged
account is held (any method, portal and admin alike), not only writes. The pages that enrol a second
factor, confirm it, show the account's own profile and sign out stay open, or nobody could comply.
Because the rule is checked on every request against the current role, a role change, an invitation
with a privileged role or `createsuperuser` lead to enrolment at the next request. Experts are not held:
MFA is optional for them.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from cyberportal.core.policy import PRIVILEGED_ROLES as PRIVILEGED  # noqa: F401 - the bench names it
from cyberportal.core.policy import must_use_second_factor

# allauth's own pages (sign-in, e-mail, password, MFA enrolment and confirmation) and sign-out.
EXEMPT_URL_NAME_PREFIXES = ("account_", "mfa_")
EXEMPT_VIEW_NAMES = {
    "accounts:logout",
    "accounts:login",
    "accounts:sign_out_everywhere",  # leaving is always allowed
    "accounts:profile",  # the account's own profile, which links to the MFA pages
    "accounts:admin_sign_in",  # sends on to the sign-in, or says "no"
}


def has_second_factor(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.RECOVERY_CODES).exists()


def session_used_second_factor(request) -> bool:
    from allauth.account.authentication import get_authentication_records

    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def _exempt(request) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return (match.url_name or "").startswith(EXEMPT_URL_NAME_PREFIXES) or match.view_name in EXEMPT_VIEW_NAMES


class PrivilegedMfaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The cheap checks first; resolving the path (for the exempt pages) only when about to refuse.
        if settings.CYBERPORTAL_MFA_ENFORCED and must_use_second_factor(request.user):
            user = request.user
            if not has_second_factor(user) and not _exempt(request):
                messages.warning(
                    request,
                    _(
                        "Your role needs two-factor authentication before you use the portal. "
                        "Set up an authenticator app or a security key first."
                    ),
                )
                return redirect(reverse("mfa_index"))
            if not session_used_second_factor(request) and not _exempt(request):
                logout(request)
                messages.warning(request, _("Sign in again with your second factor to continue."))
                return redirect(f"{reverse('account_login')}?next={request.get_full_path()}")
        return self.get_response(request)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's policy everywhere, relaxed for scripts only inside the Wagtail admin.

    Wagtail's admin still writes a few inline scripts (date choosers, inline panels), which a strict
    policy would break for editors. Portal pages keep `script-src 'self'`; the admin stays same-origin.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith("/admin/") and parts.replace is None:
            parts.replace = {"script-src": [SELF, UNSAFE_INLINE]}
        return parts
