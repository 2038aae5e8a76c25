"""The Secretariat's read-only view of the audit trail, with filters."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.dateparse import parse_date

from cyberportal.core.access import signed_in
from cyberportal.core.policy import can_view_audit

from .models import AuditAction
from .selectors import audit_entries, audit_object_types


@signed_in
def audit_list(request):
    if not can_view_audit(request.user):
        raise PermissionDenied
    params = request.GET
    filters = {
        "action": params.get("action", "") if params.get("action", "") in AuditAction.values else "",
        "actor": params.get("actor", "").strip(),
        "object_type": params.get("object_type", "").strip(),
        "date_from": parse_date(params.get("date_from", "") or "") if params.get("date_from") else None,
        "date_to": parse_date(params.get("date_to", "") or "") if params.get("date_to") else None,
    }
    page = Paginator(audit_entries(**filters), 50).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/audit_list.html",
        {
            "page": page,
            "filters": filters,
            "actions": AuditAction.choices,
            "object_types": audit_object_types(),
            "query": query.urlencode(),
        },
    )
