"""Bounded importers (issue 11, finding 3): one upload limit, ZIP checks before a DOCX is opened, parsing
under a time and memory limit in the background, and no document text in the session."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from cyberportal.core import imports
from cyberportal.core.models import ImportJob
from cyberportal.core.uploads import UploadRefused, check_zip, run_bounded
from cyberportal.laws.importers import ImportError_, parse_upload
from cyberportal.recommendations import importer as recommendations_importer
from cyberportal.testing import make_state, make_user

MB = 1024 * 1024
LAW = "Ley 77 de 2026\nPor la cual se prueba\nArtículo 1. Objeto. El que acceda sin permiso será castigado.\n"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def zip_bomb(unpacked_mb: int = 50) -> bytes:
    """A DOCX-shaped ZIP whose document part unpacks to `unpacked_mb` MB of zeros, built in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b"\0" * MB
            for _ in range(unpacked_mb):
                part.write(chunk)
    return buffer.getvalue()


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- ZIP checks --------------------------------------------------------------------------------------


def test_a_docx_zip_bomb_is_refused_by_both_importers_before_it_is_unpacked():
    bomb = zip_bomb()
    assert len(bomb) < 100 * 1024  # tens of kilobytes that would unpack to 50 MB

    with pytest.raises(ImportError_, match="ZIP bomb"):
        parse_upload("ley.docx", bomb)
    with pytest.raises(recommendations_importer.ImporterError, match="ZIP bomb"):
        recommendations_importer.read_document("acta.docx", bomb)


@override_settings(IMPORT_MAX_UNZIPPED_MB=1)
def test_a_zip_that_unpacks_beyond_the_limit_is_refused():
    import os

    entries = {f"word/part{i}.xml": os.urandom(700 * 1024) for i in range(2)}  # barely compressible
    with pytest.raises(UploadRefused, match="unpacks to 1.4 MB.*at most 1 MB"):
        check_zip("ley.docx", zip_of(entries))


@override_settings(IMPORT_MAX_ZIP_ENTRIES=50)
def test_a_zip_with_too_many_entries_is_refused():
    with pytest.raises(UploadRefused, match="holds 51 files.*at most 50"):
        check_zip("ley.docx", zip_of({f"f{i}.xml": b"<a/>" for i in range(51)}))


def test_an_ordinary_docx_passes_and_a_non_zip_is_left_to_its_reader():
    import docx

    document = docx.Document()
    document.add_paragraph("Artículo 1. Texto.")
    out = io.BytesIO()
    document.save(out)
    check_zip("ley.docx", out.getvalue())
    check_zip("ley.docx", b"not a zip")
    with pytest.raises(ImportError_, match="not a valid Word document"):
        parse_upload("ley.docx", b"not a zip")


# --- Time and memory limits --------------------------------------------------------------------------


def _spin():
    while True:
        pass


def _hog():
    return bytearray(512 * MB)


def _refuse():
    raise ImportError_("DOCX: refused for a reason")


def test_parsing_that_runs_too_long_is_stopped():
    with pytest.raises(UploadRefused, match="longer than 1 seconds"):
        run_bounded(_spin, seconds=1)


def test_parsing_that_needs_too_much_memory_is_stopped():
    with pytest.raises(UploadRefused, match="more than 64 MB"):
        run_bounded(_hog, seconds=10, memory_mb=64)


def test_a_bounded_parse_returns_its_result_or_its_own_error():
    assert run_bounded(parse_upload, "ley.txt", LAW.encode()).numbers() == ["1"]
    with pytest.raises(ImportError_, match="refused for a reason"):
        run_bounded(_refuse)


# --- One upload limit, shared by both importers and their commands ------------------------------------


