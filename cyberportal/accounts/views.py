"""Profile, vetting, people and invitations pages. Every decision is taken in services.py."""

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cyberportal.core import policy
from cyberportal.core.access import public, signed_in
from cyberportal.core.collation import person_key
from cyberportal.states.models import State

from . import services
from .forms import ApproveForm, InvitationForm, ProfileForm, RejectForm, RoleForm
from .models import Invitation
from .selectors import managed_users, vetting_queue


def _require_vetter(user):
    if not policy.can_manage_people(user):
        raise PermissionDenied


def _form_errors_from(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@signed_in
def home(request):
    """The portal home after sign-in: each capability's section (core.dashboard.register_home_section) and
    the tasks the Wagtail dashboard shows. Experts land here; they do not use the admin."""
    from cyberportal.core.dashboard import home_sections, home_tasks

    tasks = sorted(home_tasks(request.user), key=lambda t: not (t.urgent and t.count))
    return render(request, "accounts/home.html", {"sections": home_sections(request.user), "tasks": tasks})


@signed_in
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=user, data=form.cleaned_data, request=request)
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    from allauth.mfa.models import Authenticator

    authenticators = Authenticator.objects.filter(user=user).values_list("type", flat=True)
    from cyberportal.core.profile import account_sections

    context = {
        "form": form,
        "sections": account_sections(user),
        "authenticators": set(authenticators),
        "second_factor_required": policy.must_use_second_factor(user),
    }
    return render(request, "accounts/profile.html", context)


@signed_in
@require_POST
def sign_out_everywhere(request):
    services.sessions_revoke_all(user=request.user, request=request)
    logout(request)
    messages.success(request, _("You are signed out on every device, this one included."))
    return redirect("account_login")


@signed_in
def vetting_list(request):
    _require_vetter(request.user)
    return render(request, "accounts/vetting_list.html", {"applicants": vetting_queue(request.user)})


@signed_in
def vetting_detail(request, pk):
    _require_vetter(request.user)
    applicant = get_object_or_404(managed_users(request.user), pk=pk)
    allowed = policy.grantable_roles(request.user)
    approve_form = ApproveForm(allowed_roles=allowed)
    reject_form = RejectForm()
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                approve_form = ApproveForm(request.POST, allowed_roles=allowed)
                if approve_form.is_valid():
                    services.registration_approve(
                        vetter=request.user,
                        applicant=applicant,
                        role=approve_form.cleaned_data["role"],
                        request=request,
                    )
                    messages.success(
                        request,
                        _("Approved: %(name)s has been told by e-mail.")
                        % {"name": applicant.get_full_name()},
                    )
                    return redirect("accounts:vetting_list")
            elif decision == "reject":
                reject_form = RejectForm(request.POST)
                if reject_form.is_valid():
                    services.registration_reject(
                        vetter=request.user,
                        applicant=applicant,
                        reason=reject_form.cleaned_data["reason"],
                        request=request,
                    )
                    messages.success(
                        request,
                        _("Rejected: %(name)s has been told by e-mail.")
                        % {"name": applicant.get_full_name()},
                    )
                    return redirect("accounts:vetting_list")
        except ValidationError as error:
            _form_errors_from(approve_form if decision == "approve" else reject_form, error)
    return render(
        request,
        "accounts/vetting_detail.html",
        {"applicant": applicant, "approve_form": approve_form, "reject_form": reject_form},
    )


@signed_in
def people_list(request):
    _require_vetter(request.user)
    people = sorted(
        managed_users(request.user).exclude(vetting_status__in=["unverified", "pending"]), key=person_key
    )
    return render(
        request,
        "accounts/people_list.html",
        {
            "people": people,
            "role_form": RoleForm(),
            "may_change_roles": policy.can_change_roles(request.user),
        },
    )


@signed_in
@require_POST
def person_deactivate(request, pk):
    _require_vetter(request.user)
    person = get_object_or_404(managed_users(request.user), pk=pk)
    try:
        services.user_deactivate(actor=request.user, user=person, request=request)
        messages.success(
            request,
            _("%(name)s can no longer sign in; what they wrote stays under their name.") % {"name": person},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:people")


@signed_in
@require_POST
def person_role(request, pk):
    _require_vetter(request.user)
    person = get_object_or_404(managed_users(request.user), pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect("accounts:people")
    try:
        services.user_change_role(
            actor=request.user, user=person, role=form.cleaned_data["role"], request=request
        )
        messages.success(request, _("Role changed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:people")


@signed_in
def invitations(request):
    _require_vetter(request.user)
    user = request.user
    own_state_only = not policy.edits_every_state(user)
    kwargs = {"allowed_roles": policy.grantable_roles(user)}
    if own_state_only:
        kwargs["states"] = State.objects.filter(pk=user.state_id)
    form = InvitationForm(
        request.POST or None, initial={"state": user.state_id} if own_state_only else None, **kwargs
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(inviter=user, request=request, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("accounts:invitations")
    sent = Invitation.objects.filter(invited_by=user).select_related("state", "organisation", "accepted_by")[
        :50
    ]
    return render(request, "accounts/invitations.html", {"form": form, "sent": sent})


@public
def invitation_accept(request, token):
    invitation = services.invitation_valid(token)
    if invitation is None:
        messages.error(
            request, _("This invitation link is not valid: it was already used or it has expired.")
        )
        return redirect("account_signup")
    request.session["invitation_token"] = token
    messages.info(
        request,
        _("Register with the address %(email)s to accept the invitation.") % {"email": invitation.email},
    )
    return redirect(f"{reverse('account_signup')}?email={invitation.email}")


@public
def admin_sign_in(request):
    """Where Wagtail sends whoever it will not let into the admin (its WAGTAILADMIN_LOGIN_URL).

    A visitor signs in first. A signed-in user reaches this page only when the admin refused them; sending
    them to the sign-in again would loop (the sign-in returns a signed-in user to `next`), so they get the
    portal's 403 page, in the language they chose in their profile.
    """
    if not request.user.is_authenticated:
        return admin_login_redirect(request)
    language = getattr(request.user, "preferred_language", "") or translation.get_language()
    with translation.override(language):
        message = _("Your account does not give access to the editors' administration.")
        return render(request, "403.html", {"exception": message}, status=403)


@public
def admin_login_redirect(request):
    """Wagtail's admin sign-in form would skip the second factor; allauth's sign-in does not."""
    from urllib.parse import quote

    from django.utils.http import url_has_allowed_host_and_scheme

    next_url = request.GET.get("next", "/admin/")
    # Django's check, not a prefix test: browsers read "/\evil.example" or "/<tab>/evil.example" as
    # another site. Only paths (no host at all) of this site go on.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts=None, require_https=request.is_secure()
    ):
        next_url = "/admin/"
    return redirect(f"{reverse('account_login')}?next={quote(next_url)}")
