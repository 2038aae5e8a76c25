"""`manage.py backup PATH`: write the whole instance (database rows, uploaded files, manifest) to one zip."""

from django.core.management.base import BaseCommand, CommandError

from cyberportal.quality.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Write a backup of this instance (all database rows, uploaded files, a manifest) to PATH."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to create, e.g. backups/portal-2026-11-23.zip")

    def handle(self, *args, path, **options):
        try:
            manifest = backup_write(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(entry["count"] for entry in manifest.models.values())
        self.stdout.write(
            f"Wrote {path}: {rows} rows of {len(manifest.models)} models and {len(manifest.media)} files."
        )
