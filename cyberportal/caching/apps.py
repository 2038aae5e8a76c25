from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """What keeps every request fast: the public page cache, the admin fragment cache and the cached
    permission backends, with the data version they share. It runs in production, so it sits low in the
    house beside `core` and imports nothing else of the portal (the tooling lives in `quality`)."""

    name = "cyberportal.caching"
    label = "caching"
    verbose_name = _("Caching")

    def ready(self):
        from . import pagecache

        pagecache.connect_signals()
