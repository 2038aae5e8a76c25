"""The laws' admin forms: core's state-scoped form, told that a mapping's provision belongs to its law."""

from cyberportal.core.admin_forms import StateScopedAdminForm


class MappingAdminForm(StateScopedAdminForm):
    scoped_through = {"provision": "law"}


class LawAdminForm(StateScopedAdminForm):
    pickers = {"summary_language": "language"}
