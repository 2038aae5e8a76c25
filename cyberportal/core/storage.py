"""Files kept outside MEDIA_ROOT, with no public URL: they leave only through a view that checks the policy.

A file under MEDIA_URL is served to anyone who has (or guesses) its address, whatever the record's
visibility or publication state. `ProtectedFileField` stores in `PRIVATE_FILES_ROOT` and its `.url` is the
named view that applies `core.policy` (templates and the Wagtail admin's file widget keep working).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.urls import reverse


class PrivateStorage(FileSystemStorage):
    def __init__(self, **kwargs):
        super().__init__(location=settings.PRIVATE_FILES_ROOT, **kwargs)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a permission-checking view.")


def private_storage() -> PrivateStorage:
    # A callable, so migrations do not freeze the path of one machine.
    return PrivateStorage()


class ProtectedFieldFile(FieldFile):
    @property
    def url(self) -> str:
        self._require_file()
        return reverse(self.field.url_name, args=[self.instance.pk])


class ProtectedFileField(models.FileField):
    """A FileField in private storage whose URL is the view `url_name(pk)`."""

    attr_class = ProtectedFieldFile

    def __init__(self, *args, url_name: str = "", **kwargs):
        self.url_name = url_name
        kwargs.setdefault("storage", private_storage)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["url_name"] = self.url_name
        return name, path, args, kwargs
