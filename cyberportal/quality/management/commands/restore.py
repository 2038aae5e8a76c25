"""`manage.py restore PATH`: rebuild an empty, migrated instance from a backup archive."""

from django.core.management.base import BaseCommand, CommandError

from cyberportal.quality.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by `manage.py backup` into this instance, which must be empty and "
        "migrated (run `manage.py migrate` first). Checksums are verified; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a non-empty instance (destroys them).",
        )

    def handle(self, *args, path, force, **options):
        try:
            manifest = backup_restore(path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(entry["count"] for entry in manifest.models.values())
        self.stdout.write(
            f"Restored {path}: {rows} rows of {len(manifest.models)} models and {len(manifest.media)} files."
        )
