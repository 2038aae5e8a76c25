"""The Wagtail admin narrowed to the records core.policy lets a user edit: one mechanism for every app.

A focal point sees, opens and changes only their own state's records (never Secretariat-only ones);
the Secretariat sees everything and alone publishes; experts and visitors get nothing. Apps register
`StatePermissionPolicy` for their state-owned models with `register_state_scoped(...)` at the top of
wagtail_hooks.py and base their SnippetViewSets on `StateRestrictedViewSet`. Every admin surface then
asks that one policy:

- every view the viewset builds (edit, delete, history, usage, revisions, workflow, lock, copy, and
  whatever view a Wagtail upgrade adds) goes through `construct_view`, which refuses (403) a record
  the user may not open before the view runs;
- listings and choosers (and their search) list only `instances_user_can_open`;
- bulk actions on these models (`ScopedDeleteBulkAction`, registered in core.wagtail_hooks) drop
  records the user may not open, so their confirmation pages cannot print other states' names;
- the site history report reads `ScopedModelLogEntry`, whose entries follow the same rule.

See docs/security.md and core/tests/test_admin_access.py, which walks every admin URL of these models.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.functional import classproperty
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import policy
from .concurrency import GuardedEditView


class StatePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, narrowed to the records core.policy lets the user edit.

    In the admin, a user sees exactly the records they may edit (`policy.can_edit` per record,
    `policy.editable_filter` for lists): a focal point's own state's, the Secretariat's all.
    """

    def user_may_use_admin_for_model(self, user) -> bool:
        """Allowed into the admin and holding some permission on this model (experts hold none)."""
        return user.has_perm("wagtailadmin.access_admin") and self.user_has_any_permission(
            user, ["add", "change", "delete", "view"]
        )

    def user_can_open(self, user, instance) -> bool:
        """May `user` see this record in the admin at all (any view, any list, any report)?"""
        return self.user_may_use_admin_for_model(user) and policy.can_edit(user, instance)

    def instances_user_can_open(self, user):
        return self.filter_openable(user, self.model._default_manager.all())

    def filter_openable(self, user, queryset):
        """`queryset` narrowed to what `user` may open, by field filters a search index also applies."""
        if not self.user_may_use_admin_for_model(user):
            return queryset.none()
        return queryset.filter(policy.editable_filter(user, self.model))

    def user_has_permission(self, user, action):
        if action == "publish":
            return policy.is_secretariat(user) and super().user_has_permission(user, action)
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_can_open(user, instance):
            return False
        if action == "publish":
            return policy.can_publish(user, instance) and self.user_has_permission(user, action)
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return (
            super()
            .instances_user_has_any_permission_for(user, actions)
            .filter(policy.editable_filter(user, self.model))
        )


def register_state_scoped(*models) -> None:
    for model in models:
        register_permission_policy(model, StatePermissionPolicy(model))


def scoped_models() -> list[type]:
    """The snippet models whose admin follows StatePermissionPolicy (asked of Wagtail's registry)."""
    return [
        m for m in get_snippet_models() if isinstance(policy_registry.get_by_type(m), StatePermissionPolicy)
    ]


def _policy_of(model) -> StatePermissionPolicy:
    return policy_registry.get_by_type(model)


def guard_object_view(view, model):
    """Wrap an admin view taking a record's `pk` so that a record the user may not open is refused.

    Checked before the view runs, whatever the view: Wagtail's views fetch their object in several
    ways (some straight from the model), so guarding each view's `get_object` would miss some.
    """

    @wraps(view)
    def guarded(request, *args, **kwargs):
        pk = kwargs.get("pk", args[0] if args else None)
        if pk is not None:
            # A missing record is refused like a hidden one, so the answer does not tell them apart.
            try:
                instance = model._default_manager.filter(pk=unquote(str(pk))).first()
            except (ValueError, ValidationError):
                instance = None
            if instance is None or not _policy_of(model).user_can_open(request.user, instance):
                raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


class _ScopedChooserListMixin:
    def get_object_list(self):
        objects = super().get_object_list()
        return _policy_of(self.model_class).filter_openable(self.request.user, objects)


class ScopedChooseView(_ScopedChooserListMixin, chooser_views.ChooseView):
    pass


class ScopedChooseResultsView(_ScopedChooserListMixin, chooser_views.ChooseResultsView):
    pass


class StateScopedChooserViewSet(SnippetChooserViewSet):
    """Choosers (and their search) offer only the records the user may open; `chosen` refuses others."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView

    def construct_view(self, view_class, **kwargs):
        return guard_object_view(super().construct_view(view_class, **kwargs), self.model)


class StateRestrictedViewSet(SnippetViewSet):
    """Lists only the records the user may open; every view on one record refuses another state's."""

    chooser_viewset_class = StateScopedChooserViewSet
    edit_view_class = GuardedEditView  # refuses a save made from an outdated copy

    def on_register(self):
        # The policy must be registered before Wagtail creates its fallback (top of wagtail_hooks.py).
        if not isinstance(policy_registry.get_by_type(self.model), StatePermissionPolicy):
            raise ImproperlyConfigured(f"Call register_state_scoped({self.model.__name__}) first.")
        super().on_register()

    def construct_view(self, view_class, **kwargs):
        return guard_object_view(super().construct_view(view_class, **kwargs), self.model)

    def get_queryset(self, request):
        return _policy_of(self.model).instances_user_can_open(request.user)


class ScopedBulkActionMixin:
    """A bulk action that acts on, and names, only the records the user may open."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        policy_ = _policy_of(self.model)
        user = self.request.user
        objects = [o for o in objects if policy_.user_can_open(user, o)]
        refused = [o for o in extra.get("items_with_no_access", []) if policy_.user_can_open(user, o)]
        if not objects and not refused:
            raise PermissionDenied
        return objects, {**extra, "items_with_no_access": refused}


class ScopedDeleteBulkAction(ScopedBulkActionMixin, DeleteBulkAction):
    @classproperty
    def models(cls):
        # Read when the registry scans, after every app has registered its viewsets.
        return scoped_models()


def hidden_log_entries(user) -> Q:
    """Log entries about records of scoped models that `user` may not open (for the site history)."""
    from django.contrib.contenttypes.models import ContentType

    hidden = Q(pk__in=[])
    if policy.edits_every_state(user):
        return hidden  # including entries about deleted records, whose state nobody can tell any more
    for model in scoped_models():
        openable = (
            _policy_of(model)
            .instances_user_can_open(user)
            .values_list(Cast("pk", output_field=CharField()), flat=True)
        )
        content_type = ContentType.objects.get_for_model(model)
        hidden |= Q(content_type=content_type) & ~Q(object_id__in=openable)
    return hidden
