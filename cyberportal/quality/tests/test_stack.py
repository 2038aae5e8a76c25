"""The production stack on loopback (quality/stack.py): nginx with TLS and HTTP/2 in front of two gunicorn
instances on one database and one Redis. A write through one instance is seen at once through the other,
stopping or killing an instance under load loses no request, static files are compressed and cached
for a year, and the compose file names every service.

Needs nginx (Debian's nginx-light), curl, the `redis` package and a Redis server (CYBERPORTAL_TEST_REDIS_URL,
default redis://127.0.0.1:6379/10, a database these tests empty). Locally they are skipped with the
reason when one is missing; under CI=true they fail instead.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
import yaml

from cyberportal.demo.services import DEMO_PASSWORD
from cyberportal.quality.stack import Stack, insecure_tls, nginx_missing

from .helpers import Browser

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("CYBERPORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/10")


def _missing() -> str:
    problems = [nginx_missing()] if nginx_missing() else []
    if not shutil.which("curl"):
        problems.append("curl not found (apt-get install curl)")
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except ImportError:
        problems.append("the redis package is not installed (pyproject.toml lists it)")
    except Exception as error:  # noqa: BLE001 - any failure to reach Redis is the same reason to skip
        problems.append(f"Redis at {REDIS_URL} is unreachable ({error})")
    return "; ".join(problems)


def require_stack() -> None:
    missing = _missing()
    if not missing:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"The stack tests cannot run under CI: {missing}", pytrace=False)
    pytest.skip(f"stack tests skipped: {missing}")


@pytest.fixture(scope="module")
def stack():
    require_stack()
    database_url = os.environ.get("DATABASE_URL", "")
    stack = Stack.throwaway(
        database_url=database_url if database_url.startswith("postgres") else None, redis_url=REDIS_URL
    )
    try:
        stack.prepare()
        stack.start()
        yield stack
    finally:
        stack.stop()
        shutil.rmtree(stack.workdir, ignore_errors=True)


def _cache_state(port: int, path: str) -> str:
    return Browser(port).request("GET", path)[1].get("X-Page-Cache", "")


@pytest.mark.slow
def test_a_write_through_one_instance_is_seen_at_once_through_the_other(stack):
    a, b = stack.ports.apps
    # The page cache is shared: a page that instance B rendered is served from the cache by instance A.
    Browser(b).request("GET", "/en/")
    assert _cache_state(b, "/en/") == "hit"
    assert _cache_state(a, "/en/") == "hit"

    # An expert signs in and saves their profile through A...
    expert = Browser(a)
    status, _headers, _body = expert.post_form(
        "/en/accounts/sign-in/", {"login": "expert.ar", "password": DEMO_PASSWORD}
    )
    assert status == 302
    position = f"Prosecutor {time.monotonic_ns()}"
    fields = {"first_name": "Ana", "last_name": "Test", "institution": "Fiscalía", "position": position}
    status, _headers, _body = expert.post_form("/en/accounts/profile/", {**fields, "time_zone": "UTC"})
    assert status == 302

    # ...and B, with the same session, shows it at once (one database, sessions included),
    expert.port = b
    status, _headers, body = expert.request("GET", "/en/accounts/profile/")
    assert status == 200 and position in body

    # while the content write has invalidated the shared page cache for both instances.
    assert _cache_state(b, "/en/") == "miss"
    assert _cache_state(a, "/en/") == "hit"


class Load:
    """GETs through nginx over HTTPS from several threads until stopped; every failure is kept."""

    PATHS = ["/en/", "/en/states/", "/es/states/", "/healthz", "/en/instruments/", "/fr/"]

    def __init__(self, stack: Stack, threads: int = 4):
        self.port = stack.ports.https
        self.done = threading.Event()
        self.ok = 0
        self.failures: list[str] = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def _connect(self) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection("localhost", self.port, timeout=30, context=insecure_tls())

    def _run(self, n: int) -> None:
        conn, i = self._connect(), n
        while not self.done.is_set():
            i += 1
            path = self.PATHS[i % len(self.PATHS)]
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                outcome = None if response.status == 200 else f"{path}: {response.status}"
            except (OSError, http.client.HTTPException) as error:
                outcome = f"{path}: {error!r}"
                conn.close()
                conn = self._connect()
            with self.lock:
                if outcome:
                    self.failures.append(outcome)
                else:
                    self.ok += 1
        conn.close()

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        for thread in self.threads:
            thread.join(60)


@pytest.mark.slow
def test_stopping_or_killing_one_instance_under_load_loses_no_request(stack):
    with Load(stack) as load:
        time.sleep(2)
        stack.stop_instance("a")  # as an operator restarts it: SIGTERM, requests under way finish
        time.sleep(3)
        during_stop = load.ok
        stack.start_instance("a")
        time.sleep(2)
        stack.processes["app-b"].send_signal(signal.SIGKILL)  # a crash: connections reset mid-request
        stack.processes["app-b"].wait(10)
        time.sleep(3)
        stack.processes.pop("app-b")
        stack.start_instance("b")
        time.sleep(2)

    assert load.failures == []
    assert load.ok > during_stop > 50  # requests were served all along, also while A was down


@pytest.mark.slow
def test_static_files_are_compressed_and_cached_for_a_year_over_http2(stack):
    manifest = json.loads((stack.static_root / "staticfiles.json").read_text())["paths"]
    hashed = next(v for k, v in manifest.items() if k.endswith(".css"))
    curl = [
        "curl", "--silent", "--insecure", "--http2", "--head",
        "--header", "Accept-Encoding: gzip", "--write-out", "%{http_version}",
    ]  # fmt: skip

    headers = subprocess.run(
        [*curl, f"{stack.base_url}/static/{hashed}"], capture_output=True, text=True
    ).stdout
    assert headers.startswith("HTTP/2 200") and headers.endswith("2")  # HTTP/2 negotiated (ALPN)
    assert "cache-control: public, max-age=31536000, immutable" in headers.lower()
    assert "content-encoding: gzip" in headers.lower()

    plain_name = next(k for k in manifest if k.endswith(".css"))
    headers = subprocess.run(
        [*curl, f"{stack.base_url}/static/{plain_name}"], capture_output=True, text=True
    ).stdout
    assert "max-age=3600" in headers.lower() and "immutable" not in headers.lower()

    page = subprocess.run(
        [*curl, f"{stack.base_url}/en/states/"], capture_output=True, text=True
    ).stdout.lower()
    assert page.startswith("http/2 200") and "content-encoding: gzip" in page

    plain_http = subprocess.run(
        ["curl", "--silent", "--head", f"http://127.0.0.1:{stack.ports.http}/en/states/"],
        capture_output=True,
        text=True,
    ).stdout.lower()
    assert plain_http.startswith("http/1.1 301")
    assert f"location: https://127.0.0.1:{stack.ports.https}/en/states/" in plain_http


def test_the_compose_file_runs_every_part_of_the_stack_with_secrets_from_the_environment():
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    services = compose["services"]

    assert {"nginx", "app-a", "app-b", "worker", "postgres", "redis"} <= set(services)
    for name in ("app-a", "app-b", "worker"):
        environment = services[name]["environment"]
        for secret in ("SECRET_KEY", "AUDIT_HMAC_KEYS"):
            assert environment[secret].startswith("${" + secret), (
                f"{name}: {secret} must come from the environment"
            )
    assert all("password" not in json.dumps(s).lower() or "${" in json.dumps(s) for s in services.values())


def test_the_nginx_template_is_filled_completely_and_retries_only_what_it_may():
    from cyberportal.quality.stack import Ports, render_config

    text = render_config(
        ports=Ports(https=443, http=80, apps=(9001, 9002)),
        static_root=Path("/srv/static"),
        certificate=Path("/c.pem"),
        certificate_key=Path("/k.pem"),
    )
    assert "{{" not in text
    assert "server 127.0.0.1:9001" in text and "server 127.0.0.1:9002" in text
    assert "listen 127.0.0.1:443 ssl http2;" in text
    assert "return 301 https://$host$request_uri;" in text
    assert "proxy_next_upstream error timeout http_502;" in text and "non_idempotent" not in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["up", "--app-ports", "8251"], "--app-ports: '8251' must name two TCP ports"),
        (["up", "--app-ports", "a,b"], "--app-ports: 'a,b' is not a comma-separated list of ports"),
        (["down"], "No stack recorded in"),
        (["status"], "No stack recorded in"),
    ],
)
def test_the_stack_command_names_what_is_wrong(tmp_path, argv, message):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("stack", *argv, "--dir", str(tmp_path))


def test_stack_up_refuses_to_start_without_its_secrets_in_the_environment(tmp_path, monkeypatch):
    from django.core.management import CommandError, call_command

    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "AUDIT_HMAC_KEYS"):
        monkeypatch.delenv(name, raising=False)

    with pytest.raises(
        CommandError, match="Set DATABASE_URL, REDIS_URL, SECRET_KEY, AUDIT_HMAC_KEYS in the environment"
    ):
        call_command("stack", "up", "--dir", str(tmp_path))
    assert not (tmp_path / "stack.json").exists()
