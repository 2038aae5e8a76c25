"""Writes of the provider directory outside the admin (the demo, imports): one function per action."""

from __future__ import annotations

from django.db import transaction

from .models import Provider, ProviderDataType, ProviderRequestType


@transaction.atomic
def provider_save(
    *, name: str, fields: dict, data_types: dict[str, str], request_types: dict[str, str]
) -> Provider:
    """Create or update the provider called `name`, its data types {type: retention} and its request
    types {type: legal bases}; the rows not given are removed. Validated whole, or nothing is saved."""
    provider = Provider.objects.filter(name=name).first() or Provider(name=name)
    for key, value in fields.items():
        setattr(provider, key, value)
    provider.full_clean()
    provider.save()
    provider.data_types.exclude(data_type__in=list(data_types)).delete()
    provider.request_types.exclude(request_type__in=list(request_types)).delete()
    for data_type, retention in data_types.items():
        row = ProviderDataType(provider=provider, data_type=data_type, retention=retention)
        row.full_clean(exclude=["provider"], validate_unique=False)
        ProviderDataType.objects.update_or_create(
            provider=provider, data_type=data_type, defaults={"retention": retention}
        )
    for request_type, bases in request_types.items():
        row = ProviderRequestType(provider=provider, request_type=request_type, legal_bases=bases)
        row.full_clean(exclude=["provider"], validate_unique=False)
        ProviderRequestType.objects.update_or_create(
            provider=provider, request_type=request_type, defaults={"legal_bases": bases}
        )
    return provider
