"""The states' admin forms: languages and time zones picked by name, not typed as JSON lists."""

from cyberportal.core.admin_forms import PickerAdminForm


class StateAdminForm(PickerAdminForm):
    pickers = {"official_languages": "languages", "time_zones": "zones"}
