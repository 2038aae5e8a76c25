"""Admin forms that offer a focal point only their own state (and its provisions) to choose from."""

from wagtail.admin.forms import WagtailAdminModelForm

from cyberportal.core import policy


class OwnStateAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or policy.is_secretariat(user):
            return
        own = policy.state_id_of(user)
        if "state" in self.fields:
            self.fields["state"].queryset = self.fields["state"].queryset.filter(pk=own)
        if "provision" in self.fields:
            self.fields["provision"].queryset = self.fields["provision"].queryset.filter(law__state_id=own)
