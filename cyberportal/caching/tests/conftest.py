"""Shared set-up of the admin cache tests (`admin_cache_on`: on, and empty before and after)."""

import pytest
from django.core.cache import cache
from django.test import override_settings


@pytest.fixture
def admin_cache_on():
    cache.clear()
    with override_settings(ADMIN_FRAGMENT_SECONDS=60):
        yield
    cache.clear()
