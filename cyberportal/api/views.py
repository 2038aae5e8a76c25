"""The web's conventions: the API's index, robots.txt and security.txt (RFC 9116)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone

from cyberportal.core.access import public

from .sitemaps import SITEMAPS

# Paths no crawler should walk: the admin, private files, accounts, expert spaces, the audit trail,
# importers and the states' own reporting pages (all answer only to signed-in users anyway).
PRIVATE_PREFIXES = ("accounts/", "spaces/", "audit/", "imports/", "laws/import/", "recommendations/import/",
                    "recommendations/reports/", "directory/verify/")  # fmt: skip


@public
def api_index(request):
    """`/api/`: where the versions and their documentation are."""
    v1 = request.build_absolute_uri(reverse("api-v1:api-root"))
    return JsonResponse(
        {
            "versions": {"v1": v1},
            "openapi": request.build_absolute_uri(reverse("api-v1:openapi-json")),
            "docs": request.build_absolute_uri(reverse("api-v1:openapi-view")),
        }
    )


@public
def sitemap_index(request):
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap")


@public
def sitemap_section(request, section: str):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@public
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /documents/"]
    for language, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{language}/{prefix}" for prefix in PRIVATE_PREFIXES]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@public
def security_txt(request):
    """RFC 9116: who to tell about a vulnerability, until when this file holds, in which languages."""
    contacts = list(getattr(settings, "SECURITY_CONTACTS", []))
    if not contacts:
        raise Http404("No security contact is configured (CYBERPORTAL_SECURITY_CONTACT).")
    days = max(1, min(364, int(getattr(settings, "SECURITY_TXT_EXPIRES_DAYS", 180))))
    expires = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    lines = [f"Contact: {contact}" for contact in contacts]
    lines += [
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: " + ", ".join(code for code, _name in settings.LANGUAGES),
        f"Canonical: {request.build_absolute_uri(reverse('security_txt'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
