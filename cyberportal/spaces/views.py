"""Pages of the expert spaces. Who may open what is asked of policy.py; every write goes to services.py.

An item the user may not open answers 404 to a signed-in user; a visitor is sent to sign in whether the
item exists or not, so neither answer confirms that a restricted item exists.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core.access import public, signed_in
from cyberportal.core.collation import person_key
from cyberportal.core.policy import can_administer_spaces, can_use_spaces

from . import policy, selectors, services
from .forms import (
    DocumentForm,
    FrequencyForm,
    LabelForm,
    MemberForm,
    MemberRoleForm,
    ReplyForm,
    ThreadForm,
    VersionForm,
)
from .models import (
    TLP,
    Attachment,
    Document,
    DocumentVersion,
    Frequency,
    MemberRole,
    Notification,
    NotificationSetting,
    Space,
    Thread,
)


def _open_or_refuse(request, item):
    if policy.can_view(request.user, item):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


def _refuse_missing(request):
    # A missing id is refused exactly like an existing restricted one, so visitors cannot probe ids.
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


def _item_or_refuse(request, queryset, pk):
    """(item, None) when the user may open it, else (item or None, the refusal)."""
    item = queryset.filter(pk=pk).first()
    if item is None:
        return None, _refuse_missing(request)
    return item, _open_or_refuse(request, item)


def _vetted_or_403(user):
    if not can_use_spaces(user):
        raise PermissionDenied(_("Your account is waiting for vetting."))


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _submit(request, form, action, success_message):
    """Run `action(cleaned_data)` for a posted, valid form and return its result.

    A domain refusal (ValidationError from the service) goes back onto the form, which keeps what the
    user typed; the caller then shows the form again (None is returned).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        _add_errors(form, error)
        return None
    messages.success(request, success_message)
    return result


@signed_in
def space_list(request):
    _vetted_or_403(request.user)
    return render(request, "spaces/space_list.html", {"spaces": selectors.spaces_for(request.user)})


@signed_in
def space_detail(request, slug):
    _vetted_or_403(request.user)
    space = get_object_or_404(Space, slug=slug)
    services.space_mark_seen(user=request.user, space=space)
    return render(
        request,
        "spaces/space_detail.html",
        {
            "space": space,
            "is_member": policy.is_member(request.user, space),
            "threads": selectors.threads_for(request.user, space),
            "documents": selectors.documents_for(request.user, space),
            "member_form": MemberForm() if can_administer_spaces(request.user) else None,
            "member_roles": MemberRole,
            "members": sorted(
                space.memberships.select_related("user__state", "user__organisation"),
                key=lambda m: person_key(m.user),
            ),
        },
    )


@signed_in
@require_POST
def space_join(request, slug):
    space = get_object_or_404(Space, slug=slug)
    try:
        services.membership_add(actor=request.user, space=space, user=request.user, request=request)
        messages.success(request, _("You are now a member of %(space)s.") % {"space": space})
    except (PermissionDenied, ValidationError) as error:
        messages.error(
            request, str(error.args[0]) if isinstance(error, PermissionDenied) else " ".join(error.messages)
        )
    return redirect("spaces:detail", slug=slug)


@signed_in
@require_POST
def space_leave(request, slug):
    space = get_object_or_404(Space, slug=slug)
    services.membership_remove(actor=request.user, space=space, user=request.user, request=request)
    messages.success(request, _("You left %(space)s.") % {"space": space})
    return redirect("spaces:list")


@signed_in
@require_POST
def space_member_add(request, slug):
    space = get_object_or_404(Space, slug=slug)
    if not can_administer_spaces(request.user):
        raise PermissionDenied
    form = MemberForm(request.POST)
    user = None
    if form.is_valid():
        user = get_user_model().objects.filter(username=form.cleaned_data["username"], is_active=True).first()
    if user is None:
        messages.error(
            request,
            _("No active user has the user name “%(name)s”.") % {"name": request.POST.get("username", "")},
        )
        return redirect("spaces:detail", slug=slug)
    try:
        services.membership_add(actor=request.user, space=space, user=user, request=request)
        messages.success(request, _("%(user)s added.") % {"user": user})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("spaces:detail", slug=slug)


@signed_in
@require_POST
def space_member_role(request, slug):
    """The Secretariat makes a member a moderator, or a plain member again."""
    space = get_object_or_404(Space, slug=slug)
    if not can_administer_spaces(request.user):
        raise PermissionDenied
    form = MemberRoleForm(request.POST)
    member = None
    if form.is_valid():
        member = (
            space.memberships.filter(user__username=form.cleaned_data["username"])
            .select_related("user")
            .first()
        )
    if member is None:
        messages.error(request, _("Choose a member of this space and a role."))
        return redirect("spaces:detail", slug=slug)
    services.membership_set_role(
        actor=request.user, space=space, user=member.user, role=form.cleaned_data["role"], request=request
    )
    if form.cleaned_data["role"] == MemberRole.MODERATOR:
        message = _("%(user)s is now a moderator of this space.")
    else:
        message = _("%(user)s is no longer a moderator of this space.")
    messages.success(request, message % {"user": member.user})
    return redirect("spaces:detail", slug=slug)


