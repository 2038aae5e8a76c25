"""Laws' original documents leave MEDIA_ROOT (public at /media/) for the private files root."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations

import cyberportal.core.storage


def move_originals(apps, schema_editor):
    # Files uploaded before this migration sit under MEDIA_ROOT, where anyone could fetch them.
    Law = apps.get_model("laws", "Law")
    for name in Law.objects.exclude(original_file="").values_list("original_file", flat=True):
        source = Path(settings.MEDIA_ROOT) / name
        target = Path(settings.PRIVATE_FILES_ROOT) / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


class Migration(migrations.Migration):
    dependencies = [
        ("laws", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="law",
            name="original_file",
            field=cyberportal.core.storage.ProtectedFileField(
                blank=True,
                storage=cyberportal.core.storage.private_storage,
                upload_to="laws/originals/",
                url_name="laws:law_original",
                verbose_name="original document",
            ),
        ),
        migrations.RunPython(move_originals, migrations.RunPython.noop),
    ]
