"""One moderation flow for every change a focal point makes: Wagtail's workflow, the same for all records.

A focal point's change to a law, an authority, a contact or a treaty-status proposal is a draft
(Wagtail's DraftStateMixin: the published version stays what the public sees); "Submit to the
Secretariat" starts the one workflow below; the Secretariat approves (which publishes) or requests
changes with a comment, and the focal point edits and resubmits. Apps take part by giving the model
`WorkflowMixin, DraftStateMixin, RevisionMixin` and calling `register_moderated(Model)` at the top of
their wagtail_hooks.py; `workflow_ensure` then assigns the workflow to every registered model.

Wagtail's own pieces are used through their seams: its workflow and GroupApprovalTask (whose "Request
changes" takes a comment), its e-mail notifiers (connected under Wagtail's own dispatch ids, so each
notice is written in the recipient's language rather than the actor's), and the snippet action menu
hook (the submit button first, under a translated name, instead of under "More actions").
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin import mail as wagtail_mail
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import (
    DraftStateMixin,
    GroupApprovalTask,
    TaskState,
    Workflow,
    WorkflowContentType,
    WorkflowState,
    WorkflowTask,
)
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted
from wagtail.snippets.action_menu import SubmitForModerationMenuItem
from wagtail.users.models import UserProfile

WORKFLOW_NAME = "Secretariat review"
TASK_NAME = "Secretariat approval"
# Names of the workflow an earlier version created for laws alone; `workflow_ensure` renames it.
_FORMER_WORKFLOW_NAMES = ("Laws: Secretariat review",)

# Wagtail shows a workflow's and a task's name as stored; these are what readers see instead.
DISPLAY_NAMES = {WORKFLOW_NAME: _("Secretariat review"), TASK_NAME: _("Secretariat approval")}

_moderated: list[type] = []


def register_moderated(*models) -> None:
    """Put `models` (with WorkflowMixin and DraftStateMixin) under the one moderation workflow."""
    for model in models:
        if not issubclass(model, DraftStateMixin) or not hasattr(model, "get_workflow"):
            raise TypeError(f"{model.__name__} needs WorkflowMixin, DraftStateMixin and RevisionMixin.")
        if model not in _moderated:
            _moderated.append(model)


def moderated_models() -> list[type]:
    return list(_moderated)


def is_moderated(model_or_record) -> bool:
    model = model_or_record if isinstance(model_or_record, type) else type(model_or_record)
    return model in _moderated


@transaction.atomic
def workflow_ensure(*, reviewers) -> Workflow:
    """The one workflow (a GroupApprovalTask for the `reviewers` group), assigned to every moderated model."""
    workflow = (
        Workflow.objects.filter(name__in=(WORKFLOW_NAME, *_FORMER_WORKFLOW_NAMES)).order_by("pk").first()
    )
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    elif workflow.name != WORKFLOW_NAME or not workflow.active:
        workflow.name, workflow.active = WORKFLOW_NAME, True
        workflow.save(update_fields=["name", "active"])
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first() or GroupApprovalTask.objects.create(
        name=TASK_NAME
    )
    task.groups.set([reviewers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for model in _moderated:
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )
    return workflow


def display_name(name: str):
    """A workflow's or task's name as a reader sees it: ours translated, any other as stored."""
    return DISPLAY_NAMES.get(name, name)


# --- Reads for the dashboards ------------------------------------------------------------------------


def workflow_states(model, status: str):
    """The workflow states of `model`'s records with `status` (Wagtail keys them by the base content type)."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return WorkflowState.objects.filter(base_content_type=content_type, status=status)


