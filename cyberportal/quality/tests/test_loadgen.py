"""The load generators and the key-page registry the benchmark reads."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cyberportal.quality import loadgen
from cyberportal.quality.registry import KEY_PAGES, KeyPage, register_key_page


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]

    assert loadgen.percentile(values, 50) == 50
    assert loadgen.percentile(values, 95) == 95
    assert loadgen.percentile(values, 99) == 99
    assert loadgen.percentile([], 95) == 0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        self.seen.append(self.path)
        status = {"/broken": 500, "/missing": 404}.get(self.path, 200)
        body = b"ok"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        if self.path.startswith("/cached"):
            self.send_header("X-Page-Cache", "hit")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Handler.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_python_generator_stops_at_its_request_count_and_counts_errors(http_server):
    ok = loadgen.run_python(http_server, "/", headers={}, connections=3, duration=30, max_requests=60)
    broken = loadgen.run_python(
        http_server, "/broken", headers={}, connections=2, duration=30, max_requests=10
    )

    assert (ok.requests, ok.errors) == (60, 0)
    assert ok.p50_ms <= ok.p95_ms <= ok.p99_ms
    assert broken.errors == 10


def test_the_python_generator_walks_a_list_without_asking_any_address_twice(http_server):
    paths = [f"/page/{n}?q=x" for n in range(5)]
    result = loadgen.run_python(
        http_server, paths, headers={}, connections=3, duration=30, max_requests=12, distinct=True
    )

    assert (result.requests, result.errors, result.distinct_paths) == (12, 0, 5)
    assert len(set(_Handler.seen)) == 12  # the list twice more, each round with its own parameter
    assert "/page/0?q=x&_bench=1" in _Handler.seen and "/page/1?q=x&_bench=2" in _Handler.seen


def test_an_expected_status_is_not_an_error_and_cache_hits_are_counted(http_server):
    missing = loadgen.run_python(
        http_server, "/missing", headers={}, connections=1, duration=30, max_requests=5, expect_status=404
    )
    cached = loadgen.run_python(
        http_server, "/cached", headers={}, connections=1, duration=30, max_requests=5
    )

    assert (missing.errors, missing.cache_hits) == (0, 0)
    assert (cached.errors, cached.cache_hits) == (0, 5)


@pytest.mark.skipif(not loadgen.wrk_available(), reason="wrk is not installed (Debian package wrk)")
def test_wrk_reports_the_same_figures(http_server):
    result = loadgen.run_wrk(http_server, "/", headers={}, connections=2, threads=1, duration=1)

    assert result.tool == "wrk" and result.requests > 0 and result.errors == 0
    assert result.p50_ms <= result.p95_ms <= result.p99_ms


@pytest.mark.skipif(not loadgen.wrk_available(), reason="wrk is not installed (Debian package wrk)")
def test_wrk_walks_the_list_counts_hits_and_expects_the_status(http_server):
    walked = loadgen.run_wrk(
        http_server, ["/a", "/b?x=1", "/c"], headers={}, connections=2, threads=2, duration=1, distinct=True
    )
    assert walked.errors == 0 and walked.distinct_paths == 3
    assert len(set(_Handler.seen)) == len(_Handler.seen)  # no address asked twice
    # (wrk may drop a connection's first request before sending it; the next takes the next address.)
    assert {"/b?x=1", "/c", "/a?_bench=1", "/b?x=1&_bench=1"} <= set(_Handler.seen)

    missing = loadgen.run_wrk(
        http_server, "/missing", headers={}, connections=1, threads=1, duration=1, expect_status=404
    )
    cached = loadgen.run_wrk(http_server, "/cached", headers={}, connections=1, threads=1, duration=1)
    assert missing.requests > 0 and missing.errors == 0
    assert cached.requests > 0 and cached.cache_hits == cached.requests


def test_key_pages_have_one_floor_and_budgets_by_audience():
    assert [p.key for p in KEY_PAGES if p.floor] == ["healthz"]
    assert all(p.budget == 3 for p in KEY_PAGES if p.public and not p.floor)
    assert all(p.budget == 5 for p in KEY_PAGES if not p.public)
    assert KeyPage("missing", "/{lang}/nothing/", expect_status=404).budget == 2
    with pytest.raises(ValueError, match="already registered"):
        register_key_page(KeyPage("states", "/{lang}/states/"))


@pytest.mark.slow  # builds and migrates a throw-away instance, then serves it with gunicorn
def test_bench_measures_pages_against_the_floor_and_writes_json(tmp_path):
    """The documented command end to end, on a throw-away instance, briefly: two pages, one second each."""
    import json

    from django.core.management import call_command

    from .helpers import free_port

    port = free_port()
    out = tmp_path / "bench.json"
    call_command(
        "bench", "--only", "home,sign-in", "--duration", "1", "--connections", "2", "--workers", "2",
        "--tool", "python", "--port", str(port), "--json", str(out), "--after-write-samples", "2",
    )  # fmt: skip

    report = json.loads(out.read_text())
    rows = {(row["key"], row["variant"]): row for row in report["pages"]}
    assert list(rows) == [
        ("healthz", "cached"),  # the floor first
        ("home", "cached"),
        ("home", "uncached"),
        ("sign-in", "cached"),
        ("sign-in", "uncached"),
        ("healthz", "sequential"),  # the floor one request at a time, for the rows after a write
        ("home", "after-write"),
    ]
    # The floor is measured first and again last; the ratios use the lower p95 (the stricter verdict).
    healthz = rows["healthz", "cached"]
    floor = min(healthz["p95_ms"], healthz["p95_again_ms"])
    assert healthz["budget"] is None
    assert healthz["p95_ratio_to_floor"] == round(healthz["p95_ms"] / floor, 2) >= 1.0
    for key in ("home", "sign-in"):
        cached, uncached = rows[key, "cached"], rows[key, "uncached"]
        assert cached["requests"] > 0 and cached["errors"] == 0 and cached["cache_hits"] > 0
        assert cached["first_request_ms"] > 0
        # Uncached: every request a different address, none answered from the page cache.
        assert uncached["requests"] > 0 and uncached["errors"] == 0 and uncached["cache_hits"] == 0
        for row in (cached, uncached):
            assert row["p95_ratio_to_floor"] == round(row["p95_ms"] / floor, 2)
            assert row["budget"] == 3.0 and isinstance(row["within_budget"], bool)
    after = rows["home", "after-write"]
    assert after["requests"] == 2 and after["floor_p95_ms"] == rows["healthz", "sequential"]["p95_ms"]
    assert set(report["misses"]) == {
        f"{k} ({v})" for (k, v), r in rows.items() if r["within_budget"] is False
    }
    assert report["database"] == "sqlite" and report["machine"]["cores"]
    assert report["worker_peak_rss_mb"]


def test_the_soak_paces_its_sign_ins_at_half_the_per_address_limit(settings):
    from cyberportal.quality.management.commands.soak import sign_in_interval

    settings.ACCOUNT_RATE_LIMITS = {"login": "30/m/ip"}
    assert sign_in_interval() == 4.0
    # The strictest per-address rate wins; per-key rates do not bind one address.
    settings.ACCOUNT_RATE_LIMITS = {"login": "100/m/ip,10/30s/ip,1/s/key"}
    assert sign_in_interval() == 6.0
