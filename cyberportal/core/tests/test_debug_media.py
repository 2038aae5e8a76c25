"""On a developer's machine (DEBUG) plain media serving never hands out Wagtail documents."""

import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches


@pytest.fixture
def debug_urls(settings, tmp_path):
    import cyberportal.urls

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.png").write_bytes(b"\x89PNG")
    with override_settings(DEBUG=True):
        clear_url_caches()
        importlib.reload(cyberportal.urls)
        yield
    clear_url_caches()
    importlib.reload(cyberportal.urls)


def test_documents_are_not_served_as_media_even_with_debug(client, debug_urls, db):
    assert client.get("/media/documents/secret.pdf").status_code == 404
    assert client.get("/media/images/logo.png").status_code == 200
