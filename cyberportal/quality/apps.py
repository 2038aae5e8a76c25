from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    """The quality harness: benchmark, backup and restore, soak, load generator. Tooling only: no
    production code imports it (the request-path caches live in `caching`)."""

    name = "cyberportal.quality"
    label = "quality"
    verbose_name = _("Quality harness")
