"""Reads of the provider directory: the list (filtered, sorted by name in the reader's alphabet) and one
provider. Both are for vetted users; the views ask core.policy before calling them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from cyberportal.core.collation import sorted_by_name

from .models import DataType, Provider, ProviderDataType, ProviderRequestType, RequestType


@dataclass
class ProviderFilters:
    data_type: str = ""
    request_type: str = ""
    name: str = ""
    errors: list[str] = field(default_factory=list)


def filters_from(params) -> ProviderFilters:
    """The filters a reader asked for; a value that is not a choice is dropped with a message naming it."""
    found = ProviderFilters(name=(params.get("q") or "").strip()[:100])
    for key, choices, label in (
        ("data_type", DataType, _("Data type")),
        ("request_type", RequestType, _("Request type")),
    ):
        value = (params.get(key) or "").strip()
        if value and value not in choices.values:
            found.errors.append(
                _("%(field)s: “%(value)s” is not a valid choice; it was ignored.")
                % {"field": label, "value": value[:50]}
            )
            value = ""
        setattr(found, key, value)
    return found


def _with_children(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(
        Prefetch("data_types", queryset=ProviderDataType.objects.order_by("data_type")),
        Prefetch("request_types", queryset=ProviderRequestType.objects.order_by("request_type")),
    )


def provider_list(filters: ProviderFilters) -> list[Provider]:
    queryset = Provider.objects.all()
    if filters.data_type:
        queryset = queryset.filter(data_types__data_type=filters.data_type)
    if filters.request_type:
        queryset = queryset.filter(request_types__request_type=filters.request_type)
    if filters.name:
        queryset = queryset.filter(name__icontains=filters.name)
    return sorted_by_name(_with_children(queryset.distinct()))


def provider_detail(pk: int) -> Provider | None:
    return _with_children(Provider.objects.filter(pk=pk)).first()