def returned_comments(user) -> list[dict]:
    """Changes `user` submitted that came back with a comment: the record, its comment, who returned it.

    A constant number of queries: the returned workflow states with their last task state, then the
    records of each moderated model in one query each.
    """
    states = list(
        WorkflowState.objects.filter(requested_by=user, status=WorkflowState.STATUS_NEEDS_CHANGES)
        .select_related("current_task_state__finished_by", "base_content_type")
        .order_by("-created_at")
    )
    by_model: dict[type, list[WorkflowState]] = {}
    for state in states:
        model = state.base_content_type.model_class()
        by_model.setdefault(model, []).append(state)
    finder = AdminURLFinder(user)
    rows = []
    for model, model_states in by_model.items():
        records = model._default_manager.in_bulk([s.object_id for s in model_states])
        for state in model_states:
            record = records.get(model._meta.pk.to_python(state.object_id))
            task_state = state.current_task_state
            rows.append(
                {
                    "record": record,
                    "model_name": model._meta.verbose_name,
                    "comment": task_state.comment if task_state else "",
                    "returned_by": task_state.finished_by if task_state else None,
                    "returned_at": task_state.finished_at if task_state else None,
                    "edit_url": finder.get_edit_url(record) if record is not None else "",
                }
            )
    return [row for row in rows if row["record"] is not None]


# --- E-mail in the recipient's language --------------------------------------------------------------


def recipient_language(user) -> str:
    """The language a notice to `user` is written in: their profile's, never the sender's."""
    language = getattr(user, "preferred_language", "") or ""
    if not language:
        profile = UserProfile.objects.filter(user=user).only("preferred_language").first()
        language = profile.preferred_language if profile else ""
    return language or settings.LANGUAGE_CODE


class _Named:
    """A workflow or task as Wagtail's notice templates read it, with its name translated when rendered."""

    def __init__(self, obj):
        self._obj = obj
        self.name = display_name(obj.name)

    def __getattr__(self, attribute):
        return getattr(self._obj, attribute)

    def __str__(self) -> str:
        return str(self.name)


class InRecipientLanguage:
    """For Wagtail's e-mail notifiers: Wagtail writes each notice in the recipient's Wagtail admin
    language, which, unset, is the language of whoever acted. Here it is the recipient's profile language;
    the profile object is set on the recipient in memory only (nothing saved)."""

    def get_context(self, instance, **kwargs):
        context = super().get_context(instance, **kwargs)
        for key in ("workflow", "task"):
            if context.get(key) is not None:
                context[key] = _Named(context[key])
        return context

    def send_notifications(self, template_set, context, recipients, **kwargs):
        for recipient in recipients:
            profile = UserProfile.get_for_user(recipient)
            profile.preferred_language = recipient_language(recipient)
            recipient.wagtail_userprofile = profile
        return super().send_notifications(template_set, context, recipients, **kwargs)


class SubmissionNotifier(InRecipientLanguage, wagtail_mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmissionNotifier(InRecipientLanguage, wagtail_mail.WorkflowStateSubmissionEmailNotifier):
    pass


class ApprovalNotifier(InRecipientLanguage, wagtail_mail.WorkflowStateApprovalEmailNotifier):
    pass


class RejectionNotifier(InRecipientLanguage, wagtail_mail.WorkflowStateRejectionEmailNotifier):
    pass


# Wagtail's own dispatch ids (wagtail.admin.signal_handlers): whichever app's ready() runs first, exactly one
# notifier answers each signal, and it is ours.
_NOTIFIERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification", SubmissionNotifier()),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        WorkflowSubmissionNotifier(),
    ),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification", RejectionNotifier()),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification", ApprovalNotifier()),
]


def connect_notifiers() -> None:
    for signal, sender, dispatch_uid, notifier in _NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid)


# --- The submit button -------------------------------------------------------------------------------


class SubmitToSecretariatMenuItem(SubmitForModerationMenuItem):
    """Wagtail's submit action, named for what it does in every interface language."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        instance = parent_context.get("instance")
        workflow_state = instance.current_workflow_state if instance else None
        if workflow_state and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Resubmit to the Secretariat")
        else:
            context["label"] = _("Submit to the Secretariat")
        return context


def promote_submit(menu_items, request, context) -> None:
    """For moderated records: the submit action is the form's main button unless the user publishes."""
    model = context.get("model") or type(context.get("instance"))
    if not is_moderated(model):
        return
    for index, item in enumerate(menu_items):
        if item.name == SubmitForModerationMenuItem.name:
            ours = SubmitToSecretariatMenuItem(order=item.order)
            publishes = any(i.name == "action-publish" for i in menu_items)
            menu_items.pop(index)
            menu_items.insert(len(menu_items) if publishes else 0, ours)
            return


