"""The one admin form for state-owned records: an editor of one state is offered only that state.

A focal point edits their own state's records only (core.policy). In the admin their forms offer only
their own state, only records they may edit to link to (any field to a model with a
`policy_state_field`, and the fields an app lists in `scoped_through`), and refuse the
Secretariat-only visibility. The Secretariat's forms are left whole.
"""

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import policy
from .pickers import PickerFieldsMixin
from .roles import Visibility


def _editable(user, model: type[Model]):
    return model._default_manager.filter(policy.editable_filter(user, model))


class PickerAdminForm(PickerFieldsMixin, WagtailAdminModelForm):
    """An admin form with pickers by name and no "---------" (for records no state owns)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._install_pickers()
        self._no_dashes()


class StateScopedAdminForm(PickerFieldsMixin, WagtailAdminModelForm):
    # Fields to records that have no owning state of their own but belong to one that has, as
    # {field: relation to that record}; e.g. a mapping's provision belongs to its law: {"provision": "law"}.
    scoped_through: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._install_pickers()
        self._scope()
        self._no_dashes()  # after scoping: a focal point's one state is preselected

    def _scope(self):
        user = getattr(self, "for_user", None)
        if user is None or policy.edits_every_state(user):
            return
        for name, field in self.fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is None:
                continue
            if name in self.scoped_through:
                relation = self.scoped_through[name]
                related = model._meta.get_field(relation).related_model
                field.queryset = field.queryset.filter(**{f"{relation}__in": _editable(user, related)})
            elif name == "state":
                field.queryset = field.queryset.filter(pk=policy.state_id_of(user))
            elif getattr(model, "policy_state_field", None):
                field.queryset = field.queryset.filter(policy.editable_filter(user, model))

    def clean(self):
        cleaned = super().clean()
        user = getattr(self, "for_user", None)
        if user is None or policy.edits_every_state(user):
            return cleaned
        state = cleaned.get("state")
        if state is not None and state.pk != policy.state_id_of(user):
            raise ValidationError(_("A focal point edits only their own state's records."))
        if cleaned.get("visibility") == Visibility.SECRETARIAT:
            self.add_error("visibility", _("Only the Secretariat can restrict a record to itself."))
        return cleaned
