"""How allauth hands over to Cyberportal: a confirmed e-mail starts the vetting (see services), and sign-in
failures are counted per account with growing delays (see throttle)."""

from allauth.account.adapter import DefaultAccountAdapter

from . import throttle


def _login_of(credentials) -> str:
    return credentials.get("email") or credentials.get("username") or ""


class PortalAccountAdapter(DefaultAccountAdapter):
    def confirm_email(self, request, email_address):
        super().confirm_email(request, email_address)
        from .services import registration_email_verified

        registration_email_verified(user=email_address.user, request=request)

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)  # allauth's limit per address
        login = _login_of(credentials)
        self._throttled_user = throttle.account_for(login)
        self._throttle_key = throttle.counter_key(request, login, self._throttled_user)
        if throttle.seconds_to_wait(self._throttle_key) > 0:
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request, **credentials):
        super().authentication_failed(request, **credentials)
        key = getattr(self, "_throttle_key", None) or throttle.counter_key(request, _login_of(credentials))
        failures = throttle.record_failure(key)
        user = getattr(self, "_throttled_user", None)
        if user is not None and failures >= throttle.FREE_FAILURES and throttle.first_notice_in_window(user):
            from .services import sign_in_delayed_notify

            sign_in_delayed_notify(user=user, failures=failures, request=request)

    def get_login_redirect_url(self, request):
        """Experts land on their portal home (their spaces' news, their saved searches); focal points and
        the Secretariat keep LOGIN_REDIRECT_URL. A `next` parameter still wins (allauth reads it first)."""
        from django.urls import reverse

        from cyberportal.core.policy import role_of
        from cyberportal.core.roles import Role

        if role_of(request.user) == Role.EXPERT:
            return reverse("accounts:home")
        return super().get_login_redirect_url(request)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        # This browser proved it is the holder's: its failures are counted apart from strangers' from now on.
        if throttle.device_of(request, user):
            throttle.forget(throttle.counter_key(request, "", user))
        throttle.remember_device(response, request, user)
        return response
