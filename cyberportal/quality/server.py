"""A throw-away instance for the benchmark, the soak and the fault tests: its own database, prepared
with manage.py in subprocesses, served by gunicorn with the production settings on loopback.

Nothing here touches the database the calling process uses: the instance's DATABASE_URL points at a
SQLite file in a temporary folder or at a separate PostgreSQL database named `<name>_bench`.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PYTHON = sys.executable


def _pg_url(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def bench_database_url(database_url: str | None, workdir: Path, suffix: str = "bench") -> str:
    """A fresh, empty database for the instance: a SQLite file, or `<name>_<suffix>` on PostgreSQL."""
    if not database_url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/") or "postgres"
    bench_name = f"{name}_{suffix}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))  # the named database need not exist
    with psycopg.connect(_pg_url(admin_url), autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{bench_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{bench_name}"')
    return urlunsplit(parts._replace(path=f"/{bench_name}"))


def drop_bench_database(bench_url: str) -> None:
    if not bench_url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    parts = urlsplit(bench_url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(_pg_url(admin_url), autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Instance:
    """Environment and state of one throw-away instance."""

    database_url: str
    workdir: Path
    port: int
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(40))
    process: subprocess.Popen | None = None

    def env(self, settings_module: str = "cyberportal.settings.production") -> dict[str, str]:
        env = dict(os.environ)
        env.update(self.overrides(settings_module))
        env.pop("DEBUG", None)
        return env

    def overrides(self, settings_module: str = "cyberportal.settings.production") -> dict[str, str]:
        """The environment that serves this instance (for a server started by someone else, too)."""
        return {
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": self.secret_key,
            "AUDIT_HMAC_KEYS": f"bench:{self.secret_key}",  # production settings refuse to start without one
            "CYBERPORTAL_DATA_DIR": str(self.workdir),
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; TLS is the proxy's job
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DB_CONN_MAX_AGE": "60",  # production keeps connections open between requests
            "LOG_LEVEL": "ERROR",
            "PYTHONUNBUFFERED": "1",
            "CYBERPORTAL_BENCH_INSTANCE": "1",
            "EMAIL_ALLOW_CONSOLE": "true",  # a throw-away instance sends no mail (production settings refuse it)
            # Every request of the bench comes from 127.0.0.1: the per-address miss limit would answer 429.
            "PAGE_CACHE_MISSES_PER_MINUTE": "0",
        }

    def manage(self, *args: str, settings_module: str = "cyberportal.settings.local") -> str:
        """Run manage.py in the instance (local settings by default: they include the demo app)."""
        completed = subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=self.env(settings_module),
            capture_output=True,
            text=True,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{completed.stderr[-3000:]}")
        return completed.stdout

    def prepare(self, scale: str) -> dict:
        """Migrate, load the reference data and the demo, add the scale's data; return sessions."""
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("load_reference_data")
        self.manage("load_demo")
        self.manage(
            "collectstatic", "--no-input", "-v", "0", settings_module="cyberportal.settings.production"
        )
        output = self.manage("bench_prepare", "--scale", scale)
        return json.loads(output.strip().splitlines()[-1])

    def database_size_mb(self) -> float | None:
        """The size of the instance's database on disk (the SQLite file, or PostgreSQL's figure)."""
        if not self.database_url.startswith(("postgres://", "postgresql://")):
            path = Path(urlsplit(self.database_url).path)
            return round(path.stat().st_size / 1024 / 1024, 1) if path.exists() else None
        import psycopg

        with psycopg.connect(_pg_url(self.database_url), connect_timeout=5) as conn:
            size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        return round(size / 1024 / 1024, 1)

    def start(self, workers: int, *, healthy: bool = True) -> None:
        gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
        log = open(self.workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [
                gunicorn,
                "cyberportal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.wait_ready(healthy=healthy)

    def wait_ready(self, timeout: float = 60, *, healthy: bool = True) -> None:
        """Wait for /healthz to answer 200 (or any HTTP answer when `healthy` is False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as r:
                    if r.status == 200:
                        return
            except urllib.error.HTTPError:
                if not healthy:
                    return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the server did not answer /healthz within {timeout:.0f}s: {self.log_tail()}")

    def log_tail(self) -> str:
        path = self.workdir / "gunicorn.log"
        return path.read_text()[-2000:] if path.exists() else ""

    def worker_pids(self) -> list[int]:
        if not self.process:
            return []
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(p) for p in path.read_text().split()]
        except OSError:
            return []

    def worker_peak_rss_mb(self) -> dict[str, float]:
        """Each worker's peak resident memory (VmHWM) in MiB; empty where /proc is not available."""
        peaks = {}
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks[str(pid)] = round(int(line.split()[1]) / 1024, 1)
            except OSError:
                continue
        return peaks

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def new_workdir(prefix: str = "cyberportal-bench-") -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))
