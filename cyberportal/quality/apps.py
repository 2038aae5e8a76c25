from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    """The quality harness: benchmark, backup and restore, soak; no models of its own."""

    name = "cyberportal.quality"
    label = "quality"
    verbose_name = _("Quality harness")

    def ready(self):
        from . import admin_fragments, pagecache, registry

        registry.register_foundation()
        pagecache.connect_signals()
        admin_fragments.cache_admin_tags()
