"""Top-level URLs: unprefixed machine endpoints, then every page under a language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cyberportal.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("cyberportal.api.urls")),  # /api/, /sitemap.xml, /robots.txt, /.well-known/
]

urlpatterns += i18n_patterns(
    path("", include("cyberportal.api.feed_urls")),  # Atom feeds, ahead of /recommendations/<slug>/
    path("", include("cyberportal.api.account_urls")),  # /accounts/tokens/: API tokens
    path("", include("cyberportal.states.urls")),
    path("accounts/", include("cyberportal.accounts.urls")),
    path("recommendations/", include("cyberportal.recommendations.urls")),
    path("", include("cyberportal.laws.urls")),
    path("directory/", include("cyberportal.directory.urls")),
    path("cooperation/", include("cyberportal.cooperation.urls")),
    path("providers/", include("cyberportal.providers.urls")),
    path("events/", include("cyberportal.events.urls")),
    path("report-cybercrime/", include("cyberportal.citizens.urls")),
    path("accounts/", include("cyberportal.accounts.allauth_urls")),
    path("audit/", include("cyberportal.audit.urls")),
    path("spaces/", include("cyberportal.spaces.urls")),
    path("statistics/", include("cyberportal.statistics.urls")),
    path("campaigns/", include("cyberportal.campaigns.urls")),
    path("bulletin/", include("cyberportal.bulletin.urls")),
    path("imports/<str:token>/", core_views.import_status, name="import_status"),
    # Wagtail's pages last: it answers every path nothing above claimed.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only: Wagtail documents under MEDIA_ROOT/documents/ leave through their permission-checked
    # view (core.wagtail_hooks), never as plain media, even on a developer's machine.
    urlpatterns = (
        static(f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images")
        + static(
            f"{settings.MEDIA_URL}original_images/", document_root=settings.MEDIA_ROOT / "original_images"
        )
        + urlpatterns
    )
