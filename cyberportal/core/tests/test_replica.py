"""The replica router (core/replica.py) and the proxied client address, without a replica: which alias
each read and write is sent to, per request method, cookie, transaction and replica state. The real
streaming replica is exercised in quality/tests/test_replica_stack.py (slow lane)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from cyberportal.core import replica
from cyberportal.core.middleware import ProxiedClientAddressMiddleware
from cyberportal.states.models import State

ROOT = Path(__file__).resolve().parents[3]
router = replica.ReplicaRouter()


@pytest.fixture
def with_replica(monkeypatch):
    """A configured replica that has caught up, counting how often the router asked."""
    checks = []
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    monkeypatch.setattr(replica, "replica_caught_up", lambda: checks.append(1) or True)
    return checks


def _serve(request, reads: int = 1):
    """Run the request through the middleware; the view records where each of its reads would go."""
    seen = []

    def view(_request):
        seen.extend(router.db_for_read(State) for _ in range(reads))
        return HttpResponse("ok")

    response = replica.ReplicaReadsMiddleware(view)(request)
    return seen, response


def test_a_read_only_request_reads_from_the_replica_and_checks_its_lag_once(with_replica):
    seen, response = _serve(RequestFactory().get("/en/states/"), reads=5)

    assert seen == ["replica"] * 5
    assert len(with_replica) == 1  # one check per request, however many reads
    assert replica.PIN_COOKIE not in response.cookies


def test_a_replica_behind_the_primary_sends_the_reads_to_the_primary(monkeypatch):
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    monkeypatch.setattr(replica, "replica_caught_up", lambda: False)

    seen, _response = _serve(RequestFactory().get("/en/states/"), reads=3)

    assert seen == ["default"] * 3


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_request_that_may_write_reads_from_the_primary_and_pins_its_author_there(with_replica, method):
    seen, response = _serve(getattr(RequestFactory(), method)("/en/accounts/sign-in/"))

    assert seen == ["default"]
    cookie = response.cookies[replica.PIN_COOKIE]
    assert cookie["max-age"] == 10 and cookie["httponly"]
    assert with_replica == []


@override_settings(DATABASE_REPLICA_PIN_SECONDS=3)
def test_the_author_of_a_write_reads_from_the_primary_while_pinned(with_replica):
    _seen, response = _serve(RequestFactory().post("/en/accounts/sign-in/"))
    assert response.cookies[replica.PIN_COOKIE]["max-age"] == 3

    request = RequestFactory().get("/en/accounts/profile/")
    request.COOKIES[replica.PIN_COOKIE] = "1"
    seen, response = _serve(request)

    assert seen == ["default"]
    assert with_replica == []  # no lag check either
    assert replica.PIN_COOKIE not in response.cookies  # a read does not extend the pin


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(with_replica):
    def view(_request):
        with transaction.atomic():
            return HttpResponse(router.db_for_read(State))

    response = replica.ReplicaReadsMiddleware(view)(RequestFactory().get("/en/states/"))

    assert response.content == b"default"


def test_outside_a_request_writes_and_migrations_everything_is_on_the_primary(with_replica):
    assert router.db_for_read(State) == "default"  # commands, the task worker
    assert router.db_for_write(State) == "default"
    assert router.allow_migrate("default", "states") is True
    assert router.allow_migrate("replica", "states") is False


def test_without_a_replica_the_middleware_changes_nothing():
    seen, response = _serve(RequestFactory().post("/en/accounts/sign-in/"))

    assert seen == ["default"]
    assert replica.PIN_COOKIE not in response.cookies


def _settings_with(**extra_env) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_REPLICA_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="cyberportal.settings.local", **extra_env)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(sorted(s.DATABASES), s.DATABASE_ROUTERS, s.DATABASES.get('replica', {}).get('PORT'))"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


def test_the_settings_add_the_replica_and_its_router_only_when_a_postgresql_url_is_given():
    assert _settings_with().stdout.strip() == "['default'] [] None"
    assert _settings_with(DATABASE_REPLICA_URL="postgres://u@127.0.0.1:5433/db").stdout.strip() == (
        "['default', 'replica'] ['cyberportal.core.replica.ReplicaRouter'] 5433"
    )
    refused = _settings_with(DATABASE_REPLICA_URL="sqlite:///replica.sqlite3")
    assert refused.returncode != 0
    assert "DATABASE_REPLICA_URL must be a PostgreSQL URL" in refused.stderr


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "172.16.0.0/12"])
@pytest.mark.parametrize(
    ("peer", "header", "seen"),
    [
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),  # from the proxy: the visitor's address
        ("127.0.0.1", "2001:db8::1", "2001:db8::1"),
        ("172.18.0.5", "203.0.113.7", "203.0.113.7"),  # a proxy on a trusted network
        ("198.51.100.2", "203.0.113.7", "198.51.100.2"),  # a visitor claiming another address: ignored
        ("127.0.0.1", "not-an-address", "127.0.0.1"),  # garbage: the proxy's own address stays
        ("127.0.0.1", None, "127.0.0.1"),
    ],
)
def test_the_visitors_address_is_taken_from_a_trusted_proxy_only(peer, header, seen):
    extra = {"HTTP_X_REAL_IP": header} if header else {}
    request = RequestFactory().get("/", REMOTE_ADDR=peer, **extra)

    response = ProxiedClientAddressMiddleware(lambda r: HttpResponse(r.META["REMOTE_ADDR"]))(request)

    assert response.content.decode() == seen


def test_without_trusted_proxies_the_header_is_never_believed():
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")

    response = ProxiedClientAddressMiddleware(lambda r: HttpResponse(r.META["REMOTE_ADDR"]))(request)

    assert response.content == b"127.0.0.1"
