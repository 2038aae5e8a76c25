"""The Secretariat's read-only view of the audit trail, with filters, and its signed checkpoints."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cyberportal.core.access import signed_in
from cyberportal.core.policy import can_view_audit

from .checkpoints import recent_checkpoints, targets
from .forms import AuditFilterForm
from .models import AuditAction, AuditHead
from .selectors import audit_entries, audit_object_types
from .services import audit_checkpoint

log = logging.getLogger(__name__)


@signed_in
def audit_list(request):
    if not can_view_audit(request.user):
        raise PermissionDenied
    params = request.GET
    form = AuditFilterForm(params)
    filters = form.filters()
    page = Paginator(audit_entries(**filters), 50).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/audit_list.html",
        {
            "page": page,
            "filters": filters,
            "errors": form.ignored(),
            "actions": AuditAction.choices,
            "object_types": audit_object_types(),
            "query": query.urlencode(),
        },
    )


@signed_in
def audit_checkpoints(request):
    """The newest signed checkpoints, to print and keep apart from the servers; POST writes one now."""
    if not can_view_audit(request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            written = audit_checkpoint()
        except OSError:
            log.exception("The audit checkpoint could not be written.")
            messages.error(request, _("The checkpoint could not be written: see the server's error log."))
        else:
            if written is None:
                messages.error(request, _("The audit log is empty: there is nothing to anchor yet."))
            else:
                messages.success(request, _("Checkpoint written."))
        return redirect("audit:checkpoints")
    return render(
        request,
        "audit/checkpoints.html",
        {
            "checkpoints": recent_checkpoints(),
            "head": AuditHead.objects.filter(pk=1).first(),
            "targets": targets(),
            "checkpoint_file": settings.AUDIT_CHECKPOINT_FILE,
            "every": settings.AUDIT_CHECKPOINT_EVERY,
        },
    )
