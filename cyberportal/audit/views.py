"""The Secretariat's read-only view of the audit trail, with filters."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from cyberportal.core.access import signed_in
from cyberportal.core.policy import is_secretariat

from .forms import AuditFilterForm
from .models import AuditAction
from .selectors import audit_entries, audit_object_types


@signed_in
def audit_list(request):
    if not is_secretariat(request.user):
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
