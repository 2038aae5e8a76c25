"""Backup and restore of a whole instance: every model's rows as JSON, the uploaded files, a manifest.

The archive is a zip file:
  manifest.json             format, Django/Wagtail versions, migrations applied, and for each member
                            its row count (models) or size, and its SHA-256 checksum
  data/<app>.<model>.json   the rows of one concrete model, ordered by primary key, keys sorted
  media/<path>              the files under MEDIA_ROOT
  files/<SETTING>/<path>    the files under each private root (PRIVATE_FILES_ROOT: laws' originals and
                            pending imports; SPACES_PRIVATE_ROOT: the spaces' documents), never served
                            as media and so kept apart

Rows keep their primary keys, so no natural keys are needed and every reference (content types,
permissions, Wagtail's page tree and revisions, users) stays valid: a restore replaces the whole
contents of an empty, migrated instance in one transaction, then resets PostgreSQL's sequences. The
JSON is the database-independent form of Django's serializers, so SQLite -> PostgreSQL works.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from cyberportal.caching.models import PageCacheNamespace, PageCacheVersion
from cyberportal.caching.pagecache import current_version

FORMAT = "cyberportal-backup/1"
CHUNK = 2000
# The search index is derived from the content (and its tables differ between SQLite and PostgreSQL):
# it is rebuilt after a restore rather than copied.
DERIVED_APPS = {"modelsearch"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class Manifest:
    format: str = FORMAT
    versions: dict = field(default_factory=dict)
    migrations: dict = field(default_factory=dict)
    models: dict = field(default_factory=dict)  # "app.model" -> {"count", "sha256", "member"}
    media: dict = field(default_factory=dict)  # relative path -> {"size", "sha256"}
    files: dict = field(
        default_factory=dict
    )  # private root's setting -> {relative path -> {"size", "sha256"}}


# Private roots by the setting that names them. Two settings may name one folder (both default to
# data/private): it is then archived once, under the first.
PRIVATE_ROOTS = ("PRIVATE_FILES_ROOT", "SPACES_PRIVATE_ROOT")


def _private_roots() -> dict[str, Path]:
    roots: dict[str, Path] = {}
    for name in PRIVATE_ROOTS:
        root = Path(getattr(settings, name))
        if all(root.resolve() != seen.resolve() for seen in roots.values()):
            roots[name] = root
    return roots


def _archive_tree(archive: zipfile.ZipFile, root: Path, prefix: str) -> dict:
    """Write every file under `root` as `prefix/<relative path>`; return {relative path: size, sha256}."""
    entries = {}
    if root.is_dir():
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = file.relative_to(root).as_posix()
            data = file.read_bytes()
            archive.writestr(f"{prefix}/{relative}", data)
            entries[relative] = {"size": len(data), "sha256": _sha256(data)}
    return entries


def _restore_tree(archive: zipfile.ZipFile, entries: dict, root: Path, prefix: str) -> None:
    for relative in entries:
        target = root / relative
        if not target.resolve().is_relative_to(root.resolve()):
            raise BackupError(f"{prefix}/{relative} points outside its folder; refused.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive.read(f"{prefix}/{relative}"))


def backed_up_models() -> list:
    """Every concrete, managed model of every app, parents before children where it matters."""
    models = [
        m
        for m in apps.get_models(include_auto_created=False)
        if m._meta.managed
        and not m._meta.proxy
        and not m._meta.swapped
        and m not in _not_backed_up()
        and m._meta.app_label not in DERIVED_APPS
    ]
    return serializers.sort_dependencies([(None, models)], allow_cycles=True)


def _not_backed_up() -> set:
    # The page cache's version is bookkeeping, not data: a restore moves it past its old value instead.
    return {PageCacheVersion, PageCacheNamespace}


def _label(model) -> str:
    return model._meta.label_lower


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _model_json(model) -> bytes:
    """The rows of `model` as canonical JSON: ordered by pk, keys sorted, so equal data = equal bytes."""
    rows = []
    queryset = model._base_manager.order_by("pk")
    for chunk_start in range(0, queryset.count() or 0, CHUNK):
        rows.extend(serializers.serialize("python", queryset[chunk_start : chunk_start + CHUNK]))
    for row in rows:
        for name, value in row["fields"].items():
            if isinstance(value, list) and row["fields"] and _is_m2m(model, name):
                row["fields"][name] = sorted(value, key=str)
    return json.dumps(rows, cls=ExactJSONEncoder, sort_keys=True, ensure_ascii=False, indent=0).encode()


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds: Django's cuts them to milliseconds, so a time
    of 12:00:00.000500 came back from a restore as 12:00:00, and the next backup differed from the first."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _is_m2m(model, name: str) -> bool:
    try:
        return model._meta.get_field(name).many_to_many
    except Exception:
        return False


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def backup_write(path: Path) -> Manifest:
    """Write the instance to `path` (a new zip file); return the manifest written into it."""
    import django
    import wagtail

    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists; choose a new file name (a backup never overwrites one).")
    manifest = Manifest(
        versions={"django": django.get_version(), "wagtail": wagtail.__version__},
        migrations=_applied_migrations(),
    )
    media_root = Path(settings.MEDIA_ROOT)
    partial = path.with_name(path.name + ".partial")
    try:
        # One read transaction: on PostgreSQL the dump is a consistent snapshot even under writes.
        with (
            transaction.atomic(),
            zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive,
        ):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            for model in backed_up_models():
                data = _model_json(model)
                member = f"data/{_label(model)}.json"
                archive.writestr(member, data)
                manifest.models[_label(model)] = {
                    "count": model._base_manager.count(),
                    "sha256": _sha256(data),
                    "member": member,
                }
            manifest.media = _archive_tree(archive, media_root, "media")
            for name, root in _private_roots().items():
                manifest.files[name] = _archive_tree(archive, root, f"files/{name}")
            archive.writestr("manifest.json", json.dumps(manifest.__dict__, indent=2, sort_keys=True))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def read_manifest(archive: zipfile.ZipFile) -> Manifest:
    try:
        data = json.loads(archive.read("manifest.json"))
    except KeyError as error:
        raise BackupError("The archive has no manifest.json: it is not a Cyberportal backup.") from error
    if data.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {data.get('format')!r}; expected {FORMAT!r}.")
    return Manifest(**data)


# Fixed lists that the portal's data migrations fill in every new instance (see their RunPython steps).
CREATED_BY_MIGRATIONS = {
    "directory.roletype",
    "recommendations.theme",
    "recommendations.addressee",
    "recommendations.body",
    "statistics.indicator",  # the seed indicators (statistics 0002), which the Secretariat then edits
    "recommendations.timelineentry",  # the process timeline (recommendations 0003), edited likewise
}


def instance_is_empty() -> tuple[bool, str]:
    """Empty = nothing but what migrations create: no user and no row in the portal's own apps."""
    from django.contrib.auth import get_user_model

    if get_user_model()._base_manager.exists():
        return False, "it has user accounts"
    for model in backed_up_models():
        if _label(model) in CREATED_BY_MIGRATIONS:
            continue
        if model.__module__.startswith("cyberportal.") and model._base_manager.exists():
            return False, f"it has {model._meta.verbose_name_plural} ({_label(model)})"
    return True, ""


