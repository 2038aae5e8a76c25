"""Sign-ins, failed sign-ins and sign-outs happen inside Django's auth; these receivers log them.

They only record (no rule lives here): the audit trail must see every sign-in, whichever view did it.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditAction
from .services import audit_record


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def _signed_in(sender, request, user, **kwargs):
    audit_record(actor=user, action=AuditAction.SIGN_IN, obj=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=AuditAction.SIGN_OUT, obj=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Never the password: only the name that was typed.
    typed = str(credentials.get("username") or credentials.get("email") or "")[:150]
    audit_record(actor=None, action=AuditAction.SIGN_IN_FAILED, changes={"username": typed}, request=request)
