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
