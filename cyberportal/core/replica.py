"""Reads of read-only requests on a PostgreSQL streaming replica, with read-your-writes.

Only when `DATABASE_REPLICA_URL` is set (the settings then add the `replica` alias and this router).
A GET, HEAD or OPTIONS request may read from the replica; everything else reads from the primary:
writes, anything inside a transaction, management commands, the task worker. Migrations run only on
the primary (the replica is read-only and receives them by replication).

A read is sent to the replica only when the replica has replayed everything the primary had written
when the request first read: the first read of a request compares the primary's WAL insert position with
the replica's replay position (two one-row queries, once per request; a page served whole from the page
cache never asks). The insert position, not `pg_current_wal_lsn()` (what has been written out): under
`synchronous_commit = off` a commit returns before its WAL is written, and the written position would
then call a replica that lacks the commit up to date. A request therefore never sees data older than what was committed before it
began, so a page rendered from the replica and stored in the page cache is never older than the
version it is stored under, and a replica that lags, or cannot be reached, sends reads back to the
primary instead of serving stale pages or errors (an unreachable replica is left alone for
`REPLICA_RETRY_SECONDS`).

On top of that, every request that may write (any other method: a form, a sign-in, a sign-out) sets
the short-lived `PIN_COOKIE`: for `DATABASE_REPLICA_PIN_SECONDS` its author's reads go straight to
the primary without the check. The cookie is not a secret and needs no signature: a browser that
forges it only sends its own reads to the primary, where they would go without a replica.
"""

from __future__ import annotations

import contextvars
import logging
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
PIN_COOKIE = "cp_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
REPLICA_RETRY_SECONDS = 30

logger = logging.getLogger(__name__)

# Per request: None = may use the replica, not yet checked; True/False = decided. False outside requests.
_use_replica: contextvars.ContextVar[bool | None] = contextvars.ContextVar("use_replica", default=False)
_replica_down_until = 0.0  # per process: after a failed check, the replica is left alone for a while


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def pin_seconds() -> int:
    return int(getattr(settings, "DATABASE_REPLICA_PIN_SECONDS", 10))


def replica_caught_up() -> bool:
    """True when the replica has replayed all the primary had written a moment ago (two tiny queries)."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
            primary_lsn = cursor.fetchone()[0]
        with connections[REPLICA].cursor() as cursor:
            # NULL (not a standby at all, so not a replica of ours) counts as behind.
            cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, false)", [primary_lsn])
            return bool(cursor.fetchone()[0])
    except DatabaseError as error:
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        logger.warning("Replica unusable, reading from the primary for %ss: %s", REPLICA_RETRY_SECONDS, error)
        connections[REPLICA].close()
        return False


class ReplicaRouter:
    """Django's database router: reads to the replica only where the request allows it."""

    def db_for_read(self, model, **hints):
        use = _use_replica.get()
        if use is False or not replica_configured():
            return DEFAULT_DB_ALIAS
        # A read inside a transaction on the primary must see that transaction's own writes.
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        if use is None:
            use = replica_caught_up()
            _use_replica.set(use)
        return REPLICA if use else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both: a row read from the replica may point at one on the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Decides per request whether its reads may go to the replica, and pins a writer to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        safe = request.method in SAFE_METHODS
        token = _use_replica.set(None if safe and PIN_COOKIE not in request.COOKIES else False)
        try:
            response = self.get_response(request)
        finally:
            _use_replica.reset(token)
        if not safe:
            # Any request that may have written: its author reads from the primary for a while.
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=pin_seconds(),
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
