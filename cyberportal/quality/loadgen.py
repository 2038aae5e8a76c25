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
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

# wrk's own summary lacks p95; this script prints the figures we need as one JSON line.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, errors,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


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


def run_wrk(
    host: str, port: int, path: str, *, headers: dict[str, str], connections: int, threads: int, duration: int
) -> LoadResult:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "-s",
        script.name,
        "--timeout",
        "10s",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{host}:{port}{path}")
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=duration + 30, check=True)
    finally:
        Path(script.name).unlink(missing_ok=True)
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
    )


def run_python(
    host: str,
    port: int,
    path: str,
    *,
    headers: dict[str, str],
    connections: int,
    duration: float,
    max_requests: int = 100_000,
    timeout: float = 10.0,
) -> LoadResult:
    """`connections` threads, each with one keep-alive connection, until `duration` or `max_requests`."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + duration

    def take_ticket() -> bool:
        nonlocal issued
        with lock:
            if issued >= max_requests or time.monotonic() >= deadline:
                return False
            issued += 1
            return True

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        mine: list[float] = []
        failed = 0
        while take_ticket():
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=timeout)
                continue
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += failed

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
    )


def run_load(
    host: str,
    port: int,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    connections: int = 8,
    threads: int = 2,
    duration: int = 5,
    tool: str = "auto",
) -> LoadResult:
    headers = headers or {}
    if tool == "wrk" or (tool == "auto" and wrk_available()):
        return run_wrk(
            host, port, path, headers=headers, connections=connections, threads=threads, duration=duration
        )
    return run_python(host, port, path, headers=headers, connections=connections, duration=duration)