@signed_in
def thread_new(request, slug):
    space = get_object_or_404(Space, slug=slug)
    if not policy.can_post(request.user, space):
        raise PermissionDenied(_("Only members of this space can post in it."))
    form = ThreadForm(request.POST or None, request.FILES or None)
    thread = _submit(
        request,
        form,
        lambda data: services.thread_create(author=request.user, space=space, request=request, **data),
        _("Thread posted."),
    )
    if thread:
        return redirect("spaces:thread", pk=thread.pk)
    return render(request, "spaces/thread_form.html", {"space": space, "form": form})


@public
def thread_detail(request, pk):
    thread, refused = _item_or_refuse(request, Thread.objects.select_related("space", "author"), pk)
    if refused:
        return refused
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not policy.can_post(request.user, thread.space):
        raise PermissionDenied
    reply = _submit(
        request,
        form,
        lambda data: services.reply_create(author=request.user, thread=thread, request=request, **data),
        _("Reply posted."),
    )
    if reply:
        return redirect("spaces:thread", pk=thread.pk)
    return render(
        request,
        "spaces/thread_detail.html",
        {
            "thread": thread,
            "replies": thread.replies.select_related("author").prefetch_related("attachments"),
            "attachments": thread.attachments.filter(reply__isnull=True),
            "form": form if policy.can_post(request.user, thread.space) else None,
            "label_form": LabelForm(initial={"tlp": thread.tlp})
            if policy.can_change_label(request.user, thread)
            else None,
        },
    )


def _relabel(request, item, redirect_name):
    form = LabelForm(request.POST)
    if form.is_valid():
        try:
            services.item_set_label(
                user=request.user, item=item, tlp=form.cleaned_data["tlp"], request=request
            )
            messages.success(request, _("Label changed to %(label)s.") % {"label": item.get_tlp_display()})
        except PermissionDenied as error:
            messages.error(request, str(error))
    return redirect(redirect_name, pk=item.pk)


@signed_in
@require_POST
def thread_label(request, pk):
    thread, refused = _item_or_refuse(request, Thread.objects.all(), pk)
    return refused or _relabel(request, thread, "spaces:thread")


@signed_in
def document_new(request, slug):
    space = get_object_or_404(Space, slug=slug)
    if not policy.can_post(request.user, space):
        raise PermissionDenied(_("Only members of this space can add documents to it."))
    form = DocumentForm(request.POST or None, request.FILES or None)
    document = _submit(
        request,
        form,
        lambda data: services.document_create(author=request.user, space=space, request=request, **data),
        _("Document added."),
    )
    if document:
        return redirect("spaces:document", pk=document.pk)
    return render(request, "spaces/document_form.html", {"space": space, "form": form})


@public
def document_detail(request, pk):
    document, refused = _item_or_refuse(request, Document.objects.select_related("space", "author"), pk)
    if refused:
        return refused
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not policy.can_post(request.user, document.space):
        raise PermissionDenied
    version = _submit(
        request,
        form,
        lambda data: services.document_add_version(
            author=request.user, document=document, request=request, **data
        ),
        _("New version added."),
    )
    if version:
        return redirect("spaces:document", pk=document.pk)
    return render(
        request,
        "spaces/document_detail.html",
        {
            "document": document,
            "versions": document.versions.select_related("uploaded_by"),
            "form": form if policy.can_post(request.user, document.space) else None,
            "label_form": LabelForm(initial={"tlp": document.tlp})
            if policy.can_change_label(request.user, document)
            else None,
        },
    )


@signed_in
@require_POST
def document_label(request, pk):
    document, refused = _item_or_refuse(request, Document.objects.all(), pk)
    return refused or _relabel(request, document, "spaces:document")


def _send_file(request, item, stored, name):
    refused = _open_or_refuse(request, item)
    if refused:
        return refused
    if item.tlp != TLP.CLEAR:
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            obj=item,
            request=request,
            changes={"download": name},
        )
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


@public
def attachment_download(request, pk):
    attachment = Attachment.objects.select_related("thread__space").filter(pk=pk).first()
    if attachment is None:
        return _refuse_missing(request)
    return _send_file(request, attachment.thread, attachment.file, attachment.original_name)


@public
def version_download(request, pk):
    version = DocumentVersion.objects.select_related("document__space").filter(pk=pk).first()
    if version is None:
        return _refuse_missing(request)
    return _send_file(request, version.document, version.file, version.original_name)


@signed_in
def search(request):
    _vetted_or_403(request.user)
    query = request.GET.get("q", "")
    threads, documents = selectors.spaces_search(request.user, query)
    return render(request, "spaces/search.html", {"query": query, "threads": threads, "documents": documents})


@signed_in
def notifications(request):
    setting = NotificationSetting.objects.filter(user=request.user).first()
    form = FrequencyForm(
        request.POST or None, initial={"frequency": setting.frequency if setting else Frequency.IMMEDIATE}
    )
    if request.method == "POST" and form.is_valid():
        services.notification_frequency_set(user=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Notification settings saved."))
        return redirect("spaces:notifications")
    notices = [
        n
        for n in Notification.objects.filter(user=request.user).select_related(
            "thread__space", "document__space"
        )[:50]
        if n.item is not None and policy.can_view(request.user, n.item)
    ]
    return render(request, "spaces/notifications.html", {"form": form, "notices": notices})
