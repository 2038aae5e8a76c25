"""`manage.py bench`: build a throw-away instance, serve it with gunicorn, load each page, report.

Each page is measured twice (quality/scenarios.py): a CACHED row, one address repeated (what the page
cache and the admin's caches make of it), and an UNCACHED row, a list of different addresses that are
each a miss by construction (what real visitors' searches and filters cost). A few pages are also
timed on the first request after a content write. Each p95 is compared with the floor's (/healthz,
which only asks the database for SELECT 1) measured in the same run, first and again last (the lower
p95 counts), so the verdicts hold on any machine: public pages within 3x the floor cached and uncached,
signed-in pages within 5x, the 404 within 2x; on PostgreSQL at the large scale, uncached search under
50 ms and the uncached matrix under 150 ms (p95). `--strict` fails the run on any miss.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cyberportal.quality import loadgen
from cyberportal.quality.loadgen import percentile
from cyberportal.quality.scenarios import ABSOLUTE_BUDGETS_MS, AFTER_WRITE, bench_pages, scenarios
from cyberportal.quality.server import (
    PYTHON,
    ROOT,
    Instance,
    bench_database_url,
    drop_bench_database,
    new_workdir,
)

INSTANCE_FILE = "instance.json"  # in --workdir: a prepared instance that later runs (and --url) reuse


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
    help = (
        "Benchmark every key page cached and uncached on a synthetic instance served by gunicorn (or on a "
        "running server with --url); print and save the figures and the budgets' verdicts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "large"], default="small")
        parser.add_argument("--json", dest="json_path", help="Also write the results to this JSON file.")
        parser.add_argument(
            "--database-url",
            default="",
            help="Benchmark on PostgreSQL: a server URL; the run uses (and drops) a database named <name>_bench.",
        )
        parser.add_argument("--duration", type=int, default=5, help="Seconds of load per row (default 5).")
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
        parser.add_argument(
            "--workdir",
            default="",
            help="The instance's folder, kept: prepared on the first run, reused by later runs of the same "
            "scale and database (their data is not rebuilt).",
        )
        parser.add_argument(
            "--prepare-only",
            action="store_true",
            help="With --workdir: prepare the instance and stop (serve it yourself, then use --url).",
        )
        parser.add_argument(
            "--url",
            default="",
            help="Benchmark a server already running at this base URL (http or https; say, nginx in front "
            "of the app) instead of starting gunicorn; needs --workdir of the instance it serves.",
        )
        parser.add_argument(
            "--after-write-samples",
            type=int,
            default=10,
            help="Writes per page for the first-render-after-a-write rows (0 leaves them out; default 10).",
        )
        parser.add_argument("--strict", action="store_true", help="Fail when any budget is missed.")

    def handle(self, *args, **opts):
        if opts["tool"] == "wrk" and not loadgen.wrk_available():
            raise CommandError("--tool wrk: wrk is not on PATH (Debian: apt-get install wrk).")
        if opts["duration"] < 1 or opts["connections"] < 1 or opts["after_write_samples"] < 0:
            raise CommandError(
                "--duration and --connections must be at least 1, --after-write-samples 0 or more."
            )
        if (opts["url"] or opts["prepare_only"]) and not opts["workdir"]:
            raise CommandError("--url and --prepare-only need --workdir (the instance's folder).")
        if opts["url"] and not opts["url"].startswith(("http://", "https://")):
            raise CommandError(f"--url: {opts['url']!r} is not an http:// or https:// address.")
        workers = opts["workers"] or min(8, max(2, 2 * (os.cpu_count() or 1)))
        wanted = {k.strip() for k in opts["only"].split(",") if k.strip()}
        unknown = wanted - {p.key for p in bench_pages()}
        if unknown:
            raise CommandError(f"--only: unknown page(s) {', '.join(sorted(unknown))}.")

        keep = opts["keep"] or bool(opts["workdir"])
        instance, info = self._instance(opts)
        base = opts["url"].rstrip("/") or f"http://127.0.0.1:{opts['port']}"
        try:
            prepared = info.get("prepared") or json.loads(
                instance.manage("bench_prepare", "--sessions-only").strip().splitlines()[-1]
            )
            if opts["prepare_only"]:
                self.stdout.write(
                    f"Prepared {instance.workdir}; serve it with the environment in {INSTANCE_FILE}."
                )
                return
            if not opts["url"]:
                self.stderr.write(f"Starting gunicorn with {workers} workers on {base} ...")
                instance.start(workers)
            measured = scenarios(prepared["material"], wanted or None)
            results = self._measure(instance, base, measured, prepared["sessions"], opts, workers)
            results += self._after_writes(instance, base, measured, results[0], opts)
            peak = instance.worker_peak_rss_mb()
        finally:
            instance.stop()
            if not keep:
                drop_bench_database(instance.database_url)
                shutil.rmtree(instance.workdir, ignore_errors=True)

        engine = info["database"]
        self._verdicts(results, engine=engine, scale=info["scale"])
        report = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "scale": info["scale"],
            "database": engine,
            "generated": info["generated"],
            "prepare_s": info["prepare_s"],
            "database_mb": info["database_mb"],
            "server": opts["url"]
            or f"gunicorn, {workers} sync workers, production settings (DEBUG off), loopback",
            "load": {
                "tool": results[0]["tool"] if results else "",
                "connections": opts["connections"],
                "duration_s": opts["duration"],
                "after_write_samples": opts["after_write_samples"],
            },
            "budgets": {
                "public": "p95 <= 3x the floor, cached and uncached",
                "signed_in": "p95 <= 5x the floor",
                "not_found": "p95 <= 2x the floor",
                "absolute_ms": dict(ABSOLUTE_BUDGETS_MS),
                "absolute_applies": engine == "postgresql" and info["scale"] == "large",
            },
            "machine": machine_description(),
            "worker_peak_rss_mb": peak,
            "pages": results,
            "misses": [f"{r['key']} ({r['variant']})" for r in results if r["within_budget"] is False],
            "errors": [f"{r['key']} ({r['variant']})" for r in results if r["errors"]],
        }
        self._print(report)
        if opts["json_path"]:
            Path(opts["json_path"]).parent.mkdir(parents=True, exist_ok=True)
            Path(opts["json_path"]).write_text(json.dumps(report, indent=2) + "\n")
            self.stderr.write(f"Wrote {opts['json_path']}")
        if report["errors"]:
            raise CommandError(f"Pages answered errors under load: {', '.join(report['errors'])}.")
        if opts["strict"] and report["misses"]:
            raise CommandError(f"Budgets missed (--strict): {', '.join(report['misses'])}.")

    # The instance -----------------------------------------------------------------------------------

    def _instance(self, opts) -> tuple[Instance, dict]:
        """The instance to measure: reused from --workdir when it holds one of this scale and database,
        else built (migrated, reference data, demo, the scale's data) and, with --workdir, recorded there."""
        workdir = Path(opts["workdir"]) if opts["workdir"] else new_workdir()
        workdir.mkdir(parents=True, exist_ok=True)
        saved_path = workdir / INSTANCE_FILE
        wanted_engine = "postgresql" if opts["database_url"] else "sqlite"
        if saved_path.exists():
            saved = json.loads(saved_path.read_text())
            # With --url the folder's instance is the one being served, whatever --scale says.
            if opts["url"] or (saved["scale"] == opts["scale"] and saved["database"] == wanted_engine):
                self.stderr.write(
                    f"Reusing the {saved['scale']} instance on {saved['database']} in {workdir}."
                )
                instance = Instance(
                    database_url=saved["database_url"],
                    workdir=workdir,
                    port=opts["port"],
                    secret_key=saved["secret_key"],
                )
                return instance, saved
            raise CommandError(
                f"--workdir {workdir} holds a {saved['scale']} instance on {saved['database']}: "
                "give another folder for this scale and database."
            )
        if opts["url"]:
            raise CommandError(
                f"--url: {workdir} holds no prepared instance (run with --prepare-only first)."
            )
        try:
            database_url = bench_database_url(opts["database_url"] or None, workdir)
        except Exception as error:
            raise CommandError(f"--database-url: cannot create the benchmark database: {error}") from error
        instance = Instance(database_url=database_url, workdir=workdir, port=opts["port"])
        self.stderr.write(f"Preparing a {opts['scale']} instance on {wanted_engine} in {workdir} ...")
        started = time.monotonic()
        try:
            prepared = instance.prepare(opts["scale"])
        except Exception:
            if not (opts["keep"] or opts["workdir"]):
                drop_bench_database(database_url)
                shutil.rmtree(workdir, ignore_errors=True)
            raise
        info = {
            "scale": opts["scale"],
            "database": wanted_engine,
            "database_url": database_url,
            "secret_key": instance.secret_key,
            "generated": prepared["generated"],
            "prepare_s": round(time.monotonic() - started, 1),
            "database_mb": instance.database_size_mb(),
            "environment": instance.overrides(),  # what serves it (for --url)
        }
        self.stderr.write(f"Prepared in {info['prepare_s']:.0f} s; database {info['database_mb']} MiB.")
        if opts["workdir"]:
            saved_path.write_text(json.dumps(info, indent=2) + "\n")
        return instance, {**info, "prepared": prepared}  # its sessions and material serve this run

    # Measuring --------------------------------------------------------------------------------------

    def _measure(
        self, instance: Instance, base: str, measured, sessions: dict, opts, workers: int
    ) -> list[dict]:
        """Each page cached, then uncached; the floor first and again last. A floor measured while the
        machine was still busy (say, PostgreSQL's autovacuum after the bulk load) would flatter every
        ratio, so the ratios use the lower of the floor's two p95 figures."""
        results = []
        for scenario in measured:
            headers = self._headers(scenario, sessions)
            try:
                results.append(self._cached_row(instance, base, scenario, headers, opts, workers))
            except CommandError as error:
                if scenario.page.floor:
                    raise
                # One broken page (an error, a redirect, a worker's timeout) must not hide the others'
                # figures: it is reported as failed, and the run fails at the end.
                self.stderr.write(f"  {scenario.key:<24} FAILED    {error}")
                results.append(self._failed_row(scenario, str(error)))
                continue
            if scenario.uncached:
                results.append(self._uncached_row(instance, base, scenario, headers, opts))
        floor = results[0]
        again = self._cached_row(instance, base, measured[0], {}, opts, workers)
        floor["p95_again_ms"] = again["p95_ms"]
        floor["floor_p95_ms"] = min(floor["p95_ms"], again["p95_ms"]) or 0.001
        return results

    @staticmethod
    def _headers(scenario, sessions: dict) -> dict:
        headers = {"Accept-Language": "en"}
        if scenario.page.signed_in_as:
            headers["Cookie"] = sessions[scenario.page.signed_in_as]  # the signed-in browser's cookies
        return headers

    def _row(self, scenario, variant: str, path: str, result: loadgen.LoadResult, instance) -> dict:
        return {
            "key": scenario.key,
            "variant": variant,
            "kind": scenario.kind,
            "path": path,
            "signed_in_as": scenario.page.signed_in_as,
            **result.as_dict(),
            "budget": scenario.page.budget,
            "worker_peak_rss_mb": instance.worker_peak_rss_mb(),
        }

    @staticmethod
    def _failed_row(scenario, message: str) -> dict:
        figures = dict.fromkeys(["duration_s", "requests_per_s", "p50_ms", "p95_ms", "p99_ms"], 0.0)
        return {
            "key": scenario.key,
            "variant": "cached",
            "kind": scenario.kind,
            "path": scenario.cached,
            "signed_in_as": scenario.page.signed_in_as,
            "tool": "",
            "requests": 0,
            "errors": 1,
            **figures,
            "cache_hits": 0,
            "distinct_paths": 1,
            "budget": scenario.page.budget,
            "failed": message,
        }

    def _cached_row(self, instance, base: str, scenario, headers: dict, opts, workers: int) -> dict:
        status = scenario.page.expect_status
        first_ms = self._check_page(base, scenario.cached, headers, scenario.key, status)
        # Without a shared cache each worker keeps its own and renders a page once before serving it
        # from memory: fill every worker first, so the row measures the steady state; the cost of that
        # first render is reported apart (first_request_ms).
        self._warm_every_worker(base, scenario.cached, headers, workers)
        # A short warm-up so that imports, template compilation and first connections are not measured.
        loadgen.run_load(
            base,
            scenario.cached,
            headers=headers,
            connections=2,
            duration=1,
            tool=opts["tool"],
            expect_status=status,
        )
        self.stderr.write(f"  {scenario.key:<24} cached    {scenario.cached}")
        result = loadgen.run_load(
            base,
            scenario.cached,
            headers=headers,
            connections=opts["connections"],
            duration=opts["duration"],
            tool=opts["tool"],
            expect_status=status,
        )
        row = self._row(scenario, "cached", scenario.cached, result, instance)
        row["first_request_ms"] = first_ms
        return row

    def _uncached_row(self, instance, base: str, scenario, headers: dict, opts) -> dict:
        status = scenario.page.expect_status
        self.stderr.write(
            f"  {scenario.key:<24} uncached  {len(scenario.uncached)} addresses, e.g. {scenario.uncached[0]}"
        )
        result = loadgen.run_load(
            base,
            scenario.uncached,
            headers=headers,
            connections=opts["connections"],
            duration=opts["duration"],
            tool=opts["tool"],
            expect_status=status,
            distinct=True,
        )
        return self._row(scenario, "uncached", scenario.uncached[0], result, instance)

    def _after_writes(self, instance, base: str, measured, floor_row: dict, opts) -> list[dict]:
        """The first request of a page after a content write that touches it, one write per request,
        one request at a time; compared with the floor measured the same way (one at a time)."""
        samples = opts["after_write_samples"]
        chosen = [s for s in measured if s.key in AFTER_WRITE]
        if not samples or not chosen:
            return []
        self.stderr.write(f"  first render after a write: {samples} writes per page ...")
        writer = subprocess.Popen(
            [PYTHON, str(ROOT / "manage.py"), "bench_write"],
            cwd=ROOT,
            env=instance.env("cyberportal.settings.local"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            connection = loadgen.connection_for(base, 60)
            floor = self._one_at_a_time(connection, "/healthz", {}, samples * 3)
            floor_p95 = percentile(sorted(floor), 95) or 0.001
            rows = [
                self._sequential_row(
                    self._floor_scenario(measured), "sequential", "/healthz", floor, floor_p95
                )
            ]
            for scenario in chosen:
                timings = []
                for _sample in range(samples):
                    writer.stdin.write(AFTER_WRITE[scenario.key] + "\n")
                    writer.stdin.flush()
                    if writer.stdout.readline().strip() != "ok":
                        raise CommandError(f"bench_write failed: {writer.stderr.read()[-2000:]}")
                    timings += self._one_at_a_time(connection, scenario.cached, {"Accept-Language": "en"}, 1)
                rows.append(
                    self._sequential_row(scenario, "after-write", scenario.cached, timings, floor_p95)
                )
            connection.close()
            return rows
        finally:
            writer.stdin.close()
            writer.wait(30)

    @staticmethod
    def _floor_scenario(measured):
        return next(s for s in measured if s.page.floor)

    @staticmethod
    def _one_at_a_time(connection, path: str, headers: dict, count: int) -> list[float]:
        timings = []
        for _n in range(count):
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            timings.append(time.perf_counter() - started)
            if response.status != 200:
                raise CommandError(f"{path} answered {response.status} after a write, not 200.")
        return timings

    @staticmethod
    def _sequential_row(scenario, variant: str, path: str, timings: list[float], floor_p95: float) -> dict:
        ordered = sorted(timings)
        p95 = round(percentile(ordered, 95) * 1000, 2)
        return {
            "key": scenario.key,
            "variant": variant,
            "kind": scenario.kind,
            "path": path,
            "signed_in_as": "",
            "tool": "sequential",
            "requests": len(ordered),
            "errors": 0,
            "duration_s": round(sum(ordered), 2),
            "requests_per_s": round(len(ordered) / sum(ordered), 1) if ordered else 0.0,
            "p50_ms": round(percentile(ordered, 50) * 1000, 2),
            "p95_ms": p95,
            "p99_ms": round(percentile(ordered, 99) * 1000, 2),
            "cache_hits": 0,
            "distinct_paths": 1,
            "budget": scenario.page.budget,
            "floor_p95_ms": round(floor_p95 * 1000, 2),
        }

    @staticmethod
    def _verdicts(results: list[dict], *, engine: str, scale: str) -> None:
        """The ratio of each row's p95 to its floor's (the loaded floor, or the sequential one for the
        rows measured one request at a time) and whether it is within its budgets."""
        loaded_floor = results[0]["floor_p95_ms"]
        absolute = engine == "postgresql" and scale == "large"
        for row in results:
            floor = row["floor_p95_ms"] if row["tool"] == "sequential" else loaded_floor
            row["p95_ratio_to_floor"] = None if row.get("failed") else round(row["p95_ms"] / floor, 2)
            limit = ABSOLUTE_BUDGETS_MS.get(row["key"]) if row["variant"] == "uncached" else None
            row["absolute_budget_ms"] = limit
            if row["budget"] is None:
                row["within_budget"] = None
                continue
            # No request finished within the row's duration: slower than the duration, a miss.
            within = bool(row["requests"]) and (row["p95_ratio_to_floor"] or 0) <= row["budget"]
            if limit is not None and absolute:
                within = within and row["p95_ms"] < limit
            row["within_budget"] = within

    @staticmethod
    def _warm_every_worker(base: str, url: str, headers: dict, workers: int) -> None:
        """As many concurrent requests as workers, on new connections, three rounds: a sync worker busy
        rendering accepts nothing, so the requests spread over the workers."""

        def fetch() -> None:
            request = urllib.request.Request(f"{base}{url}", headers=headers)
            with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=120) as response:
                response.read()

        for _round in range(3):
            threads = [threading.Thread(target=fetch) for _ in range(workers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    @staticmethod
    def _check_page(base: str, url: str, headers: dict, key: str, status: int = 200) -> float:
        """The page must answer its status itself: a redirect (to the sign-in or the MFA step, say)
        would measure the redirect instead of the page."""
        request = urllib.request.Request(f"{base}{url}", headers=headers)
        opener = urllib.request.build_opener(_NoRedirect)
        started = time.perf_counter()
        try:
            with opener.open(request, timeout=120) as response:
                answered = response.status
                response.read()
        except urllib.error.HTTPError as error:
            answered = error.code
            error.read()
            if answered != status:
                where = error.headers.get("Location")
                raise CommandError(
                    f"Page {key} ({url}) answered {error.code}"
                    + (f" (to {where})" if where else "")
                    + f" before the load started, not {status} at itself."
                ) from error
        if answered != status:
            raise CommandError(f"Page {key} ({url}) answered {answered}, not {status}.")
        return round((time.perf_counter() - started) * 1000, 1)

    def _print(self, report: dict) -> None:
        out = self.stdout
        m = report["machine"]
        out.write(
            f"\nBenchmark: {report['scale']} scale on {report['database']}; {report['server']}; "
            f"{report['load']['tool']} with {report['load']['connections']} connections, "
            f"{report['load']['duration_s']} s per row"
        )
        out.write(f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['system']}")
        if report["generated"]:
            out.write(f"Generated: {json.dumps(report['generated'])}")
        out.write(f"Prepared in {report['prepare_s']:.0f} s; database {report['database_mb']} MiB")
        header = (
            f"{'page':<32} {'variant':<11} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
            f"{'x floor':>8}  {'budget':<11} {'n':>6} {'hits':>6} {'urls':>5}  verdict"
        )
        out.write(header)
        out.write("-" * len(header))
        for r in report["pages"]:
            verdict = "floor" if r["budget"] is None else ("ok" if r["within_budget"] else "MISS")
            if r.get("failed"):
                verdict = f"FAILED: {r['failed']}"
            elif not r["requests"]:
                verdict = "MISS (no request finished within the duration)"
            elif r["errors"]:
                verdict += f" ({r['errors']} errors)"
            budget = "" if r["budget"] is None else f"{r['budget']:.0f}x"
            if r.get("absolute_budget_ms"):
                budget += f" <{r['absolute_budget_ms']:.0f}ms"
            out.write(
                f"{r['key']:<32} {r['variant']:<11} {r['requests_per_s']:>8.1f} {r['p50_ms']:>8.2f} "
                f"{r['p95_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['p95_ratio_to_floor'] or 0:>8.2f}  {budget:<11} "
                f"{r['requests']:>6} {r['cache_hits']:>6} {r['distinct_paths']:>5}  {verdict}"
            )
        floor = report["pages"][0] if report["pages"] else None
        if floor and floor.get("p95_again_ms") is not None:
            out.write(
                f"Floor p95: {floor['p95_ms']:.2f} ms first, {floor['p95_again_ms']:.2f} ms again at the end; "
                "the ratios use the lower (after-write rows: the floor one request at a time)."
            )
        if not report["budgets"]["absolute_applies"]:
            out.write(
                "Absolute budgets (search < 50 ms, matrix < 150 ms uncached) apply on PostgreSQL at large scale."
            )
        peaks = report["worker_peak_rss_mb"]
        if peaks:
            out.write("Worker peak RSS (MiB): " + ", ".join(f"{v:.0f}" for v in peaks.values()))
        out.write(f"Budget misses: {', '.join(report['misses']) or 'none'}")
        out.write(
            "n: requests finished; hits: answers from the page cache (an uncached row has none); "
            "urls: different addresses walked (then again with an undeclared parameter)."
        )
