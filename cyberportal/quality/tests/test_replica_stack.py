"""Reads on a real PostgreSQL streaming replica (core/replica.py): a primary and its hot standby started on
loopback (pgcluster.py), the portal served by gunicorn with DATABASE_REPLICA_URL. Each server logs every
statement, so the tests see which one ran a query: a read-only request reads from the replica, the author
of a write reads it back at once even while the replica is paused, nothing is ever written to the replica.

Skipped locally with the reason when PostgreSQL's server tools are missing; under CI=true they fail.
"""

from __future__ import annotations

import os
import re

import pytest

from cyberportal.demo.services import DEMO_PASSWORD
from cyberportal.quality.server import Instance

from . import pgcluster
from .helpers import Browser, free_port

pytestmark = pytest.mark.slow
PRIMARY_PORT = int(os.environ.get("CYBERPORTAL_TEST_PRIMARY_PORT", "8261"))
REPLICA_PORT = int(os.environ.get("CYBERPORTAL_TEST_REPLICA_PORT", "5433"))
DATABASE = "cyberportal_replica"
WRITES = re.compile(r"\b(INSERT INTO|UPDATE \"|DELETE FROM|CREATE TABLE|ALTER TABLE)", re.IGNORECASE)


@pytest.fixture(scope="module")
def cluster():
    problem = pgcluster.missing()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"The replica tests cannot run under CI: {problem}", pytrace=False)
        pytest.skip(f"replica tests skipped: {problem}")
    cluster = pgcluster.Cluster(PRIMARY_PORT, REPLICA_PORT)
    try:
        cluster.start()
        cluster.execute("primary", f'CREATE DATABASE "{DATABASE}"')
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def portal(cluster, tmp_path_factory):
    """The demo instance on the primary, served with the replica configured and the page cache off (so
    that every page reads the database)."""
    workdir = tmp_path_factory.mktemp("replica")
    setup = Instance(database_url=cluster.url("primary", DATABASE), workdir=workdir, port=free_port())
    setup.prepare("small")
    cluster.wait_caught_up()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_REPLICA_URL", cluster.url("replica", DATABASE))
        patch.setenv("PAGE_CACHE_SECONDS", "0")
        patch.setenv("DATABASE_REPLICA_PIN_SECONDS", "30")
        setup.start(workers=1)
    yield setup
    setup.stop()


def _statements(cluster, server: str, since: int) -> str:
    return "\n".join(line for line in cluster.log_since(server, since).splitlines() if DATABASE in line)


def test_a_read_only_request_reads_from_the_replica(cluster, portal):
    cluster.wait_caught_up()
    marks = {server: cluster.log_size(server) for server in ("primary", "replica")}

    status, _headers, body = Browser(portal.port).request("GET", "/en/states/")

    assert status == 200 and "Colombia" in body
    assert '"states_state"' in _statements(cluster, "replica", marks["replica"])
    assert '"states_state"' not in _statements(cluster, "primary", marks["primary"])


def test_the_author_of_a_write_reads_it_at_once_while_the_replica_is_paused(cluster, portal):
    expert = Browser(portal.port)
    status, _headers, _body = expert.post_form(
        "/en/accounts/sign-in/", {"login": "expert.br", "password": DEMO_PASSWORD}
    )
    assert status == 302 and "cp_primary" in expert.cookies  # the sign-in wrote: pinned to the primary
    cluster.wait_caught_up()
    cluster.execute("replica", "SELECT pg_wal_replay_pause()")
    try:
        fields = {
            "first_name": "Ana",
            "last_name": "Test",
            "institution": "Fiscalía",
            "position": "Fiscal de turno",
        }
        fields["time_zone"] = "UTC"
        status, _headers, _body = expert.post_form("/en/accounts/profile/", fields)
        assert status == 302
        mark = cluster.log_size("replica")

        status, _headers, body = expert.request("GET", "/en/accounts/profile/")  # pinned: the primary
        assert status == 200 and "Fiscal de turno" in body
        assert '"accounts_user"' not in _statements(cluster, "replica", mark)

        del expert.cookies["cp_primary"]  # the pin gone, the replica still behind: the primary again
        status, _headers, body = expert.request("GET", "/en/accounts/profile/")
        assert status == 200 and "Fiscal de turno" in body
        assert '"accounts_user"' not in _statements(cluster, "replica", mark)
    finally:
        cluster.execute("replica", "SELECT pg_wal_replay_resume()")

    # Caught up: the replica serves the read, with the write in it. Any WAL the primary writes meanwhile
    # (autovacuum, a checkpoint, the session's expiry) puts the replica a few bytes behind for a moment,
    # and the router then rightly reads from the primary: the page is right either way; ask until the
    # replica answered.
    for _attempt in range(10):
        cluster.wait_caught_up()
        mark = cluster.log_size("replica")
        status, _headers, body = expert.request("GET", "/en/accounts/profile/")
        assert status == 200 and "Fiscal de turno" in body
        if '"accounts_user"' in _statements(cluster, "replica", mark):
            break
    else:
        pytest.fail("ten reads after the replica caught up all went to the primary")


def test_nothing_is_written_to_the_replica(cluster, portal):
    Browser(portal.port).request("GET", "/en/")
    replica_log = _statements(cluster, "replica", 0)

    assert replica_log  # the replica did serve this instance
    assert not WRITES.findall(replica_log)
    assert WRITES.findall(_statements(cluster, "primary", 0))  # the migrations and writes went there
    assert cluster.execute("replica", "SELECT pg_is_in_recovery()")[0][0] is True
    # Migrations with the replica configured still apply to the primary only (and find nothing to do).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_REPLICA_URL", cluster.url("replica", DATABASE))
        assert "No migrations to apply" in portal.manage("migrate", "--no-input")
