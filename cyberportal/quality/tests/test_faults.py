"""Faults: a real unreachable database answers the 503 page; an interrupted import leaves nothing."""

from __future__ import annotations

import io
import os
import socket
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command

from cyberportal.quality.server import Instance
from cyberportal.states import services
from cyberportal.states.models import Article, Instrument, Membership, State, TreatyStatus


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def server_without_database(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("no-database")
    closed = _free_port()  # nothing listens there: connections are refused at once
    instance = Instance(
        database_url=f"postgres://postgres@127.0.0.1:{closed}/gone", workdir=tmp_path, port=_free_port()
    )
    (tmp_path / "static").mkdir()
    instance.start(workers=1, healthy=False)
    yield instance
    instance.stop()


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_pages_answer_the_503_page_in_the_visitors_language_when_the_database_is_unreachable(
    server_without_database, language
):
    base = f"http://127.0.0.1:{server_without_database.port}"
    for path in (f"/{language}/states/", f"/{language}/instruments/cets-185/", f"/{language}/"):
        status, headers, body = _get(base + path)

        assert status == 503, path
        assert headers.get("Retry-After") == "30"
        assert f'<html lang="{language}">' in body
        assert "connection refused" not in body.lower()  # no internals leak to the visitor

    status, _headers, body = _get(base + "/healthz")
    assert status == 503 and '"database": "unreachable"' in body


@pytest.mark.django_db
def test_an_import_interrupted_half_way_leaves_nothing_behind(monkeypatch):
    real = services._load_treaty_statuses
    calls = {"n": 0}

    def fail_on_the_tenth_state(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 10:
            raise KeyboardInterrupt("the operator pressed Ctrl+C")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "_load_treaty_statuses", fail_on_the_tenth_state)

    with pytest.raises(KeyboardInterrupt):
        services.reference_data_load()

    assert calls["n"] == 10
    for model in (State, Instrument, Article, Membership, TreatyStatus):
        assert model.objects.count() == 0, model.__name__


@pytest.mark.skipif(
    not os.environ.get("CYBERPORTAL_SOAK_SECONDS"), reason="opt-in soak: set CYBERPORTAL_SOAK_SECONDS=90"
)
def test_a_bounded_soak_ends_with_zero_errors_and_the_data_intact():
    out = io.StringIO()
    call_command(
        "soak", "--seconds", os.environ["CYBERPORTAL_SOAK_SECONDS"], "--port", str(_free_port()), stdout=out
    )

    assert "Soak passed" in out.getvalue()