def _verify(archive: zipfile.ZipFile, manifest: Manifest) -> None:
    for label, entry in manifest.models.items():
        try:
            data = archive.read(entry["member"])
        except KeyError as error:
            raise BackupError(f"{entry['member']} is listed in the manifest but missing.") from error
        if _sha256(data) != entry["sha256"]:
            raise BackupError(f"Checksum mismatch for {entry['member']} ({label}): the archive is damaged.")
    trees = [("media", manifest.media)] + [(f"files/{name}", e) for name, e in manifest.files.items()]
    for prefix, entries in trees:
        for relative, entry in entries.items():
            if _sha256(archive.read(f"{prefix}/{relative}")) != entry["sha256"]:
                raise BackupError(f"Checksum mismatch for {prefix}/{relative}: the archive is damaged.")


def _check_compatible(manifest: Manifest) -> None:
    here = {label.lower() for label in (_label(m) for m in backed_up_models())}
    unknown = sorted(set(manifest.models) - here)
    if unknown:
        raise BackupError(
            f"The archive holds models this instance does not have: {', '.join(unknown)}. "
            "Restore into the same version of the portal, fully migrated."
        )
    missing = {
        app: sorted(set(names) - set(_applied_migrations().get(app, [])))
        for app, names in manifest.migrations.items()
    }
    missing = {app: names for app, names in missing.items() if names}
    if missing:
        first = next(iter(missing.items()))
        raise BackupError(
            f"This instance lacks migrations the backup was taken with (e.g. {first[0]}: {first[1][0]}); "
            "run `python manage.py migrate` first."
        )


def _empty_all_tables() -> None:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    # The search index is rebuilt after the restore; its SQLite FTS tables are virtual and cannot be flushed.
    derived = {m._meta.db_table for m in apps.get_models() if m._meta.app_label in DERIVED_APPS}
    tables = [t for t in tables if t not in derived]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=False, allow_cascade=True)
    connection.ops.execute_sql_flush(statements)


def _reset_sequences(models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def backup_restore(path: Path, *, force: bool = False) -> Manifest:
    """Replace this instance's contents with the archive's, in one transaction; verify the counts."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise BackupError(f"{path} is not a zip archive: {error}.") from error
    with archive:
        manifest = read_manifest(archive)
        _verify(archive, manifest)
        _check_compatible(manifest)
        empty, why = instance_is_empty()
        if not empty and not force:
            raise BackupError(
                f"This instance is not empty ({why}); restore only into a new, migrated instance, "
                "or pass --force to replace everything in it."
            )
        by_label = {_label(m): m for m in backed_up_models()}
        with transaction.atomic():
            old_version = current_version()
            _empty_all_tables()
            with connection.constraint_checks_disabled():
                for label, entry in manifest.models.items():
                    stream = io.TextIOWrapper(io.BytesIO(archive.read(entry["member"])), encoding="utf-8")
                    for obj in serializers.deserialize("json", stream, ignorenonexistent=False):
                        obj.save()
                    count = by_label[label]._base_manager.count()
                    if count != entry["count"]:
                        raise BackupError(
                            f"{label}: restored {count} rows, the manifest says {entry['count']}."
                        )
            connection.check_constraints()
            _reset_sequences(list(by_label.values()))
            # Every worker's cached pages are keyed by older versions: none of them may be served again.
            PageCacheVersion.objects.create(pk=1, number=old_version + 1)
        _restore_tree(archive, manifest.media, Path(settings.MEDIA_ROOT), "media")
        for name, entries in manifest.files.items():
            if name not in PRIVATE_ROOTS:
                raise BackupError(f"files/{name}: not a private folder this version knows; refused.")
            _restore_tree(archive, entries, Path(getattr(settings, name)), f"files/{name}")
    from django.core.management import call_command

    call_command("rebuild_modelsearch_index", verbosity=0)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    cache.clear()
    from cyberportal.caching.pagecache import page_cache

    page_cache().clear()
    return manifest
