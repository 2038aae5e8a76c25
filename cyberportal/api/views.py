"""The web's conventions (the API's index, robots.txt, security.txt per RFC 9116) and the API tokens page."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cyberportal.core import policy
from cyberportal.core.access import public, signed_in

from . import selectors, services
from .forms import SystemTokenForm, TokenForm
from .models import TokenKind
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


# --- API tokens: /<lang>/accounts/tokens/ --------------------------------------------------------------


def _token_form(request, form_class, prefix):
    return form_class(request.POST if request.POST.get("kind") == prefix else None, prefix=prefix)


@signed_in
def tokens(request):
    """The user's API tokens: issue one (its secret shown on this answer only), see and revoke them; the
    Secretariat also issues system tokens and sees everyone's."""
    user = request.user
    if not policy.can_hold_api_tokens(user):
        raise PermissionDenied
    personal = _token_form(request, TokenForm, TokenKind.PERSONAL)
    system = (
        _token_form(request, SystemTokenForm, TokenKind.SYSTEM)
        if policy.can_issue_system_tokens(user)
        else None
    )
    created, secret = None, None
    form = personal if request.POST.get("kind") == TokenKind.PERSONAL else system
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            created, secret = services.token_create(
                actor=user,
                user=data.get("username") or user,
                name=data["name"],
                scope=data["scope"],
                days=data["days"],
                kind=request.POST["kind"],
                system=data.get("system", ""),
                requests_per_minute=data.get("requests_per_minute") or 60,
                request=request,
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            personal = TokenForm(prefix=TokenKind.PERSONAL)
            system = SystemTokenForm(prefix=TokenKind.SYSTEM) if system is not None else None
    response = render(
        request,
        "api/tokens.html",
        {"personal_form": personal, "system_form": system, "tokens": selectors.tokens_for(user)[:500],
         "created": created, "secret": secret, "now": timezone.now()},
        status=400 if request.method == "POST" and created is None else 200,
    )  # fmt: skip
    response["Cache-Control"] = "no-store"  # the secret is on this page once
    return response


@signed_in
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(selectors.tokens_for(request.user), pk=pk)
    services.token_revoke(actor=request.user, token=token, request=request)
    messages.success(request, _("The token %(prefix)s… is revoked.") % {"prefix": token.prefix})
    return redirect("api_tokens")
