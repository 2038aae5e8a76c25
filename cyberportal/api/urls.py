"""Unprefixed addresses of open data: /api/ (the API and its docs), /sitemap.xml, /robots.txt and
/.well-known/security.txt. Feeds are under each language (`feed_urls.py`)."""

from django.urls import URLPattern, include, path

from . import views
from .http import api_view
from .v1 import api


def _wrapped(patterns):
    """ninja's URL patterns, each callback wrapped for rate limits and conditional GETs (`http.py`)."""
    result = []
    for pattern in patterns:
        callback = views.api_index if pattern.name == "api-root" else pattern.callback
        result.append(URLPattern(pattern.pattern, api_view(callback), pattern.default_args, pattern.name))
    return result


v1_patterns, v1_app, v1_namespace = api.urls  # not `app_name`: that would namespace this module

urlpatterns = [
    path("api/", api_view(views.api_index), name="api_index"),
    path("api/v1/", include((_wrapped(v1_patterns), v1_app), namespace=v1_namespace)),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<section>.xml", views.sitemap_section, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
]
