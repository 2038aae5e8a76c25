"""Fixtures shared by every app's tests, and the demo instance loaded once per test session."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections, transaction

from cyberportal.testing import make_state, make_user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb):
    """pytest-django's, plus: a kept test database (`--reuse-db`) ends the session as it began.

    Transactional tests flush every table when they end, and with them the rows that data migrations
    created (Wagtail's root page, contact roles, recommendation themes...); the next session would
    start without them (Django ticket #25251). At its end the session empties the database and loads
    back the rows it started with, as a serialized_rollback test does."""
    if django_db_keepdb:
        with django_db_blocker.unblock():
            for connection in connections.all(initialized_only=True):
                if not hasattr(connection, "_test_serialized_contents"):  # no serialized_rollback test
                    connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
    if django_db_keepdb:
        with django_db_blocker.unblock():
            for connection in connections.all(initialized_only=True):
                call_command(
                    "flush",
                    database=connection.alias,
                    interactive=False,
                    inhibit_post_migrate=True,
                    reset_sequences=False,  # PostgreSQL: new rows must not reuse the restored ids
                    verbosity=0,
                )
                connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language. A request under /pt/ leaves Portuguese active in its
    thread after the response, so without this a test's English messages depended on which test ran
    before it in the same worker (a PostgreSQL run of the fast lane showed it)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def state_ar(db):
    return make_state("AR")


@pytest.fixture
def state_br(db):
    return make_state("BR")


@pytest.fixture
def user_factory(db):
    return make_user


# Loading the demo instance takes seconds. Tests that need it ask for `demo_instance`: it is loaded once,
# inside an outer transaction that each test's own transaction nests in (a savepoint rolled back after
# every test), and rolled back as soon as the next test does not need it, so no other test ever sees the
# demo's rows. These tests are sorted together so that each process loads it once; under pytest-xdist
# each worker that gets some loads it for them (xdist's loadgroup, which could pin them to one worker,
# is silently ignored with pytest 9.2: pytest-xdist issue #1386).
DEMO_FIXTURE = "demo_instance"


class _DemoTransaction:
    atomic = None  # the open outer transaction.atomic while the demo is loaded
    blocker = None  # pytest-django's database blocker, to reach the database between tests

    def open(self, blocker):
        self.blocker = blocker
        with blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            call_command("load_reference_data", verbosity=0)
            call_command("load_demo", verbosity=0)

    def close(self):
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None
        for cache in caches.all():  # nothing cached from the demo's rows may outlive them
            cache.clear()


_demo = _DemoTransaction()


@pytest.fixture(scope="session")
def _demo_session(django_db_setup, django_db_blocker):
    # Session scope: set up before any test's own transaction, so that transaction nests inside it.
    _demo.open(django_db_blocker)
    yield _demo
    _demo.close()


@pytest.fixture
def demo_instance(_demo_session, db):
    """The reference data and the demo instance (`load_reference_data` then `load_demo`)."""
    if _demo_session.atomic is None:
        # Rolled back already because another test ran in between (under xdist a worker may get the
        # demo's tests apart): load it inside this test's own transaction, slower but as isolated.
        call_command("load_reference_data", verbosity=0)
        call_command("load_demo", verbosity=0)


@pytest.hookimpl(tryfirst=True)  # before pytest-django's own (stable) sort by kind of database use
def pytest_collection_modifyitems(config, items):
    """Keep the demo's tests together: last among the tests that run inside a transaction."""
    items.sort(key=lambda item: DEMO_FIXTURE in getattr(item, "fixturenames", ()))  # stable


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    if nextitem is None or DEMO_FIXTURE not in getattr(nextitem, "fixturenames", ()):
        _demo.close()
    return result