@pytest.mark.django_db
@override_settings(IMPORT_MAX_UPLOAD_MB=1)
def test_both_importers_share_one_upload_limit(client, tmp_path):
    from django.core.management import CommandError, call_command

    big = b"Articulo 1. x\n" * (MB // 10)  # 1.4 MB
    client.force_login(make_user("secretariat"))
    state = make_state("CO")

    laws = client.post("/en/laws/import/", {"file": SimpleUploadedFile("ley.txt", big), "state": state.pk})
    recommendations = client.post(
        "/en/recommendations/import/", {"document": SimpleUploadedFile("acta.txt", big)}
    )
    for page in (laws, recommendations):
        assert page.status_code == 200
        assert "documents to import may be at most 1 MB" in page.content.decode()
    path = tmp_path / "big.txt"
    path.write_bytes(big)
    with pytest.raises(CommandError, match="at most 1 MB"):
        call_command("import_law", str(path), "--state", "CO", "--dry-run")
    with pytest.raises(CommandError, match="at most 1 MB"):
        call_command("import_recommendations", str(path), "--dry-run")
    assert not ImportJob.objects.exists()


# --- Background reading, progress page, nothing in the session ---------------------------------------


@pytest.mark.django_db
@override_settings(TASKS=DUMMY_TASKS)
def test_an_upload_waits_for_the_worker_on_a_page_that_refreshes(client):
    from django_tasks import default_task_backend

    default_task_backend.clear()
    client.force_login(make_user("secretariat"))
    state = make_state("CO")

    response = client.post(
        "/en/laws/import/", {"file": SimpleUploadedFile("ley.txt", LAW.encode()), "state": state.pk}
    )

    job = ImportJob.objects.get()
    assert response["Location"] == f"/en/imports/{job.token}/"
    queued = [r for r in default_task_backend.results if r.task.func.__name__ == "parse_import_job"]
    assert [r.args for r in queued] == [[job.pk]]  # queued for the worker, not parsed in the request
    waiting = client.get(response["Location"])
    html = waiting.content.decode()
    assert waiting.status_code == 200 and '<meta http-equiv="refresh"' in html
    assert "Waiting for the worker" in html
    assert client.get(f"/en/laws/import/{job.token}/")["Location"] == f"/en/imports/{job.token}/"

    imports.import_job_run(job)  # what the worker does

    assert client.get(response["Location"])["Location"] == f"/en/laws/import/{job.token}/"
    assert "Por la cual se prueba" in client.get(f"/en/laws/import/{job.token}/").content.decode()
    assert not ImportJob.objects.get().upload  # the upload is deleted once read


@pytest.mark.django_db
def test_a_failed_read_is_shown_on_the_status_page(client):
    user = make_user("secretariat")
    client.force_login(user)
    with override_settings(TASKS=DUMMY_TASKS):
        job = imports.import_job_create(
            user=user, kind="recommendations", name="acta.docx", data=zip_bomb(20)
        )
    imports.import_job_run(job)

    page = client.get(f"/en/imports/{job.token}/").content.decode()
    assert "ZIP bomb" in page and 'http-equiv="refresh"' not in page


@pytest.mark.django_db
def test_the_session_holds_no_document_text_and_tokens_are_private(client):
    secretariat = make_user("secretariat")
    client.force_login(secretariat)
    marker = "Texto-distintivo-que-no-debe-estar-en-la-sesion"
    text = f"I MEETING OF TESTS\n\n1. That the states act. {marker}\n2. That the states report.\n"

    preview = client.post("/en/recommendations/import/", {"text": text})["Location"]

    session = json.dumps(dict(client.session.items()), default=str)
    assert marker not in session
    assert marker in client.get(preview).content.decode()
    job = ImportJob.objects.get()
    other = make_user("secretariat", username="other-secretariat")
    client.force_login(other)
    assert client.get(f"/en/imports/{job.token}/").status_code == 404
    assert client.get(preview)["Location"].endswith("/recommendations/import/")


@pytest.mark.django_db
def test_uploads_nobody_confirmed_are_deleted():
    user = make_user("secretariat")
    with override_settings(TASKS=DUMMY_TASKS):
        stale = imports.import_job_create(
            user=user, kind="laws", name="a.txt", data=b"x", options={"state": 1}
        )
    ImportJob.objects.filter(pk=stale.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    storage, name = stale.upload.storage, stale.upload.name
    assert storage.exists(name)

    with override_settings(TASKS=DUMMY_TASKS):
        imports.import_job_create(user=user, kind="laws", name="b.txt", data=b"y", options={"state": 1})

    assert list(ImportJob.objects.values_list("name", flat=True)) == ["b.txt"]
    assert not storage.exists(name)


def _broken_parser(name, data):
    raise KeyError("a bug")


@pytest.mark.django_db
def test_a_bug_in_a_parser_ends_the_job_with_a_message(monkeypatch):
    monkeypatch.setitem(
        imports.KINDS,
        "broken",
        imports.ImportKind(
            parse=f"{__name__}._broken_parser", preview_url="laws:import", upload_url="laws:import"
        ),
    )
    job = imports.import_job_create(user=make_user("secretariat"), kind="broken", name="a.txt", data=b"x")
    assert job.status == ImportJob.Status.FAILED and "logged for the administrators" in job.error
