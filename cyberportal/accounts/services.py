"""Writes with rules for accounts: creating users, giving them a role and the matching admin group;
registration and vetting, deactivation, invitations and signing out everywhere.

Who may vet whom is decided in core.policy (`can_vet`, `grantable_roles`): the Secretariat vets
anyone; a focal point vets the applicants of their own state and may only make them experts. Applicants
from an organisation (or from a state without an active focal point) are vetted by the Secretariat. Every decision is e-mailed to the applicant and recorded in
the audit trail.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core import moderation, policy
from cyberportal.core.role_permissions import permissions_for
from cyberportal.core.roles import Role

from .models import Invitation, User, VettingStatus

INVITATION_DAYS = 14

GROUP_NAMES = {
    Role.SECRETARIAT: "Secretariat",
    Role.FOCAL_POINT: "Focal points",
    Role.EXPERT: "Experts",
}
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def moderation_workflow_ensure():
    """The one moderation workflow (core.moderation), reviewed by the Secretariat's group, assigned to
    every moderated model: laws, authorities, contacts, treaty-status proposals."""
    return moderation.workflow_ensure(reviewers=role_group(Role.SECRETARIAT))


def role_group(role: str) -> Group:
    """The admin group of a role, its permissions brought in step with the installed apps on every call
    (so an instance that gains a capability gives its groups the new permissions on the next vetting)."""
    group, _created = Group.objects.get_or_create(name=GROUP_NAMES[Role(role)])
    # Each app declares what its roles may do in its own AppConfig (see core.role_permissions).
    permissions = permissions_for(role)
    if role == Role.SECRETARIAT:
        # Wagtail's page tree holds every app's pages; its permissions are granted per page, not per app.
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
    user.vetting_status = VettingStatus.APPROVED
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
    if email:
        # An account made by the Secretariat or a command has a vouched address: allauth may sign it in.
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    if role:
        user_set_role(user=user, role=role)
    return user


# --- e-mail ------------------------------------------------------------------------------------------


def absolute_url(path: str, request=None) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _language_of(user) -> str:
    return getattr(user, "preferred_language", "") or translation.get_language() or settings.LANGUAGE_CODE


def send_templated_mail(*, to: str, template: str, context: dict, language: str) -> None:
    """Render `accounts/email/<template>_subject.txt` and `_body.txt` in `language` and send them."""
    with translation.override(language):
        context = {"site_name": settings.SITE_NAME, **context}
        subject = render_to_string(f"{template}_subject.txt", context).strip().replace("\n", " ")
        body = render_to_string(f"{template}_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def sign_in_delayed_notify(*, user, failures: int, request=None) -> None:
    """Tell the holder that sign-in to their account is being slowed down after repeated failures."""
    if not user.email:
        return
    language = _language_of(user)
    with translation.override(language):  # the links in the holder's language too
        links = {
            "password_reset_url": absolute_url(reverse("account_reset_password"), request),
            "mfa_url": absolute_url(reverse("mfa_index"), request),
        }
    send_templated_mail(
        to=user.email,
        template="accounts/email/sign_in_delayed",
        context={
            "user": user,
            "failures": failures,
            "address": request.META.get("REMOTE_ADDR", "") if request is not None else "",
            **links,
        },
        language=language,
    )


# --- vetting -----------------------------------------------------------------------------------------


def vetters_for(applicant) -> list[User]:
    """Who receives the request: the state's active focal points, else the Secretariat."""
    if applicant.state_id:
        focal_points = list(
            User.objects.filter(role=Role.FOCAL_POINT, state_id=applicant.state_id, is_active=True)
        )
        if focal_points:
            return focal_points
    return list(User.objects.filter(role=Role.SECRETARIAT, is_active=True))


