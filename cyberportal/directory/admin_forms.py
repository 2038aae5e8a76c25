"""The directory's admin form: core's state-scoped form, plus what a contact's phone numbers need."""

from cyberportal.core.admin_forms import StateScopedAdminForm


class DirectoryAdminForm(StateScopedAdminForm):
    pickers = {
        "name_language": "language",
        "request_languages": "languages",
        "time_zone": "zone",
        "working_days": "weekdays",
        "language": "language",
        "languages_spoken": "languages",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Child phones learn their contact now, so a national number is read in the authority's state.
        phones = getattr(self, "formsets", {}).get("phones")
        if phones is not None:
            for form in phones.forms:
                form.instance.contact = self.instance
