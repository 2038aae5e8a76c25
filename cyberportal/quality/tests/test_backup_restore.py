"""Backup -> restore round trip: every count and checksum equal, every key page identical."""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Page, Revision

from cyberportal.quality.backup import backup_write
from cyberportal.quality.registry import LANGUAGES, key_pages
from cyberportal.quality.server import bench_database_url, drop_bench_database
from cyberportal.states.models import State

from .helpers import build_instance

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
CSRF = re.compile(
    r'(name="csrfmiddlewaretoken" value=|"CSRF_TOKEN": )"[^"]+"'
)  # masked afresh on every render


def _pages(user) -> dict[str, str]:
    """Every key page in every language as the visitor (and signed-in pages as `user`) sees it."""
    pages = {}
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(user)
    for page in key_pages():
        if page.floor:
            continue
        client = anonymous if page.public else signed_in
        for language in LANGUAGES if page.translated else ["en"]:
            response = client.get(page.url(language))
            assert response.status_code == 200, page.url(language)
            pages[page.url(language)] = CSRF.sub("", response.content.decode())
    return pages


def _diff(one: str, two: str, url: str) -> str:
    lines = difflib.unified_diff(one.splitlines(), two.splitlines(), "before", "after", lineterm="", n=0)
    return f"{url} differs after the restore:\n" + "\n".join(list(lines)[:20])


def _manifest(path: Path) -> dict:
    return json.loads(zipfile.ZipFile(path).read("manifest.json"))


@pytest.mark.slow  # every key page in four languages, twice
def test_the_round_trip_keeps_every_count_checksum_file_and_page(tmp_path):
    data = build_instance()
    media_file = Path(settings.MEDIA_ROOT) / "documents" / "law.pdf"
    media_file.parent.mkdir(parents=True, exist_ok=True)
    media_file.write_bytes(b"%PDF-1.4 test law \x00\xff")
    # Laws' originals and the spaces' documents live outside MEDIA_ROOT; a backup must carry them too.
    original = Path(settings.PRIVATE_FILES_ROOT) / "laws" / "originals" / "ley.pdf"
    space_file = Path(settings.SPACES_PRIVATE_ROOT) / "spaces" / "manual.docx"
    for file, content in ((original, b"%PDF-1.4 ley"), (space_file, b"PK\x03\x04 manual")):
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content)
    before = _pages(data["secretariat"])
    call_command("backup", str(tmp_path / "one.zip"))
    for file in (media_file, original, space_file):
        file.unlink()

    call_command("restore", str(tmp_path / "one.zip"), "--force")
    call_command("backup", str(tmp_path / "two.zip"))

    one, two = _manifest(tmp_path / "one.zip"), _manifest(tmp_path / "two.zip")
    assert one["models"] == two["models"]
    assert one["media"] == two["media"] == {"documents/law.pdf": one["media"]["documents/law.pdf"]}
    assert media_file.read_bytes() == b"%PDF-1.4 test law \x00\xff"
    assert original.read_bytes() == b"%PDF-1.4 ley" and space_file.read_bytes() == b"PK\x03\x04 manual"
    assert one["files"] == two["files"]
    assert "laws/originals/ley.pdf" in one["files"]["PRIVATE_FILES_ROOT"]
    assert "spaces/manual.docx" in one["files"]["SPACES_PRIVATE_ROOT"]
    assert one["models"]["states.state"]["count"] == 35
    assert one["models"]["wagtailcore.revision"]["count"] == Revision.objects.count() >= 4
    assert one["models"]["accounts.user"]["count"] == 2
    after = _pages(get_user_model().objects.get(username="secretariat"))
    assert after.keys() == before.keys()
    for url in before:
        assert after[url] == before[url], _diff(before[url], after[url], url)
    # Sequences follow the restored keys: new rows get fresh ids.
    assert State.objects.create(code="ZZ", alpha3="ZZZ").pk > max(
        State.objects.exclude(code="ZZ").values_list("pk", flat=True)
    )


def test_one_folder_named_by_both_private_settings_is_archived_once(tmp_path, settings):
    build_instance()
    settings.PRIVATE_FILES_ROOT = settings.SPACES_PRIVATE_ROOT = tmp_path / "private"
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "a.txt").write_bytes(b"a")

    manifest = backup_write(tmp_path / "b.zip")

    assert manifest.files == {"PRIVATE_FILES_ROOT": {"a.txt": manifest.files["PRIVATE_FILES_ROOT"]["a.txt"]}}
    assert len([n for n in zipfile.ZipFile(tmp_path / "b.zip").namelist() if n.endswith("a.txt")]) == 1