@transaction.atomic
def registration_submit(
    *,
    user: User,
    first_name: str,
    last_name: str,
    state=None,
    organisation=None,
    institution: str,
    position: str,
    invitation_token: str = "",
) -> User:
    """Store who the applicant is; vetting starts once the official e-mail is confirmed."""
    if bool(state) == bool(organisation):
        raise ValidationError({"state": _("Choose either your state or your organisation (one of the two).")})
    user.first_name, user.last_name = first_name, last_name
    user.state, user.organisation = state, organisation
    user.institution, user.position = institution, position
    user.role = ""
    user.vetting_status = VettingStatus.UNVERIFIED
    user.full_clean(exclude=["password"])
    user.save()
    invitation = invitation_valid(invitation_token) if invitation_token else None
    if invitation is not None and invitation.email.lower() == user.email.lower():
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_by"])
    audit_record(actor=user, action=AuditAction.CREATE, obj=user, changes={"registration": "submitted"})
    return user


@transaction.atomic
def registration_email_verified(*, user: User, request=None) -> User:
    """The official e-mail is confirmed: approve an invited user, or send the request to the vetters."""
    if user.vetting_status != VettingStatus.UNVERIFIED:
        return user
    invitation = Invitation.objects.filter(accepted_by=user).select_related("invited_by").first()
    if invitation is not None:
        user_set_role(
            user=user, role=invitation.role, state=invitation.state, organisation=invitation.organisation
        )
        user.vetted_by, user.vetted_at = invitation.invited_by, timezone.now()
        user.save(update_fields=["vetted_by", "vetted_at"])
        audit_record(
            actor=user,
            action=AuditAction.PERMISSION,
            obj=user,
            request=request,
            changes={"role": ["", invitation.role], "invited_by": invitation.invited_by.get_username()},
        )
        return user
    user.vetting_status = VettingStatus.PENDING
    user.save(update_fields=["vetting_status"])
    link = absolute_url(reverse("accounts:vetting_detail", args=[user.pk]), request)
    for vetter in vetters_for(user):
        send_templated_mail(
            to=vetter.email,
            template="accounts/email/vetting_request",
            context={"applicant": user, "vetter": vetter, "link": link},
            language=_language_of(vetter),
        )
    return user


def _check_vetting(vetter, applicant) -> None:
    if not policy.can_vet(vetter, applicant):
        raise PermissionDenied(_("You may not vet this applicant."))
    if applicant.vetting_status != VettingStatus.PENDING:
        raise ValidationError(_("This request has already been decided or its e-mail is not confirmed."))


@transaction.atomic
def registration_approve(*, vetter: User, applicant: User, role: str, request=None) -> User:
    _check_vetting(vetter, applicant)
    if role not in policy.grantable_roles(vetter):
        raise ValidationError({"role": _("You may not give the role “%(role)s”.") % {"role": role}})
    user_set_role(user=applicant, role=role)
    applicant.vetted_by, applicant.vetted_at = vetter, timezone.now()
    applicant.save(update_fields=["vetted_by", "vetted_at"])
    audit_record(
        actor=vetter,
        action=AuditAction.PERMISSION,
        obj=applicant,
        request=request,
        changes={"role": ["", role], "vetting_status": [VettingStatus.PENDING, VettingStatus.APPROVED]},
    )
    send_templated_mail(
        to=applicant.email,
        template="accounts/email/vetting_approved",
        context={
            "applicant": applicant,
            "role": applicant.get_role_display,
            "link": absolute_url(reverse("account_login"), request),
        },
        language=_language_of(applicant),
    )
    return applicant


@transaction.atomic
def registration_reject(*, vetter: User, applicant: User, reason: str, request=None) -> User:
    _check_vetting(vetter, applicant)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the applicant a reason.")})
    applicant.vetting_status = VettingStatus.REJECTED
    applicant.rejection_reason = reason
    applicant.vetted_by, applicant.vetted_at = vetter, timezone.now()
    applicant.save(update_fields=["vetting_status", "rejection_reason", "vetted_by", "vetted_at"])
    audit_record(
        actor=vetter,
        action=AuditAction.PERMISSION,
        obj=applicant,
        request=request,
        changes={"vetting_status": [VettingStatus.PENDING, VettingStatus.REJECTED], "reason": reason},
    )
    send_templated_mail(
        to=applicant.email,
        template="accounts/email/vetting_rejected",
        context={"applicant": applicant, "reason": reason},
        language=_language_of(applicant),
    )
    return applicant