def _open_workflow_ids(models) -> dict[type, dict[str, set[str]]]:
    """For each model, the ids of its records in review ("in_progress") or returned ("needs_changes")."""
    by_type = {ContentType.objects.get_for_model(m, for_concrete_model=False).pk: m for m in models}
    found: dict[type, dict[str, set[str]]] = {
        m: {"in_progress": set(), "needs_changes": set()} for m in models
    }
    rows = WorkflowState.objects.filter(
        base_content_type_id__in=list(by_type),
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    ).values_list("base_content_type_id", "object_id", "status")
    for type_id, object_id, status in rows:
        found[by_type[type_id]][status].add(object_id)
    return found


def _edits_in_admin(user, model) -> bool:
    viewset = getattr(model, "snippet_viewset", None)
    return viewset is not None and viewset.permission_policy.user_has_any_permission(user, ["add", "change"])


def _listing_url(model) -> str:
    viewset = getattr(model, "snippet_viewset", None)
    return reverse(viewset.get_url_name("list")) if viewset else ""


def home_tasks(user) -> list:
    """The moderation flow's tasks (core.dashboard): a constant number of queries per moderated model."""
    from . import policy
    from .dashboard import HomeTask

    if not policy.can_submit_for_review(user):
        return []
    tasks = []
    if policy.can_review_changes(user):
        waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
        count = waiting.count()
        tasks.append(
            HomeTask(
                _("Changes awaiting your review"),
                count,
                reverse("wagtailadmin_reports:workflow"),
                urgent=bool(count),
            )
        )
        return tasks
    mine = WorkflowState.objects.filter(requested_by=user)
    returned = mine.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).count()
    tasks.append(HomeTask(_("Returned to you with comments"), returned, urgent=bool(returned)))
    tasks.append(
        HomeTask(
            _("Submitted, awaiting the Secretariat"),
            mine.filter(status=WorkflowState.STATUS_IN_PROGRESS).count(),
        )
    )
    # Records the user edits in the admin (implementation reports are written on the site, and their
    # app lists them there).
    models = [m for m in _moderated if _edits_in_admin(user, m)]
    open_ids = _open_workflow_ids(models)
    for model in models:
        ids = open_ids[model]["in_progress"] | open_ids[model]["needs_changes"]
        drafts = (
            model._default_manager.filter(policy.editable_filter(user, model))
            .filter(Q(live=False) | Q(has_unpublished_changes=True))
            .exclude(pk__in=[model._meta.pk.to_python(i) for i in ids])
            .count()
        )
        label = _("%(things)s: drafts to submit") % {"things": capfirst(model._meta.verbose_name_plural)}
        tasks.append(HomeTask(label, drafts, _listing_url(model), urgent=bool(drafts)))
    return tasks


def review_queue(user) -> list[dict]:
    """What awaits the Secretariat's review, by state: how many changes, and how long the oldest waited.

    Two queries per moderated model whatever the number of changes."""
    from . import policy

    if not policy.can_review_changes(user):
        return []
    now = timezone.now()
    by_state: dict[str, dict] = {}
    for model in _moderated:
        states = dict(
            workflow_states(model, WorkflowState.STATUS_IN_PROGRESS).values_list("object_id", "created_at")
        )
        if not states:
            continue
        path = f"{model.policy_state_field}__code"
        owners = model._default_manager.filter(
            pk__in=[model._meta.pk.to_python(i) for i in states]
        ).values_list("pk", path)
        for pk, code in owners:
            since = states[str(pk)]
            row = by_state.setdefault(
                code or "", {"code": code or "", "count": 0, "oldest": since, "models": set()}
            )
            row["count"] += 1
            row["oldest"] = min(row["oldest"], since)
            row["models"].add(capfirst(model._meta.verbose_name_plural))
    for row in by_state.values():
        row["days"] = (now - row["oldest"]).days
        row["models"] = sorted(str(m) for m in row["models"])
    return sorted(by_state.values(), key=lambda r: r["oldest"])
