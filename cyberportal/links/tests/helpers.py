"""Builders for the links tests: national links saved through the service."""

from __future__ import annotations

from cyberportal.links import services
from cyberportal.links.models import NationalLink


def make_link(state, url, *, publish=True, **fields):
    defaults = {"kind": "ministry", "title": f"Sitio {state.code}", "language": "es"}
    defaults.update(fields)
    return services.national_link_save(link=NationalLink(state=state, url=url, **defaults), publish=publish)
