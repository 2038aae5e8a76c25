"""`manage.py soak`: a bounded run of mixed reads and writes against gunicorn on loopback.

Readers fetch every public key page (and sign in and out, which writes sessions, paced under the
sign-in rate limit) while a writer edits states through a transaction; the run ends after --seconds (or
the request cap) and fails unless there were zero errors, no write was lost and the row counts are
unchanged. `--stack` runs it through the production stack instead of one gunicorn: HTTPS to nginx in
front of two app instances sharing Redis (REDIS_URL, or --redis-url), as quality/stack.py starts it.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from allauth.account import app_settings as account_settings
from allauth.core.internal.ratelimit import parse_rates
from django.core.management.base import BaseCommand, CommandError

from cyberportal.demo.services import DEMO_PASSWORD
from cyberportal.quality.registry import key_pages
from cyberportal.quality.server import (
    PYTHON,
    ROOT,
    Instance,
    bench_database_url,
    drop_bench_database,
    new_workdir,
)
from cyberportal.quality.stack import Ports, Stack, app_worker_rss_mb, insecure_tls

# Not a benchmark key-page account: bench_prepare gives those a random password.
SOAK_ACCOUNT = "expert.br"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Target:
    """Where the readers connect and the writer writes: one gunicorn, or nginx in front of the stack."""

    connect: Callable[[], http.client.HTTPConnection]
    origin: str
    writer_env: dict
    peak_rss: Callable[[], dict]


def sign_in_interval() -> float:
    """Seconds between two sign-ins so the run stays at half the strictest per-address "login" limit."""
    rates = [r for r in parse_rates(account_settings.RATE_LIMITS.get("login")) if r.per == "ip"]
    return max((2 * r.duration / r.amount for r in rates), default=1.0)


class Command(BaseCommand):
    help = (
        "Soak test: mixed reads and writes on a throw-away instance for a bounded time; fails on any error."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=90, help="How long to run (default 90 s).")
        parser.add_argument("--readers", type=int, default=4)
        parser.add_argument("--max-requests", type=int, default=200_000, help="Cap on read requests.")
        parser.add_argument("--database-url", default="", help="Soak on PostgreSQL (uses <name>_soak).")
        parser.add_argument(
            "--port", type=int, default=8112, help="gunicorn's; with --stack nginx's HTTPS, +3 more"
        )
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument(
            "--stack", action="store_true", help="Through nginx (HTTPS) and two app instances sharing Redis."
        )
        parser.add_argument("--redis-url", default="", help="Redis for --stack (default: REDIS_URL).")

    def handle(self, *args, **opts):
        if not 5 <= opts["seconds"] <= 3600:
            raise CommandError("--seconds must be between 5 and 3600.")
        report = self._soak_stack(opts) if opts["stack"] else self._soak_instance(opts)
        self.stdout.write(json.dumps(report, indent=2))
        problems = []
        if report["read_errors"]:
            problems.append(f"{report['read_errors']} read errors")
        writer = report["writer"]
        if writer["errors"] or writer["lost"]:
            problems.append(f"{writer['errors']} write errors, lost writes for {writer['lost']}")
        if writer["before"] != writer["after"]:
            problems.append(f"row counts changed: {writer['before']} -> {writer['after']}")
        if problems:
            raise CommandError("Soak failed: " + "; ".join(problems))
        self.stdout.write(
            f"Soak passed: {report['seconds']} s, {report['reads']} reads, {report['sign_ins']} sign-ins, "
            f"{writer['writes']} writes, zero errors, data intact."
        )

    def _soak_instance(self, opts) -> dict:
        workdir = new_workdir("cyberportal-soak-")
        database_url = bench_database_url(opts["database_url"] or None, workdir, suffix="soak")
        instance = Instance(database_url=database_url, workdir=workdir, port=opts["port"])
        try:
            self.stderr.write(f"Preparing the instance in {workdir} ...")
            instance.prepare("small")
            instance.start(opts["workers"])
            target = Target(
                connect=lambda: http.client.HTTPConnection("127.0.0.1", instance.port, timeout=30),
                origin=f"http://127.0.0.1:{instance.port}",
                writer_env=instance.env("cyberportal.settings.local"),
                peak_rss=instance.worker_peak_rss_mb,
            )
            return self._run(target, opts)
        finally:
            instance.stop()
            drop_bench_database(database_url)
            shutil.rmtree(workdir, ignore_errors=True)

    def _soak_stack(self, opts) -> dict:
        redis_url = opts["redis_url"] or os.environ.get("REDIS_URL", "")
        if not redis_url:
            raise CommandError("--stack needs Redis: --redis-url redis://127.0.0.1:6379/10 (or REDIS_URL).")
        port = opts["port"]  # nginx's HTTPS port; HTTP and the two instances on the next three
        stack = Stack.throwaway(
            database_url=opts["database_url"] or None,
            redis_url=redis_url,
            workers=opts["workers"],
            ports=Ports(https=port, http=port + 1, apps=(port + 2, port + 3)),
        )
        try:
            self.stderr.write(f"Preparing the stack in {stack.workdir} ...")
            stack.prepare()
            stack.start()
            target = Target(
                connect=lambda: http.client.HTTPSConnection(
                    "localhost", port, timeout=30, context=insecure_tls()
                ),
                origin=stack.base_url,
                writer_env={**stack.env, "DJANGO_SETTINGS_MODULE": "cyberportal.settings.local"},
                peak_rss=lambda: {str(n): mb for n, mb in enumerate(app_worker_rss_mb(stack))},
            )
            report = self._run(target, opts)
            report["through"] = f"nginx {stack.base_url}, two app instances, Redis {redis_url}"
            return report
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        finally:
            stack.stop()
            shutil.rmtree(stack.workdir, ignore_errors=True)

    def _run(self, target: Target, opts) -> dict:
        seconds = opts["seconds"]
        paths = [p.url(lang) for p in key_pages(public_only=True) for lang in ("en", "es")]
        counts = {"reads": 0, "errors": 0, "sign_ins": 0}
        lock = threading.Lock()
        deadline = time.monotonic() + seconds
        error_samples: list[str] = []
        # Sign-ins are paced by the clock, not by the read count: a faster server must not push the
        # readers (one address) over allauth's per-address sign-in limit and be answered 429.
        sign_in_every = sign_in_interval()
        next_sign_in = [time.monotonic()]

        def sign_in_due() -> bool:
            with lock:
                now = time.monotonic()
                if now < next_sign_in[0]:
                    return False
                next_sign_in[0] = now + sign_in_every
                return True

        def reader(n: int) -> None:
            conn = target.connect()
            i = n
            while time.monotonic() < deadline:
                with lock:
                    if counts["reads"] >= opts["max_requests"]:
                        return
                    counts["reads"] += 1
                i += 1
                try:
                    if sign_in_due():
                        self._sign_in_and_out(conn, target.origin)
                        with lock:
                            counts["sign_ins"] += 1
                        continue
                    conn.request("GET", paths[i % len(paths)])
                    response = conn.getresponse()
                    response.read()
                    if response.status != 200:
                        raise RuntimeError(f"{paths[i % len(paths)]} answered {response.status}")
                except Exception as error:
                    with lock:
                        counts["errors"] += 1
                        if len(error_samples) < 5:
                            error_samples.append(str(error))
                    conn.close()
                    conn = target.connect()

        writer = subprocess.Popen(
            [PYTHON, str(Path(ROOT) / "manage.py"), "soak_writer", "--seconds", str(seconds)],
            cwd=ROOT,
            env=target.writer_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started = time.monotonic()
        threads = [threading.Thread(target=reader, args=(n,), daemon=True) for n in range(opts["readers"])]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(seconds + 60)
        out, err = writer.communicate(timeout=seconds + 120)
        if writer.returncode != 0:
            raise CommandError(f"The writer failed: {err[-2000:]}")
        return {
            "seconds": round(time.monotonic() - started, 1),
            "reads": counts["reads"],
            "sign_ins": counts["sign_ins"],
            "sign_in_every_s": round(sign_in_every, 2),
            "read_errors": counts["errors"],
            "error_samples": error_samples,
            "writer": json.loads(out.strip().splitlines()[-1]),
            "worker_peak_rss_mb": target.peak_rss(),
        }

    @staticmethod
    def _sign_in_and_out(conn: http.client.HTTPConnection, origin: str) -> None:
        """A write path through the web: sign in (session, last_login) and sign out again."""
        conn.request("GET", "/en/accounts/sign-in/")
        response = conn.getresponse()
        body = response.read().decode()
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        token = TOKEN.search(body).group(1)
        # An expert: privileged demo accounts (focal points, the Secretariat) have a second factor.
        form = urlencode({"csrfmiddlewaretoken": token, "login": SOAK_ACCOUNT, "password": DEMO_PASSWORD})
        # Over HTTPS, Django's CSRF check also wants to know where the form came from.
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "Origin": origin}
        conn.request("POST", "/en/accounts/sign-in/", body=form, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 302:
            raise RuntimeError(f"sign-in as {SOAK_ACCOUNT} answered {response.status}, not a redirect")
        session = [
            c.split(";")[0] for c in response.headers.get_all("Set-Cookie") if c.startswith("sessionid=")
        ]
        csrf = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") if c.startswith("csrftoken=")]
        headers["Cookie"] = "; ".join([*session, *(csrf or [cookie])])
        # The sign-out confirmation carries the signed-in session's CSRF token (sign-in redirects away).
        conn.request("GET", "/en/accounts/sign-out/", headers={"Cookie": headers["Cookie"], "Origin": origin})
        response = conn.getresponse()
        token = TOKEN.search(response.read().decode()).group(1)
        conn.request(
            "POST", "/en/accounts/sign-out/", body=urlencode({"csrfmiddlewaretoken": token}), headers=headers
        )
        response = conn.getresponse()
        response.read()
        if response.status != 302:
            raise RuntimeError(f"sign-out answered {response.status}")
