"""`manage.py bench`: build a throw-away instance, serve it with gunicorn, load each key page, report.

Each page's p95 latency is compared with the floor's (/healthz, which only asks the database for
SELECT 1) measured in the same run, first and again last (the lower p95 counts), so the verdicts hold on
any machine: public pages must stay within 3x the floor, signed-in pages within 10x.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cyberportal.quality import loadgen
from cyberportal.quality.registry import key_pages
from cyberportal.quality.server import Instance, bench_database_url, drop_bench_database, new_workdir


def machine_description() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx surfaces as an HTTPError


class Command(BaseCommand):
    help = "Benchmark the key pages on a synthetic instance served by gunicorn; print and save the figures."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "large"], default="small")
        parser.add_argument("--json", dest="json_path", help="Also write the results to this JSON file.")
        parser.add_argument(
            "--database-url",
            default="",
            help="Benchmark on PostgreSQL: a server URL; the run uses (and drops) a database named <name>_bench.",
        )
        parser.add_argument("--duration", type=int, default=5, help="Seconds of load per page (default 5).")
        parser.add_argument("--connections", type=int, default=8, help="Concurrent connections (default 8).")
        parser.add_argument(
            "--workers", type=int, default=0, help="gunicorn workers (default 2 per core, 2..8)."
        )
        parser.add_argument(
            "--port", type=int, default=8110, help="Loopback port for the server (default 8110)."
        )
        parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
        parser.add_argument(
            "--only", default="", help="Comma-separated page keys to measure (the floor always)."
        )
        parser.add_argument("--keep", action="store_true", help="Keep the instance's folder and database.")

    def handle(self, *args, **opts):
        if opts["tool"] == "wrk" and not loadgen.wrk_available():
            raise CommandError("--tool wrk: wrk is not on PATH (Debian: apt-get install wrk).")
        if opts["duration"] < 1 or opts["connections"] < 1:
            raise CommandError("--duration and --connections must be at least 1.")
        workers = opts["workers"] or min(8, max(2, 2 * (os.cpu_count() or 1)))
        wanted = {k.strip() for k in opts["only"].split(",") if k.strip()}
        pages = [p for p in key_pages() if p.floor or not wanted or p.key in wanted]
        unknown = wanted - {p.key for p in key_pages()}
        if unknown:
            raise CommandError(f"--only: unknown page(s) {', '.join(sorted(unknown))}.")

        workdir = new_workdir()
        try:
            database_url = bench_database_url(opts["database_url"] or None, workdir)
        except Exception as error:
            raise CommandError(f"--database-url: cannot create the benchmark database: {error}") from error
        instance = Instance(database_url=database_url, workdir=workdir, port=opts["port"])
        engine = "postgresql" if database_url.startswith("postgres") else "sqlite"
        self.stderr.write(f"Preparing a {opts['scale']} instance on {engine} in {workdir} ...")
        try:
            started = time.monotonic()
            prepared = instance.prepare(opts["scale"])
            prepare_s = round(time.monotonic() - started, 1)
            database_mb = instance.database_size_mb()
            self.stderr.write(f"Prepared in {prepare_s:.0f} s; database {database_mb} MiB.")
            self.stderr.write(f"Starting gunicorn with {workers} workers on 127.0.0.1:{opts['port']} ...")
            instance.start(workers)
            results = self._measure(instance, pages, prepared["sessions"], opts, workers)
            peak = instance.worker_peak_rss_mb()
        finally:
            instance.stop()
            if not opts["keep"]:
                drop_bench_database(database_url)
                shutil.rmtree(workdir, ignore_errors=True)

        report = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "scale": opts["scale"],
            "database": engine,
            "generated": prepared["generated"],
            "prepare_s": prepare_s,
            "database_mb": database_mb,
            "server": f"gunicorn, {workers} sync workers, production settings (DEBUG off), loopback",
            "load": {
                "tool": results[0]["tool"] if results else "",
                "connections": opts["connections"],
                "duration_s": opts["duration"],
            },
            "machine": machine_description(),
            "worker_peak_rss_mb": peak,
            "pages": results,
            "misses": [r["key"] for r in results if r["within_budget"] is False],
            "errors": [r["key"] for r in results if r["errors"]],
        }
        self._print(report)
        if opts["json_path"]:
            Path(opts["json_path"]).parent.mkdir(parents=True, exist_ok=True)
            Path(opts["json_path"]).write_text(json.dumps(report, indent=2) + "\n")
            self.stderr.write(f"Wrote {opts['json_path']}")
        if report["errors"]:
            raise CommandError(f"Pages answered errors under load: {', '.join(report['errors'])}.")

    def _measure(self, instance: Instance, pages, sessions: dict, opts, workers: int) -> list[dict]:
        """Load each page in turn, the floor first and again last. A floor measured while the machine
        was still busy (say, PostgreSQL's autovacuum after the bulk load) would flatter every ratio, so
        the ratios use the lower of the floor's two p95 figures."""
        ordered = sorted(pages, key=lambda p: not p.floor)  # the floor is always among the pages
        results = [self._measure_page(instance, page, sessions, opts, workers) for page in ordered]
        floor = results[0]
        floor["p95_again_ms"] = self._measure_page(instance, ordered[0], sessions, opts, workers)["p95_ms"]
        floor_p95 = min(floor["p95_ms"], floor["p95_again_ms"]) or 0.001
        for row in results:
            row["p95_ratio_to_floor"] = round(row["p95_ms"] / floor_p95, 2)
            row["within_budget"] = (
                None if row["budget"] is None else row["p95_ratio_to_floor"] <= row["budget"]
            )
        return results

    def _measure_page(self, instance: Instance, page, sessions: dict, opts, workers: int) -> dict:
        headers = {"Accept-Language": "en"}
        if page.signed_in_as:
            headers["Cookie"] = sessions[page.signed_in_as]  # the signed-in browser's cookies
        url = page.url("en")
        first_ms = self._check_page(instance.port, url, headers, page.key)
        # Each worker keeps its own page cache (no shared cache here) and renders a page once before
        # serving it from memory: fill every worker first, so the run measures the steady state; the
        # cost of that first render is reported apart (first_request_ms).
        self._warm_every_worker(instance.port, url, headers, workers)
        # A short warm-up so that imports, template compilation and first connections are not measured.
        loadgen.run_load(
            "127.0.0.1", instance.port, url, headers=headers, connections=2, duration=1, tool=opts["tool"]
        )
        self.stderr.write(f"  {page.key:<14} {url}")
        result = loadgen.run_load(
            "127.0.0.1",
            instance.port,
            url,
            headers=headers,
            connections=opts["connections"],
            duration=opts["duration"],
            tool=opts["tool"],
        )
        row = {"key": page.key, "path": url, "signed_in": not page.public, **result.as_dict()}
        row["first_request_ms"] = first_ms
        row["budget"] = page.budget
        row["worker_peak_rss_mb"] = instance.worker_peak_rss_mb()
        return row

    @staticmethod
    def _warm_every_worker(port: int, url: str, headers: dict, workers: int) -> None:
        """As many concurrent requests as workers, on new connections, three rounds: a sync worker busy
        rendering accepts nothing, so the requests spread over the workers."""

        def fetch() -> None:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers=headers)
            with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=120) as response:
                response.read()

        for _round in range(3):
            threads = [threading.Thread(target=fetch) for _ in range(workers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    @staticmethod
    def _check_page(port: int, url: str, headers: dict, key: str) -> float:
        """The page must answer 200 itself: a redirect (to the sign-in or the MFA step, say) would
        measure the redirect instead of the page."""
        request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers=headers)
        opener = urllib.request.build_opener(_NoRedirect)
        started = time.perf_counter()
        try:
            with opener.open(request, timeout=120) as response:
                status = response.status
                response.read()
            elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
        except urllib.error.HTTPError as error:
            where = error.headers.get("Location")
            raise CommandError(
                f"Page {key} ({url}) answered {error.code}"
                + (f" (to {where})" if where else "")
                + " before the load started, not 200 at itself."
            ) from error
        if status != 200:
            raise CommandError(f"Page {key} ({url}) answered {status}, not 200.")
        return elapsed_ms

    def _print(self, report: dict) -> None:
        out = self.stdout
        m = report["machine"]
        out.write(
            f"\nBenchmark: {report['scale']} scale on {report['database']}; {report['server']}; "
            f"{report['load']['tool']} with {report['load']['connections']} connections, "
            f"{report['load']['duration_s']} s per page"
        )
        out.write(f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['system']}")
        if report["generated"]:
            out.write(f"Generated: {json.dumps(report['generated'])}")
        out.write(f"Prepared in {report['prepare_s']:.0f} s; database {report['database_mb']} MiB")
        header = (
            f"{'page':<14} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'x floor':>8}  {'budget':<7} "
            f"{'first ms':>9}  verdict"
        )
        out.write(header)
        out.write("-" * len(header))
        for r in report["pages"]:
            verdict = "floor" if r["budget"] is None else ("ok" if r["within_budget"] else "MISS")
            if r["errors"]:
                verdict += f" ({r['errors']} errors)"
            budget = "" if r["budget"] is None else f"{r['budget']:.0f}x"
            out.write(
                f"{r['key']:<14} {r['requests_per_s']:>8.1f} {r['p50_ms']:>8.2f} {r['p95_ms']:>8.2f} "
                f"{r['p99_ms']:>8.2f} {r['p95_ratio_to_floor'] or 0:>8.2f}  {budget:<7} "
                f"{r['first_request_ms']:>9.1f}  {verdict}"
            )
        floor = report["pages"][0] if report["pages"] and report["pages"][0]["budget"] is None else None
        if floor and floor.get("p95_again_ms") is not None:
            out.write(
                f"Floor p95: {floor['p95_ms']:.2f} ms first, {floor['p95_again_ms']:.2f} ms again at the end; "
                "the ratios use the lower."
            )
        peaks = report["worker_peak_rss_mb"]
        if peaks:
            out.write("Worker peak RSS (MiB): " + ", ".join(f"{v:.0f}" for v in peaks.values()))
        out.write(f"Budget misses: {', '.join(report['misses']) or 'none'}")
        out.write("first ms: the page's first request, rendered by one worker with nothing cached.")
