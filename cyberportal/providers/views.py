"""The provider directory's pages, for vetted users only: visitors are sent to sign in, accounts still
waiting for vetting are refused (core.policy.can_view_providers)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from cyberportal.core.access import signed_in
from cyberportal.core.policy import can_view_providers

from . import selectors
from .models import DataType, RequestType


def _vetted_or_403(user) -> None:
    if not can_view_providers(user):
        raise PermissionDenied(_("The directory of service providers is for vetted users."))


@signed_in
def provider_list(request):
    _vetted_or_403(request.user)
    filters = selectors.filters_from(request.GET)
    context = {
        "providers": selectors.provider_list(filters),
        "filters": filters,
        "data_types": DataType.choices,
        "request_types": RequestType.choices,
    }
    return render(request, "providers/list.html", context)


@signed_in
def provider_detail(request, pk: int):
    _vetted_or_403(request.user)
    provider = selectors.provider_detail(pk)
    if provider is None:
        raise Http404(_("There is no such service provider."))
    return render(request, "providers/detail.html", {"provider": provider})
