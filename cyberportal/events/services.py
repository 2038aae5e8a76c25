"""Writes of events outside the admin (the demo, imports): one function per action, validated whole."""

from __future__ import annotations

from django.db import transaction

from cyberportal.recommendations.models import Theme

from .models import Event, EventMaterial, Participation


@transaction.atomic
def event_save(
    *,
    slug: str,
    fields: dict,
    topics: list[str] = (),
    materials: list[dict] = (),
    participations: list[dict] = (),
) -> Event:
    """Create or update the event `slug` with its topics (theme codes), materials and participant groups;
    the children not given are removed. A field that fails validation raises before anything is saved."""
    event = Event.objects.filter(slug=slug).first() or Event(slug=slug)
    for key, value in fields.items():
        setattr(event, key, value)
    event.full_clean()
    themes = list(Theme.objects.filter(code__in=list(topics)))
    missing = set(topics) - {t.code for t in themes}
    if missing:
        from django.core.exceptions import ValidationError

        raise ValidationError({"topics": f"Unknown topic: {', '.join(sorted(missing))}"})
    new_materials = []
    for data in materials:
        material = EventMaterial(event=event, **data)
        material.full_clean(exclude=["event"])
        new_materials.append(material)
    new_groups = []
    for data in participations:
        group = Participation(event=event, **data)
        group.full_clean(exclude=["event"], validate_unique=False)
        new_groups.append(group)
    event.save()
    event.topics.set(themes)
    event.save()  # a ParentalManyToManyField is written on save
    EventMaterial.objects.filter(event=event).delete()
    Participation.objects.filter(event=event).delete()
    for order, material in enumerate(new_materials):
        material.event = event
        material.sort_order = order
        material.save()
    for order, group in enumerate(new_groups):
        group.event = event
        group.sort_order = order
        group.save()
    return event
