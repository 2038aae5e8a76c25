"""A link to the audit log in the Wagtail admin menu, shown to the Secretariat only."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cyberportal.core.admin_menu import SiteMenuItem
from cyberportal.core.policy import can_view_audit

from .models import AuditAction
from .services import audit_record


@hooks.register("register_admin_menu_item")
def audit_menu_item():
    return SiteMenuItem(
        _("Audit log"), "audit:list", shown_to=can_view_audit, icon_name="history", order=10000
    )


# Every create, change and delete made in the admin on a record that can be restricted or moderated
# (it has a visibility or a draft state) goes to the audit trail: the admin's forms save directly,
# without passing through the apps' services, so Wagtail's own hooks are where the admin's writes meet.
def _audited(instance) -> bool:
    fields = {f.name for f in instance._meta.get_fields()}
    return bool(fields & {"visibility", "live"})


def _changed_fields(request) -> list[str]:
    return sorted(k for k in request.POST if not k.startswith(("csrf", "action-", "_")) and "-" not in k)


@hooks.register("after_create_snippet")
def audit_snippet_created(request, instance):
    if _audited(instance):
        audit_record(
            actor=request.user,
            action=AuditAction.CREATE,
            obj=instance,
            changes={"fields": _changed_fields(request)},
            request=request,
        )


@hooks.register("after_edit_snippet")
def audit_snippet_changed(request, instance):
    if _audited(instance):
        action = AuditAction.PUBLISH if "action-publish" in request.POST else AuditAction.CHANGE
        audit_record(
            actor=request.user,
            action=action,
            obj=instance,
            changes={"fields": _changed_fields(request)},
            request=request,
        )


@hooks.register("before_delete_snippet")
def remember_snippets_to_delete(request, instances):
    # After the deletion the instances have lost their primary keys; keep them for the record.
    request.audit_deleting = {id(instance): instance.pk for instance in instances}


@hooks.register("after_delete_snippet")
def audit_snippets_deleted(request, instances):
    deleting = getattr(request, "audit_deleting", {})
    for instance in instances:
        if _audited(instance):
            instance.pk = deleting.get(id(instance))  # the id it had, so the entry names the record
            audit_record(actor=request.user, action=AuditAction.DELETE, obj=instance, request=request)
