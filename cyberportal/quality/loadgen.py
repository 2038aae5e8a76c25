"""Drive a running server with HTTP load and summarise the latencies: wrk when installed, else Python.

Both report the same figures (requests/s, p50/p95/p99 in milliseconds, errors), so a run's table
reads the same on a machine without wrk; wrk is preferred because a Python client saturates long
before gunicorn does and then measures itself.
"""

from __future__ import annotations

import http.client
import json
import math
import shutil
import ssl
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

# wrk's own summary lacks p95; this script prints the figures we need as one JSON line. Given a file of
# paths (one a line), each thread walks its share of the list, so no two requests of a run ask for the
# same address until the list runs out; from then on each round adds an undeclared parameter
# (`_bench=<round>`), which the page cache never looks up. Answers other than the expected status count
# as errors, and `X-Page-Cache: hit` answers are counted.
WRK_SCRIPT = """
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do table.insert(paths, line) end
  expected = tonumber(args[2])
  nthreads = tonumber(args[3])
  bust = args[4] == "1"
  counter = 0
  hits = 0
  bad = 0
end

function request()
  local position = counter * nthreads + (id % nthreads)
  counter = counter + 1
  local path = paths[(position % #paths) + 1]
  local round = math.floor(position / #paths)
  if bust and round > 0 then
    local sep = "?"
    if string.find(path, "?", 1, true) then sep = "&" end
    path = path .. sep .. "_bench=" .. round
  end
  return wrk.format(nil, path)
end

function response(status, headers, body)
  if status ~= expected then bad = bad + 1 end
  if headers["X-Page-Cache"] == "hit" then hits = hits + 1 end
end

done = function(summary, latency, requests)
  local hit_total, bad_total = 0, 0
  for _, thread in ipairs(threads) do
    hit_total = hit_total + thread:get("hits")
    bad_total = bad_total + thread:get("bad")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + bad_total
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "cache_hits": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, errors, hit_total,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def bust(path: str, round_number: int) -> str:
    """The address of a later round through an uncached list: an undeclared parameter, never cached."""
    if round_number <= 0:
        return path
    return f"{path}{'&' if '?' in path else '?'}_bench={round_number}"


@dataclass
class LoadResult:
    tool: str
    requests: int
    errors: int
    duration_s: float
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    cache_hits: int = 0  # answers with X-Page-Cache: hit
    distinct_paths: int = 1  # addresses in the list walked (before any undeclared parameter)

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def _paths(path: str | list[str]) -> list[str]:
    paths = [path] if isinstance(path, str) else list(path)
    if not paths:
        raise ValueError("no address to load")
    return paths


def run_wrk(
    base: str,
    path: str | list[str],
    *,
    headers: dict[str, str],
    connections: int,
    threads: int,
    duration: int,
    expect_status: int = 200,
    distinct: bool = False,
) -> LoadResult:
    """wrk against `base` (http://host:port or https://...), walking `path` (one address or a list).
    With `distinct`, rounds after the first add an undeclared parameter so no address is asked twice."""
    paths = _paths(path)
    threads = max(1, min(threads, connections))
    with tempfile.TemporaryDirectory(prefix="cyberportal-wrk-") as folder:
        script, listing = Path(folder) / "load.lua", Path(folder) / "paths.txt"
        script.write_text(WRK_SCRIPT)
        listing.write_text("\n".join(paths) + "\n")
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "-s", str(script)]
        command += ["--timeout", "10s"]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        command += [base.rstrip("/") + paths[0], "--", str(listing), str(expect_status), str(threads)]
        command.append("1" if distinct else "0")
        completed = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True)
    line = [ln for ln in completed.stdout.splitlines() if ln.startswith('{"requests"')][-1]
    data = json.loads(line)
    seconds = data["duration_us"] / 1e6
    return LoadResult(
        tool="wrk",
        requests=data["requests"],
        errors=data["errors"],
        duration_s=round(seconds, 2),
        requests_per_s=round(data["requests"] / seconds, 1) if seconds else 0.0,
        p50_ms=round(data["p50_us"] / 1000, 2),
        p95_ms=round(data["p95_us"] / 1000, 2),
        p99_ms=round(data["p99_us"] / 1000, 2),
        cache_hits=data["cache_hits"],
        distinct_paths=len(paths),
    )


def connection_for(base: str, timeout: float) -> http.client.HTTPConnection:
    """A connection to `base`; https accepts the local certificate of a stack on loopback unverified."""
    parts = urlsplit(base)
    if parts.scheme == "https":
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return http.client.HTTPSConnection(
            parts.hostname, parts.port or 443, timeout=timeout, context=context
        )
    return http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)


def run_python(
    base: str,
    path: str | list[str],
    *,
    headers: dict[str, str],
    connections: int,
    duration: float,
    max_requests: int = 100_000,
    timeout: float = 10.0,
    expect_status: int = 200,
    distinct: bool = False,
) -> LoadResult:
    """`connections` threads, each with one keep-alive connection, until `duration` or `max_requests`;
    the addresses are walked in order, as by wrk (see WRK_SCRIPT)."""
    paths = _paths(path)
    latencies: list[float] = []
    errors = hits = 0
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + duration

    def take_ticket() -> str | None:
        nonlocal issued
        with lock:
            if issued >= max_requests or time.monotonic() >= deadline:
                return None
            position = issued
            issued += 1
        address = paths[position % len(paths)]
        return bust(address, position // len(paths)) if distinct else address

    def worker() -> None:
        nonlocal errors, hits
        conn = connection_for(base, timeout)
        mine: list[float] = []
        failed = hit = 0
        while (address := take_ticket()) is not None:
            started = time.perf_counter()
            try:
                conn.request("GET", address, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != expect_status:
                    failed += 1
                if response.getheader("X-Page-Cache") == "hit":
                    hit += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = connection_for(base, timeout)
                continue
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += failed
            hits += hit

    started = time.monotonic()
    workers = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(duration + timeout + 5)
    elapsed = time.monotonic() - started
    latencies.sort()
    done = len(latencies)
    return LoadResult(
        tool="python",
        requests=done,
        errors=errors,
        duration_s=round(elapsed, 2),
        requests_per_s=round(done / elapsed, 1) if elapsed else 0.0,
        p50_ms=round(percentile(latencies, 50) * 1000, 2),
        p95_ms=round(percentile(latencies, 95) * 1000, 2),
        p99_ms=round(percentile(latencies, 99) * 1000, 2),
        cache_hits=hits,
        distinct_paths=len(paths),
    )


def run_load(
    base: str,
    path: str | list[str],
    *,
    headers: dict[str, str] | None = None,
    connections: int = 8,
    threads: int = 2,
    duration: int = 5,
    tool: str = "auto",
    expect_status: int = 200,
    distinct: bool = False,
) -> LoadResult:
    headers = headers or {}
    options = {
        "headers": headers,
        "connections": connections,
        "expect_status": expect_status,
        "distinct": distinct,
    }
    if tool == "wrk" or (tool == "auto" and wrk_available()):
        return run_wrk(base, path, threads=threads, duration=duration, **options)
    return run_python(base, path, duration=duration, **options)