# --- people leaving, role changes, sessions ----------------------------------------------------------


@transaction.atomic
def user_deactivate(*, actor: User, user: User, request=None) -> User:
    """Someone left: they can no longer sign in; what they wrote stays, under their name."""
    if not policy.can_deactivate(actor, user):
        raise PermissionDenied(_("You may not deactivate this account."))
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account; ask the Secretariat."))
    user.is_active = False
    user.deactivated_at = timezone.now()
    user.session_version += 1
    user.save(update_fields=["is_active", "deactivated_at", "session_version"])
    audit_record(
        actor=actor,
        action=AuditAction.PERMISSION,
        obj=user,
        request=request,
        changes={"is_active": [True, False]},
    )
    return user


@transaction.atomic
def user_change_role(*, actor: User, user: User, role: str, request=None) -> User:
    if not policy.can_change_roles(actor):
        raise PermissionDenied(_("Only the Secretariat changes roles."))
    old = user.role
    user_set_role(user=user, role=role)
    audit_record(
        actor=actor, action=AuditAction.PERMISSION, obj=user, request=request, changes={"role": [old, role]}
    )
    return user


@transaction.atomic
def sessions_revoke_all(*, user: User, request=None) -> User:
    """Sign out everywhere: every session of this user, including this one, stops being valid."""
    user.session_version += 1
    user.save(update_fields=["session_version"])
    audit_record(
        actor=user, action=AuditAction.SIGN_OUT, obj=user, request=request, changes={"everywhere": True}
    )
    return user


@transaction.atomic
def profile_update(*, user: User, data: dict, request=None) -> User:
    # From the database: a ModelForm has already copied the new values onto `user`.
    stored = User.objects.get(pk=user.pk)
    before = {key: getattr(stored, key) for key in data}
    for key, value in data.items():
        setattr(user, key, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(data))
    from cyberportal.audit.services import field_changes

    changes = field_changes(before, data)
    if changes:
        audit_record(actor=user, action=AuditAction.CHANGE, obj=user, request=request, changes=changes)
    return user


# --- invitations -------------------------------------------------------------------------------------


def invitation_valid(token: str) -> Invitation | None:
    return (
        Invitation.objects.filter(token=token, accepted_by__isnull=True, expires_at__gt=timezone.now())
        .select_related("invited_by")
        .first()
    )


@transaction.atomic
def invitation_create(
    *, inviter: User, email: str, role: str, state=None, organisation=None, request=None
) -> Invitation:
    """The Secretariat invites anyone; a focal point invites experts of their own state."""
    if role not in policy.grantable_roles(inviter):
        raise PermissionDenied(_("You may not invite someone with this role."))
    if not policy.can_invite(inviter, role, state):
        raise PermissionDenied(_("A focal point invites only officials of their own state."))
    invitation = Invitation(
        email=email,
        role=role,
        state=state,
        organisation=organisation,
        invited_by=inviter,
        token=secrets.token_urlsafe(32),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=inviter, action=AuditAction.CREATE, obj=invitation, request=request, changes={"role": role}
    )
    link = absolute_url(reverse("accounts:invitation_accept", args=[invitation.token]), request)
    send_templated_mail(
        to=email,
        template="accounts/email/invitation",
        context={"invitation": invitation, "inviter": inviter, "link": link, "days": INVITATION_DAYS},
        language=_language_of(inviter),
    )
    return invitation


def user_language_remember(*, user, language: str) -> None:
    """Keep the language a user signs in with as their preferred one when they have none yet: the
    admin (whose addresses carry no language) and the e-mails sent to them then speak it too."""
    if getattr(user, "preferred_language", "") or language not in dict(settings.LANGUAGES):
        return
    user.preferred_language = language
    # An update, not a save: a sign-in changes no content, so the public pages' data version (bumped
    # by saves) stays as it is, as for the last_login Django writes at the same moment.
    type(user)._default_manager.filter(pk=user.pk, preferred_language="").update(preferred_language=language)
