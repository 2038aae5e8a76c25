"""Faults: a database that is unreachable, or stops mid-run, answers the 503 page and recovers when it
returns; a write cut off by the database leaves nothing behind; an interrupted import leaves nothing."""

from __future__ import annotations

import io
import os
import urllib.error
import urllib.request

import psycopg
import pytest
from django.core.management import call_command

from cyberportal.quality.server import Instance, bench_database_url, drop_bench_database
from cyberportal.states import services
from cyberportal.states.models import Article, Instrument, Membership, State, TreatyStatus

from .dbproxy import DatabaseProxy
from .helpers import free_port

ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")
pytestmark = pytest.mark.slow  # real gunicorn servers and a TCP proxy: the slow lane


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def server_without_database(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("no-database")
    closed = free_port()  # nothing listens there: connections are refused at once
    instance = Instance(
        database_url=f"postgres://postgres@127.0.0.1:{closed}/gone", workdir=tmp_path, port=free_port()
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


@pytest.fixture(scope="module")
def server_behind_a_proxy(tmp_path_factory):
    """gunicorn on a real PostgreSQL database reached through a proxy the test can stop ("crash")."""
    workdir = tmp_path_factory.mktemp("database-stops")
    direct_url = bench_database_url(os.environ["DATABASE_URL"], workdir, suffix="faults")
    Instance(database_url=direct_url, workdir=workdir, port=0).prepare("small")
    proxy = DatabaseProxy.for_url(direct_url)
    proxy.start()
    instance = Instance(database_url=proxy.url(direct_url), workdir=workdir, port=free_port())
    instance.start(workers=2)  # persistent connections (DB_CONN_MAX_AGE=60): the hard case
    yield instance, proxy, direct_url
    instance.stop()
    proxy.stop()
    drop_bench_database(direct_url)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
def test_when_the_database_stops_mid_run_pages_answer_503_in_the_visitors_language_and_recover(
    server_behind_a_proxy,
):
    instance, proxy, _direct_url = server_behind_a_proxy
    base = f"http://127.0.0.1:{instance.port}"
    pages = [f"/{lang}/states/" for lang in ("en", "es", "pt", "fr")] + ["/fr/instruments/cets-185/"]
    for path in pages:  # workers now hold open connections (and may have cached the pages)
        assert _get(base + path)[0] == 200, path

    proxy.stop()  # the database goes away while the workers hold connections to it
    for path in [*pages, *pages]:  # twice: every worker meets the broken connection, then a refusal
        status, headers, body = _get(base + path)
        language = path.split("/")[1]
        assert status == 503, path
        assert f'<html lang="{language}">' in body
        assert headers.get("Retry-After") == "30"
        assert "psycopg" not in body and "127.0.0.1" not in body  # no internals leak to the visitor
    assert _get(base + "/healthz")[0] == 503

    proxy.start()  # the database is back: no restart of the portal is needed
    for path in [*pages, *pages, "/healthz"]:
        assert _get(base + path)[0] == 200, path


@pytest.mark.skipif(not ON_POSTGRESQL, reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
def test_a_write_cut_off_by_the_database_leaves_nothing_half_written(tmp_path):
    """The connection dies after the third INSERT of the reference-data load: nothing of it remains."""
    direct_url = bench_database_url(os.environ["DATABASE_URL"], tmp_path, suffix="cut")
    direct = Instance(database_url=direct_url, workdir=tmp_path, port=0)
    proxy = DatabaseProxy.for_url(direct_url)
    try:
        direct.manage("migrate", "--no-input", "-v", "0")
        proxy.start()
        proxy.cut_after_inserts(3)
        with pytest.raises(RuntimeError, match="load_reference_data failed"):
            Instance(database_url=proxy.url(direct_url), workdir=tmp_path, port=0).manage(
                "load_reference_data"
            )
        assert proxy.cuts == 1

        with psycopg.connect(direct_url.replace("postgres://", "postgresql://", 1)) as conn:
            counts = {
                table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("states_instrument", "states_article", "states_organisation", "states_state")
            }
        assert counts == dict.fromkeys(counts, 0)
    finally:
        proxy.stop()
        drop_bench_database(direct_url)


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
        "soak", "--seconds", os.environ["CYBERPORTAL_SOAK_SECONDS"], "--port", str(free_port()), stdout=out
    )

    assert "Soak passed" in out.getvalue()