def test_restore_refuses_a_non_empty_instance_and_changes_nothing(tmp_path):
    build_instance()
    call_command("backup", str(tmp_path / "b.zip"))
    State.objects.filter(code="AR").update(notes="kept")

    with pytest.raises(CommandError, match="not empty .*--force"):
        call_command("restore", str(tmp_path / "b.zip"))

    assert State.objects.get(code="AR").notes == "kept"


def test_a_damaged_archive_is_refused_before_anything_is_touched(tmp_path):
    build_instance()
    backup_write(tmp_path / "good.zip")
    with zipfile.ZipFile(tmp_path / "good.zip") as good, zipfile.ZipFile(tmp_path / "bad.zip", "w") as bad:
        for item in good.infolist():
            data = good.read(item)
            if item.filename == "data/states.state.json":
                data = data.replace(b'"AR"', b'"XX"')
            bad.writestr(item, data)
    State.objects.filter(code="AR").update(notes="kept")

    with pytest.raises(CommandError, match="Checksum mismatch for data/states.state.json"):
        call_command("restore", str(tmp_path / "bad.zip"), "--force")

    assert State.objects.get(code="AR").notes == "kept"
    assert Page.objects.count() > 1


def test_backup_never_overwrites_an_existing_file(tmp_path):
    (tmp_path / "exists.zip").write_text("precious")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(tmp_path / "exists.zip"))

    assert (tmp_path / "exists.zip").read_text() == "precious"


def test_restore_names_a_file_that_is_not_a_backup(tmp_path):
    (tmp_path / "x.zip").write_text("not a zip")

    with pytest.raises(CommandError, match="not a zip archive"):
        call_command("restore", str(tmp_path / "x.zip"))


@pytest.mark.slow  # migrates two new databases from scratch
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="SQLite -> PostgreSQL: the PostgreSQL run",
)
def test_a_sqlite_backup_restores_into_postgresql(tmp_path):
    """Both ends are instances of their own (a SQLite file, a fresh PostgreSQL database), as in real life;
    restoring into the test database itself would leave the other tests its content-type ids."""
    root = Path(settings.BASE_DIR)

    def run(database_url: str, script: str) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "cyberportal.settings.test",
        }
        prologue = "import django; django.setup(); from django.core.management import call_command;"
        subprocess.run([sys.executable, "-c", prologue + script], cwd=root, env=env, check=True, timeout=300)

    run(
        f"sqlite:///{tmp_path / 'source.sqlite3'}",
        "call_command('migrate', verbosity=0);"
        "from cyberportal.quality.tests.helpers import build_instance; build_instance();"
        f"call_command('backup', {str(tmp_path / 'sqlite.zip')!r})",
    )
    target = bench_database_url(os.environ["DATABASE_URL"], tmp_path, suffix="restore")
    try:
        run(
            target,
            "call_command('migrate', verbosity=0);"
            f"call_command('restore', {str(tmp_path / 'sqlite.zip')!r});"
            f"call_command('backup', {str(tmp_path / 'pg.zip')!r});"
            "from django.db import connection; assert connection.vendor == 'postgresql';"
            "from django.test import Client;"
            "assert Client(HTTP_HOST='localhost').get('/en/states/').status_code == 200",
        )
    finally:
        drop_bench_database(target)

    assert _manifest(tmp_path / "sqlite.zip")["models"] == _manifest(tmp_path / "pg.zip")["models"]


def test_a_newly_migrated_instance_counts_as_empty_so_restore_needs_no_force():
    # The test database is exactly what `migrate` makes, data migrations' fixed lists included.
    from cyberportal.quality.backup import instance_is_empty

    assert instance_is_empty() == (True, "")
    State.objects.create(code="AR", alpha3="ARG", numeric="032")
    assert instance_is_empty() == (False, "it has states (states.state)")


def test_times_keep_their_microseconds_through_a_backup():
    import datetime

    from django.core import serializers

    from cyberportal.core.roles import Role
    from cyberportal.quality.backup import _model_json
    from cyberportal.testing import make_user

    # Django's JSON encoder cuts times to milliseconds: 500 µs became 0, and a restored instance's next
    # backup no longer matched the one it came from (one CI run in a few failed on it).
    moment = datetime.datetime(2026, 1, 1, 12, 0, 0, 500, tzinfo=datetime.UTC)
    user = make_user(Role.EXPERT, username="expert")
    get_user_model().objects.filter(pk=user.pk).update(last_login=moment)
    data = _model_json(get_user_model())
    restored = [row.object for row in serializers.deserialize("json", data)]
    assert [u.last_login for u in restored] == [moment]
