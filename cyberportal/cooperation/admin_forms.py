"""The cooperation admin form: core's state-scoped form; a focal point links only their own state's
provisions as a sheet's domestic basis (a provision belongs to the state through its law)."""

from cyberportal.core.admin_forms import StateScopedAdminForm


class CooperationAdminForm(StateScopedAdminForm):
    scoped_through = {"domestic_provisions": "law"}
