"""How allauth hands over to Cyberportal: a confirmed e-mail starts the vetting (see services)."""

from allauth.account.adapter import DefaultAccountAdapter


class PortalAccountAdapter(DefaultAccountAdapter):
    def confirm_email(self, request, email_address):
        super().confirm_email(request, email_address)
        from .services import registration_email_verified

        registration_email_verified(user=email_address.user, request=request)
