"""The one table of the caching app: the version of the public page cache, shared by all workers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageCacheVersion(models.Model):
    """A counter bumped after every committed write; cached public pages are keyed by it.

    It lives in the database (not the cache) so that every gunicorn worker sees a bump at once,
    even with the per-process local-memory cache.
    """

    number = models.BigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("page cache version")
        verbose_name_plural = _("page cache versions")

    def __str__(self) -> str:
        return str(self.number)


class PageCacheNamespace(models.Model):
    """A counter per app (`name` is its label), bumped with the version above by writes to that app's models.

    Pages that declare which apps they show (`cache_params(..., depends=...)`) are keyed by these alone,
    so a reply in a space does not empty the cached states list. A row is created at the version's
    number, which is at least any number the row had before a restore, so keys never repeat.
    """

    name = models.CharField(_("name"), max_length=100, primary_key=True)
    number = models.BigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("page cache namespace")
        verbose_name_plural = _("page cache namespaces")

    def __str__(self) -> str:
        return f"{self.name}: {self.number}"
