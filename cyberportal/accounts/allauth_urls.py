"""allauth's URLs, each marked public or signed-in (see core.access) so the URL walk test covers them.

Sign-in, sign-up, e-mail confirmation, password reset and the second-factor step of sign-in are
public; everything else (e-mail addresses, password change, MFA enrolment) needs a signed-in user.
"""

from allauth import urls as allauth_urls
from django.urls import URLPattern, URLResolver

from cyberportal.core.access import public, signed_in

PUBLIC_NAMES = {
    "account_login",
    "account_logout",
    "account_inactive",
    "account_signup",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_password_reset_code",
    "account_complete_password_reset",
    "account_password_reset_completed",
    "account_confirm_login_code",
    "account_request_login_code",
    "mfa_authenticate",
    "mfa_login_webauthn",
}


def _mark(patterns):
    marked = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            marked.append(URLResolver(pattern.pattern, _mark(pattern.url_patterns)))
        elif isinstance(pattern, URLPattern):
            wrap = public if pattern.name in PUBLIC_NAMES else signed_in
            marked.append(
                URLPattern(pattern.pattern, wrap(pattern.callback), pattern.default_args, pattern.name)
            )
    return marked


urlpatterns = _mark(allauth_urls.urlpatterns)
