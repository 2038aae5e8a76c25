"""Checks on uploaded files: an allowed type (by extension and, for PDF, by content) and a size limit."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The first bytes a file of each type starts with; a file that claims to be one and is not is refused.
MAGIC = {
    "pdf": [b"%PDF-"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "docx": [b"PK\x03\x04"],
    "xlsx": [b"PK\x03\x04"],
    "pptx": [b"PK\x03\x04"],
    "odt": [b"PK\x03\x04"],
    "ods": [b"PK\x03\x04"],
    "odp": [b"PK\x03\x04"],
}


def validate_upload(uploaded) -> None:
    """Raise a ValidationError naming the file and the problem; accept nothing else."""
    name = PurePath(uploaded.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = settings.SPACES_ALLOWED_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(
            _("“%(name)s”: files of type “.%(ext)s” are not accepted. Allowed types: %(allowed)s.")
            % {"name": name, "ext": extension or "?", "allowed": ", ".join(allowed)}
        )
    limit = settings.SPACES_MAX_UPLOAD_MB * 1024 * 1024
    if uploaded.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": name,
                "size": round(uploaded.size / 1024 / 1024, 1),
                "limit": settings.SPACES_MAX_UPLOAD_MB,
            }
        )
    if uploaded.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    signatures = MAGIC.get(extension)
    if signatures:
        uploaded.seek(0)
        head = uploaded.read(16)
        uploaded.seek(0)
        if not any(head.startswith(signature) for signature in signatures):
            raise ValidationError(
                _("“%(name)s” does not look like a .%(ext)s file; it was not accepted.")
                % {"name": name, "ext": extension}
            )
