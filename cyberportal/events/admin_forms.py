"""The event admin form: languages and the zone picked by name, and the hours read in the venue's zone.

Django would read a typed "09:00" in the editor's own zone; an event in Lima entered by a Secretariat in
Washington must start at 09:00 in Lima. The form shows the saved hours in the event's zone and reads the
typed ones in the zone chosen on the same form.
"""

from __future__ import annotations

import zoneinfo

from django import forms
from django.utils import timezone

from cyberportal.core.admin_forms import PickerAdminForm
from cyberportal.core.timezones import is_valid_zone

HOUR_FIELDS = ("starts_at", "ends_at")


class EventAdminForm(PickerAdminForm):
    pickers = {"languages": "languages", "time_zone": "zone", "text_language": "language"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "topics" in self.fields:
            self.fields["topics"].widget = forms.CheckboxSelectMultiple(choices=self.fields["topics"].choices)
        instance = self.instance
        if instance is not None and instance.pk and is_valid_zone(instance.time_zone or ""):
            zone = zoneinfo.ZoneInfo(instance.time_zone)
            for name in HOUR_FIELDS:
                value = getattr(instance, name, None)
                if value is not None:
                    # A naive value is shown as it is: the venue's hour, not the editor's.
                    self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone") or ""
        if is_valid_zone(zone_name):
            zone = zoneinfo.ZoneInfo(zone_name)
            for name in HOUR_FIELDS:
                value = cleaned.get(name)
                if value is not None:
                    typed = (
                        timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
                    )
                    cleaned[name] = timezone.make_aware(typed, zone)
                    setattr(self.instance, name, cleaned[name])
        return cleaned
